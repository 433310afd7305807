"""The gazetteer: keys, priors and demonyms (newsfacet.indexer.gazetteer)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.gazetteer import get_gazetteer, normalize


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


def _normalize_by_decomposing(name: str) -> str:
    """normalize() without its ASCII shortcut: every name decomposed."""
    decomposed = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = text.casefold().replace("ʼ", "").replace("'", "").replace("’", "").replace("‘", "")
    text = text.replace(".", " ").replace("-", " ").replace("‐", " ").replace("–", " ")
    return re.sub(r"\s+", " ", text).strip()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2FF) | st.sampled_from("ʼ’‘‐–Ḩ"),
               max_size=20))
def test_the_ascii_shortcut_of_normalize_changes_no_key(name: str) -> None:
    assert normalize(name) == _normalize_by_decomposing(name)


@given(st.text(alphabet=st.characters() | st.sampled_from(" \t\n\x1c\x85\xa0\u2028\u3000\u200b.-'"),
               max_size=20))
def test_normalize_folds_whitespace_as_the_pattern_did(name: str) -> None:
    """Whitespace is folded by ``str.split`` (once ``\\s+`` replaced by one space, then
    stripped): the same characters count as whitespace."""
    assert normalize(name) == _normalize_by_decomposing(name)
    assert " ".join(name.split()) == re.sub(r"\s+", " ", name).strip()


def _shared_county_names() -> list[str]:
    """Names of US counties that several states have ("Butler County": eight)."""
    gaz = get_gazetteer()
    return sorted(k for k in gaz.name_keys() if k.endswith((" county", " parish"))
                  and sum(e.candidate.kind == "admin" and e.candidate.country_code == "US"
                          for e in gaz.entries(k)) > 1)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_a_county_name_several_states_share_means_the_most_populous(data) -> None:
    """Without a state in the text, "Butler County" is Ohio's (224,000) rather than
    Alabama's (10,000): news names big counties more often."""
    from newsfacet.indexer.places import extract_places

    gaz = get_gazetteer()
    key = data.draw(st.sampled_from(_shared_county_names()))
    counties = [e.candidate for e in gaz.entries(key)
                if e.candidate.kind == "admin" and e.candidate.country_code == "US"]
    biggest = max(c.population for c in counties)
    assert gaz.lookup(key)[0].population == biggest
    name = counties[0].name
    found = [p for p in extract_places(f"Deputies in {name} said the road was closed.")
             if p.kind == "admin"]
    assert found
    assert any(p.geonameid in {c.geonameid for c in counties if c.population == biggest}
               for p in found)
