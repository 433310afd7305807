"""What one request reads: a searcher, its facet table, its posting scanner, its budget.

Every engine module takes a :class:`View` rather than a searcher, so the facet table
and the scanner built for that searcher travel with it, and so does the deadline.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ..query_limits import Budget, unlimited
from .facet_table import FacetTable
from .posting_scan import PostingScanner


class View(NamedTuple):
    """What one request reads: a searcher, its facet table and its posting scanner, and
    the request's budget (None outside a request: no deadline)."""

    searcher: Any
    table: FacetTable
    scanner: PostingScanner
    budget: Budget | None = None

    def spend(self) -> Budget:
        """The request's budget, or an unlimited one."""
        return self.budget if self.budget is not None else unlimited()
