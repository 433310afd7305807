"""Publication dates and the dates of reported events.

A publication date is taken only from metadata or a page header that states day, month
and year; anything less is no date at all (null), never a guess. Event dates are found
with patterns that say where a date is ("on January 20, 2022", "on Thursday night") and
parsed by dateparser; weekdays are resolved against the publication date, as a reader
of the article on that day would.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import dateparser

from newsfacet.schema.document import EventDate

from .clean import FULL_DATE
from .lexicon import MONTH_PATTERN, MONTHS, WEEKDAY_PATTERN, WEEKDAYS

_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_MONTH_DAY = re.compile(
    r"\b(?:on|since|until|by|from|before|after)\s+"
    rf"(?P<when>{MONTH_PATTERN}\.?\s+\d{{1,2}})"
    r"(?:st|nd|rd|th)?\b(?!,?\s+\d{4})"
)
_WEEKDAY = re.compile(
    r"\b(?P<lead>on|last|this|next|since|until|by|late|early)\s+"
    rf"(?P<when>{WEEKDAY_PATTERN})"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b"
)
_RELATIVE_DAY = re.compile(r"\b(?P<when>yesterday|today)\b", re.IGNORECASE)
_FUTURE_CUE = re.compile(r"\b(?:will|would|to be|is expected|are expected|plans?|scheduled)\b")


_MONTHS = {name[:3]: n for n, name in enumerate(MONTHS, start=1)}
_NUMBERS = re.compile(r"\d+")


def _quick_parse(text: str) -> dt.date | None:
    """The shapes :data:`FULL_DATE` matches, read directly: dateparser costs ~1 ms a call."""
    numbers = [int(n) for n in _NUMBERS.findall(text)]
    letters = re.sub(r"[^a-z]", "", text.lower())[:3]
    try:
        if len(numbers) == 3 and not letters:  # 2022-01-24
            return dt.date(numbers[0], numbers[1], numbers[2])
        if len(numbers) == 2 and letters in _MONTHS:  # Jan. 24, 2022 / 24 January 2022
            day, year = (numbers[0], numbers[1]) if numbers[1] > 31 else (numbers[1], numbers[0])
            return dt.date(year, _MONTHS[letters], day)
    except ValueError:
        return None
    return None


@lru_cache(maxsize=4096)
def parse_date(text: str) -> dt.date | None:
    """Parse a date stating day, month and year (English); None when it is not one."""
    if FULL_DATE.fullmatch(text.strip()):
        return _quick_parse(text)
    parsed = dateparser.parse(text, languages=["en"], settings=_SETTINGS)  # type: ignore[arg-type]
    return parsed.date() if parsed else None


def _weekday_date(name: str, lead: str, base: dt.date, future: bool) -> dt.date:
    """The weekday nearest ``base`` in the direction the sentence points."""
    target = WEEKDAYS.index(name.lower())
    if lead == "next" or future:
        delta = (target - base.weekday()) % 7 or 7
        return base + dt.timedelta(days=delta)
    delta = (base.weekday() - target) % 7
    if lead == "last" and delta == 0:
        delta = 7
    return base - dt.timedelta(days=delta)


def _month_day_date(text: str, base: dt.date) -> dt.date | None:
    """"March 3" without a year: the occurrence nearest the publication date."""
    years = (base.year - 1, base.year, base.year + 1)
    candidates = [parse_date(f"{text} {year}") for year in years]
    dates = [d for d in candidates if d is not None]
    return min(dates, key=lambda d: abs((d - base).days)) if dates else None


def extract_event_dates(text: str, published: dt.date | None) -> list[EventDate]:
    """Dates of events reported in ``text``; relative ones need ``published`` as their base."""
    found: dict[tuple[int, int], EventDate] = {}
    for match in FULL_DATE.finditer(text):
        date = parse_date(match.group(0))
        if date:
            found[match.span()] = EventDate(date, match.group(0), *match.span())
    if published is not None:
        for match in _WEEKDAY.finditer(text):
            clause = text[max(0, match.start() - 60) : match.start()]
            future = bool(_FUTURE_CUE.search(clause.rsplit(".", 1)[-1]))
            date = _weekday_date(match.group("when"), match.group("lead"), published, future)
            found[match.span("when")] = EventDate(date, match.group(0), *match.span())
        for match in _MONTH_DAY.finditer(text):
            date = _month_day_date(match.group("when"), published)
            if date:
                span = match.span("when")
                found[span] = EventDate(date, match.group("when"), *span)
        for match in _RELATIVE_DAY.finditer(text):
            days = 1 if match.group("when").lower() == "yesterday" else 0
            date = published - dt.timedelta(days=days)
            found[match.span()] = EventDate(date, match.group(0), *match.span())
    return sorted(found.values(), key=lambda e: e.start)
