"""Which stored URLs a page may turn into links: absolute ``http`` and ``https`` only.

A document's ``url`` is whatever its source said (Elasticsearch stores what it is given,
and so do we), so ``javascript:alert(document.domain)`` or ``data:text/html,...`` can be
stored; the page is where that matters. The check reads the URL the way a browser does
(WHATWG URL: tabs and newlines removed anywhere, leading and trailing C0 controls and
spaces stripped, the scheme in any letter case) and returns the cleaned text for the
``href``, so what is checked is exactly what the browser follows.
"""

from __future__ import annotations

import re

#: Schemes a stored URL may link to; anything else is shown as text.
LINK_SCHEMES = ("http", "https")
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")
_C0_OR_SPACE = "".join(chr(code) for code in range(0x21))
_ABSOLUTE = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*)://")


def safe_href(url: str | None) -> str | None:
    """The URL to put in an ``href``, or None when it must not become a link."""
    if not url:
        return None
    cleaned = _TAB_OR_NEWLINE.sub("", url).strip(_C0_OR_SPACE)
    match = _ABSOLUTE.match(cleaned)
    if match is None or match[1].lower() not in LINK_SCHEMES:
        return None
    return cleaned
