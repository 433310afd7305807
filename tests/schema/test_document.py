"""The document model's serialisation: ``plain`` must be ``dataclasses.asdict`` exactly."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.schema.document import (
    EventDate,
    Extraction,
    Place,
    Quote,
    Span,
    Speaker,
    plain,
)

text = st.text(max_size=12)
offsets = st.integers(min_value=0, max_value=10_000)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)
quotes = st.builds(Quote, text=text, start=offsets, end=offsets, cue=text)
speakers = st.builds(Speaker, name=text, title=st.none() | text, role=st.none() | text,
                     kind=st.sampled_from(["person", "org", "anon"]),
                     aliases=st.lists(text, max_size=3), quotes=st.lists(quotes, max_size=3))
places = st.builds(Place, name=text, country=text, country_code=text,
                   kind=st.sampled_from(["city", "admin", "country", "continent"]),
                   geonameid=st.none() | st.integers(),
                   latitude=st.none() | st.floats(allow_nan=False),
                   longitude=st.none() | st.floats(allow_nan=False),
                   mentions=st.lists(st.builds(Span, offsets, offsets), max_size=3),
                   dateline=st.booleans(), aliases=st.lists(text, max_size=2))
events = st.builds(EventDate, date=st.dates(), text=text, start=offsets, end=offsets)
extractions = st.builds(
    Extraction, id=text, title=text, body=text, outlet=st.none() | text,
    published=st.none() | st.dates(), author=st.none() | text, url=st.none() | text,
    event_dates=st.lists(events, max_size=3), speakers=st.lists(speakers, max_size=3),
    locations=st.lists(places, max_size=3), metadata=st.dictionaries(text, json_values,
                                                                     max_size=3),
    source=text, provenance=st.dictionaries(text, text, max_size=3), path=text)


def _to_json_by_asdict(extraction: Extraction, with_body: bool) -> dict[str, Any]:
    """What ``to_json`` returned when it was built on ``dataclasses.asdict``."""
    data = dataclasses.asdict(extraction)
    data.pop("path")
    if not with_body:
        data.pop("body")
    data["published"] = extraction.published.isoformat() if extraction.published else None
    for event in data["event_dates"]:
        event["date"] = event["date"].isoformat()
    for place, model in zip(data["locations"], extraction.locations, strict=True):
        place["label"] = model.label
    return data


@settings(max_examples=200, deadline=None)
@given(extractions, st.booleans())
def test_to_json_is_what_asdict_gave(extraction: Extraction, with_body: bool) -> None:
    assert extraction.to_json(with_body) == _to_json_by_asdict(extraction, with_body)


@settings(max_examples=200, deadline=None)
@given(extractions)
def test_plain_copies_containers(extraction: Extraction) -> None:
    data = plain(extraction)
    assert data == dataclasses.asdict(extraction)
    # a caller that edits the result must not edit the model
    data["metadata"]["added"] = 1
    data["speakers"].append({})
    assert "added" not in extraction.metadata
    assert len(data["speakers"]) == len(extraction.speakers) + 1


def test_plain_deep_copies_what_it_does_not_know() -> None:
    value = {"when": dt.time(1, 2), "tags": {"a"}, "pair": (1, [2])}
    copied = plain(value)
    assert copied == value
    assert copied["tags"] is not value["tags"]
    assert copied["pair"][1] is not value["pair"][1]
