"""extract_places end to end: the seeds, offsets, datelines, excluded spans, one place each."""

from __future__ import annotations

import pytest
from place_checks import by_label, read_seed

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
