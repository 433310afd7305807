"""Issue 18, ninth round: a lone surname takes the full name its pronouns agree with. A
relative named nearer before ("Barack Obama and Michelle Obama have signed ...") is not
the person who "said" and then "he continued". Generated couples and quotes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

MEN = ["Thomas", "David", "Robert", "Michael"]
WOMEN = ["Maria", "Susan", "Karen", "Linda"]
LAST = ["Okafor", "Lindqvist", "Brandt", "Castellanos"]


@settings(deadline=None)
@given(st.sampled_from(MEN), st.sampled_from(WOMEN), st.sampled_from(LAST),
       st.booleans(), st.sampled_from(["he", "she"]))
def test_the_pronouns_choose_between_relatives_of_one_surname(
    man: str, woman: str, last: str, man_first: bool, pronoun: str
) -> None:
    pair = f"{man} {last} and {woman} {last}" if man_first else f"{woman} {last} and {man} {last}"
    text = (f"Former Governor {last} spoke on Wednesday about the new foundation.\n\n"
            f'"{pair} have signed a deal to produce films," the studio said on Monday.\n\n'
            f'"Everyone has a story worth telling," {last} said.\n\n'
            f'"We want to lift people up," {pronoun} continued.')
    who = f"{man} {last}" if pronoun == "he" else f"{woman} {last}"
    assert quotes_by_person(text) == {
        who: ["Everyone has a story worth telling", "We want to lift people up"]}
