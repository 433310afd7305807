"""A person quoted by name is an antecedent of a later "he/she said" whatever the verb of
that quote ('"Jeb wants to be a tough guy tonight," Trump shot back. … "Quiet," he
demanded'): the text's scan for antecedents reads speech verbs only, so a person named
earlier with "said" used to take the pronoun. Generated texts: an earlier person of the
same gender with "said", then a quote with a verb of no speech list, then "he/she"."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

LAST = ["Verhoef", "Lindqvist", "Okonkwo", "Castellanos", "Brandt", "Nakamura", "Duval"]
MEN = ["Pieter", "Thomas", "Michael", "Daniel"]
WOMEN = ["Marta", "Susan", "Laura", "Helen"]


@settings(max_examples=80, deadline=None)
@given(st.booleans(), st.data(),
       st.sampled_from(["shot back", "fumed", "beamed", "retorted", "snapped"]),
       st.sampled_from(["demanded", "added", "said"]))
def test_a_quoted_person_is_the_antecedent_whatever_the_verb(
    female: bool, data: st.DataObject, verb: str, cue: str
) -> None:
    firsts = WOMEN if female else MEN
    pronoun = "she" if female else "he"
    lasts = data.draw(st.permutations(LAST))
    other = f"{data.draw(st.sampled_from(firsts))} {lasts[0]}"
    name = f"{data.draw(st.sampled_from(firsts))} {lasts[1]}"
    text = (f"{other} said the plan was dead.\n\n"
            f'"We will not sign this deal," {name} {verb}. '
            f'"Nobody asked the drivers what they think," {pronoun} {cue}.')
    by_person = quotes_by_person(text)
    owners = [who for who, quotes in by_person.items()
              if "Nobody asked the drivers what they think" in quotes]
    assert owners == [name], by_person
