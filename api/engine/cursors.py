"""Cursor paging (``search_after``): the page after a position, and the next position.

A cursor holds the last hit's sort key and id, not a page number, so the pages after
it stay put while documents are added.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..models import Cursor, Hit, SearchRequest
from ..params import encode_cursor
from .facet_table import NO_DATE
from .ranking import top_ranked
from .view import View


def after_cursor(view: View, q: Any, scan: Any, matched: np.ndarray, cursor: Cursor,
                 size: int) -> tuple[list[tuple[int, float | None]], bool]:
    """The ``size`` documents strictly after ``cursor`` in its order, and whether more follow.

    Date orders compare (day, id) as arrays, so documents added meanwhile fall into
    place without shifting the ones already seen. Relevance compares (score, id), with
    the cursor document's current score when it still matches: an added document
    changes every score a little (IDF), and the position must move with them.
    """
    table = view.table
    later_id = table.rank >= table.rank_after(cursor.id)
    if cursor.sort == "relevance":
        anchor = view.searcher.document_number(id=cursor.id)
        if scan is not None:
            return after_score_cursor(view, q, scan, matched, cursor, anchor, later_id, size)
        ranked = top_ranked(view, q, scan, matched, int(np.count_nonzero(matched)))
        current = next((score for doc, score in ranked if doc == anchor), None)
        bound = current if current is not None else cursor.score
        assert bound is not None
        after: list[tuple[int, float | None]] = [
            (doc, score) for doc, score in ranked
            if score < bound or (score == bound and later_id[doc])]
        return after[:size], len(after) > size
    days = table.published
    undated = days == NO_DATE
    newest = cursor.sort != "date:asc"
    if cursor.day is None:  # undated hits come last: only undated ones with later ids follow
        keep = undated & later_id
    else:
        day = cursor.day.toordinal()
        beyond = (days < day) if newest else (days > day)
        keep = (~undated & beyond) | ((days == day) & later_id) | undated
    remaining = matched & keep
    count = int(np.count_nonzero(remaining))
    return [(d, None) for d in table.sort_by_date(remaining, newest, size)], count > size


def after_score_cursor(view: View, q: Any, scan: Any, matched: np.ndarray, cursor: Cursor,
                       anchor: int | None, later_id: np.ndarray,
                       size: int) -> tuple[list[tuple[int, float | None]], bool]:
    """The relevance page after ``cursor``: documents scoring below it, or equal with a
    later id, ranked; the cursor document's current score is the bound while it still
    matches, else the score the cursor recorded."""
    current = float(scan.score[anchor]) if anchor is not None and matched[anchor] else None
    bound = current if current is not None else cursor.score
    assert bound is not None
    allowed = matched & ((scan.score < bound) | ((scan.score == bound) & later_id))
    ranked = view.scanner.top(q, scan, allowed, size + 1, view.table.rank)
    after: list[tuple[int, float | None]] = list(ranked)
    return after[:size], len(after) > size


def next_cursor(request: SearchRequest, hits: list[Hit], more: bool) -> str | None:
    """The cursor of the page after ``hits`` (its last hit's position in the order
    ``request`` ranks by), or None when no results follow."""
    if not (more and hits):
        return None
    last = hits[-1]
    position = (Cursor("relevance", last.id, score=last.score)
                if request.ranked_by == "relevance"
                else Cursor(request.ranked_by, last.id, day=last.published))
    return encode_cursor(position)
