"""Snippets: fast token marking agrees with Whoosh's analyzer; stored text is always escaped."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import highlight

from conftest import DEMO
from newsfacet.api.engine.highlight import CHAR_LIMIT, MarkFormatter, context_fragments, snippets
from newsfacet.schema.fields import text_analyzer

ANALYZER = text_analyzer()
PIECES = ["<script>alert(1)</script>", "&amp;", "Café", "naïve", "O'Brien", "U.S.", "don’t",
          "<b>bold</b>", "\"quoted\"", "e-mail", "1,000", "ÉLYSÉE", "strike", "strikes",
          "striking", "the", "a", "port", "Port's", "\n\n", "—", "x" * 30]


def whoosh_snippets(text: str, terms: set[str], top: int = 3) -> list[str]:
    """The reference: Whoosh's analyzer and matched filter, the same fragmenter."""
    if not text or not terms:
        return []
    tokens = ANALYZER(text, chars=True, mode="query", removestops=False)
    tokens = highlight.set_matched_filter(tokens, frozenset(terms))
    fragmenter = highlight.ContextFragmenter(maxchars=220, surround=60, charlimit=CHAR_LIMIT)
    fragments = highlight.top_fragments(fragmenter.fragment_tokens(text, tokens), top,
                                        highlight.BasicFragmentScorer(), highlight.FIRST,
                                        minscore=1)
    fragments.sort(key=lambda f: f.startchar)
    return [" ".join(MarkFormatter().format_fragment(f).split()) for f in fragments]


def stems(text: str) -> list[str]:
    return [t.text for t in ANALYZER(text)]


def test_snippets_equal_whoosh_on_demo_bodies() -> None:
    rng = random.Random(5)
    texts = [p.read_text(encoding="utf-8") for p in sorted((DEMO / "files").iterdir())]
    for text in texts:
        words = stems(text)
        for _ in range(5):
            terms = set(rng.sample(words, min(len(words), rng.randint(1, 3))))
            assert snippets(text, terms, ANALYZER) == whoosh_snippets(text, terms)


def test_snippets_equal_whoosh_on_generated_markup() -> None:
    rng = random.Random(9)
    for _ in range(300):
        text = " ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 120)))
        terms = set(rng.sample(["strike", "port", "café", "o'brien", "u.s", "script"], 2))
        got = snippets(text, terms, ANALYZER)
        assert got == whoosh_snippets(text, terms)
        for fragment in got:
            outside = re.sub(r"<mark>.*?</mark>", "", fragment)
            assert "<" not in outside and ">" not in outside


WORDS = ["strike", "strikes", "port", "the", "a", "U.S.", "O'Brien", "x" * 30, "y" * 70,
         "café", "dock", "gate"]
SEPARATORS = [" ", " ", " ", ". ", ", ", "\n", "... ", " — ", "  "]


def _shape(fragments: list[highlight.Fragment]) -> list[tuple[int, int, list[tuple]]]:
    return [(f.startchar, f.endchar, [(m.startchar, m.endchar, m.text) for m in f.matches])
            for f in fragments if f.matches]


@settings(max_examples=400, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), max_size=200),
       separators=st.lists(st.sampled_from(SEPARATORS), min_size=200, max_size=200),
       terms=st.sets(st.sampled_from(["strike", "port", "café", "o'brien", "u.s", "x" * 30,
                                      "y" * 70, "gate"]), min_size=1, max_size=3),
       maxchars=st.sampled_from([30, 60, 100, 220]),
       surround=st.sampled_from([0, 5, 20, 60]),
       charlimit=st.sampled_from([0, 50, 300, 100_000]))
def test_context_fragments_are_whoosh_fragments(words: list[str], separators: list[str],
                                                terms: set[str], maxchars: int,
                                                surround: int, charlimit: int) -> None:
    """Jumping from match to match gives the fragments Whoosh's fragmenter gives by
    walking every word, whatever the text, the terms and the fragmenter's settings
    (empty fragments, which Whoosh makes and never shows, aside)."""
    text = "".join(w + s for w, s in zip(words, separators, strict=False))
    mine = context_fragments(text, frozenset(terms), ANALYZER, maxchars, surround, charlimit)
    tokens = highlight.set_matched_filter(
        ANALYZER(text, chars=True, mode="query", removestops=False), frozenset(terms))
    fragmenter = highlight.ContextFragmenter(maxchars=maxchars, surround=surround,
                                             charlimit=charlimit)
    theirs = list(fragmenter.fragment_tokens(text, tokens))
    if mine is None:  # left to Whoosh: a matched word longer than a fragment
        assert any(len(w) > maxchars for w in words)
        return
    assert _shape(mine) == _shape(theirs)
