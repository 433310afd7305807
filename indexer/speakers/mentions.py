"""People named in a text, paragraph by paragraph, with what their own sentence says of
them (a cue verb next to the name, sentence subject, object of a preposition, inside a
quotation): the candidates the learned speaker model scores, and the named sources a
"he said" points back to. Scanned on first need and kept for the document."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from .model import Source
from .names import surname_key
from .patterns import NAME_SEQ_RE, QUOTE_MARK, SPEECH_CUE_ALTERNATIVES, word_alternation
from .sentences import sentence_start
from .sources import source_from_name

_PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:" + word_alternation("""
    with to about against for from of on at by than like and or between toward towards
    versus vs. called named nominated attacked criticized praised defeated beat backed
    endorsed supported questioned asked told
    """) + r")\s+(?:the\s+)?)$",
    re.IGNORECASE,  # a trie: ignoring case, re cannot skip a flat alternation's words
)
_CUE_AFTER = re.compile(
    r"(?:,[^,\"“”\n]{0,80},)?\s+(?:\w+ly\s+|also\s+|has\s+|had\s+|have\s+|then\s+)*"
    + SPEECH_CUE_ALTERNATIVES
)
_CUE_BEFORE = re.compile(r"(?:" + SPEECH_CUE_ALTERNATIVES + r")[ ,]+(?:\w+\s+){0,4}$")
class QuoteMarks:
    """Whether a position of one paragraph sits inside a quotation opened in it: the
    paragraph's quote marks are read once, not again from its start for every name."""

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self._at: list[int] = []
        self._open: list[bool] = []
        opened = False
        for m in QUOTE_MARK.finditer(text, lo, hi):
            ch = m.group()
            opened = True if ch == "“" else False if ch == "”" else not opened
            self._at.append(m.start())
            self._open.append(opened)

    def inside(self, pos: int) -> bool:
        """True when ``pos`` (in the paragraph) follows an opening mark not yet closed."""
        before = bisect_left(self._at, pos)
        return self._open[before - 1] if before else False


#: What a mention's own sentence says of it: (inside quotes, a cue verb after it, one
#: before it, after a preposition, opens its sentence).
Flags = tuple[bool, bool, bool, bool, bool]
#: A person named in the text: (start, end, surname key, source, flags).
Mention = tuple[int, int, str, Source, Flags]

_LEAD_WORDS = re.compile(r"\W*(?:And|But|Then|So|Still|Yet|Now|Later)?[ ,]*\W*")


def _mention_flags(text: str, ps: int, pe: int, quotes: QuoteMarks, a: int, b: int) -> Flags:
    """The features of one mention that do not depend on the quote."""
    start = sentence_start(text, ps, a)
    return (
        quotes.inside(a),
        _CUE_AFTER.match(text, b, min(pe, b + 120)) is not None,
        _CUE_BEFORE.search(text, max(ps, a - 40), a) is not None,
        _PREPOSITION_BEFORE.search(text, max(ps, a - 25), a) is not None,
        not text[start:a].strip(" “\"‘(") or _LEAD_WORDS.fullmatch(text, start, a) is not None,
    )


class PersonMentions:
    """The names in a text that read as people's, found paragraph by paragraph on first
    need (most quotes never need candidates) and kept for the next quote."""

    def __init__(self, text: str, paras: list[tuple[int, int]]) -> None:
        self.text = text
        self.paras = paras
        self._by_para: dict[int, list[Mention]] = {}
        self._starts: dict[int, list[int]] = {}

    def between(self, first: int, last: int, lo: int = 0, hi: int | None = None
                ) -> list[Mention]:
        """Mentions in paragraphs ``first`` to ``last`` (inclusive) that start in
        [``lo``, ``hi``), in text order. Found by bisection: a quote in a paragraph of
        thousands of names reads only the names near it."""
        out: list[Mention] = []
        for pi in range(first, last + 1):
            found = self._by_para.get(pi)
            if found is None:
                found = self._by_para[pi] = self._scan(pi)
                self._starts[pi] = [m[0] for m in found]
            starts = self._starts[pi]
            i = bisect_left(starts, lo) if lo > 0 else 0
            j = len(starts) if hi is None else bisect_left(starts, hi)
            out.extend(found[i:j])
        return out

    def _scan(self, pi: int) -> list[Mention]:
        """The people named in paragraph ``pi``, in text order."""
        ps, pe = self.paras[pi]
        found: list[Mention] = []
        quotes = QuoteMarks(self.text, ps, pe)
        for m in NAME_SEQ_RE.finditer(self.text, ps, pe):
            src = _person(m.group())
            if src is not None:
                a, b = m.span()
                found.append((a, b, surname_key(src.name), src,
                              _mention_flags(self.text, ps, pe, quotes, a, b)))
        return found


@lru_cache(maxsize=4096)
def _person(surface: str) -> Source | None:
    """The person a name-shaped surface form names, or None (cached: names recur)."""
    src = source_from_name(surface, "", None)
    return src if src.kind == "person" and surname_key(src.name) else None
