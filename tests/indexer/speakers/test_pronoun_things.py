"""A "he/she said" does not point back to a thing that opens a sentence: a capitalised
run after "The" ('The Sunshine State is …') or one closed by a possessive ('Regarding
Trump’s rhetoric …'). Generated texts: any such opener between a named speaker and the
pronoun's quote."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

LAST = ["Verhoef", "Lindqvist", "Okonkwo", "Castellanos", "Brandt", "Nakamura", "Duval"]
SPEAKERS = st.sampled_from([("she", "Marta"), ("she", "Susan"), ("he", "Pieter"),
                            ("he", "Thomas")])
#: Sentences that open with a thing, not a person.
THE_THING = st.builds(
    "The {} {} {}.".format,
    st.sampled_from(["Sunshine", "Common", "Golden", "Keystone", "Lone", "Granite"]),
    st.sampled_from(["State", "Core", "Gate", "Pipeline", "Star", "Fund"]),
    st.sampled_from(["is the biggest prize of the night", "standards outline the skills",
                     "will award a trove of delegates"]),
)
POSSESSIVE = st.builds(
    "{} {}{}s {} came up again.".format,
    st.sampled_from(["Regarding", "Asked about", "Despite"]),
    st.sampled_from(["Trump", "Obama", "Kasich", "Romney"]),
    st.sampled_from(["’", "'"]),
    st.sampled_from(["rhetoric", "remarks", "plan"]),
)


@settings(max_examples=80, deadline=None)
@given(SPEAKERS, st.sampled_from(LAST), st.one_of(THE_THING, POSSESSIVE),
       st.sampled_from(["said", "told reporters", "added"]))
def test_a_pronoun_skips_a_thing_opening_the_sentence_before(
    speaker: tuple[str, str], last: str, opener: str, cue: str
) -> None:
    pronoun, first = speaker
    name = f"{first} {last}"
    text = (f'The council met on Monday.\n\n"We will not sign this deal," said {name}.\n\n'
            f'{opener} "Nobody asked the drivers what they think," {pronoun} {cue}.')
    assert quotes_by_person(text) == {
        name: ["We will not sign this deal", "Nobody asked the drivers what they think"]
    }
