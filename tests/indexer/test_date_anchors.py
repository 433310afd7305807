"""Event dates found from anchors give exactly what a plain ``finditer`` scan gave.

``extract_event_dates`` no longer lets each pattern try every position of the text; it
tries only where a month, a weekday, a number or a "day" makes a match possible. The old
function is kept here as the oracle.
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer import dates
from newsfacet.indexer.clean import FULL_DATE
from newsfacet.schema.document import EventDate


def old_extract_event_dates(text: str, published: dt.date | None) -> list[EventDate]:
    """``extract_event_dates`` as it was: every pattern scanned over the whole text."""
    found: dict[tuple[int, int], EventDate] = {}
    for match in FULL_DATE.finditer(text):
        date = dates.parse_date(match.group(0))
        if date:
            found[match.span()] = EventDate(date, match.group(0), *match.span())
    if published is not None:
        for match in dates._WEEKDAY.finditer(text):
            clause = text[max(0, match.start() - 60) : match.start()]
            future = bool(dates._FUTURE_CUE.search(clause.rsplit(".", 1)[-1]))
            date = dates._weekday_date(
                match.group("when"), match.group("lead"), published, future
            )
            found[match.span("when")] = EventDate(date, match.group(0), *match.span())
        for match in dates._MONTH_DAY.finditer(text):
            date = dates._month_day_date(match.group("when"), published)
            if date:
                span = match.span("when")
                found[span] = EventDate(date, match.group("when"), *span)
        for match in dates._RELATIVE_DAY.finditer(text):
            days = 1 if match.group("when").lower() == "yesterday" else 0
            date = published - dt.timedelta(days=days)
            found[match.span()] = EventDate(date, match.group(0), *match.span())
    return sorted(found.values(), key=lambda e: e.start)


#: Pieces of dated prose and the characters that decide word and space bounds.
FRAGMENTS = [
    "on", "On", "last", "this", "next", "since", "until", "by", "late", "early", "from",
    "before", "after", "Monday", "Tuesday", "Sunday", "Mon", "day", "Day", "DAY", "today",
    "TODAY", "yesterday", "Yesterday", "yeſterday", "tod", "morning", "night", "January",
    "Jan", "Jan.", "June", "Jun", "Sept.", "Sep", "May", "March", "Dec", "1", "12", "24",
    "3rd", "1st", "2022", "2022-01-24", "1999-12-31", "٣", "²", " ", "  ", "\t", "\n",
    "\u00a0", "\u2003", ",", ".", "-", "_", "a", "x", "İ", "will", "plans",
]
LEADS = ["on", "last", "next", "since", "by", "early", "after", "xon", "on_", "On", "٣on"]
SPACES = [" ", "  ", "\t", "\n", "\u00a0", "\u2003", "\u2028", "", ".", " \n "]
WHENS = ["Monday", "Sunday", "Thursday", "January", "Jan.", "Sept", "May", "Dec 12", "Jan. 3"]
#: A lead word, white space and a month or weekday: where the anchors must look back.
phrases = st.tuples(
    st.sampled_from(LEADS), st.sampled_from(SPACES), st.sampled_from(WHENS)
).map("".join)
texts = st.lists(
    st.sampled_from(FRAGMENTS) | phrases | st.text(max_size=2), max_size=30
).map("".join)
published = st.none() | st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 1, 1))


@settings(max_examples=600, deadline=None)
@given(texts, published)
def test_event_dates_are_the_full_scans(text: str, when: dt.date | None) -> None:
    assert dates.extract_event_dates(text, when) == old_extract_event_dates(text, when)


@settings(max_examples=600, deadline=None)
@given(texts)
def test_each_pattern_matches_where_finditer_does(text: str) -> None:
    for pattern, starts in (
        (FULL_DATE, dates._full_date_starts(text)),
        (dates._WEEKDAY, dates._lead_starts(text, dates._WEEKDAY_WORD)),
        (dates._MONTH_DAY, dates._lead_starts(text, dates._MONTH_START)),
        (dates._RELATIVE_DAY, dates._relative_day_starts(text)),
    ):
        fast = [(m.span(), m.groupdict()) for m in dates._matches(pattern, text, starts)]
        slow = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        assert fast == slow, pattern.pattern


def test_only_d_a_y_match_day_ignoring_case() -> None:
    """The "today"/"yesterday" anchor reads "day" as [Dd][Aa][Yy]: no other character
    matches those letters under ``re.IGNORECASE`` (unlike "s", which "ſ" matches)."""
    letters = re.compile("[day]", re.IGNORECASE)
    found = {chr(c) for c in range(0x110000) if letters.fullmatch(chr(c))}
    assert found == set("dayDAY")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789٣ a-,\n") | st.characters(), max_size=40))
def test_digit_anchors_are_the_digit_runs(text: str) -> None:
    """``\\d\\d*`` (which ``re`` can skip to) finds the runs ``\\d+`` found."""
    assert ([m.span() for m in dates._DIGITS.finditer(text)]
            == [m.span() for m in re.finditer(r"\d+", text)])
