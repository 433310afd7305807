"""``published`` is an ISO 8601 calendar date or date-time, read strictly: everything
else is an InvalidDocument naming the value (it used to take ``text[:10]``)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfacet.schema.document import Article
from newsfacet.schema.errors import InvalidDocument
from newsfacet.schema.isodate import parse_iso_date

ACCEPTED = {
    "2024-05-01": dt.date(2024, 5, 1),
    "2024-05-01T10:00:00Z": dt.date(2024, 5, 1),
    "2024-05-01T10:00:00": dt.date(2024, 5, 1),
    "2024-05-01T23:30:00-05:00": dt.date(2024, 5, 1),  # the day the outlet dated it
    "2024-05-01T10:00:00.123456+02:00": dt.date(2024, 5, 1),
    "2024-05-01t10:00z": dt.date(2024, 5, 1),
    "2008-03-01 12:34:56.123456-05": dt.date(2008, 3, 1),  # RFC 3339's space
    "2024-02-29T00:00:00+0530": dt.date(2024, 2, 29),
    "2016-12-31T23:59:60Z": dt.date(2016, 12, 31),  # a leap second
}
REFUSED = ["2020-01-01garbage", "2020-01-01T99:99:99", "20200101", "2020-W01-1",
           "2020-001", "2023-02-29", "2024-13-01", "2024-05-01T24:00:00", "2024-05-01T10",
           "2024-05-01T10:00:00+25:00", "2024-5-1", " 2024-05-01", "2024-05-01 ",
           "0000-01-01", "May 1, 2024", "01/05/2024", "2024-05-01T10:00:00ZZ", "٢٠٢٤-٠٥-٠١"]


@pytest.mark.parametrize(("text", "day"), ACCEPTED.items())
def test_iso_dates_and_date_times_are_read(text: str, day: dt.date) -> None:
    assert parse_iso_date(text) == day
    assert Article.from_record({"id": "x", "body": "b", "published": text}).published == day


@pytest.mark.parametrize("text", REFUSED)
def test_anything_else_is_an_invalid_document_naming_the_value(text: str) -> None:
    assert parse_iso_date(text) is None
    with pytest.raises(InvalidDocument, match="'published' is not an ISO 8601 date") as raised:
        Article.from_record({"id": "x", "body": "b", "published": text})
    assert repr(text) in str(raised.value)


@given(st.datetimes(min_value=dt.datetime(1, 1, 1)), st.sampled_from(["T", "t", " "]),
       st.sampled_from(["", "Z", "+00:00", "-0930", "+14"]))
def test_every_calendar_date_time_is_read_as_its_date(moment: dt.datetime, sep: str,
                                                      offset: str) -> None:
    assert parse_iso_date(moment.isoformat(sep=sep) + offset) == moment.date()
    assert parse_iso_date(moment.date().isoformat()) == moment.date()


@given(st.text(max_size=40))
def test_any_text_is_a_date_or_none(text: str) -> None:
    day = parse_iso_date(text)
    assert day is None or text.startswith(day.isoformat())
