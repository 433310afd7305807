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
from collections.abc import Iterator
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


#: Where the date patterns can match, found fast: each pattern opens with a word bound and
#: an alternation, which gives ``re`` no first character to skip to, so a plain
#: ``finditer`` tries every position of the text (about 0.15 ms a pattern on a news
#: article). These anchors start with a capital or a digit, which ``re`` skips to.
_MONTH_START = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_WEEKDAY_WORD = re.compile(WEEKDAY_PATTERN)
#: ``\d\d*``, not ``\d+``: a pattern that opens with a repeat gives ``re`` no first
#: character to skip to (it tries every position); one that opens with a class does.
_DIGITS = re.compile(r"\d\d*")
_DAY = re.compile(r"[Dd][Aa][Yy]")


def _matches(pattern: re.Pattern[str], text: str, starts: set[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, given every position a match may start at
    (and perhaps more): the first match, then the next that starts at or after its end."""
    end = 0
    for at in sorted(starts):
        if at >= end:
            match = pattern.match(text, at)
            if match is not None:
                yield match
                end = match.end()  # never empty: every pattern here reads a word


def _word_before(text: str, at: int) -> int | None:
    """Start of the word before the white space that ends at ``at``: where "on" starts in
    "on  Monday" (white space and word characters as ``re`` reads them); None without
    white space."""
    space = at
    while space > 0 and text[space - 1].isspace():
        space -= 1
    if space == at:
        return None
    start = space
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return start


def _full_date_starts(text: str) -> set[int]:
    """A full date opens with a month ("Jan. 24, 2022") or a number ("24 January 2022")."""
    starts = {m.start() for m in _MONTH_START.finditer(text)}
    starts.update(m.start() for m in _DIGITS.finditer(text))
    return starts


def _lead_starts(text: str, words: re.Pattern[str]) -> set[int]:
    """Where a lead word ("on", "last") may open a match before a month or a weekday."""
    starts = (_word_before(text, m.start()) for m in words.finditer(text))
    return {at for at in starts if at is not None}


def _relative_day_starts(text: str) -> set[int]:
    """Where "today" or "yesterday" may start, from the "day" they end with."""
    return {at for m in _DAY.finditer(text) for at in (m.start() - 2, m.start() - 6) if at >= 0}


def extract_event_dates(text: str, published: dt.date | None) -> list[EventDate]:
    """Dates of events reported in ``text``; relative ones need ``published`` as their base."""
    found: dict[tuple[int, int], EventDate] = {}
    for match in _matches(FULL_DATE, text, _full_date_starts(text)):
        date = parse_date(match.group(0))
        if date:
            found[match.span()] = EventDate(date, match.group(0), *match.span())
    if published is not None:
        for match in _matches(_WEEKDAY, text, _lead_starts(text, _WEEKDAY_WORD)):
            clause = text[max(0, match.start() - 60) : match.start()]
            future = bool(_FUTURE_CUE.search(clause.rsplit(".", 1)[-1]))
            date = _weekday_date(match.group("when"), match.group("lead"), published, future)
            found[match.span("when")] = EventDate(date, match.group(0), *match.span())
        for match in _matches(_MONTH_DAY, text, _lead_starts(text, _MONTH_START)):
            date = _month_day_date(match.group("when"), published)
            if date:
                span = match.span("when")
                found[span] = EventDate(date, match.group("when"), *span)
        for match in _matches(_RELATIVE_DAY, text, _relative_day_starts(text)):
            days = 1 if match.group("when").lower() == "yesterday" else 0
            date = published - dt.timedelta(days=days)
            found[match.span()] = EventDate(date, match.group(0), *match.span())
    return sorted(found.values(), key=lambda e: e.start)
