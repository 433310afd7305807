"""SpanIndex answers what testing every span would (newsfacet.indexer.places.spans)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsfacet.indexer.places.spans import SpanIndex

SPAN = st.tuples(st.integers(-2, 60), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1]))


@given(st.lists(SPAN, max_size=30), SPAN)
def test_overlaps_is_any_shared_character(spans: list[tuple[int, int]],
                                          query: tuple[int, int]) -> None:
    start, end = query
    assert SpanIndex(spans).overlaps(start, end) == any(
        a < end and start < b for a, b in spans)


@given(st.lists(SPAN, max_size=30), SPAN)
def test_holds_is_any_span_around_it(spans: list[tuple[int, int]],
                                     query: tuple[int, int]) -> None:
    start, end = query
    assert SpanIndex(spans).holds(start, end) == any(
        a <= start and end <= b for a, b in spans)
