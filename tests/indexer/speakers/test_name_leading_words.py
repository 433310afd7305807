"""Words before a name that open a sentence capitalised are no part of it: roles ("Rival
Hillary Clinton said", "Adviser Sidney Blumenthal wrote", "Celebrities Julianne Moore
…"), adverbs and prepositions ("Maybe Trump", "Besides Clinton") and numbers ("Six
Gannett newspapers said"). Generated texts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.speakers import extract_speakers
from newsfacet.indexer.speakers.names import canonical_name

LAST = ["Verhoef", "Lindqvist", "Okonkwo", "Castellanos", "Brandt", "Nakamura", "Duval"]
FIRST = ["Marta", "Susan", "Thomas", "Michael", "Hillary", "Sidney"]
LEADING = st.sampled_from(["Rival", "Adviser", "Advisor", "Aide", "Hacker", "Celebrity",
                           "Celebrities", "Maybe", "Perhaps", "Besides", "Six", "Four"])


@settings(max_examples=80, deadline=None)
@given(LEADING, st.sampled_from(FIRST), st.sampled_from(LAST))
def test_a_leading_role_adverb_or_number_is_no_name(lead: str, first: str, last: str) -> None:
    assert canonical_name(f"{lead} {first} {last}")[0] == f"{first} {last}"


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["Rival", "Adviser", "Aide", "Celebrity"]), st.sampled_from(FIRST),
       st.sampled_from(LAST))
def test_a_role_opening_the_sentence_stays_out_of_the_speaker(
    lead: str, first: str, last: str
) -> None:
    text = f'{lead} {first} {last} said the plan was dead. "Nobody asked us," {last} said.'
    people = [s.name for s in extract_speakers(text) if s.kind == "person"]
    assert people == [f"{first} {last}"], people


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["Using", "Citing", "Quoting", "Asserting"]),
       st.sampled_from(["Laura", "Susan", "Thomas", "Michael"]), st.sampled_from(LAST))
def test_a_participle_before_a_first_name_is_no_name(part: str, first: str, last: str) -> None:
    assert canonical_name(f"{part} {first} {last}")[0] == f"{first} {last}"
    assert canonical_name(f"Sterling {first[0]}. {last}")[0] == f"Sterling {first[0]}. {last}"
