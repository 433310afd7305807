"""``date_from``, ``date_to`` and ``as_of``: ISO syntax is read as ISO only (never handed
to dateparser, which reads ``2020-01-01garbage`` or a week date as some day), and words
are dates only when they name a day, a month, a weekday or a span of time."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.api.params import parse_as_of, parse_natural_date
from newsfacet.schema.errors import InvalidParameter

AS_OF = dt.date(2024, 5, 1)
READ = {
    "2024-03-05": dt.date(2024, 3, 5), "2024-03": dt.date(2024, 3, 1), "2024": dt.date(2024, 1, 1),
    "2024-03-05T10:00:00Z": dt.date(2024, 3, 5), "yesterday": dt.date(2024, 4, 30),
    "3 days ago": dt.date(2024, 4, 28), "last week": dt.date(2024, 4, 24),
    "since January 2022": dt.date(2022, 1, 1), "March 2022": dt.date(2022, 3, 1),
    "monday": dt.date(2024, 4, 29), "a week ago": dt.date(2024, 4, 24),
}
GARBAGE = ["2020-01-01garbage", "2020-01-01T99:99:99", "20200101", "2020-W01-1",
           "2020-01-01 10:00 UTC", "20200101T100000Z", "a", "an", "one", "ten", "noon",
           "garbage", "2020 garbage", "1 Jan 2020 foo", "2024-02-30"]


@pytest.mark.parametrize(("text", "day"), READ.items())
def test_dates_people_write_are_read(text: str, day: dt.date) -> None:
    assert parse_natural_date("date_from", text, False, AS_OF) == day


@pytest.mark.parametrize("text", GARBAGE)
def test_garbage_is_not_read_as_some_day(text: str) -> None:
    with pytest.raises(InvalidParameter, match="date_from"):
        parse_natural_date("date_from", text, False, AS_OF)


@pytest.mark.parametrize("text", ["20200101", "2020-W01-1", "2020-01-01garbage", "2024-02-30"])
def test_as_of_is_a_calendar_date_only(text: str) -> None:
    with pytest.raises(InvalidParameter, match="as_of"):
        parse_as_of(text)
    assert parse_as_of("2024-02-29") == dt.date(2024, 2, 29)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=30) | st.from_regex(r"\d{4}-\d{2}-\d{2}.{0,12}", fullmatch=True),
       end=st.booleans())
def test_any_text_is_a_date_or_an_invalid_parameter(text: str, end: bool) -> None:
    """Property: dateparser never gets to crash a request."""
    try:
        day = parse_natural_date("date_to" if end else "date_from", text, end, AS_OF)
    except InvalidParameter:
        return
    assert isinstance(day, dt.date)
