"""'Informed of the district's lean, Early described it …': a capitalised participle
opening a sentence is no person; the subject after its clause's comma is the source a
later "he/she said" points back to, also when the surname is a time word ("Early") that
the subject reading skips. Generated texts: another person of the same gender quoted
before, so the old reading gave the pronoun to that one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

LAST = ["Verhoef", "Lindqvist", "Okonkwo", "Castellanos", "Brandt", "Nakamura", "Duval"]
MEN = ["Pieter", "Thomas", "Michael", "Daniel"]
WOMEN = ["Marta", "Susan", "Laura", "Helen"]
CLAUSE = st.sampled_from(["Informed of the vote", "Asked about the plan",
                          "Speaking to reporters on Monday", "Pressed on the point",
                          "Anticipating the backlash"])
QUOTE = "Nobody asked the drivers what they think"


@settings(max_examples=80, deadline=None)
@given(st.booleans(), st.data(), CLAUSE,
       st.sampled_from(["told reporters", "said", "wrote", "remarked"]))
def test_the_subject_after_a_participle_clause_is_the_antecedent(
    female: bool, data: st.DataObject, clause: str, cue: str
) -> None:
    firsts = WOMEN if female else MEN
    pronoun = "she" if female else "he"
    last = "Early"
    other = f"{data.draw(st.sampled_from(firsts))} {data.draw(st.sampled_from(LAST))}"
    name = f"{data.draw(st.sampled_from(firsts))} {last}"
    text = (f"{name} chairs the district party.\n\n"
            f'"We will win this county," said {other}.\n\n'
            f"{clause}, {last} {cue} that the count was news to the party.\n\n"
            f'"{QUOTE}," {pronoun} said.')
    by_person = quotes_by_person(text)
    owners = [who for who, quotes in by_person.items() if QUOTE in quotes]
    assert owners == [name], by_person
