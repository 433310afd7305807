"""Paragraphs and sentence bounds of a cleaned body: every cue is looked for within them."""

from __future__ import annotations

import re
from bisect import bisect_left

from .patterns import ABBREVIATION_END, SENTENCE_BOUNDARY

#: Link lines left in a body ("Read more: ..."): not prose, so no quotes there.
_READ_MORE = re.compile(r"^\s*(?:read more|read also|related|see also|watch)\s*:", re.I)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, skipping 'Read More:' link lines."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip() and not _READ_MORE.match(line):
            out.append((pos, end))
        pos = end + 1
    return out


class _Bounds:
    """Every sentence boundary of one text, found once: a document asks for the sentence
    around a position some thirty times, and scanning for it each time was about a
    twentieth of speaker extraction."""

    __slots__ = ("abbreviated", "ends", "reads", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        found = list(SENTENCE_BOUNDARY.finditer(text))
        self.starts = [m.start() for m in found]
        self.ends = [m.end() for m in found]
        #: The last character each boundary's lookahead reads: the capital after it, or
        #: after the quote mark or bracket that opens the next sentence.
        self.reads = [end + (text[end] in _OPENERS) for end in self.ends]
        #: Whether an abbreviation ends right before the boundary at each start.
        self.abbreviated: dict[int, bool] = {}

    def after_abbreviation(self, start: int, lo: int) -> bool:
        """``ABBREVIATION_END`` before the boundary at ``start``, looked for from ``lo``."""
        if start - 6 < lo:
            return ABBREVIATION_END.search(self.text, lo, start) is not None
        found = self.abbreviated.get(start)
        if found is None:
            found = self.abbreviated[start] = (
                ABBREVIATION_END.search(self.text, start - 6, start) is not None)
        return found


#: What may stand between a boundary and the capital it looks ahead to.
_OPENERS = frozenset("\"“‘([")

#: The bounds of the text asked about last (one document is read at a time).
_last: _Bounds | None = None


def _bounds(text: str) -> _Bounds:
    global _last
    bounds = _last
    if bounds is None or bounds.text is not text:
        bounds = _last = _Bounds(text)
    return bounds


# A boundary starts with one of ".!?" and holds no other, so those found in the whole text
# are those ``finditer`` finds between any two positions, less the ones that end too late:
# with ``endpos``, a boundary needs what its lookahead reads to stand before it.


#: No sentence reaches further than this from the point asked about. News sentences
#: are far shorter; a text without stops would otherwise make every quote read back to its
#: paragraph's start, and a long paragraph of quotes quadratic.
MAX_SENTENCE_CHARS = 2_000
#: How far from a quote its speaker is looked for, in characters, however long its
#: paragraphs: a news paragraph is a few hundred; one of 200,000 (hostile input) would
#: otherwise make every quote read every name in it.
CONTEXT_CHARS = 6_000


def sentence_start(text: str, lo: int, pos: int) -> int:
    """Start of the sentence containing ``pos``; never before ``lo`` (the paragraph start)
    nor more than :data:`MAX_SENTENCE_CHARS` before ``pos``."""
    lo = max(lo, pos - MAX_SENTENCE_CHARS)
    bounds = _bounds(text)
    starts, ends = bounds.starts, bounds.ends
    k = bisect_left(bounds.reads, pos) - 1  # the last boundary read whole before pos
    while k >= 0 and starts[k] >= lo:
        if not bounds.after_abbreviation(starts[k], lo):
            return ends[k]
        k -= 1
    return lo


def sentence_end(text: str, pos: int, hi: int) -> int:
    """End (exclusive, before the period) of the sentence that contains ``pos``; never
    after ``hi`` nor more than :data:`MAX_SENTENCE_CHARS` after ``pos``."""
    hi = min(hi, pos + MAX_SENTENCE_CHARS)
    bounds = _bounds(text)
    starts, reads = bounds.starts, bounds.reads
    for k in range(bisect_left(starts, pos), len(starts)):
        if reads[k] >= hi:
            break
        if not bounds.after_abbreviation(starts[k], pos):
            return starts[k]
    end = hi
    while end > pos and text[end - 1] in " \t\u00a0":
        end -= 1
    if end > pos and text[end - 1] in ".!?":
        end -= 1
    return end
