"""Snippets: the best passages of a body with matched terms in ``<mark>``, all else escaped.

Stored text is never trusted: every character outside a ``<mark>`` element goes
through ``html.escape``, so an article containing markup cannot inject any.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

from whoosh import highlight
from whoosh.analysis import Token

#: Whoosh considers this many characters of a body; news bodies rarely exceed it.
CHAR_LIMIT = 100_000


class MarkFormatter(highlight.Formatter):
    """Wraps matches in a bare ``<mark>`` and escapes the text around them."""

    between = " … "

    def _text(self, text: str) -> str:
        return html.escape(text)

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return "<mark>" + html.escape(highlight.get_text(text, token, replace)) + "</mark>"


def snippets(text: str, terms: Iterable[str], analyzer: Any, top: int = 3,
             maxchars: int = 220, whole: bool = False) -> list[str]:
    """Up to ``top`` fragments of ``text`` around the query ``terms``, in text order.

    ``whole`` marks up the entire text as one fragment (for short texts such as quotes).
    """
    termset = frozenset(terms)
    if not text or not termset:
        return []
    fragmenter: Any = (
        highlight.WholeFragmenter(charlimit=CHAR_LIMIT) if whole
        else highlight.ContextFragmenter(maxchars=maxchars, surround=60, charlimit=CHAR_LIMIT)
    )
    tokens = _matched_tokens(text, termset, analyzer)
    fragments = highlight.top_fragments(
        fragmenter.fragment_tokens(text, tokens), top, highlight.BasicFragmentScorer(),
        highlight.FIRST, minscore=1,
    )
    fragments.sort(key=lambda f: f.startchar)
    formatter = MarkFormatter()
    return [" ".join(formatter.format_fragment(f).split()) for f in fragments]


def _matched_tokens(text: str, terms: frozenset[str], analyzer: Any) -> Iterator[Token]:
    """The analyzer's tokens of ``text``, each marked matched or not, as Whoosh marks them.

    Why not run the analyzer: its filter chain costs a few microseconds per word, and a
    page of snippets reads tens of thousands of words. Every filter of ours works on one
    word at a time, so each distinct word is analysed once (and cached) and the text is
    only split by the tokenizer's own expression. Tests check that both agree.
    """
    normal = _normalizer(analyzer)
    token: Any = Token(chars=True, removestops=False, mode="query")
    token.boost = 1.0
    for match in analyzer.items[0].expression.finditer(text):
        token.startchar, token.endchar = match.span()
        token.text = normal(match.group(0))
        token.matched = token.text in terms
        yield token


#: Per analyzer (kept alive here, so its id stays its own): its cached word normaliser.
_NORMALIZERS: dict[int, tuple[Any, Callable[[str], str]]] = {}


def _normalizer(analyzer: Any) -> Callable[[str], str]:
    found = _NORMALIZERS.get(id(analyzer))
    if found is None:
        @lru_cache(maxsize=200_000)
        def normal(word: str) -> str:
            for token in analyzer(word, mode="query", removestops=False):
                return str(token.text)
            return ""

        found = _NORMALIZERS[id(analyzer)] = (analyzer, normal)
    return found[1]
