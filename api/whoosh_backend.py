"""The search backend on a local Whoosh index: ranking, filters, facets and snippets.

The only module of the API that imports Whoosh. It keeps one searcher open and reuses
it until the index changes (a commit or a generation switch), and keeps the facet
table of that searcher, so a query pays for its own matches only.
"""

from __future__ import annotations

import json
import math
import re
import threading
from pathlib import Path
from typing import Any

from whoosh import qparser, scoring

from newsfacet.indexer.store import IndexStore
from newsfacet.schema.document import Extraction
from newsfacet.schema.errors import DocumentNotFound, InvalidQuery, PageOutOfRange
from newsfacet.schema.fields import text_analyzer

from .facet_table import FacetTable
from .highlight import snippets
from .models import FacetValue, Hit, SearchRequest, SearchResults

#: Fields a bare query word searches; the title's boost lives in the schema.
SEARCH_FIELDS = ("title", "body")
#: BM25F: standard k1, a little less length normalisation for short titles.
WEIGHTING = scoring.BM25F(B=0.75, K1=1.2, title_B=0.5)


def _check_balanced(text: str) -> None:
    """Whoosh silently repairs broken syntax; we tell the user instead."""
    if text.count('"') % 2:
        raise InvalidQuery(f"unbalanced quote in query: {text!r}")
    depth = 0
    for char in re.sub(r'"[^"]*"', "", text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0:
        raise InvalidQuery(f"unbalanced parenthesis in query: {text!r}")


class WhooshBackend:
    """Search over the live generation of one index directory."""

    def __init__(self, store: IndexStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._generation: Path | None = None
        self._ix: Any = None
        self._searcher: Any = None
        self._table: FacetTable | None = None
        self._analyzer = text_analyzer()

    # -- keeping the searcher fresh ---------------------------------------------------

    def _current(self) -> tuple[Any, FacetTable]:
        """The open searcher and its facet table, reopened when the index changed."""
        with self._lock:
            gen = self.store.current_path()
            if gen != self._generation:
                if self._searcher is not None:
                    self._searcher.close()
                self._ix = self.store.open(gen)
                self._searcher = self._ix.searcher(weighting=WEIGHTING)
                self._generation, self._table = gen, None
            elif not self._searcher.up_to_date():
                # Searcher.refresh() can keep serving a segment's old deletions; reopen.
                self._searcher.close()
                self._searcher = self._ix.searcher(weighting=WEIGHTING)
                self._table = None
            if self._table is None:
                self._table = FacetTable.from_reader(self._searcher.reader())
            return self._searcher, self._table

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = self._ix = self._generation = self._table = None

    # -- queries ---------------------------------------------------------------------

    def parse(self, text: str, schema: Any) -> Any:
        """The query string as a Whoosh query; all words must match (AND) by default."""
        _check_balanced(text)
        parser = qparser.MultifieldParser(list(SEARCH_FIELDS), schema, group=qparser.AndGroup)
        try:
            return parser.parse(text)
        except Exception as exc:  # whoosh raises assorted errors for odd syntax
            raise InvalidQuery(f"query does not parse: {exc}") from None

    def search(self, request: SearchRequest) -> SearchResults:
        searcher, table = self._current()
        q = self.parse(request.q, searcher.schema) if request.q.strip() else None
        matched = set(searcher.docs_for_query(q)) if q is not None else set(table.live)
        for name, values in request.filters().items():
            matched &= table.matching(name, values)
        if request.date_from or request.date_to:
            matched = table.in_date_range(matched, request.date_from, request.date_to)
        total = len(matched)
        last_page = max(1, math.ceil(total / request.per_page))
        if request.page > last_page:
            raise PageOutOfRange(
                f"page {request.page} is past the last page ({last_page}) of {total} results"
            )
        facets = {name: table.count(name, matched, request.facet_size)
                  for name in request.facets}
        start = (request.page - 1) * request.per_page
        end = start + request.per_page
        scored: list[tuple[int, float | None]]
        if q is not None and request.sort == "relevance":
            results = searcher.search(q, filter=matched, limit=end)
            scored = [(hit.docnum, float(hit.score)) for hit in results[start:end]]
        else:
            newest = request.sort != "date:asc"
            scored = [(d, None) for d in table.sort_by_date(matched, newest)[start:end]]
        terms = self._highlight_terms(q) if request.highlight else set()
        hits = [self._hit(searcher, docnum, score, terms) for docnum, score in scored]
        return SearchResults(total=total, took_ms=0.0, hits=hits,
                             facets=facets, page=request.page, per_page=request.per_page)

    @staticmethod
    def _highlight_terms(q: Any) -> set[str]:
        if q is None:
            return set()
        terms = set()
        for fieldname, text in q.iter_all_terms(phrases=True):
            if fieldname in SEARCH_FIELDS:
                terms.add(text.decode("utf-8") if isinstance(text, bytes) else text)
        return terms

    def _hit(self, searcher: Any, docnum: int, score: float | None, terms: set[str]) -> Hit:
        stored = searcher.stored_fields(docnum)
        extraction = json.loads(stored["extraction"])
        published = stored.get("published")
        return Hit(
            id=stored["id"],
            title=stored.get("title", ""),
            outlet=stored.get("outlet") or None,
            published=published.date() if published else None,
            speakers=[s["name"] for s in extraction["speakers"] if s.get("kind") == "person"],
            locations=list(dict.fromkeys(p["label"] for p in extraction["locations"])),
            score=score,
            snippets=snippets(stored.get("body", ""), terms, self._analyzer) if terms else [],
            url=extraction.get("url"),
        )

    # -- documents -------------------------------------------------------------------

    def get(self, doc_id: str) -> Extraction:
        searcher, _ = self._current()
        stored = searcher.document(id=doc_id)
        if stored is None:
            raise DocumentNotFound(f"no document with id {doc_id!r}")
        return Extraction.from_json(json.loads(stored["extraction"]), body=stored.get("body", ""))

    def count(self) -> int:
        searcher, _ = self._current()
        return int(searcher.doc_count())

    def facet_values(self, name: str) -> list[FacetValue]:
        """Every value of a facet with its document count (for listings and autocomplete)."""
        _, table = self._current()
        return table.count(name, table.live, size=10**9)
