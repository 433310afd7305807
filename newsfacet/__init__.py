"""newsfacet: faceted full-text search over news articles and press releases.

This is the public surface for tools that embed newsfacet::

    from newsfacet import SearchService, index_paths

    index_paths("var/index", ["corpus/"])          # index files (JSON Lines, text, HTML)
    with SearchService("var/index") as index:
        results = index.search("port strike", facets=["outlet", "speaker"])

Everything named in ``__all__`` is kept stable; modules below (``newsfacet.api``,
``newsfacet.indexer``, ``newsfacet.schema``) are the implementation. Names load on first
use, so ``import newsfacet`` is cheap and a command that needs none of them (or only the
indexer) does not pay for the search engine or Flask.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time, __getattr__ loads them
    from newsfacet.api.models import (
        DateRange,
        FacetValue,
        Hit,
        IndexStats,
        QuoteHit,
        QuoteRequest,
        QuoteResults,
        SearchRequest,
        SearchResults,
        StoredDocument,
        Story,
        StoryMember,
    )
    from newsfacet.api.service import SearchService
    from newsfacet.indexer.extract import extract
    from newsfacet.indexer.pipeline import IndexReport, index_paths, reindex
    from newsfacet.indexer.readers import ReadProblem
    from newsfacet.schema.document import (
        Article,
        EventDate,
        Extraction,
        Place,
        Quote,
        Speaker,
    )
    from newsfacet.schema.errors import (
        DocumentNotFound,
        IndexBusy,
        IndexCorrupt,
        IndexNotFound,
        IndexNotWritable,
        IndexOutdated,
        InvalidDocument,
        InvalidParameter,
        InvalidQuery,
        NewsfacetError,
        QueryTooCostly,
        SourceError,
        StoryNotFound,
        UnknownFacet,
    )

#: Public name → the module that defines it.
_WHERE = {
    **dict.fromkeys(("SearchService",), "newsfacet.api.service"),
    **dict.fromkeys(("DateRange", "FacetValue", "Hit", "IndexStats", "QuoteHit", "QuoteRequest",
                     "QuoteResults", "SearchRequest", "SearchResults", "StoredDocument",
                     "Story", "StoryMember"), "newsfacet.api.models"),
    **dict.fromkeys(("IndexReport", "index_paths", "reindex"), "newsfacet.indexer.pipeline"),
    "extract": "newsfacet.indexer.extract",
    "ReadProblem": "newsfacet.indexer.readers",
    **dict.fromkeys(("Article", "EventDate", "Extraction", "Place", "Quote", "Speaker"),
                    "newsfacet.schema.document"),
    **dict.fromkeys(("DocumentNotFound", "IndexBusy", "IndexCorrupt", "IndexNotFound",
                     "IndexNotWritable", "IndexOutdated", "InvalidDocument",
                     "InvalidParameter", "InvalidQuery", "NewsfacetError", "QueryTooCostly",
                     "SourceError", "StoryNotFound", "UnknownFacet"),
                    "newsfacet.schema.errors"),
}

__all__ = [
    "Article",
    "DateRange",
    "DocumentNotFound",
    "EventDate",
    "Extraction",
    "FacetValue",
    "Hit",
    "IndexBusy",
    "IndexCorrupt",
    "IndexNotFound",
    "IndexNotWritable",
    "IndexOutdated",
    "IndexReport",
    "IndexStats",
    "InvalidDocument",
    "InvalidParameter",
    "InvalidQuery",
    "NewsfacetError",
    "Place",
    "QueryTooCostly",
    "Quote",
    "QuoteHit",
    "QuoteRequest",
    "QuoteResults",
    "ReadProblem",
    "SearchRequest",
    "SearchResults",
    "SearchService",
    "SourceError",
    "Speaker",
    "StoredDocument",
    "Story",
    "StoryMember",
    "StoryNotFound",
    "UnknownFacet",
    "__version__",
    "extract",
    "index_paths",
    "reindex",
]


def _version() -> str:
    """The installed version, looked up on first use: importlib.metadata and the scan of
    site-packages cost every command 50 ms at start."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsfacet")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value: Any = _version()
        globals()[name] = value
        return value
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'newsfacet' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
