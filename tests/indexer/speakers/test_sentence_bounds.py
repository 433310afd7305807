"""Sentence starts and ends read from the text's boundaries found once give what the scan
they replace gave between any two positions (the old code is the oracle here)."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsfacet.indexer.speakers.patterns import ABBREVIATION_END, SENTENCE_BOUNDARY
from newsfacet.indexer.speakers.sentences import MAX_SENTENCE_CHARS, sentence_end, sentence_start


def old_sentence_start(text: str, lo: int, pos: int) -> int:
    start = lo
    for m in SENTENCE_BOUNDARY.finditer(text, lo, pos):
        if ABBREVIATION_END.search(text, max(lo, m.start() - 6), m.start()):
            continue
        start = m.end()
    return start


def old_sentence_end(text: str, pos: int, hi: int) -> int:
    for m in SENTENCE_BOUNDARY.finditer(text, pos, hi):
        if ABBREVIATION_END.search(text, max(pos, m.start() - 6), m.start()):
            continue
        return m.start()
    end = hi
    while end > pos and text[end - 1] in " \t\u00a0":
        end -= 1
    if end > pos and text[end - 1] in ".!?":
        end -= 1
    return end


PIECES = [". ", "! ", "? ", ".", "!", "?", " ", "  ", "\t", "\u00a0", "\n", '"', "“", "”",
          "’", "‘", "(", ")", "[", "]", "U.S.", "Gen.", "Mr.", "St.", "Jr.", "etc.", "vs.",
          "W.", "A", "Ana", ". “G", ". (A", '. "1', "a", "said", "1", "9", "É", "x.Y"]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=2), max_size=30).map("".join)
positions = st.integers(-3, 90)


def _outcome(function: Callable[[str, int, int], int], text: str, a: int, b: int) -> object:
    """The result, or the kind of error (both raise IndexError past the text's end)."""
    try:
        return function(text, a, b)
    except IndexError:
        return IndexError


@settings(max_examples=1500, deadline=None)
@given(texts, texts, positions, positions)
@example("He left. She came.", "", 0, 18)
@example("Gen. Ana said. Then", "x", 0, 19)
@example("A. B", "", 0, 4)
@example("A statement. “Gov. Christie", "", 0, 14)  # the lookahead reads past the quote
@example("He left. (Then", "", 0, 10)
def test_sentence_bounds_are_as_before(text: str, other: str, a: int, b: int) -> None:
    for t in (text, other, text):  # another text between two asks about this one
        assert sentence_start(t, a, b) == old_sentence_start(t, a, b)
        assert _outcome(sentence_end, t, a, b) == _outcome(old_sentence_end, t, a, b)
        for lo in range(0, len(t) + 2, 3):
            assert sentence_start(t, lo, b) == old_sentence_start(t, lo, b)
            assert _outcome(sentence_end, t, a, lo) == _outcome(old_sentence_end, t, a, lo)


long_texts = st.lists(st.sampled_from(PIECES) | st.integers(0, 2_600).map(lambda n: "a " * n),
                      max_size=8).map("".join)


@settings(max_examples=150, deadline=None)
@given(long_texts, st.data())
def test_no_sentence_reaches_further_than_the_window(text: str, data: st.DataObject) -> None:
    # A text without stops is one "sentence" to the oracle; here it is cut at
    # MAX_SENTENCE_CHARS either side of the point asked about, and otherwise unchanged.
    pos = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, pos))
    hi = data.draw(st.integers(pos, len(text)))
    start, end = sentence_start(text, lo, pos), sentence_end(text, pos, hi)
    assert pos - MAX_SENTENCE_CHARS <= start and end <= pos + MAX_SENTENCE_CHARS
    assert start == old_sentence_start(text, max(lo, pos - MAX_SENTENCE_CHARS), pos)
    assert end == old_sentence_end(text, pos, min(hi, pos + MAX_SENTENCE_CHARS))
