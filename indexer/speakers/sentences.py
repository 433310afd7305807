"""Paragraphs and sentence bounds of a cleaned body: every cue is looked for within them."""

from __future__ import annotations

import re

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


def sentence_start(text: str, lo: int, pos: int) -> int:
    """Start of the sentence containing ``pos``; never before ``lo`` (the paragraph start)."""
    start = lo
    for m in SENTENCE_BOUNDARY.finditer(text, lo, pos):
        if ABBREVIATION_END.search(text, max(lo, m.start() - 6), m.start()):
            continue
        start = m.end()
    return start


def sentence_end(text: str, pos: int, hi: int) -> int:
    """End (exclusive, before the period) of the sentence that contains ``pos``."""
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
