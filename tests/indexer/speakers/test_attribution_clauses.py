"""Attribution read from the clause around a quote (issue 18, fifth round): a lone surname
confirmed by any cue verb after the quote, and a sentence's subject behind fronted
phrases. Generated texts, so that no single phrasing is what passes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from speaker_checks import quotes_by_person

LAST = ["Verhoef", "Lindqvist", "Okonkwo", "Castellanos", "Brandt", "Nakamura", "Duval"]
QUOTES = [
    "We will not sign this deal",
    "Nobody asked the drivers what they think",
    "It is the best result in ten years",
]
#: Cue verbs of the extractor's list other than said/says/added/told/wrote.
CUE_VERBS = ["stated", "insisted", "continued", "argued", "tweeted", "warned", "explained",
             "replied", "countered"]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(LAST), st.sampled_from(CUE_VERBS), st.sampled_from(QUOTES),
       st.sampled_from(["He", "She"]))
def test_lone_surname_with_any_cue_verb_after_a_quote_is_a_person(
    surname: str, verb: str, quote: str, pronoun: str
) -> None:
    # '"…," Obama stated.' with no full name in the text: the cue verb right after the
    # quote, then "he"/"she", make the lone surname a person, whichever cue verb it is.
    text = f'The hearing ran late.\n"{quote}," {surname} {verb}. {pronoun} left early.'
    assert quotes_by_person(text) == {surname: [quote]}


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["it", "the company"]), st.sampled_from(CUE_VERBS),
       st.sampled_from(QUOTES))
def test_lone_word_followed_by_it_is_no_person(pronoun: str, verb: str, quote: str) -> None:
    # An organisation speaks the same way: '"…," Northwind stated. It expects …'.
    text = (f'The hearing ran late.\n"{quote}," Northwind {verb}. '
            f"{pronoun.capitalize()} expects a ruling soon.")
    assert quotes_by_person(text) == {}
