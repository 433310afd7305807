"""The one-lookup word filter gives exactly the tokens of Whoosh's four-filter chain."""

from __future__ import annotations

import random

from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.support.charset import accent_map

from conftest import DEMO
from newsfacet.schema.fields import text_analyzer

WHOOSH_CHAIN = (RegexTokenizer(r"\w+(?:['’.]\w+)*") | LowercaseFilter()
                | CharsetFilter(accent_map) | StopFilter(renumber=False) | StemFilter())
WORDS = ["The", "a", "I", "Ébola", "naïve", "CAFÉ", "O'Brien", "U.S.", "don’t", "running",
         "runs", "strikes", "Strike", "of", "and", "x", "2024", "e-mail", "über", "İstanbul"]


def tokens(analyzer: object, text: str, **options: object) -> list[tuple]:
    return [(t.text, t.pos, t.startchar, t.endchar, t.stopped)
            for t in analyzer(text, positions=True, chars=True, **options)]  # type: ignore[operator]


def texts() -> list[str]:
    rng = random.Random(2)
    generated = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 60)))
                 for _ in range(200)]
    files = [p.read_text(encoding="utf-8") for p in sorted((DEMO / "files").iterdir())]
    return generated + files + [(DEMO / "wire.jsonl").read_text(encoding="utf-8")]


def test_index_and_query_tokens_equal_whoosh_chain() -> None:
    ours = text_analyzer()
    for text in texts():
        assert tokens(ours, text) == tokens(WHOOSH_CHAIN, text)
        assert tokens(ours, text, mode="query", removestops=False) == \
            tokens(WHOOSH_CHAIN, text, mode="query", removestops=False)


def test_stop_words_keep_their_positions() -> None:
    found = tokens(text_analyzer(), "energy and a crisis")
    assert [(text, pos) for text, pos, *_ in found] == [("energi", 0), ("crisi", 3)]
