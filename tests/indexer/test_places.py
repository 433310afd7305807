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


# -- demonyms -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Syrian", "Syria"),
        ("Egyptian", "Egypt"),
        ("Iraqi", "Iraq"),
        ("Chinese", "China"),
        ("Sri Lankan", "Sri Lanka"),
        ("Nigerian", "Nigeria"),
        ("Palestinians", "Palestinian Territory"),
        ("Dutch", "The Netherlands"),
        ("Swiss", "Switzerland"),
    ],
)
def test_gazetteer_derives_demonyms(word: str, country: str) -> None:
    found = get_gazetteer().demonym(word)
    assert found is not None and found.kind == "country" and found.name == country


def test_demonyms_resolve_to_their_country() -> None:
    text = "Egyptian officials met Israeli envoys; Sri Lankan and Georgian troops left."
    places = extract_places(text)
    assert [p.label for p in places] == ["Egypt", "Israel", "Sri Lanka", "Georgia"]
    assert [text[s.start : s.end] for p in places for s in p.mentions] == [
        "Egyptian",
        "Israeli",
        "Sri Lankan",
        "Georgian",
    ]


def test_demonym_naming_an_organisation_is_not_a_place() -> None:
    # Decision: a people's name inside an organisation's name says nothing about where.
    assert labels("The Syrian Democratic Forces and American Electric Power agreed.") == []
    assert labels("The Georgian Foreign Ministry said so.") == ["Georgia"]
    assert labels("He is a Native American artist.") == []


def test_places_inside_hyphenated_words() -> None:
    text = "Egyptian-US talks resumed, said Rep. Ann Smith, D-Charleston."
    places = by_label(extract_places(text))
    assert {"Egypt", "United States", "Charleston, United States"} <= set(places)
    us = places["United States"].mentions[0]
    assert text[us.start : us.end] == "US"


# -- counties, small towns and US context ---------------------------------------------


def test_us_counties_are_places() -> None:
    (county,) = extract_places("Voters in Laurel County backed the levy.")
    assert (county.name, county.kind, county.country_code) == ("Laurel County", "admin", "US")
    assert county.latitude is not None  # estimated: GeoNames ships no county coordinates


def test_county_takes_the_position_of_a_town_of_its_state() -> None:
    places = by_label(extract_places("Deputies in Laurel County and London, Ky., searched."))
    county, town = places["Laurel County, United States"], places["London, United States"]
    assert (county.latitude, county.longitude) == (town.latitude, town.longitude)


def test_small_towns_need_their_state_in_the_text() -> None:
    assert labels("The parade in Chiefland drew a crowd.") == []
    places = labels("The parade in Chiefland drew a crowd from all over Florida.")
    assert places == ["Chiefland, United States", "Florida, United States"]


def test_local_us_news_prefers_us_towns() -> None:
    (paris, texas) = extract_places("Paris police said the Texas highway reopened.")
    assert (paris.country_code, texas.kind) == ("US", "admin")
    (paris,) = extract_places("Tourists crowded Paris on Sunday.")
    assert paris.country_code == "FR"


def test_state_named_as_a_qualifier_resolves_to_the_state() -> None:
    places = by_label(extract_places("She grew up in Albany, New York."))
    assert places["New York, United States"].kind == "admin"
    assert places["Albany, United States"].latitude is not None


def test_state_of_the_documents_towns_beats_the_country() -> None:
    places = by_label(extract_places("Traffic in Atlanta slowed as Georgia voters went out."))
    assert places["Georgia, United States"].kind == "admin"


def test_small_foreign_town_in_local_us_news_is_a_name() -> None:
    text = "Martin told the Ohio council that the levy failed."
    assert labels(text) == ["Ohio, United States"]


# -- people and organisations ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Driver Virginia L. Lane was hurt.",
        "Grant W. Graham was charged.",
        "Surviving is her son Bryan, of the family farm.",
        "Robertson said the theatre was sold.",
        "Sens. Smith and Jones voted.",
    ],
)
def test_person_contexts_are_not_places(text: str) -> None:
    assert labels(text) == []


def test_name_in_an_organisation_counts_when_it_stands_alone_elsewhere() -> None:
    text = "The Dublin Kennel Club met in Dublin, Ohio."
    places = extract_places(text)
    dublin = by_label(places)["Dublin, United States"]
    assert [text[s.start : s.end] for s in dublin.mentions] == ["Dublin", "Dublin"]
    assert labels("The Dublin Kennel Club met on Monday.") == []


def test_said_before_a_place_modifier_is_not_a_person() -> None:
    text = "He was missing, said Laconia police. He lived in Laconia."
    assert labels(text) == ["Laconia, United States"]
