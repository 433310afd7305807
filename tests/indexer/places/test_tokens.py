"""The places scan's tokens: the words of the plain word pattern that can be part of a
place name, found without visiting the others (newsfacet.indexer.places.tokens)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.gazetteer import get_gazetteer
from newsfacet.indexer.places.candidates import CONNECTORS, MentionFinder
from newsfacet.indexer.places.capitals import written_in_lower_case
from newsfacet.indexer.places.tokens import _UPPER, TOKEN, tokenize

#: Text made of the characters the word pattern treats specially.
TEXT = st.lists(st.sampled_from([*"aofdeZSRÄéжЖ-'’. ,3_", "of", "de la", "St."]),
                max_size=40).map("".join)


def _reference(text: str) -> list[tuple[int, int, str]]:
    """Every word of the plain pattern that opens with a capital or is a connector."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)
            if m.group()[0].isupper() or m.group() in CONNECTORS]


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_tokens_are_the_capitalised_words_and_connectors(text: str) -> None:
    # A token's text may lose a full stop or a possessive; where it starts never moves.
    assert [t.start for t in tokenize(text)] == [start for start, _, _ in _reference(text)]
    for token, (_, end, word) in zip(tokenize(text), _reference(text), strict=True):
        assert text[token.start : token.end] == token.text
        assert word.startswith(token.text) and token.end <= end


@settings(max_examples=400, deadline=None)
@given(TEXT, st.sampled_from(["a", "of", "de", "ao", "fa", "zz"]))
def test_lower_case_words_are_found_as_the_word_pattern_reads_them(text: str,
                                                                    word: str) -> None:
    lower = {w.rstrip(".") for w in TOKEN.findall(text)
             if not w[0].isupper() and w not in CONNECTORS}
    assert written_in_lower_case(text, word) == (word in lower)


class _Everything:
    """Every word may start a name and a demonym: the finder then tries every word."""

    def starts_name(self, word: str) -> bool:
        return True

    def starts_demonym(self, word: str) -> bool:
        return True


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["St. Louis", "Al-Hasakah", "New York", "Mr. Smith", "the",
                                 "Zxqv", "Van Dorn Street", "in", "O’Neill", "Ḩasakah",
                                 "Lake Charles", "Of", "said", ",", ".", "U.S.", "Grovetown",
                                 "Syrian", "Sri Lankan", "Ireland", "Nenagh", "Rod"]),
                max_size=25).map(" ".join))
def test_skipping_words_no_name_starts_with_changes_nothing(text: str) -> None:
    gaz = get_gazetteer()
    fast = MentionFinder(gaz, text, [])
    slow = MentionFinder(gaz, text, [])
    slow.starts = _Everything()  # type: ignore[assignment]
    assert [(m.start, m.end, m.key) for m in fast.find()] == [
        (m.start, m.end, m.key) for m in slow.find()]



#: The scan's words as one pattern: word-start tests, then a capitalised word or a
#: connector. Slow (it is tried at every character), so only the reference.
_PLAIN = re.compile(
    r"(?<![^\W\d_])(?<![^\W\d_][-'’.])(?:[" + _UPPER + r"][^\W\d_]*(?:[-'’.][^\W\d_]+)*\.?"
    "|(?:" + "|".join(sorted(CONNECTORS, key=len, reverse=True))
    + r")(?![^\W\d_]|[-'’][^\W\d_]|\.))"
)


def _plain_tokens(text: str) -> list[tuple[int, int, str, bool, bool]]:
    """The tokens as the one-pattern scan made them."""
    out = []
    for m in _PLAIN.finditer(text):
        word = m.group()
        start, end = m.span()
        if not word[0].isupper():
            out.append((start, end, word, False, False))
            continue
        if word[-1] == "." and len(word) > 3 and "." not in word[:-1]:
            end -= 1
            word = word[:-1]
        poss = re.search(r"['’]s?$", word)
        if poss and poss.start() > 0:
            end -= len(poss.group())
            word = word[: poss.start()]
        out.append((start, end, word, True, len(word) > 1 and word.isupper()))
    return out


#: Capitals that are no letters ("Ⓐ", "Ⅻ"), a titlecase letter, joiners, digits, and the
#: characters a connector may follow.
@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from([*"aAoOdDlLeEuUtTyYnNfFhHpP-'’. ,\n3_(\"Ⓐǅé", "Ⅻ", "of", "de",
                                 "del", "upon", "the", "Of", "St.", " the ", "’s"]),
                max_size=30).map("".join))
def test_tokens_are_those_of_the_one_pattern_scan(text: str) -> None:
    assert [(t.start, t.end, t.text, t.upper_initial, t.all_caps)
            for t in tokenize(text)] == _plain_tokens(text)
