"""One field's vocabulary in memory, for expanding prefixes, wildcards, ranges and fuzzy
words without walking the index's term files.

Why: Whoosh expands ``s*`` by reading its term file one word at a time through a merge
of every segment (1 s for the 10,000 ``s`` body words of 37.5k articles, 6 s for a
range over all 99,000), and ``senate~2`` by a Levenshtein automaton stepped in
Python (0.3-1.8 s per field). Sorted in memory, a prefix or a range is a bisection,
and a fuzzy word is a letter-count filter in numpy followed by an exact edit distance
on the few words that pass it. The backend builds one per field and index version, on
the first query that needs it.

The words, and which of them match, are the ones Whoosh's own queries would expand to
(``Prefix``, ``Wildcard``, ``TermRange``, ``FuzzyTerm``: plain Levenshtein distance,
the first ``prefix`` characters kept), so an expansion under the governor's cap finds
and scores exactly what it did before.
"""

from __future__ import annotations

import fnmatch
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

import numpy as np

#: Letter-count buckets: a-z, 0-9, then everything else folded into the rest. Two
#: characters sharing a bucket only weaken the filter, never make it wrong.
_BUCKETS = 64
_BUCKET_OF = np.array(
    [ord(c) - ord("a") if "a" <= c <= "z" else 26 + ord(c) - ord("0") if "0" <= c <= "9"
     else 36 + i % (_BUCKETS - 36) for i, c in enumerate(map(chr, range(128)))],
    dtype=np.int64)


class Lexicon:
    """Sorted words of one field and their document frequencies (summed over segments)."""

    def __init__(self, words: list[str], frequencies: np.ndarray) -> None:
        self.words = words
        self.frequencies = frequencies
        self._lengths: np.ndarray | None = None
        self._counts: np.ndarray | None = None

    @classmethod
    def merge(cls, parts: Iterable[Iterable[tuple[str, int]]]) -> Lexicon:
        """One lexicon from per-segment (word, document frequency) pairs."""
        total: dict[str, int] = {}
        for part in parts:
            for word, frequency in part:
                total[word] = total.get(word, 0) + frequency
        words = sorted(total)
        return cls(words, np.fromiter((total[w] for w in words), dtype=np.int64,
                                      count=len(words)))

    def __len__(self) -> int:
        return len(self.words)

    # -- candidates, as index ranges or arrays of positions ----------------------------

    def prefixed(self, prefix: str) -> range:
        """Positions of the words starting with ``prefix``."""
        start = bisect_left(self.words, prefix)
        end = bisect_left(self.words, prefix + "\U0010ffff") if prefix else len(self.words)
        return range(start, end)

    def in_range(self, start: str | None, end: str | None, start_excluded: bool,
                 end_excluded: bool) -> range:
        """Positions of the words from ``start`` to ``end`` (None: open), as TermRange."""
        words = self.words
        low = 0 if start is None else (bisect_right if start_excluded else bisect_left)(
            words, start)
        high = len(words) if end is None else (bisect_left if end_excluded else bisect_right)(
            words, end)
        return range(low, max(low, high))

    def matching(self, pattern: str) -> np.ndarray:
        """Positions of the words matching a glob ``pattern`` (``*``, ``?``, ``[...]``)."""
        literal = re.split(r"[*?\[]", pattern, maxsplit=1)[0]
        test = re.compile(fnmatch.translate(pattern)).match
        words = self.words
        return np.array([i for i in self.prefixed(literal) if test(words[i])], dtype=np.int64)

    def within(self, word: str, edits: int, prefix: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """Positions of the words at most ``edits`` Levenshtein edits from ``word`` that
        share its first ``prefix`` characters, and each one's distance."""
        span = self.prefixed(word[:prefix])
        lengths, columns = self._letter_counts()
        positions = np.arange(span.start, span.stop, dtype=np.int64)
        positions = positions[np.abs(lengths[positions] - len(word)) <= edits]
        # Each edit changes the letter counts by at most 2 (a substitution: one down, one
        # up), so a word within reach differs from ``word`` by at most 2 * edits counts.
        # Summed over the buckets of ``word``'s letters, plus the word's other letters.
        wanted = np.bincount(_buckets(word), minlength=_BUCKETS)
        differ = lengths[positions].copy()
        for bucket in np.flatnonzero(wanted).tolist():
            have = columns[bucket][positions].astype(np.int64)
            differ += np.abs(have - int(wanted[bucket])) - have
        positions = positions[differ <= 2 * edits]
        found, distances = [], []
        words = self.words
        for i in positions.tolist():
            d = levenshtein(word, words[i], edits)
            if d <= edits:
                found.append(i)
                distances.append(d)
        return np.array(found, dtype=np.int64), np.array(distances, dtype=np.int64)

    def _letter_counts(self) -> tuple[np.ndarray, np.ndarray]:
        """Each word's length, and per bucket (row) each word's letter count (column)."""
        if self._lengths is None or self._counts is None:
            self._lengths, counts = _letter_counts(self.words)
            self._counts = np.ascontiguousarray(counts.T)
        return self._lengths, self._counts


def _buckets(text: str) -> np.ndarray:
    """The letter-count bucket of each character of ``text``."""
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    return np.where(points < 128, _BUCKET_OF[np.minimum(points, 127)],
                    36 + points % (_BUCKETS - 36))


def _letter_counts(words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Each word's length and per-bucket letter counts (uint8, saturating at 255)."""
    lengths = np.fromiter((len(w) for w in words), dtype=np.int64, count=len(words))
    buckets = _buckets("".join(words))
    owner = np.repeat(np.arange(len(words), dtype=np.int64), lengths)
    flat = np.bincount(owner * _BUCKETS + buckets, minlength=len(words) * _BUCKETS)
    return lengths, np.minimum(flat, 255).astype(np.uint8).reshape(len(words), _BUCKETS)


def levenshtein(a: str, b: str, limit: int) -> int:
    """Edit distance (insert, delete, substitute) of ``a`` and ``b``; any value above
    ``limit`` is reported as ``limit + 1`` (the row minimum stops the work early)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (char != other)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)
