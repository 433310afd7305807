"""The server's settings, read from ``NEWSFACET_*`` environment variables as what they are.

Why not Flask's ``from_prefixed_env``: it JSON-decodes every value, so
``NEWSFACET_API_KEY=true`` expected clients to send ``True``, ``0``, ``null`` or ``[]``
switched writes off, ``NEWSFACET_INDEX=123`` became a number, and a setting that does not
parse (``NEWSFACET_WRITE_TIMEOUT=abc``) failed in the middle of a request. Here each
setting has one parser, and a value it cannot read stops the server at start with one
line naming the variable.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from newsfacet.schema.errors import InvalidSetting

from .query_limits import QUERY_TIMEOUT

log = logging.getLogger(__name__)
PREFIX = "NEWSFACET_"


def _path(text: str) -> str:
    if not text.strip():
        raise ValueError("expected a directory path, got an empty value")
    return text


def _key(text: str) -> str | None:
    """The key exactly as given; empty means writes are off."""
    return text or None


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"expected seconds as a number of 0 or more, got {text!r}")
    return value


def _budget(text: str) -> float | None:
    """Seconds, or ``none``/``off`` (or empty) for no limit."""
    if text.strip().lower() in ("", "none", "off"):
        return None
    return _seconds(text)


def _bytes(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise ValueError(f"expected a number of bytes of 1 or more, got {text!r}")
    return value


def _backend(text: str) -> str:
    """A backend spec as given, once it parses (``api/backend_spec.py``)."""
    from newsfacet.schema.errors import InvalidParameter

    from .backend_spec import parse_spec

    try:
        return str(parse_spec(text))
    except InvalidParameter as exc:
        raise ValueError(str(exc)) from None


@dataclass(frozen=True)
class Setting:
    """One ``NEWSFACET_<name>`` variable: how to read it, its default, what it does."""

    name: str
    parse: Callable[[str], Any]
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("INDEX", _path, "var/index", "index directory"),
    Setting("BACKEND", _backend, None, "engine and index: whoosh:PATH (the default, as "
            "NEWSFACET_INDEX), xapian:PATH or xapian+tcp://H1:P1,H2:P2,..."),
    Setting("API_KEY", _key, None, "key that writes (POST/DELETE /documents) need; "
            "unset or empty: writes are off"),
    Setting("WRITE_TIMEOUT", _seconds, 10.0, "seconds a write waits for the index lock "
            "before answering 503 with Retry-After"),
    Setting("MAX_CONTENT_LENGTH", _bytes, 16 * 1024 * 1024, "largest request body, bytes"),
    Setting("QUERY_TIMEOUT", _budget, QUERY_TIMEOUT, "seconds a search may work before it "
            "answers 400 'Query too costly'; none or off: no limit"),
)
#: ``NEWSFACET_*`` variables read by other parts (tests, the CLI), not by the server.
OTHER_VARIABLES = {"SCREENSHOT", "SOAK_SECONDS", "UPDATE_DOCS", "SHARED_DATA", "XAPIAN_STATE"}


def defaults() -> dict[str, Any]:
    return {setting.name: setting.default for setting in SETTINGS}


def from_environ(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The settings the environment sets, parsed; InvalidSetting names any it cannot read.

    An unknown ``NEWSFACET_*`` name is logged (a misspelt ``NEWSFACET_API_KEY`` would
    otherwise leave writes off without a word) but does not stop the server.
    """
    environ = os.environ if environ is None else environ
    known = {setting.name: setting for setting in SETTINGS}
    found: dict[str, Any] = {}
    for variable, text in environ.items():
        if not variable.startswith(PREFIX):
            continue
        name = variable[len(PREFIX):]
        setting = known.get(name)
        if setting is None:
            if name not in OTHER_VARIABLES:
                log.warning("%s is not a newsfacet setting (settings: %s)", variable,
                            ", ".join(PREFIX + s.name for s in SETTINGS))
            continue
        try:
            found[name] = setting.parse(text)
        except ValueError as exc:
            raise InvalidSetting(f"{variable}: {exc} ({setting.help})") from None
    return found
