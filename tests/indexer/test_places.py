"""Location extraction: gazetteer lookups, matching rules, resolution and offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfacet.indexer.gazetteer import get_gazetteer
from newsfacet.indexer.places import extract_places
from newsfacet.schema.document import Place, Span

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def labels(text: str) -> list[str]:
    """The facet labels extracted from ``text``, in first-mention order."""
    return [p.label for p in extract_places(text)]


def by_label(places: list[Place]) -> dict[str, Place]:
    """Index places by facet label."""
    return {p.label: p for p in places}


def read_seed(name: str) -> str:
    """A seed document, or skip when the shared folder is not beside the repo."""
    path = SEEDS / name
    if not path.exists():
        pytest.skip("needs ../shared/seeds")
    return path.read_text(encoding="utf-8")


# -- gazetteer ------------------------------------------------------------------------


def test_gazetteer_is_cached_per_process() -> None:
    assert get_gazetteer() is get_gazetteer()


@pytest.mark.parametrize("name", ["Hasakah", "Al-Hasakah", "AL HASAKAH", "Al Ḩasakah"])
def test_gazetteer_folds_case_accents_hyphens_and_article(name: str) -> None:
    top = get_gazetteer().lookup(name)[0]
    assert (top.name, top.country, top.kind) == ("Al Ḩasakah", "Syria", "city")


def test_gazetteer_prefers_country_then_population() -> None:
    gaz = get_gazetteer()
    assert gaz.lookup("Georgia")[0].kind == "country"
    assert gaz.lookup("Georgia")[1].kind == "admin"
    cleveland = gaz.lookup("Cleveland")[0]
    assert (cleveland.country, cleveland.admin1) == ("United States", "OH")
    assert gaz.lookup("Nowhere-at-all-ville") == []


# -- seeds ----------------------------------------------------------------------------


@pytest.mark.shared
def test_press_release_seed() -> None:
    text = read_seed("press-release.txt")
    found = by_label(extract_places(text))
    assert {"Syria", "Al Ḩasakah, Syria", "Iraq"} <= set(found)
    assert found["Iraq"].kind == "country" and found["Iraq"].country_code == "IQ"
    assert "Republic of Iraq" in [text[s.start : s.end] for s in found["Iraq"].mentions]
    hasakah = found["Al Ḩasakah, Syria"]
    assert hasakah.geonameid == 173811 and hasakah.latitude is not None
    # Sentence-initial common words and days are not towns.
    assert not {"Many", "Unlike", "Thursday"} & {
        text[s.start : s.end] for p in found.values() for s in p.mentions
    }


@pytest.mark.shared
def test_news_article_seed_with_dateline() -> None:
    text = read_seed("news-article.txt")
    places = extract_places(text, dateline="ERBIL")
    found = by_label(places)
    assert {"Erbil, Iraq", "Al Ḩasakah, Syria", "Syria", "Iraq"} <= set(found)
    erbil = found["Erbil, Iraq"]
    assert erbil.dateline and erbil.kind == "city" and erbil.country_code == "IQ"
    assert [text[s.start : s.end] for s in erbil.mentions] == ["ERBIL"]
    assert sum(p.dateline for p in places) == 1
    surfaces = {text[s.start : s.end] for p in places for s in p.mentions}
    assert not {"Read", "Sunday", "Many", "Unlike", "SDF", "ISIS"} & surfaces


# -- rules ----------------------------------------------------------------------------


def test_offsets_point_at_the_mentions() -> None:
    text = "Fighting near Al-Hasakah, in northeastern Syria's Hasakah province, spread."
    places = extract_places(text)
    assert [p.label for p in places] == ["Al Ḩasakah, Syria", "Syria"]
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


def test_acronyms_in_capitals_are_not_places() -> None:
    assert labels("ISIS and the SDF clashed; CJTF-OIR said so.") == []


def test_countries_and_states_beat_same_name_cities() -> None:
    places = extract_places("Talks were held in Jordan and Georgia.")
    assert [(p.name, p.kind) for p in places] == [("Jordan", "country"), ("Georgia", "country")]
    (ohio,) = extract_places("Farmers in Ohio complained.")
    assert (ohio.kind, ohio.country_code) == ("admin", "US")


def test_us_city_by_population_and_state_context() -> None:
    (cleveland,) = extract_places("The team flew to Cleveland on Friday.")
    assert cleveland.label == "Cleveland, United States" and cleveland.geonameid == 5150529
    places = extract_places("He lives in Mobile, Alabama.")
    assert [p.label for p in places] == ["Mobile, United States", "Alabama, United States"]


def test_country_titles_and_abbreviations() -> None:
    text = "At the invitation of the Republic of Iraq, U.S. forces stayed."
    places = extract_places(text)
    assert [p.label for p in places] == ["Iraq", "United States"]
    assert [text[s.start : s.end] for p in places for s in p.mentions] == [
        "Republic of Iraq",
        "U.S.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Michael Jordan scored 40 points.",
        "Georgia Smith, a teacher, said no.",
        "Sen. Cleveland voted against it.",
    ],
)
def test_person_names_are_not_places(text: str) -> None:
    assert labels(text) == []


def test_surname_alone_after_full_name_is_not_a_place() -> None:
    text = "Barack Obama spoke. Later Obama left for Chicago."
    assert labels(text) == ["Chicago, United States"]


def test_place_as_institution_modifier_still_counts() -> None:
    assert labels("The Ohio Department of Transportation said so.") == ["Ohio, United States"]


@pytest.mark.parametrize(
    "text",
    [
        "Of course it was.",
        "In March the talks resumed.",
        "Mobile phones were banned; mobile data too.",
        "Reading the report took hours.",
        "Bath time is at six.",
        "Police said so. Many agreed. Unlike them, we left.",
        "Read More: the full story. On Sunday nothing happened.",
        "Due to rain, it stopped.",
        "I’ve seen the White House.",
    ],
)
def test_common_words_are_not_places(text: str) -> None:
    assert labels(text) == []


def test_washington_resolves_to_the_capital() -> None:
    # Metonymy is kept: "Washington said" is about the US capital for a location facet.
    for text in ("Washington said it would respond.", "Washington and Beijing agreed."):
        place = extract_places(text)[0]
        assert (place.name, place.kind, place.country_code) == ("Washington", "city", "US")
        assert place.geonameid == 4140963


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
