"""The gazetteer: keys, priors and demonyms (newsfacet.indexer.gazetteer)."""

from __future__ import annotations

import pytest

from newsfacet.indexer.gazetteer import get_gazetteer


def test_gazetteer_is_cached_per_process() -> None:
    assert get_gazetteer() is get_gazetteer()


@pytest.mark.parametrize("name", ["Hasakah", "Al-Hasakah", "AL HASAKAH", "Al Ḩasakah"])
def test_gazetteer_folds_case_accents_hyphens_and_article(name: str) -> None:
    top = get_gazetteer().lookup(name)[0]
    assert (top.name, top.country, top.kind) == ("Hasakah", "Syria", "city")
    assert top.geonameid == 173811 and "Al Ḩasakah" in top.aliases


def test_gazetteer_prefers_country_then_population() -> None:
    gaz = get_gazetteer()
    assert gaz.lookup("Georgia")[0].kind == "country"
    assert gaz.lookup("Georgia")[1].kind == "admin"
    cleveland = gaz.lookup("Cleveland")[0]
    assert (cleveland.country, cleveland.admin1) == ("United States", "OH")
    assert gaz.lookup("Nowhere-at-all-ville") == []


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
