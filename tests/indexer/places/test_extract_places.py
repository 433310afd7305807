"""extract_places end to end: the seeds, offsets, datelines, excluded spans, one place each."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from place_checks import by_label, haversine_km, read_seed

from newsfacet.indexer.gazetteer import get_gazetteer, normalize
from newsfacet.indexer.places import extract_places
from newsfacet.schema.document import Span


@pytest.mark.shared
def test_press_release_seed() -> None:
    text = read_seed("press-release.txt")
    found = by_label(extract_places(text))
    assert {"Syria", "Hasakah, Syria", "Iraq"} <= set(found)
    assert found["Iraq"].kind == "country" and found["Iraq"].country_code == "IQ"
    assert "Republic of Iraq" in [text[s.start : s.end] for s in found["Iraq"].mentions]
    hasakah = found["Hasakah, Syria"]
    assert hasakah.geonameid == 173811 and hasakah.latitude is not None
    assert hasakah.aliases == ["Al Ḩasakah"]  # GeoNames' spelling, kept as an alias
    # Sentence-initial common words and days are not towns.
    assert not {"Many", "Unlike", "Thursday"} & {
        text[s.start : s.end] for p in found.values() for s in p.mentions
    }


@pytest.mark.shared
def test_news_article_seed_with_dateline() -> None:
    text = read_seed("news-article.txt")
    places = extract_places(text, dateline="ERBIL")
    found = by_label(places)
    assert {"Erbil, Iraq", "Hasakah, Syria", "Syria", "Iraq"} <= set(found)
    erbil = found["Erbil, Iraq"]
    assert erbil.dateline and erbil.kind == "city" and erbil.country_code == "IQ"
    assert [text[s.start : s.end] for s in erbil.mentions] == ["ERBIL"]
    assert sum(p.dateline for p in places) == 1
    surfaces = {text[s.start : s.end] for p in places for s in p.mentions}
    assert not {"Read", "Sunday", "Many", "Unlike", "SDF", "ISIS", "Kurdistan"} & surfaces


def test_offsets_point_at_the_mentions() -> None:
    text = "Fighting near Al-Hasakah, in northeastern Syria's Hasakah province, spread."
    places = extract_places(text)
    assert [p.label for p in places] == ["Hasakah, Syria", "Syria"]
    assert [text[s.start : s.end] for s in places[0].mentions] == ["Al-Hasakah", "Hasakah"]
    assert places[1].mentions == [Span(text.index("Syria"), text.index("Syria") + 5)]


def test_dateline_in_capitals_and_not_in_text() -> None:
    text = "BAGHDAD (Reuters) - Officials met on Monday."
    (place,) = extract_places(text, dateline="BAGHDAD")
    assert (place.label, place.dateline, place.mentions) == ("Baghdad, Iraq", True, [Span(0, 7)])
    (elsewhere,) = extract_places("Officials met on Monday.", dateline="ERBIL")
    assert elsewhere.label == "Erbil, Iraq" and elsewhere.dateline and elsewhere.mentions == []


def test_dateline_with_qualifier() -> None:
    (place,) = extract_places("CLEVELAND - The city council met.", dateline="CLEVELAND, Ohio")
    assert place.label == "Cleveland, United States" and place.dateline


def test_exclude_spans_are_not_places() -> None:
    text = "Jordan Brennan met officials in Jordan."
    name = Span(0, len("Jordan Brennan"))
    (place,) = extract_places(text, exclude=[name])
    assert place.label == "Jordan" and place.mentions == [Span(32, 38)]
    assert extract_places("Syria", exclude=[Span(0, 5)]) == []


def test_one_place_per_distinct_place_in_first_mention_order() -> None:
    text = "Iraq and Syria. Later, Syria again, then Iraq and Baghdad."
    places = extract_places(text)
    assert [p.label for p in places] == ["Iraq", "Syria", "Baghdad, Iraq"]
    assert [len(p.mentions) for p in places] == [2, 2, 1]


def _abbreviable_small_towns() -> list[tuple[str, str]]:
    """(small US town whose name opens with Mount, Saint or Fort, its state's name): found
    written in full when its state is named."""
    gaz = get_gazetteer()
    out = []
    for key in sorted(gaz.small_us):
        if not key.startswith(("mount ", "saint ", "fort ")):
            continue
        entries = gaz.small_us_entries(key)
        if gaz.entries(key) or len({e.candidate.admin1 for e in entries}) != 1:
            continue
        town, state = entries[0].candidate.name, gaz.states[entries[0].candidate.admin1].name
        if any(p.name == town for p in extract_places(f"The fire in {town}, {state}, was out.")):
            out.append((town, state))
    return out


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_abbreviable_small_towns()), st.booleans())
def test_mt_st_and_ft_name_the_same_small_town(case: tuple[str, str], dotted: bool) -> None:
    """"Mt. Pleasant", "St. Paris" and "Ft. Mill" are Mount Pleasant, Saint Paris and
    Fort Mill, small towns included; a saint's name in the possessive ("St. Paris's
    Hospital") is an institution's (unless a town abroad has the name as written)."""
    town, state = case
    head, rest = town.split(" ", 1)
    short = {"Mount": "Mt", "Saint": "St", "Fort": "Ft"}[head] + ("." if dotted else "")
    written = f"{short} {rest}"
    full = extract_places(f"The fire in {town}, {state}, was out.")
    text = f"The fire in {written}, {state}, was out."
    found = [p for p in extract_places(text) if any(text[m.start:m.end] == written
                                                     for m in p.mentions)]
    (same,) = [p for p in full if p.name == town]
    assert len(found) == 1  # that town, or GeoNames' own "St Johnsbury" entry beside it
    assert haversine_km(found[0].latitude, found[0].longitude, same.latitude,
                        same.longitude) < 25
    if head == "Saint" and not get_gazetteer().small_world_entries(normalize(written)):
        text = f"Nurses at {written}'s Hospital in {state} met."
        assert not any(p.name == town for p in extract_places(text))
