"""The newsfacet search API for Python (``SearchService``) and HTTP (``http.create_app``).

Embedding tools import from ``newsfacet`` itself; the names here stay for code written
against them, and load on first use like the top-level package's.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import (
        DateRange,
        FacetSuggestions,
        FacetValue,
        Hit,
        IndexStats,
        QuoteHit,
        QuoteRequest,
        QuoteResults,
        SearchRequest,
        SearchResults,
    )
    from .service import SearchService

_WHERE = {
    "SearchService": ".service",
    **dict.fromkeys(("DateRange", "FacetSuggestions", "FacetValue", "Hit", "IndexStats",
                     "QuoteHit", "QuoteRequest", "QuoteResults", "SearchRequest",
                     "SearchResults"), ".models"),
}
__all__ = ["DateRange", "FacetSuggestions", "FacetValue", "Hit", "IndexStats", "QuoteHit",
           "QuoteRequest", "QuoteResults", "SearchRequest", "SearchResults", "SearchService"]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'newsfacet.api' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value
