"""Which documents a search returns: match, filter, count facets, then one page.

The page is cut by page number, by cursor (:mod:`.cursors`) or by story (collapse);
what orders it is in :mod:`.ranking`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

import numpy as np

from ..models import BaseRequest, FacetValue, SearchRequest
from .cursors import after_cursor
from .governor import matching_docs
from .ranking import recency, top_ranked
from .view import View


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


def select(view: View, q: Any, request: BaseRequest,
           without: np.ndarray | None = None) -> Page:
    """Match, filter, count facets over the whole result set, and rank one page.

    Facets are multi-select (Elasticsearch's ``post_filter``): a facet filtered on is
    counted with every filter but its own, so choosing one outlet still shows the
    others' counts; the rest are counted over the hits. The date range is not such a
    filter: it narrows the date histogram, so a range zooms in on it. ``without``
    masks documents out of the result set (more-like-this leaves out its document).
    """
    table = view.table
    budget = view.spend()
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
    if request.date_from or request.date_to:
        if isinstance(request, SearchRequest) and request.date_field == "event":
            base = table.with_event_in_range(base, request.date_from, request.date_to)
        else:
            base = table.in_date_range(base, request.date_from, request.date_to)
    filters = {name: table.matching(name, values)
               for name, values in request.filters().items()}
    matched = all_of(base, filters.values())
    total = documents = int(np.count_nonzero(matched))
    collapse = request.collapse if isinstance(request, SearchRequest) else None
    if collapse is not None:
        total = int(np.unique(table.group_keys(collapse)[matched]).size)
    interval = request.interval if isinstance(request, SearchRequest) else "month"
    facets: dict[str, list[FacetValue]] = {}
    for name in request.facets:
        counted = matched
        if name in filters:
            counted = all_of(base, (m for other, m in filters.items() if other != name))
        facets[name] = table.count(name, counted, request.facet_size, interval)
    start = (request.page - 1) * request.per_page
    end = start + request.per_page
    if start >= total:  # past the end (or nothing): no hits, as Elasticsearch answers
        return Page(total, facets, [], documents=documents if collapse else None)
    factor = recency(table, request.half_life) if (
        isinstance(request, SearchRequest) and request.boost == "recency") else None
    if collapse is not None:
        groups = collapsed(view, q, scan, matched, request, table.group_keys(collapse), end,
                            factor)
        return Page(total, facets, groups[start:end], end < total, documents)
    cursor = request.cursor if isinstance(request, SearchRequest) else None
    if cursor is not None:
        scored, more = after_cursor(view, q, scan, matched, cursor, request.per_page)
        return Page(total, facets, scored, more)
    if q is not None and request.sort == "relevance":
        ranked = top_ranked(view, q, scan, matched, end, factor)
        return Page(total, facets, [(d, s) for d, s in ranked[start:end]], end < total)
    newest = request.sort != "date:asc"
    ranked_by_date = table.sort_by_date(matched, newest, end)
    return Page(total, facets, [(d, None) for d in ranked_by_date[start:]], end < total)


def collapsed(view: View, q: Any, scan: Any, matched: np.ndarray, request: BaseRequest,
              groups: np.ndarray, end: int,
              factor: np.ndarray | None = None) -> list[tuple[int, float | None]]:
    """The best-ranked document of each of the first ``end`` groups, in ranking order.

    Ranks a few times more documents than groups are wanted and widens until enough
    groups turn up: copies of one story rank together, so most pages need one pass.
    """
    total = int(np.count_nonzero(matched))
    newest = request.sort != "date:asc"
    wanted = min(total, 3 * end)
    while True:
        ordered: list[tuple[int, float | None]]
        if q is not None and request.sort == "relevance":
            ordered = list(top_ranked(view, q, scan, matched, wanted, factor))
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
