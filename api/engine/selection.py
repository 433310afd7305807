"""Which documents a search returns: match, filter, count facets, then one page.

A :class:`Selection` says what to select, the same for documents and quotes; the page
is cut by page number, by cursor (:mod:`.cursors`) or by story (collapse), in the
order :mod:`.ranking` gives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from ..models import Cursor, FacetValue, QuoteRequest, SearchRequest
from .cursors import after_cursor
from .governor import matching_docs
from .ranking import recency, top_ranked
from .view import View


@dataclass(frozen=True)
class Selection:
    """What one search selects and how it pages, built once from its request.

    Why: documents and quotes are selected by the same code, and quotes lack some of
    what documents have (event dates, date-histogram intervals, cursors, collapse,
    boosts); their selection holds the neutral defaults, so the code reads straight.
    """

    #: The governed query; None matches every document (``q`` empty or ``*``).
    query: Any
    #: Facet filters that are set: values OR-ed within a facet, facets AND-ed.
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    #: What the date range filters on: ``published`` or ``event``.
    date_field: str = "published"
    facets: tuple[str, ...] = ()
    facet_size: int = 10
    #: Bucket size of the ``date`` facet.
    interval: str = "month"
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    #: Start strictly after this position instead of counting pages.
    cursor: Cursor | None = None
    #: One hit per value of this facet (``story``), or None.
    collapse: str | None = None
    #: ``recency``: scores decay by half every ``half_life`` days of age; or None.
    boost: str | None = None
    half_life: float = 30.0

    @classmethod
    def of_documents(cls, request: SearchRequest, query: Any) -> Selection:
        """A document search's selection, ``query`` being its governed ``q``."""
        return cls(query=query, filters=request.filters(), date_from=request.date_from,
                   date_to=request.date_to, date_field=request.date_field,
                   facets=request.facets, facet_size=request.facet_size,
                   interval=request.interval, sort=request.sort, page=request.page,
                   per_page=request.per_page, cursor=request.cursor,
                   collapse=request.collapse, boost=request.boost,
                   half_life=request.half_life)

    @classmethod
    def of_quotes(cls, request: QuoteRequest, query: Any) -> Selection:
        """A quote search's selection: no event dates, cursor, collapse or boost."""
        return cls(query=query, filters=request.filters(), date_from=request.date_from,
                   date_to=request.date_to, facets=request.facets,
                   facet_size=request.facet_size, sort=request.sort, page=request.page,
                   per_page=request.per_page)

    @property
    def start(self) -> int:
        """Position of the page's first hit in the whole ranking."""
        return (self.page - 1) * self.per_page

    @property
    def end(self) -> int:
        """Position just past the page's last hit."""
        return self.start + self.per_page

    @property
    def by_relevance(self) -> bool:
        """Whether hits rank by score: a query is needed for that, else by date."""
        return self.query is not None and self.sort == "relevance"


class Page(NamedTuple):
    """One page of a selection: the total, the facet counts and the page's documents
    with their scores (None when ordered by date)."""

    total: int
    facets: dict[str, list[FacetValue]]
    scored: list[tuple[int, float | None]]
    #: Whether results follow this page (a next cursor is worth giving).
    more: bool = False
    #: Matching documents when ``total`` counts collapsed groups, else None.
    documents: int | None = None


def select(view: View, selection: Selection, without: np.ndarray | None = None) -> Page:
    """Match, filter, count facets over the whole result set, and rank one page.

    Facets are multi-select (Elasticsearch's ``post_filter``): a facet filtered on is
    counted with every filter but its own, so choosing one outlet still shows the
    others' counts; the rest are counted over the hits. The date range is not such a
    filter: it narrows the date histogram, so a range zooms in on it. ``without``
    masks documents out of the result set (more-like-this leaves out its document).
    """
    table = view.table
    budget = view.spend()
    q = selection.query
    scan = view.scanner.scan(q, budget) if q is not None else None
    # ``base`` is never written to: the masks below are new arrays
    if q is None:
        base = table.live
    elif scan is not None:
        base = scan.mask
    else:
        base = table.mask_of(matching_docs(view.searcher, q, budget)) & table.live
    if without is not None:
        base = base & ~without
    if selection.date_from or selection.date_to:
        if selection.date_field == "event":
            base = table.with_event_in_range(base, selection.date_from, selection.date_to)
        else:
            base = table.in_date_range(base, selection.date_from, selection.date_to)
    filters = {name: table.matching(name, values)
               for name, values in selection.filters.items()}
    matched = all_of(base, filters.values())
    total = documents = int(np.count_nonzero(matched))
    collapse = selection.collapse
    if collapse is not None:
        total = int(np.unique(table.group_keys(collapse)[matched]).size)
    facets: dict[str, list[FacetValue]] = {}
    for name in selection.facets:
        counted = matched
        if name in filters:
            counted = all_of(base, (m for other, m in filters.items() if other != name))
        facets[name] = table.count(name, counted, selection.facet_size, selection.interval)
    start, end = selection.start, selection.end
    if start >= total:  # past the end (or nothing): no hits, as Elasticsearch answers
        return Page(total, facets, [], documents=documents if collapse else None)
    factor = recency(table, selection.half_life) if selection.boost == "recency" else None
    if collapse is not None:
        groups = collapsed(view, scan, matched, selection, table.group_keys(collapse), end,
                           factor)
        return Page(total, facets, groups[start:end], end < total, documents)
    if selection.cursor is not None:
        scored, more = after_cursor(view, q, scan, matched, selection.cursor,
                                    selection.per_page)
        return Page(total, facets, scored, more)
    if selection.by_relevance:
        ranked = top_ranked(view, q, scan, matched, end, factor)
        return Page(total, facets, [(d, s) for d, s in ranked[start:end]], end < total)
    newest = selection.sort != "date:asc"
    ranked_by_date = table.sort_by_date(matched, newest, end)
    return Page(total, facets, [(d, None) for d in ranked_by_date[start:]], end < total)


def collapsed(view: View, scan: Any, matched: np.ndarray, selection: Selection,
              groups: np.ndarray, end: int,
              factor: np.ndarray | None = None) -> list[tuple[int, float | None]]:
    """The best-ranked document of each of the first ``end`` groups, in ranking order.

    Ranks a few times more documents than groups are wanted and widens until enough
    groups turn up: copies of one story rank together, so most pages need one pass.
    """
    total = int(np.count_nonzero(matched))
    newest = selection.sort != "date:asc"
    wanted = min(total, 3 * end)
    while True:
        ordered: list[tuple[int, float | None]]
        if selection.by_relevance:
            ordered = list(top_ranked(view, selection.query, scan, matched, wanted, factor))
        else:
            ordered = [(d, None) for d in view.table.sort_by_date(matched, newest, wanted)]
        seen: set[int] = set()
        picked: list[tuple[int, float | None]] = []
        for doc, score in ordered:
            group = int(groups[doc])
            if group not in seen:
                seen.add(group)
                picked.append((doc, score))
                if len(picked) == end:
                    return picked
        if wanted >= total:
            return picked
        wanted = min(total, wanted * 4)


def all_of(base: np.ndarray, masks: Iterable[np.ndarray]) -> np.ndarray:
    """``base`` narrowed by every mask (a new array; ``base`` is left as it is)."""
    out = base.copy()
    for mask in masks:
        out &= mask
    return out
