"""The one-lookup word filter gives exactly the tokens of Whoosh's four-filter chain (with
possessives dropped before stopping and stemming)."""

from __future__ import annotations

import random

from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.support.charset import accent_map

from conftest import DEMO
from newsfacet.schema.fields import text_analyzer


class DropPossessive(Filter):  # type: ignore[misc]
    """"Nam's" -> "nam", as newsfacet's filter does before stop words and stemming."""

    def __call__(self, tokens):  # type: ignore[no-untyped-def]
        for token in tokens:
            if token.text.endswith(("'s", "’s")) and len(token.text) > 2:
                token.text = token.text[:-2]
            yield token


WHOOSH_CHAIN = (RegexTokenizer(r"\w+(?:['’.]\w+)*") | LowercaseFilter()
                | CharsetFilter(accent_map) | DropPossessive() | StopFilter(renumber=False)
                | StemFilter())
WORDS = ["The", "a", "I", "Ébola", "naïve", "CAFÉ", "O'Brien", "U.S.", "don’t", "running",
         "Nam's", "NATO’s", "it's", "'s",
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


def test_possessives_match_the_plain_word() -> None:
    plain = [t for t, *_ in tokens(text_analyzer(), "Viet Nam and NATO")]
    owned = [t for t, *_ in tokens(text_analyzer(), "Viet Nam's and NATO’s")]
    assert owned == plain == ["viet", "nam", "nato"]

