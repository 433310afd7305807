"""A sentence opened by a capitalised modifier, a role noun and a name ('Obama
consultant Cornell Belcher, …, picked up …', 'Political analyst David Bositis agreed')
has the name as its subject: a following "he/she said" points back to that person, not
to the modifier or to someone quoted before. Generated: modifiers, role nouns, names."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

LAST = ["Belcher", "Bositis", "Verhoef", "Okonkwo", "Castellanos", "Lindqvist"]
PEOPLE = st.sampled_from([("he", "Cornell", "Donald Trump"), ("he", "David", "Jeb Bush"),
                          ("she", "Jennifer", "Hillary Clinton"),
                          ("she", "Hope", "Nikki Haley")])
MODIFIERS = ["Obama", "Clinton", "Political", "Senate", "Democratic", "Trump"]
ROLES = ["consultant", "spokeswoman", "spokesman", "analyst", "aide", "strategist"]
PREDICATES = ["picked up a similar thread", "agreed", ", a longtime pollster, disagreed"]


@settings(max_examples=80, deadline=None)
@given(PEOPLE, st.sampled_from(LAST), st.sampled_from(MODIFIERS), st.sampled_from(ROLES),
       st.sampled_from(PREDICATES))
def test_the_name_after_a_role_opening_the_sentence_is_the_antecedent(
    people: tuple[str, str, str], last: str, modifier: str, role: str, predicate: str
) -> None:
    pronoun, first, other = people
    name = f"{first} {last}"
    space = "" if predicate.startswith(",") else " "
    text = (f'"We will win this state," said {other}.\n\n'
            f"{modifier} {role} {name}{space}{predicate}. "
            f'"Nobody asked the drivers what they think," {pronoun} said.')
    assert quotes_by_person(text) == {other: ["We will win this state"],
                                      name: ["Nobody asked the drivers what they think"]}
