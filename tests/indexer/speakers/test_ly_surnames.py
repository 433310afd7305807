"""A surname ending in -ly ("Connolly", "Jolly", "Kelly") is no adverb between a subject
and its verb ('Trump repeatedly said'): the name stays the subject. Generated: surnames
of that shape, first names and cue verbs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

LY_SURNAMES = ["Connolly", "Donnelly", "Reilly", "Kennelly", "Jolly", "Daly", "Tully",
               "Schlafly", "Beverly", "Kelly"]
PEOPLE = st.sampled_from([("he", "Gerry"), ("he", "David"), ("she", "Phyllis"),
                          ("she", "Megyn")])
VERBS = ["said", "told reporters", "added", "explained"]


@settings(max_examples=60, deadline=None)
@given(PEOPLE, st.sampled_from(LY_SURNAMES), st.sampled_from(VERBS))
def test_a_ly_surname_before_a_cue_verb_is_the_speaker(
    person: tuple[str, str], last: str, verb: str
) -> None:
    pronoun, first = person
    name = f"{first} {last}"
    text = (f'The council met on Monday.\n\n"We will not sign this deal," {name} {verb}. '
            f'The vote is set for Friday. "Nobody asked the drivers," {pronoun} said.')
    assert quotes_by_person(text) == {
        name: ["We will not sign this deal", "Nobody asked the drivers"]
    }
