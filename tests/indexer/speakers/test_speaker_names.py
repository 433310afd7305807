"""Speaker names and roles that word lists used to get wrong: an age read as a role,
dotted initials read as acronyms, camel-case names read as glued words, and people whose
surname is a place. Generated texts, so that no single name is what passes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import check_offsets

from newsfacet.indexer.speakers import extract_speakers

FIRST = ["Marta", "Joost", "Ingrid", "Tomas", "Aylin", "Kofi", "Renata", "Bas"]
LAST = ["Verhoef", "Lindqvist", "Okonkwo", "Castellanos", "Brandt", "Nakamura", "Duval"]
TOWNS = ["Sarasota", "North Philadelphia", "Meridian, Ind.", "Tujunga, Calif."]
QUOTE = "We will not sign this deal"


def _people(text: str) -> dict[str, str | None]:
    """Person speakers and their roles."""
    speakers = extract_speakers(text)
    check_offsets(text, speakers)
    return {s.name: s.role for s in speakers if s.kind == "person"}


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST), st.integers(16, 109),
       st.one_of(st.none(), st.sampled_from(TOWNS)), st.sampled_from(["of", "from"]))
def test_an_age_appositive_is_not_a_role(
    first: str, last: str, age: int, town: str | None, prep: str
) -> None:
    appositive = f"{age}, {prep} {town}" if town else str(age)
    text = f'The hall was full.\n"{QUOTE}," said {first} {last}, {appositive}.'
    people = _people(text)
    assert f"{first} {last}" in people
    assert people[f"{first} {last}"] is None


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST), st.integers(16, 109),
       st.sampled_from(["a nurse from Brownsville", "a retired teacher", "a student"]))
def test_the_role_after_an_age_is_kept(first: str, last: str, age: int, role: str) -> None:
    text = f'The hall was full.\n{first} {last}, {age}, {role}, said: "{QUOTE}."'
    assert _people(text).get(f"{first} {last}") == role


def _said(name: str, title: str = "") -> str:
    who = f"{title} {name}".strip()
    return f'The hall was full.\n"{QUOTE}," said {who}. "We go home now," {name.split()[-1]} added.'


#: Surnames that are also places, and given names the first-name list knows.
PLACE_SURNAMES = ["Jordan", "Israel", "Washington", "Paris", "Hong", "York", "Jersey"]
KNOWN_FIRST = ["Jim", "Steve", "Mary", "Deborah", "George", "Karen", "Tom"]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(KNOWN_FIRST), st.sampled_from(PLACE_SURNAMES))
def test_a_known_first_name_makes_a_place_surname_a_person(first: str, last: str) -> None:
    assert f"{first} {last}" in _people(_said(f"{first} {last}"))


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["Ki", "Aris", "Dossym", "Yin"]), st.sampled_from(PLACE_SURNAMES),
       st.sampled_from(["Rep.", "Sen.", "Gov.", "Judge"]))
def test_a_title_makes_a_place_surname_a_person(first: str, last: str, title: str) -> None:
    assert f"{first} {last}" in _people(_said(f"{first} {last}", title))


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["Hong Kong", "New York", "New Jersey", "South Carolina", "Israel",
                        "Jordan"]))
def test_a_place_that_speaks_is_no_person(place: str) -> None:
    text = f'The hall was full.\n"{QUOTE}," {place} said in a statement.'
    assert place not in _people(text)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from("BGHJKRTW"), min_size=2, max_size=3),
       st.sampled_from(["MacNab", "Butterfield", "McConnell", "Okonkwo", "DeMoro"]))
def test_dotted_initials_are_a_persons_not_an_acronym(letters: list[str], last: str) -> None:
    name = "".join(f"{c}." for c in letters) + f" {last}"
    assert name in _people(_said(name))


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["Kelly", "Rose", "Mary", "Lou", "Betty"]),
       st.sampled_from(["Anne", "Ann", "Beth", "Marie"]),
       st.sampled_from([*LAST, "VanderSloot", "FitzGerald"]))
def test_camel_case_names_are_not_glued_words(first: str, second: str, last: str) -> None:
    name = f"{first}{second} {last}"
    assert name in _people(_said(name))


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(["Post", "News", "Photo", "Share"]),
       st.sampled_from(LAST))
def test_glued_scraper_debris_is_still_rejected(first: str, glued: str, last: str) -> None:
    # "Marta PhotoBrandt": a caption word run into the name by a scraper.
    assert not _people(_said(f"{first} {glued}{last}"))


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["U.S.", "U.N.", "D.C.", "E.U."]),
       st.sampled_from(["Census", "Court", "Mission", "Office"]))
def test_dotted_acronyms_stay_out_of_people(acronym: str, noun: str) -> None:
    text = f'The hall was full.\n"{QUOTE}," the {acronym} {noun} said.'
    assert not _people(text)
