"""The one-lookup word filter gives exactly the tokens of Whoosh's four-filter chain (with
possessives dropped before stopping and stemming)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.formats import Positions
from whoosh.support.charset import accent_map

from conftest import DEMO
from newsfacet.schema.fields import (
    TITLE_BOOST,
    NewsPositions,
    build_quote_schema,
    build_schema,
    text_analyzer,
)


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



words_and_noise = st.lists(
    st.sampled_from(WORDS) | st.text(max_size=8), max_size=80).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(words_and_noise, st.text()), st.sampled_from([1.0, 2.0, 0.5]))
def test_news_positions_write_what_whoosh_writes(text: str, boost: float) -> None:
    analyzer = text_analyzer()
    ours = list(NewsPositions(field_boost=boost).word_values(text, analyzer, mode="index"))
    whoosh = list(Positions(field_boost=boost).word_values(text, analyzer, mode="index"))
    assert ours == whoosh


def test_news_positions_leave_other_analyzers_to_whoosh() -> None:
    chain = WHOOSH_CHAIN  # the same tokens, but not marked: Whoosh's own path
    text = "Nam's energy and a crisis"
    assert list(NewsPositions().word_values(text, chain)) == \
        list(Positions().word_values(text, chain))
    assert list(NewsPositions().word_values(["energy", "crisis"], text_analyzer())) == \
        list(Positions().word_values(["energy", "crisis"], text_analyzer()))


def test_text_fields_write_with_news_positions() -> None:
    for schema, names in ((build_schema(), ("title", "body")), (build_quote_schema(), ("text",))):
        for name in names:
            assert isinstance(schema[name].format, NewsPositions)
            assert schema[name].analyzer.news_words
    assert build_schema()["title"].format.field_boost == TITLE_BOOST
