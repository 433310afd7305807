"""Snippets: the best passages of a body with matched terms in ``<mark>``, all else escaped.

Stored text is never trusted: every character outside a ``<mark>`` element goes
through ``html.escape``, so an article containing markup cannot inject any.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from whoosh import highlight

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
    tokens = analyzer(text, chars=True, mode="query", removestops=False)
    tokens = highlight.set_matched_filter(tokens, termset)
    fragments = highlight.top_fragments(
        fragmenter.fragment_tokens(text, tokens), top, highlight.BasicFragmentScorer(),
        highlight.FIRST, minscore=1,
    )
    fragments.sort(key=lambda f: f.startchar)
    formatter = MarkFormatter()
    return [" ".join(formatter.format_fragment(f).split()) for f in fragments]
