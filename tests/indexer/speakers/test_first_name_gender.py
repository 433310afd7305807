"""Gender from first names beyond the hand list: a person named with a first name the
census gives to one gender nine times in ten ("Geoff Garin", "Jillian Soto") is not the
antecedent of a pronoun of the other gender. Generated from the shipped census table."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

from newsfacet.indexer.speakers.coreference import gender_of
from newsfacet.indexer.speakers.first_name_table import CENSUS_FEMALE, CENSUS_MALE
from newsfacet.indexer.speakers.first_names import FIRST_NAMES

LAST = ["Verhoef", "Lindqvist", "Okonkwo", "Castellanos", "Brandt", "Nakamura", "Duval"]
#: Census names the hand list does not hold: only the table can give their gender.
CENSUS_ONLY = st.sampled_from(
    [("m", n) for n in sorted(CENSUS_MALE - FIRST_NAMES)]
    + [("f", n) for n in sorted(CENSUS_FEMALE - FIRST_NAMES)]
)


@given(CENSUS_ONLY, st.sampled_from(LAST))
def test_a_census_first_name_gives_its_gender(gender_first: tuple[str, str], last: str) -> None:
    gender, first = gender_first
    assert gender_of(f"{first.title()} {last}", None) == gender


@settings(max_examples=80, deadline=None)
@given(
    CENSUS_ONLY,
    st.sampled_from(LAST),
    st.sampled_from(["We will not sign this deal", "Nobody asked the drivers"]),
    st.sampled_from(["It is the best result in ten years", "The budget is already spent"]),
    st.sampled_from(["said", "added", "told reporters"]),
)
def test_a_pronoun_of_the_other_gender_does_not_take_a_census_named_source(
    gender_first: tuple[str, str], last: str, quote: str, later: str, cue: str
) -> None:
    # '"…," said Geoff Garin. "…," she said.': Garin's gender was unknown, so "she" took
    # him as the last named source.
    gender, first = gender_first
    name = f"{first.title()} {last}"
    pronoun = "she" if gender == "m" else "he"
    alone = f'The council met on Monday.\n\n"{quote}," said {name}.'
    # a few census names are words, places or titles ("May", "Kenya", "Dean") and name
    # nobody here; they say nothing of gender
    assume(quotes_by_person(alone) == {name: [quote]})
    quotes = quotes_by_person(f'{alone}\n\n"{later}," {pronoun} {cue}.')
    assert quotes.get(name) == [quote]
