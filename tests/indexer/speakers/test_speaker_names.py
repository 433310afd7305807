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
