"""The search backend on a local Whoosh index: the engine's public methods.

Each method opens a view of the live generation (:mod:`.searchers`), parses and
governs the query (:mod:`.query`, :mod:`.governor`), selects a page
(:mod:`.selection`, ranked by :mod:`.ranking`) and turns it into plain data
(:mod:`.hits`). Nothing Whoosh leaves this class.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from newsfacet.indexer.store import IndexStore
from newsfacet.schema.errors import DocumentNotFound, StoryNotFound

from ..models import (
    FacetValue,
    IndexStats,
    QuoteRequest,
    QuoteResults,
    SearchRequest,
    SearchResults,
    StoredDocument,
    Story,
)
from ..query_limits import Budget, unlimited
from . import hits as build
from .cursors import next_cursor
from .facet_table import DOCUMENT_FACETS
from .more_like_this import key_terms_query
from .query import QUOTE_FIELDS, SEARCH_FIELDS, governed_query
from .searchers import Searchers
from .selection import Selection, select
from .spelling import SUGGEST_BELOW, did_you_mean


class WhooshBackend:
    """Search over the live generation of one index directory."""

    def __init__(self, store: IndexStore) -> None:
        self.store = store
        #: The open indexes and the locks requests read them under.
        self.searchers = Searchers(store)

    def close(self) -> None:
        self.searchers.close()

    def search(self, request: SearchRequest, budget: Budget | None = None) -> SearchResults:
        """Search within ``budget`` (none: no deadline); QueryTooCostly past a limit."""
        with self.searchers.reading(budget=budget or unlimited()) as view:
            budget = view.spend()
            budget.restart()  # the deadline counts the search, not the index (re)opening
            budget.check()
            searcher, table = view.searcher, view.table
            parsed, q = governed_query(request.q, view, SEARCH_FIELDS, request.operator)
            page = select(view, Selection.of_documents(request, q))
            terms = build.highlight_terms(q, SEARCH_FIELDS) if request.highlight else set()
            hits = []
            for docnum, score in page.scored:
                budget.check()
                hits.append(build.document_hit(searcher, table, docnum, score, terms))
            if request.collapse is not None:
                for hit in hits:
                    hit.story_members = build.story_members(view, hit)
            suggestion = (did_you_mean(view, parsed, request, page.total)
                          if parsed is not None and page.total < SUGGEST_BELOW else None)
        return SearchResults(total=page.total, took_ms=0.0, hits=hits, facets=page.facets,
                             page=request.page, per_page=request.per_page,
                             date_range=request.date_range,
                             next_cursor=next_cursor(request, hits, page.more),
                             did_you_mean=suggestion, total_documents=page.documents)

    def similar(self, doc_id: str, request: SearchRequest,
                budget: Budget | None = None) -> SearchResults:
        """Documents sharing the most significant words of ``doc_id``, best first."""
        with self.searchers.reading(budget=budget or unlimited()) as view:
            view.spend().restart()
            view.spend().check()
            searcher, table = view.searcher, view.table
            docnum = searcher.document_number(id=doc_id)
            if docnum is None:
                raise DocumentNotFound(f"no document with id {doc_id!r}")
            q = key_terms_query(searcher, docnum)
            if q is None:
                return SearchResults(total=0, took_ms=0.0, hits=[], facets={
                    name: [] for name in request.facets}, page=request.page,
                    per_page=request.per_page)
            ranked = replace(Selection.of_documents(request, q), sort="relevance", cursor=None)
            page = select(view, ranked, without=table.mask_of([docnum]))
            terms = build.highlight_terms(q, SEARCH_FIELDS) if request.highlight else set()
            hits = []
            for d, score in page.scored:
                view.spend().check()
                hits.append(build.document_hit(searcher, table, d, score, terms))
        return SearchResults(total=page.total, took_ms=0.0, hits=hits, facets=page.facets,
                             page=request.page, per_page=request.per_page)

    def search_quotes(self, request: QuoteRequest,
                      budget: Budget | None = None) -> QuoteResults:
        with self.searchers.reading(quotes=True, budget=budget or unlimited()) as view:
            budget = view.spend()
            budget.restart()
            budget.check()
            searcher, table = view.searcher, view.table
            _, q = governed_query(request.q, view, QUOTE_FIELDS, request.operator)
            page = select(view, Selection.of_quotes(request, q))
            terms = build.highlight_terms(q, QUOTE_FIELDS) if request.highlight else set()
            hits = []
            for docnum, score in page.scored:
                budget.check()
                hits.append(build.quote_hit(searcher, table, docnum, score, terms))
        return QuoteResults(total=page.total, took_ms=0.0, hits=hits, facets=page.facets,
                            page=request.page, per_page=request.per_page)

    def story(self, story_id: str) -> Story:
        """A story's documents in time order, each compared with the origin (the first)."""
        with self.searchers.reading() as view:
            docs = view.table.members("story", story_id)
            stored = [view.searcher.stored_fields(docnum) for docnum in docs]
        if not stored:
            raise StoryNotFound(f"no story with id {story_id!r}")
        return build.story(story_id, stored)

    # -- documents -------------------------------------------------------------------

    def get(self, doc_id: str) -> StoredDocument:
        with self.searchers.reading() as view:
            stored = view.searcher.document(id=doc_id)
            story = stored.get("story") if stored else None
            size = view.table.value_count("story", story) if story else 1
        if stored is None:
            raise DocumentNotFound(f"no document with id {doc_id!r}")
        return build.stored_document(stored, story, size)

    def story_of(self, doc_id: str) -> str | None:
        with self.searchers.reading() as view:
            stored = view.searcher.document(id=doc_id)
        if stored is None:
            raise DocumentNotFound(f"no document with id {doc_id!r}")
        story: str | None = stored.get("story")
        return story

    def count(self) -> int:
        with self.searchers.reading() as view:
            return int(view.searcher.doc_count())

    def facet_values(self, name: str, prefix: str = "",
                     size: int | None = None) -> list[FacetValue]:
        """Values of a facet starting with ``prefix`` (or having a word that does), with
        their document counts over the whole index; all values without a prefix."""
        with self.searchers.reading() as view:
            return view.table.prefixed(name, prefix, size)

    def distinct_values(self) -> dict[str, int]:
        """How many distinct values each document facet has (``date``: months)."""
        with self.searchers.reading() as view:
            return {name: view.table.distinct(name) for name in (*DOCUMENT_FACETS, "date")}

    # -- the index as a whole ----------------------------------------------------------

    def health(self) -> dict[str, Any]:
        """Checks every file of the live generation against its committed checksums
        (IndexCorrupt otherwise), then answers with its count and metadata."""
        gen = self.store.current_path()
        checked = self.store.verify(gen)
        found = {"status": "ok", "documents": self.count(), "files_checked": checked}
        meta = IndexStore.read_meta(gen)
        return {**found, **{key: value for key, value in meta.items() if key not in found}}

    def stats(self) -> IndexStats:
        """The live generation's metadata, size on disk and distinct facet values."""
        gen = self.store.current_path()
        meta = IndexStore.read_meta(gen)
        indexed = meta.get("last_indexed_at")
        extractor = meta.get("extractor_version")
        return IndexStats(
            documents=self.count(),
            size_bytes=_size_on_disk(gen),
            generation=gen.name,
            last_indexed_at=dt.datetime.fromisoformat(indexed) if indexed else None,
            whoosh_version=meta.get("whoosh_version"),
            schema_version=meta.get("schema_version"),
            extractor_version=str(extractor) if extractor is not None else None,
            facets=self.distinct_values(),
        )


def _size_on_disk(folder: Path) -> int:
    """Bytes of every file under ``folder``; a file a merge removes meanwhile counts 0."""
    total = 0
    for root, _, names in os.walk(folder):  # os.walk skips folders that vanish
        for name in names:
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except FileNotFoundError:
                continue
    return total
