"""Which spans of a text overlap or hold a given one, answered by bisection: a long text
names thousands of streets and places, and testing each against all the others made its
extraction quadratic."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate


class SpanIndex:
    """A fixed set of (start, end) spans, for "is there one that overlaps / holds this?"."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        #: the furthest end among the spans up to each position in start order
        self._reach = list(accumulate((e for _, e in ordered), max))

    def _furthest_end(self, count: int) -> int | None:
        """The furthest end among the first ``count`` spans in start order."""
        return self._reach[count - 1] if count else None

    def overlaps(self, start: int, end: int) -> bool:
        """True when a span shares a character with [start, end)."""
        reach = self._furthest_end(bisect_left(self._starts, end))
        return reach is not None and reach > start

    def holds(self, start: int, end: int) -> bool:
        """True when a span starts at or before ``start`` and ends at or after ``end``."""
        reach = self._furthest_end(bisect_right(self._starts, start))
        return reach is not None and reach >= end
