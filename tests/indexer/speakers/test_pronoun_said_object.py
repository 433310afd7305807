"""A name after "he said" is what was said, not who said it ('Asked who leads the party,
he said Ryan.'): it is no antecedent for a later "he said". Generated texts: a named
speaker, then a pronoun subject saying a name, then a "he/she said" quote."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

LAST = ["Verhoef", "Lindqvist", "Okonkwo", "Castellanos", "Brandt", "Nakamura", "Duval"]
SPEAKERS = st.sampled_from([("she", "Marta"), ("she", "Susan"), ("he", "Pieter"),
                            ("he", "Thomas")])
#: The name said, a different person from the speaker.
SAID = st.sampled_from(["Ryan", "Paul Ryan", "McConnell", "Senator Mitch McConnell", "Pence"])


@settings(max_examples=80, deadline=None)
@given(SPEAKERS, st.sampled_from(LAST), SAID,
       st.sampled_from(["Asked who leads the party", "Asked whom she trusts most",
                        "When reporters asked for a name"]),
       st.sampled_from(["said", "says"]))
def test_a_name_said_by_a_pronoun_is_no_antecedent(
    speaker: tuple[str, str], last: str, said: str, asked: str, verb: str
) -> None:
    pronoun, first = speaker
    name = f"{first} {last}"
    text = (f'"We will not sign this deal," said {name}.\n\n'
            f'{asked}, {pronoun} {verb} {said}. "Nobody else comes close," {pronoun} said.')
    by_person = quotes_by_person(text)
    owners = [who for who, quotes in by_person.items() if "Nobody else comes close" in quotes]
    assert owners == [name], by_person
