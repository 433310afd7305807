"""Snippets: the best passages of a body with matched terms in ``<mark>``, all else escaped.

Stored text is never trusted: every character outside a ``<mark>`` element goes
through ``html.escape``, so an article containing markup cannot inject any.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import accumulate
from typing import Any

from whoosh import highlight
from whoosh.analysis import Token

#: Whoosh considers this many characters of a body; news bodies rarely exceed it.
CHAR_LIMIT = 100_000
#: Characters of context a snippet keeps around its matches.
SURROUND = 60


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
    fragments: list[highlight.Fragment] | None = None
    if not whole:
        fragments = context_fragments(text, termset, analyzer, maxchars, SURROUND, CHAR_LIMIT)
    if fragments is None:
        fragmenter: Any = (
            highlight.WholeFragmenter(charlimit=CHAR_LIMIT) if whole
            else highlight.ContextFragmenter(maxchars=maxchars, surround=SURROUND,
                                             charlimit=CHAR_LIMIT))
        fragments = list(fragmenter.fragment_tokens(
            text, _matched_tokens(text, termset, analyzer)))
    best = highlight.top_fragments(fragments, top, highlight.BasicFragmentScorer(),
                                   highlight.FIRST, minscore=1)
    best.sort(key=lambda f: f.startchar)
    formatter = MarkFormatter()
    return [" ".join(formatter.format_fragment(f).split()) for f in best]


def context_fragments(text: str, terms: frozenset[str], analyzer: Any, maxchars: int,
                      surround: int, charlimit: int) -> list[highlight.Fragment] | None:
    """The fragments Whoosh's ``ContextFragmenter`` makes, visiting only the words
    near a match; None for the rare text it must be left to walk (a matched word
    longer than a fragment).

    Why: the fragmenter walks every word of the body in Python (a token object each),
    four fifths of a search with snippets. Outside a fragment it only remembers where
    the words of the last ``surround`` characters start, so this jumps from match to
    match and steps word by word only inside fragments. The words are found by the
    tokenizer's expression in one ``re.split`` (C, no match objects), and each distinct
    word is normalised once.
    A generated test checks both give the same fragments.
    """
    pieces = _splitter(analyzer).split(text)  # separator, word, separator, word, ...
    words = pieces[1::2]
    bounds = list(accumulate(map(len, pieces)))
    starts, ends = bounds[0:-1:2], bounds[1::2]
    stop_end: int | None = None
    if charlimit and ends and ends[-1] > charlimit:  # Whoosh stops at the first word past it
        cut = bisect_right(ends, charlimit)
        stop_end = ends[cut]
        words, starts, ends = words[:cut], starts[:cut], ends[:cut]
    forms = _matching_forms(set(words), terms, analyzer)
    if not forms:
        return []
    hits = [i for i, word in enumerate(words) if word in forms]
    if any(ends[i] - starts[i] > maxchars for i in hits):
        return None
    texts = {i: forms[words[i]] for i in hits}
    return _fragments_at(text, starts, ends, hits, texts, maxchars, surround, stop_end)


def _fragments_at(text: str, starts: list[int], ends: list[int], hits: list[int],
                  texts: dict[int, str], maxchars: int, surround: int,
                  stop_end: int | None) -> list[highlight.Fragment]:
    """``ContextFragmenter.fragment_tokens``'s fragments, given every word's span and
    which words match (their positions in ``hits``, their normal forms in ``texts``).

    Its state, step by step: outside a fragment it keeps the starts of the words
    (since the last fragment) that begin within ``surround`` characters of the end of
    the word before; a match opens a fragment there (or at itself, with ``surround``
    more characters to go, when there is none); each word inside counts down
    ``surround`` characters from the last match and up to ``maxchars`` of word
    characters. When a fragment closes with its countdown exactly 0, the next word is
    taken inside an empty fragment (which scores 0 and is never shown), so it does not
    count as remembered context.
    """
    matched = set(hits)
    fragments: list[highlight.Fragment] = []
    reset = 0  # first word remembered since the last fragment closed
    h = 0
    n = len(starts)
    while h < len(hits):
        k = hits[h]
        if k < reset:
            h += 1
            continue
        first: int | None = None
        if k > reset:
            j = bisect_left(starts, ends[k - 1] - surround, reset, k)
            first = starts[j] if j < k else None
        countdown = surround
        if first is None:
            first = starts[k]
            countdown += surround
        marks = [_token(starts[k], ends[k], texts[k])]
        currentlen = ends[k] - starts[k]
        countdown -= currentlen
        t = k
        while countdown > 0 and t + 1 < n:
            t += 1
            length = ends[t] - starts[t]
            if currentlen + length > maxchars:
                countdown = 0
            elif t in matched:
                countdown = surround
                marks.append(_token(starts[t], ends[t], texts[t]))
            currentlen += length
            countdown -= length
        if countdown > 0:  # the text ran out inside a fragment
            end = stop_end if stop_end is not None else ends[t]
            fragments.append(highlight.Fragment(text, marks, first, end))
            break
        fragments.append(highlight.Fragment(text, marks, first, ends[t]))
        reset = t + 2 if countdown == 0 and t + 1 < n and t + 1 not in matched else t + 1
        h += 1
    return fragments


def _token(start: int, end: int, text: str) -> Token:
    """A matched word as the fragmenter's copy of it: where it is, its normal form."""
    token: Any = Token(chars=True, removestops=False, mode="query")
    token.startchar, token.endchar = start, end
    token.text = text
    token.boost = 1.0
    token.matched = True
    return token


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


#: Per analyzer (kept alive here): each word seen in a snippet and its normal form. A
#: dictionary read in C (``map(dict.get, ...)``) is ten times cheaper per word than a
#: call through the ``lru_cache`` above, and a page of snippets looks up thousands.
_FORMS: dict[int, tuple[Any, dict[str, str]]] = {}
#: Words remembered per analyzer before the table starts again (~40 MB at most).
FORMS_LIMIT = 300_000


def _matching_forms(words: set[str], terms: frozenset[str], analyzer: Any) -> dict[str, str]:
    """Of ``words``, those whose normal form is one of ``terms``, with that form."""
    entry = _FORMS.get(id(analyzer))
    if entry is None or len(entry[1]) > FORMS_LIMIT:
        entry = _FORMS[id(analyzer)] = (analyzer, {})
    table = entry[1]
    unique = list(words)
    found = list(map(table.get, unique))
    if None in found:
        normal = _normalizer(analyzer)
        for i, form in enumerate(found):
            if form is None:
                found[i] = table[unique[i]] = normal(unique[i])
    return {word: form for word, form in zip(unique, found, strict=True)  # type: ignore[misc]
            if form in terms}


#: Per tokenizer expression: the same expression as a capturing ``re.split`` pattern.
_SPLITTERS: dict[str, re.Pattern[str]] = {}


def _splitter(analyzer: Any) -> re.Pattern[str]:
    """The tokenizer's expression wrapped in a group: ``split`` then returns the
    separators and the words, alternating, as ``finditer`` would find the words."""
    expression = analyzer.items[0].expression
    found = _SPLITTERS.get(expression.pattern)
    if found is None:
        found = _SPLITTERS[expression.pattern] = re.compile(
            f"({expression.pattern})", expression.flags)
    return found
