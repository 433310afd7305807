"""A paragraph's quote marks read once (newsfacet.indexer.speakers.mentions.QuoteMarks)
answer as reading them again from the paragraph start for every position did."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.speakers.mentions import QuoteMarks
from newsfacet.indexer.speakers.patterns import QUOTE_MARK


def _read_from_start(text: str, lo: int, pos: int) -> bool:
    """Inside a quotation opened after ``lo``: every mark from ``lo`` to ``pos`` read."""
    opened = False
    for m in QUOTE_MARK.finditer(text, lo, pos):
        ch = m.group()
        opened = True if ch == "“" else False if ch == "”" else not opened
    return opened


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab "“”\n', max_size=40), st.data())
def test_a_position_is_inside_as_when_read_from_the_paragraph_start(text: str,
                                                                    data: st.DataObject) -> None:
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    marks = QuoteMarks(text, lo, hi)
    for pos in range(lo, hi + 1):
        assert marks.inside(pos) == _read_from_start(text, lo, pos)


def test_curly_marks_open_and_close_and_straight_ones_toggle() -> None:
    text = 'He said “no” and "yes" then “maybe'
    marks = QuoteMarks(text, 0, len(text))
    assert [marks.inside(text.index(w)) for w in ("said", "no", "and", "yes", "then", "maybe")
            ] == [False, True, False, True, False, True]
