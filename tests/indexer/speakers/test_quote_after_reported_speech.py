"""Issue 18, ninth round: a quote that follows reported speech in its paragraph ('The
problem was that the report is secret, he said. "Some of it is classified."') is the same
speaker's. Generated speakers, paraphrases and quotes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

NAMES = ["Martin Okafor", "Susan Lindqvist", "Thomas Brandt", "Maria Castellanos"]
PARAPHRASES = ["The problem was that the report had not been released",
               "Anybody who entered illegally would be deported",
               "The vote was a turning point for the party"]
QUOTES = ["Some of it is classified, some of it is not.", "There will be no amnesty.",
          "We will govern."]


@settings(deadline=None)
@given(st.sampled_from(NAMES), st.sampled_from(PARAPHRASES), st.sampled_from(QUOTES),
       st.booleans())
def test_a_quote_after_reported_speech_is_the_same_speaker_s(
    name: str, paraphrase: str, quote: str, pronoun: bool
) -> None:
    first, last = name.split()
    who = ("she" if first in ("Susan", "Maria") else "he") if pronoun else last
    # paragraphs that name nobody between: no name is near enough for the learned model
    text = (f'"I cannot touch that one," {name} answered.\n\n'
            "The hearing ran long into the evening.\n\nThe budget was the main topic.\n\n"
            f'{paraphrase}, {who} said. "{quote}"')
    quotes = quotes_by_person(text)
    assert quote in quotes.get(name, []), quotes
