"""A name inside someone's quotation is who the speaker talks about, not who a later
"he/she said" points back to: 'Hillary Clinton represents a continuation of the same
failed policies," she said. "…," she added.' stays the speaker's. Generated: any two
people of one gender, the second named inside the first one's quote."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

PEOPLE = {"she": ["Liz Cheney", "Marta Verhoef", "Susan Brandt", "Nancy Okonkwo"],
          "he": ["Pieter Duval", "Thomas Lindqvist", "David Castellanos", "Jim Nakamura"]}
INNER = ["{} represents a continuation of the same failed policies",
         "{} is kind of in the spirit of old tyrants",
         "{} said it would pass, and it did not"]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(sorted(PEOPLE)).flatmap(
           lambda p: st.tuples(st.just(p), st.sampled_from(PEOPLE[p]),
                               st.sampled_from(PEOPLE[p]))),
       st.sampled_from(INNER), st.sampled_from(["added", "said", "went on"]))
def test_a_name_inside_a_quote_is_no_antecedent(
    people: tuple[str, str, str], inner: str, cue: str
) -> None:
    pronoun, speaker, named = people
    assume(speaker != named)
    first = "No state has been hurt more than ours"
    second = inner.format(named)
    third = "Our freedom is under assault"
    text = (f'The vote was on Tuesday.\n\n"{first}," said {speaker}.\n\n'
            f'"{second}," {pronoun} said. "{third}," {pronoun} {cue}.')
    assert quotes_by_person(text) == {speaker: [first, second, third]}
