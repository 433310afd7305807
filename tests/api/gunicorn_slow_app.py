"""The newsfacet app with one deliberately slow route, served by gunicorn in
``test_gunicorn.py`` to see what a client gets when a worker is killed at its timeout.
Test-only: nothing in the package imports it."""

from __future__ import annotations

import time

from newsfacet.api.http import create_app

app = create_app()


@app.get("/slow")
def slow() -> str:
    time.sleep(120)  # far past the test server's 2 s timeout
    return "too late"
