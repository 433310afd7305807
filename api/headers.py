"""Security headers on every answer: a strict Content-Security-Policy and nosniff.

The pages load only their own script and stylesheet (``/web-static/``), carry no inline
script or style, post no forms elsewhere and are framed by nobody, so the policy can
refuse everything else: should escaping ever miss, injected markup still runs nothing.
Non-HTML answers get ``default-src 'none'``: a JSON body opened in a browser loads nothing.
"""

from __future__ import annotations

from flask import Response

PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
               "form-action 'self'")
OTHER_POLICY = "default-src 'none'; frame-ancestors 'none'"


def add_security_headers(response: Response) -> Response:
    """``after_request`` hook: the policy for the kind of answer, and nosniff on all."""
    policy = PAGE_POLICY if response.mimetype == "text/html" else OTHER_POLICY
    response.headers.setdefault("Content-Security-Policy", policy)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
