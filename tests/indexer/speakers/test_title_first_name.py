"""After a title, a first name that is also a place ("Rep. Virginia Foxx") is the first
name: the name is a person's, in a speech clause or as the subject a later "she said"
points back to. Generated: every first name of the list that is also a place word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

from newsfacet.indexer.speakers.first_names import FIRST_NAMES
from newsfacet.indexer.speakers.names import PLACE_WORDS
from newsfacet.indexer.speakers.sources import source_from_name

PLACE_FIRST_NAMES = sorted(FIRST_NAMES & set(PLACE_WORDS))
TITLES = ["Rep.", "Sen.", "Gov.", "Mayor", "Dr."]
LAST = ["Verhoef", "Foxx", "Okonkwo", "Castellanos", "Brandt"]


@given(st.sampled_from(TITLES), st.sampled_from(PLACE_FIRST_NAMES), st.sampled_from(LAST))
def test_a_titled_place_first_name_is_a_person(title: str, first: str, last: str) -> None:
    source = source_from_name(f"{title} {first.title()} {last}", "", None)
    assert (source.kind, source.name) == ("person", f"{first.title()} {last}")


@given(st.sampled_from(TITLES), st.sampled_from(PLACE_FIRST_NAMES), st.sampled_from(LAST),
       st.sampled_from(["was not impressed", "also addressed the controversy"]))
def test_a_titled_place_first_name_is_the_antecedent_of_a_pronoun(
    title: str, first: str, last: str, predicate: str
) -> None:
    name = f"{first.title()} {last}"
    text = (f'"We will win this state," Donald Trump said.\n\n{title} {name} {predicate}. '
            f'"Nobody asked the drivers what they think," she said.')
    assert quotes_by_person(text) == {"Donald Trump": ["We will win this state"],
                                      name: ["Nobody asked the drivers what they think"]}
