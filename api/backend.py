"""The door between the Python API and a search engine: the :class:`Backend` protocol.

:class:`~.service.SearchService` reaches its engine through these methods only. Each
takes and returns plain data from :mod:`.models` (and a :class:`~.query_limits.Budget`),
so another engine can stand behind the same door; today's is
:class:`newsfacet.api.engine.WhooshBackend`.

What every backend guarantees, whatever the method:

- Requests arrive validated (``params.validate``) and are not checked again.
- Errors are the :class:`~newsfacet.schema.errors.NewsfacetError` subclasses named
  below, plus ``IndexNotFound`` (no index yet) and ``IndexCorrupt`` (damaged files) from
  any method that reads; any other exception is a bug (HTTP 500).
- Answers are deterministic: equal scores, and equal dates, are ordered by document id,
  whatever the physical layout of the index.
- A write that committed is seen by the next call, without a restart, and a call that
  is reading keeps a consistent view of the index while a write commits.
- Methods may be called from several threads at once.
"""

from __future__ import annotations

from typing import Any, Protocol

from .models import (
    FacetValue,
    IndexStats,
    QuoteRequest,
    QuoteResults,
    SearchRequest,
    SearchResults,
    StoredDocument,
    Story,
)
from .query_limits import Budget


class Backend(Protocol):
    """What the service needs from a search engine."""

    def search(self, request: SearchRequest, budget: Budget | None = None
               ) -> SearchResults:
        """One page of documents matching ``request.q`` (all of them when it is empty or
        ``*``), filtered, with facet counts.

        Returns ``total`` (matching documents; with ``collapse``, matching stories, and
        ``total_documents`` the documents), the page's hits (by page number or after
        ``cursor``; ``story_members`` filled when collapsed; ``snippets`` only when
        ``highlight``), each requested facet's counts (multi-select: a facet is counted
        without its own filter; ``date`` in ``interval`` buckets), ``date_range`` as
        the request resolved it, ``next_cursor`` (``params.encode_cursor``) when more
        hits follow, and ``did_you_mean`` when fewer than 3 results were found and a
        correction finds more. ``took_ms`` is 0: the service times the call.

        Raises InvalidQuery (syntax, a field that may not be named) and QueryTooCostly
        (a limit of ``query_limits``, or ``budget`` spent; no budget: no deadline).
        """
        ...

    def search_quotes(self, request: QuoteRequest, budget: Budget | None = None
                      ) -> QuoteResults:
        """One page of attributed quotes matching ``request``, with facet counts
        (``speaker``, ``outlet``); each hit's text is HTML-escaped, the query's words
        in ``<mark>``. Leaves out quotes of a document version that is not live.
        Raises as :meth:`search` does."""
        ...

    def similar(self, doc_id: str, request: SearchRequest, budget: Budget | None = None
                ) -> SearchResults:
        """Documents like ``doc_id`` (more like this), most similar first, itself
        excluded; ranked by relevance whatever ``request.sort`` says, and never after a
        cursor. An empty page when the document has no significant words. Raises
        DocumentNotFound, and QueryTooCostly when ``budget`` is spent."""
        ...

    def get(self, doc_id: str) -> StoredDocument:
        """A document as extracted, with its story and how many documents that story
        holds (1 when it has none). Raises DocumentNotFound."""
        ...

    def story(self, story_id: str) -> Story:
        """A story's documents in publication order, the origin first, each with what
        it changed relative to the origin. Raises StoryNotFound."""
        ...

    def story_of(self, doc_id: str) -> str | None:
        """The story id of a document (None if it has none). Raises DocumentNotFound."""
        ...

    def count(self) -> int:
        """How many documents the index holds now."""
        ...

    def facet_values(self, name: str, prefix: str = "",
                     size: int | None = None) -> list[FacetValue]:
        """Values of facet ``name`` (a known facet: the service checks it) with their
        document counts over the whole index, most frequent first (ties by value); with
        a ``prefix``, only values that start with it or have a word that does, case and
        accents ignored; at most ``size`` of them (None: all). ``date`` answers months."""
        ...

    def health(self) -> dict[str, Any]:
        """``{"status": "ok", "documents": n, "files_checked": n}`` and the index's
        metadata, once every file the index is made of has been checked to be as
        written. Raises IndexCorrupt or IndexNotFound instead of answering otherwise."""
        ...

    def stats(self) -> IndexStats:
        """What the index holds: documents, bytes on disk (quotes included), its
        generation, versions, and distinct values per facet (``date``: months)."""
        ...

    def close(self) -> None:
        """Let go of open files and locks; the backend is not used afterwards."""
        ...
