"""'And Trump, said Sunshine, doesn't forgive.' / '"…" for Clinton, said Kunin.': after a
comma, "said NAME" names the source and the words before the comma are what was said
about; the named source is the antecedent of a later "he/she said". Generated texts: the
person before the comma has the pronoun's gender, so the old reading gave it the quote."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

LAST = ["Verhoef", "Lindqvist", "Okonkwo", "Castellanos", "Brandt", "Nakamura", "Duval"]
MEN = ["Pieter", "Thomas", "Michael", "Daniel"]
WOMEN = ["Marta", "Susan", "Laura", "Helen"]
QUOTE = "If you let him down, you only have one shot at it"


@settings(max_examples=80, deadline=None)
@given(st.booleans(), st.data(),
       st.sampled_from(["And {}, said {}, does not forgive or forget.",
                        "The vote will be a challenge for {}, said {}.",
                        "{}, says {}, never forgets a slight."]))
def test_said_name_after_a_comma_is_the_antecedent(
    female: bool, data: st.DataObject, shape: str
) -> None:
    firsts = WOMEN if female else MEN
    pronoun = "she" if female else "he"
    lasts = data.draw(st.permutations(LAST))
    about = f"{data.draw(st.sampled_from(firsts))} {lasts[0]}"
    name = f"{data.draw(st.sampled_from(firsts))} {lasts[1]}"
    text = (f"{about} runs the company. {name} worked for the company for years.\n\n"
            f"{shape.format(lasts[0], lasts[1])} "
            f'"{QUOTE}," {pronoun} said.')
    by_person = quotes_by_person(text)
    owners = [who for who, quotes in by_person.items() if QUOTE in quotes]
    assert owners == [name], by_person
