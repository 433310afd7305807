"""Read one parameter value from text: dates, cursors, durations, integers, flags, lists.

Each function turns the text a client sent (a query string value, a command-line
argument, a string passed from Python) into a value or an InvalidParameter naming the
parameter. Which parameter uses which reader, and its limits, is declared in
:mod:`param_registry`; the syntax the description promises is in :mod:`param_syntax`.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import datetime as dt
import json
import math
import re
from collections.abc import Iterable

from newsfacet.schema import strict_json
from newsfacet.schema.errors import InvalidJSON, InvalidParameter
from newsfacet.schema.isodate import parse_iso_date

from .models import SORTS, Cursor
from .param_syntax import SPACES

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$", re.ASCII)
TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}


def parse_date_bound(name: str, text: str, end: bool) -> dt.date:
    """ISO date, year-month or year; a partial date covers its whole month or year."""
    match = _PARTIAL_DATE.match(text.strip(SPACES))
    if not match:
        raise InvalidParameter(f"{name}: expected a date as YYYY-MM-DD, YYYY-MM or YYYY, "
                               f"got {text!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, last if end else 1)
        return dt.date(year, month, day)
    except ValueError:
        raise InvalidParameter(f"{name}: {text!r} is not a calendar date") from None


_SINCE = re.compile(r"^\s*since\s+", re.IGNORECASE | re.ASCII)
#: Only words make a natural-language date: dateparser reads a bare "5" as the 5th.
_HAS_LETTER = re.compile(r"[^\W\d_]")
#: A year then "-", "W" or four more digits: ISO syntax, never handed to dateparser
#: (which reads "2020-01-01garbage" or "2020-W01-1" as some day or other).
_ISO_LIKE = re.compile(r"^\s*\d{4}(?:-|W|\d{4})", re.IGNORECASE | re.ASCII)
#: Words that anchor a date in time. dateparser also reads "a", "one", "ten" or "noon"
#: alone as some day of this year; a text with none of these is not a date.
_DATE_WORD = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun"
    r"|today|yesterday|tomorrow|now|day|week|fortnight|month|year|decade)", re.IGNORECASE)


def parse_natural_date(name: str, text: str, end: bool, as_of: dt.date | None = None) -> dt.date:
    """A date bound as people write it: ISO forms, or "last week", "since January 2022",
    "3 days ago", "yesterday", relative to ``as_of`` (today by default).

    Why a function of our own: dateparser alone reads "2024" as a day of this year and
    "since X" not at all, and its time-zone-aware answers would shift days. Everything
    here is a naive date. "since X" starts at X (only as ``date_from``); a month or
    year covers all of it, so as ``date_to`` it ends on its last day.
    """
    since = _SINCE.match(text)
    if since:
        if end:
            raise InvalidParameter(f"{name}: 'since …' starts a range; use it as date_from")
        text = text[since.end():]
    if _PARTIAL_DATE.match(text.strip(SPACES)):
        return parse_date_bound(name, text, end)
    day = parse_iso_date(text.strip(SPACES))
    if day is not None:
        return day
    if _ISO_LIKE.match(text):
        raise InvalidParameter(f"{name}: {text!r} is not an ISO date (YYYY-MM-DD, YYYY-MM, "
                               "YYYY or a date-time such as 2024-05-01T10:00:00Z)")
    import dateparser  # imported on first use: it takes a while to load

    base = dt.datetime.combine(as_of or dt.date.today(), dt.time())
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past",
                "RETURN_AS_TIMEZONE_AWARE": False,
                "PREFER_DAY_OF_MONTH": "last" if end else "first"}
    found = (dateparser.parse(text, languages=["en"], settings=settings)
             if _HAS_LETTER.search(text) and _DATE_WORD.search(text) else None)
    if found is None:
        raise InvalidParameter(f"{name}: expected a date (YYYY-MM-DD, YYYY-MM, YYYY or words "
                               f"such as 'last week', 'since January 2022'), got {text!r}")
    return found.date()


def parse_as_of(text: str) -> dt.date:
    """The day relative dates count from: an ISO date, ``YYYY-MM-DD`` (not the compact
    or week forms ``date.fromisoformat`` also reads since Python 3.11)."""
    match = _ISO_DAY.fullmatch(text.strip(SPACES))
    try:
        if match:
            return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        pass
    raise InvalidParameter(f"as_of: expected a date as YYYY-MM-DD, got {text!r}")


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)


def encode_cursor(cursor: Cursor) -> str:
    """An opaque, URL-safe position: base64 of a small JSON object, unpadded."""
    data = {"sort": cursor.sort, "id": cursor.id, "score": cursor.score,
            "day": cursor.day.isoformat() if cursor.day else None}
    raw = json.dumps(data, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(text: str) -> Cursor:
    """Undo :func:`encode_cursor`; anything else is an InvalidParameter, never a crash."""
    try:
        raw = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
        data = strict_json.loads(raw)
        sort, doc_id, score, day = data["sort"], data["id"], data["score"], data["day"]
        if sort not in SORTS or not isinstance(doc_id, str):
            raise ValueError(sort)
        strict_json.check_text(doc_id, "id")
        if sort == "relevance":
            if isinstance(score, bool) or not isinstance(score, (int, float)) \
                    or not math.isfinite(score):
                raise ValueError(score)
            return Cursor(sort, doc_id, score=float(score))
        return Cursor(sort, doc_id, day=dt.date.fromisoformat(day) if day else None)
    except InvalidJSON as exc:
        raise InvalidParameter(f"cursor: not a cursor this API returned ({exc}); pass "
                               "next_cursor from a previous response unchanged") from None
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError):
        raise InvalidParameter("cursor: not a cursor this API returned (pass next_cursor "
                               "from a previous response unchanged)") from None


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([dwmy]?)\s*$", re.IGNORECASE | re.ASCII)
_DAYS_PER_UNIT = {"": 1.0, "d": 1.0, "w": 7.0, "m": 30.44, "y": 365.25}


def parse_half_life(text: str) -> float:
    """Days, as ``30``, ``30d``, ``2w``, ``6m`` or ``1y`` (the ``half_life`` declaration
    caps them: a longer one counts as its maximum)."""
    match = _DURATION.match(text)
    days = float(match.group(1)) * _DAYS_PER_UNIT[match.group(2).lower()] if match else 0.0
    if not days > 0:
        raise InvalidParameter(f"half_life: expected a positive number of days as 30, 30d, "
                               f"2w, 6m or 1y, got {text!r}")
    return days


_INTEGER = re.compile(r"-?[0-9]+", re.ASCII)


def parse_int(name: str, text: str) -> int:
    """An integer in decimal ASCII digits (``int()`` alone also takes `` 5``, ``+5``,
    ``1_000`` and other scripts' digits, which no description of an integer admits).
    Its range is the declaration's to check."""
    if not _INTEGER.fullmatch(text) or len(text) > 100:
        raise InvalidParameter(f"{name}: expected an integer, got {text!r}")
    return int(text)


def parse_bool(name: str, text: str) -> bool:
    """true/false, 1/0, yes/no, on/off, in any case."""
    lowered = text.strip().lower()
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    raise InvalidParameter(f"{name}: expected true or false, got {text!r}")


def split_list(values: Iterable[str]) -> tuple[str, ...]:
    """``facets=outlet,speaker`` and ``facets=outlet&facets=speaker`` mean the same."""
    out = [part.strip(SPACES) for value in values for part in value.split(",")]
    return tuple(dict.fromkeys(p for p in out if p))
