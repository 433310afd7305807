"""Turn request parameters (query string or command line) into a validated SearchRequest.

One place decides what a parameter may hold, so HTTP and the command line reject the
same things with the same message.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import datetime as dt
import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from newsfacet.schema import strict_json
from newsfacet.schema.errors import InvalidJSON, InvalidParameter, UnknownFacet
from newsfacet.schema.fields import FACETS
from newsfacet.schema.isodate import parse_iso_date

from . import param_syntax
from .models import (
    BOOSTS,
    COLLAPSE_FIELDS,
    DATE_FIELDS,
    INTERVALS,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_RESULT_WINDOW,
    OPERATORS,
    SORT_ALIASES,
    SORTS,
    Cursor,
    QuoteRequest,
    SearchRequest,
)
from .param_syntax import SPACES

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$", re.ASCII)
#: Longest ``q`` and facet ``prefix``, in characters.
MAX_QUERY_CHARS = 2000
MAX_PREFIX_CHARS = 200
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


#: Longest recency half-life, in days (a century: practically no boost).
MAX_HALF_LIFE = 36_525
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([dwmy]?)\s*$", re.IGNORECASE | re.ASCII)
_DAYS_PER_UNIT = {"": 1.0, "d": 1.0, "w": 7.0, "m": 30.44, "y": 365.25}


def parse_half_life(text: str) -> float:
    """Days, as ``30``, ``30d``, ``2w``, ``6m`` or ``1y``; more than a century counts as
    a century (which already boosts practically nothing)."""
    match = _DURATION.match(text)
    days = float(match.group(1)) * _DAYS_PER_UNIT[match.group(2).lower()] if match else 0.0
    if not days > 0:
        raise InvalidParameter(f"half_life: expected a positive number of days as 30, 30d, "
                               f"2w, 6m or 1y, got {text!r}")
    return min(days, MAX_HALF_LIFE)


_INTEGER = re.compile(r"-?[0-9]+", re.ASCII)


def _int(name: str, text: str, low: int, high: int) -> int:
    """An integer in decimal ASCII digits (``int()`` alone also takes `` 5``, ``+5``,
    ``1_000`` and other scripts' digits, which no description of an integer admits)."""
    if not _INTEGER.fullmatch(text) or len(text) > 100:
        raise InvalidParameter(f"{name}: expected an integer, got {text!r}")
    value = int(text)
    if not low <= value <= high:
        raise InvalidParameter(f"{name}: must be between {low} and {high}, got {value}")
    return value


def _bool(name: str, text: str) -> bool:
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


#: Facets a quote search can count.
QUOTE_FACET_NAMES = ("speaker", "outlet")

Request = TypeVar("Request", SearchRequest, QuoteRequest)


def validate(request: Request) -> Request:
    """Check a request built in Python the same way as one built from parameters."""
    known = tuple(FACETS) if isinstance(request, SearchRequest) else QUOTE_FACET_NAMES
    for name in request.facets:
        if name not in known:
            raise UnknownFacet(f"unknown facet {name!r}; facets are: {', '.join(known)}")
    sort = SORT_ALIASES.get(request.sort, request.sort)
    if sort not in SORTS:
        raise InvalidParameter(f"sort: expected one of {', '.join(SORTS)}, got {request.sort!r}")
    if not 1 <= request.per_page <= MAX_PER_PAGE:
        raise InvalidParameter(f"per_page: must be between 1 and {MAX_PER_PAGE}")
    if not 1 <= request.page <= MAX_PAGE:
        raise InvalidParameter(f"page: must be between 1 and {MAX_PAGE} (pages reach the "
                               f"first {MAX_RESULT_WINDOW:,} results; use cursor to go "
                               f"deeper), got {request.page}")
    if not 1 <= request.facet_size <= 1000:
        raise InvalidParameter("facet_size: must be between 1 and 1000")
    if len(request.q) > MAX_QUERY_CHARS:
        raise InvalidParameter(f"q: longer than {MAX_QUERY_CHARS} characters")
    if request.operator not in OPERATORS:
        raise InvalidParameter(f"operator: expected one of {', '.join(OPERATORS)}, "
                               f"got {request.operator!r}")
    if isinstance(request, SearchRequest):
        if request.interval not in INTERVALS:
            raise InvalidParameter(f"interval: expected one of {', '.join(INTERVALS)}, "
                                   f"got {request.interval!r}")
        if request.date_field not in DATE_FIELDS:
            raise InvalidParameter(f"date_field: expected one of {', '.join(DATE_FIELDS)}, "
                                   f"got {request.date_field!r}")
        if request.boost is not None and request.boost not in BOOSTS:
            raise InvalidParameter(f"boost: expected one of {', '.join(BOOSTS)}, "
                                   f"got {request.boost!r}")
        if not (isinstance(request.half_life, (int, float))
                and 0 < request.half_life <= MAX_HALF_LIFE):
            raise InvalidParameter(f"half_life: between 1 day and {MAX_HALF_LIFE:,} days")
        if request.boost is not None and request.cursor is not None:
            raise InvalidParameter("cursor: boosted results page with page, not cursor")
        if request.collapse is not None and request.collapse not in COLLAPSE_FIELDS:
            raise InvalidParameter(f"collapse: expected one of {', '.join(COLLAPSE_FIELDS)}, "
                                   f"got {request.collapse!r}")
        if request.cursor is not None:
            if request.collapse is not None:
                raise InvalidParameter("cursor: collapsed results page with page, not cursor")
            if request.page > 1:
                raise InvalidParameter("cursor: use either cursor or page, not both")
            ranked_by = replace(request, sort=sort).ranked_by
            if request.cursor.sort != ranked_by:
                raise InvalidParameter(f"cursor: it continues a {request.cursor.sort} "
                                       f"ordering, this search is ordered by {ranked_by}")
    return replace(request, sort=sort) if sort != request.sort else request


def _last(get: Callable[[str], list[str]], name: str) -> str | None:
    """The last value of a parameter, None when it is absent."""
    values = get(name)
    return values[-1] if values else None


def _blank(text: str | None) -> bool:
    """Absent, empty or spaces: for text parameters (q, dates, half_life) all mean unset.

    Typed parameters (integers, booleans, names from a list) are parsed whenever they are
    present, so ``page=`` is a 400 as its description says, not page 1.
    """
    return text is None or not text.strip(SPACES)


def _common(get: Callable[[str], list[str]]) -> dict[str, Any]:
    """Parameters both searches share, parsed; ``get`` is ``request.args.getlist``."""

    def one(name: str) -> str | None:
        return _last(get, name)

    date_from, date_to, as_of_text = (None if _blank(one(name)) else one(name)
                                      for name in ("date_from", "date_to", "as_of"))
    as_of = parse_as_of(as_of_text) if as_of_text is not None else None
    page, per_page = one("page"), one("per_page")
    highlight, facet_size, operator = one("highlight"), one("facet_size"), one("operator")
    return {
        "q": one("q") or "",
        "outlet": tuple(get("outlet")),
        "speaker": tuple(get("speaker")),
        "date_from": (parse_natural_date("date_from", date_from, False, as_of)
                      if date_from is not None else None),
        "date_to": (parse_natural_date("date_to", date_to, True, as_of)
                    if date_to is not None else None),
        "facets": split_list(get("facets")),
        "sort": one("sort") if one("sort") is not None else "relevance",
        "page": _int("page", page, 1, 2**31) if page is not None else 1,  # range: validate()
        "per_page": _int("per_page", per_page, 1, MAX_PER_PAGE) if per_page is not None else 10,
        "highlight": _bool("highlight", highlight) if highlight is not None else True,
        "facet_size": (_int("facet_size", facet_size, 1, 1000)
                       if facet_size is not None else 10),
        "operator": operator.strip(SPACES).lower() if operator is not None else "and",
    }


def request_from_params(get: Callable[[str], list[str]]) -> SearchRequest:
    """A document search from multi-valued parameters."""
    interval, date_field = _last(get, "interval"), _last(get, "date_field")
    collapse, boost = _last(get, "collapse"), _last(get, "boost")
    half_life, cursor = _last(get, "half_life"), _last(get, "cursor")
    return validate(SearchRequest(
        location=tuple(get("location")),
        story=tuple(get("story")),
        collapse=collapse,
        boost=boost,
        half_life=30.0 if _blank(half_life) else parse_half_life(half_life or ""),
        interval=interval if interval is not None else "month",
        date_field=date_field if date_field is not None else "published",
        cursor=decode_cursor(cursor) if cursor else None,
        **_common(get)))


def similar_request_from_params(get: Callable[[str], list[str]]) -> SearchRequest:
    """Paging, facets and snippets of a more-like-this search (``/documents/<id>/similar``)."""
    page, per_page = _last(get, "page"), _last(get, "per_page")
    highlight, facet_size = _last(get, "highlight"), _last(get, "facet_size")
    interval = _last(get, "interval")
    return validate(SearchRequest(
        facets=split_list(get("facets")),
        page=_int("page", page, 1, 2**31) if page is not None else 1,
        per_page=_int("per_page", per_page, 1, MAX_PER_PAGE) if per_page is not None else 10,
        highlight=_bool("highlight", highlight) if highlight is not None else False,
        facet_size=_int("facet_size", facet_size, 1, 1000) if facet_size is not None else 10,
        interval=interval if interval is not None else "month"))


#: How many values a facet value search returns unless told (``size``).
SUGGEST_SIZE = 10
MAX_SUGGEST_SIZE = 1000


def check_facet_name(name: str) -> None:
    """UnknownFacet unless ``name`` is one of the document facets."""
    if name not in FACETS:
        raise UnknownFacet(f"unknown facet {name!r}; facets are: {', '.join(FACETS)}")


def check_suggest_size(size: int | None) -> None:
    """``None`` means every value (Python only); otherwise 1 to ``MAX_SUGGEST_SIZE``."""
    if size is not None and not 1 <= size <= MAX_SUGGEST_SIZE:
        raise InvalidParameter(f"size: must be between 1 and {MAX_SUGGEST_SIZE}, got {size}")


def facet_search_from_params(get: Callable[[str], list[str]]) -> tuple[str, int]:
    """The ``prefix`` and ``size`` of a facet value search (``GET /facets/<name>``)."""
    prefix, size = get("prefix"), get("size")
    text = prefix[-1] if prefix else ""
    if len(text) > MAX_PREFIX_CHARS:
        raise InvalidParameter(f"prefix: longer than {MAX_PREFIX_CHARS} characters")
    count = _int("size", size[-1], 1, MAX_SUGGEST_SIZE) if size else SUGGEST_SIZE
    return text, count


def quote_request_from_params(get: Callable[[str], list[str]]) -> QuoteRequest:
    """A quote search from multi-valued parameters."""
    return validate(QuoteRequest(**_common(get)))


# -- the parameters each endpoint reads, declared once (the OpenAPI description is built
# -- from these; tests/api/test_openapi.py checks them against what the parsers read) ---


@dataclass(frozen=True)
class ParamSpec:
    """One query parameter: its JSON Schema ``type``, what it means and what it accepts."""

    name: str
    type: str
    description: str
    enum: tuple[str, ...] | None = None
    #: May be given more than once (``outlet=A&outlet=B``): an array in the description.
    repeated: bool = False
    minimum: int | None = None
    maximum: int | None = None
    default: Any = None
    #: A regular expression every accepted value matches (see :mod:`param_syntax`).
    pattern: str | None = None
    max_length: int | None = None


_DATE_HELP = ("YYYY-MM-DD, YYYY-MM or YYYY (a month or year covers all of it), or words "
              "such as 'last week', '3 days ago'")
_COMMON_PARAMS = (
    ParamSpec("q", "string", "Query: words, \"phrases\", AND/OR/NOT, field:value, prefix*. "
              "A query that does not parse (an unbalanced quote or parenthesis) is a 400.",
              max_length=MAX_QUERY_CHARS),
    ParamSpec("outlet", "string", "Only these outlets (values OR-ed).", repeated=True),
    ParamSpec("speaker", "string", "Only documents quoting these speakers (values OR-ed).",
              repeated=True),
    ParamSpec("date_from", "string", f"Start of the date range: {_DATE_HELP}, "
              "or 'since January 2022'. The pattern states the ISO forms; English words "
              "are read too when they name a day, month, weekday or span. A range whose "
              "start is after its end matches nothing.", pattern=param_syntax.DATE_FROM),
    ParamSpec("date_to", "string", f"End of the date range (inclusive): {_DATE_HELP}. The "
              "pattern states the ISO forms; words are read as for date_from.",
              pattern=param_syntax.DATE_TO),
    ParamSpec("as_of", "string", "The day relative dates count from (YYYY-MM-DD); today "
              "by default.", pattern=param_syntax.AS_OF),
    ParamSpec("sort", "string", "Order of hits; also accepted: "
              + ", ".join(f"{alias} ({sort})" for alias, sort in SORT_ALIASES.items()) + ".",
              enum=SORTS + tuple(SORT_ALIASES), default="relevance"),
    ParamSpec("page", "integer", f"Page number, from 1 to {MAX_PAGE}: pages reach the first "
              f"{MAX_RESULT_WINDOW:,} results (use cursor to go deeper). A page past the "
              "last one answers 200 with no hits, and total still counts them all.",
              minimum=1, maximum=MAX_PAGE, default=1),
    ParamSpec("per_page", "integer", "Hits per page.", minimum=1, maximum=MAX_PER_PAGE,
              default=10),
    ParamSpec("highlight", "boolean", "Return highlighted snippets (true/false, 1/0, yes/no, "
              "on/off).", default=True),
    ParamSpec("facet_size", "integer", "Values returned per facet, largest counts first.",
              minimum=1, maximum=1000, default=10),
    ParamSpec("operator", "string", "How the words of q combine: and (all must match) or or "
              "(any may; documents matching more rank higher).", enum=OPERATORS,
              default="and"),
)


def _facets_param(names: tuple[str, ...]) -> ParamSpec:
    return ParamSpec("facets", "string", f"Facets to count ({', '.join(names)}); repeat the "
                     "parameter or separate names with commas.", repeated=True,
                     pattern=param_syntax.name_list(names))


_INTERVAL = ParamSpec("interval", "string", "Bucket size of the date facet (weeks are "
                      "labelled by their Monday).", enum=INTERVALS, default="month")

#: ``GET /search``.
SEARCH_PARAMS: tuple[ParamSpec, ...] = (
    *_COMMON_PARAMS,
    _facets_param(tuple(FACETS)),
    ParamSpec("location", "string", "Only documents mentioning these places (values OR-ed).",
              repeated=True),
    _INTERVAL,
    ParamSpec("date_field", "string", "What date_from/date_to filter on: the publication "
              "date or the dates of reported events.", enum=DATE_FIELDS, default="published"),
    ParamSpec("cursor", "string", "Continue after the previous page: its next_cursor, "
              "unchanged (instead of page)."),
    ParamSpec("story", "string", "Only these stories (a hit's story id; values OR-ed).",
              repeated=True),
    ParamSpec("collapse", "string", "One hit per story, its best-ranked document, with the "
              "story's other documents in story_members; total then counts stories.",
              enum=COLLAPSE_FIELDS),
    ParamSpec("boost", "string", "recency: multiply each score by 0.5 per half_life of the "
              "document's age, so newer documents rank higher (undated ones are not "
              "boosted). Off by default.", enum=BOOSTS),
    ParamSpec("half_life", "string", "Half-life of the recency boost: days, or 30d, 2w, 6m, "
              f"1y; more than {MAX_HALF_LIFE:,} days counts as {MAX_HALF_LIFE:,}.",
              default="30d", pattern=param_syntax.HALF_LIFE),
)

#: ``GET /quotes``.
QUOTE_PARAMS: tuple[ParamSpec, ...] = (*_COMMON_PARAMS, _facets_param(QUOTE_FACET_NAMES))

#: ``GET /documents/<id>/similar``.
SIMILAR_PARAMS: tuple[ParamSpec, ...] = (
    _facets_param(tuple(FACETS)),
    *(p for p in _COMMON_PARAMS if p.name in ("page", "per_page", "facet_size")),
    ParamSpec("highlight", "boolean", "Return highlighted snippets (true/false, 1/0, yes/no, "
              "on/off).", default=False),
    _INTERVAL,
)

#: ``GET /facets/<name>`` (``name`` is in the path).
FACET_VALUE_PARAMS: tuple[ParamSpec, ...] = (
    ParamSpec("name", "string", "The facet whose values to list.", enum=tuple(FACETS)),
    ParamSpec("prefix", "string", "Only values that start with this or have a word that "
              "does (case and accents ignored).", default="", max_length=MAX_PREFIX_CHARS),
    ParamSpec("size", "integer", "How many values to return.", minimum=1,
              maximum=MAX_SUGGEST_SIZE, default=SUGGEST_SIZE),
)
