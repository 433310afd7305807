"""Publication and event dates; outlets from bylines."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfacet.indexer.dates import extract_event_dates, parse_date
from newsfacet.indexer.outlets import split_byline

MONDAY = dt.date(2022, 1, 24)


def test_parse_date_requires_day_month_and_year() -> None:
    assert parse_date("Jan. 24, 2022") == MONDAY
    assert parse_date("January 2022") is None
    assert parse_date("32/13/2022") is None


def _events(text: str, published: dt.date | None) -> dict[str, dt.date]:
    return {e.text: e.date for e in extract_event_dates(text, published)}


def test_weekdays_resolve_to_the_past_relative_to_publication() -> None:
    events = _events("It began on Thursday night and ended on Sunday.", MONDAY)
    assert events == {"on Thursday night": dt.date(2022, 1, 20), "on Sunday": dt.date(2022, 1, 23)}


def test_future_tense_points_a_weekday_forward() -> None:
    assert _events("Talks will resume on Friday.", MONDAY) == {"on Friday": dt.date(2022, 1, 28)}


def test_relative_dates_need_a_publication_date() -> None:
    assert _events("It happened on Sunday, yesterday.", None) == {}
    assert _events("It happened on January 20, 2022.", None) == {
        "January 20, 2022": dt.date(2022, 1, 20)
    }


def test_month_and_day_take_the_nearest_year() -> None:
    events = _events("Ships left on Dec. 30.", dt.date(2023, 1, 3))
    assert events == {"Dec. 30": dt.date(2022, 12, 30)}


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("CJTF-OIR Public Affairs CJTF OIR", (None, "CJTF-OIR Public Affairs")),
        ("Northline Wire Staff", (None, "Northline Wire")),
        ("Jane Doe", ("Jane Doe", None)),
        ("Jane Doe, Harbor Gazette", ("Jane Doe", "Harbor Gazette")),
    ],
)
def test_byline_names_an_outlet_only_when_it_is_an_organisation(
    byline: str, expected: tuple[str | None, str | None]
) -> None:
    assert split_byline(byline) == expected
