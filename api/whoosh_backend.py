"""The search backend on a local Whoosh index: ranking, filters, facets and snippets.

The only module of the API that imports Whoosh. It keeps one searcher open and reuses
it until the index changes (a commit or a generation switch), and keeps the facet
table of that searcher, so a query pays for its own matches only.
"""

from __future__ import annotations

import html
import json
import math
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from whoosh import collectors, qparser, scoring

from newsfacet.indexer.store import IndexStore
from newsfacet.schema.document import Extraction
from newsfacet.schema.errors import DocumentNotFound, InvalidQuery, PageOutOfRange
from newsfacet.schema.fields import text_analyzer

from .facet_table import DOCUMENT_FACETS, FacetColumn, FacetTable
from .highlight import snippets
from .models import (
    BaseRequest,
    FacetValue,
    Hit,
    QuoteHit,
    QuoteRequest,
    QuoteResults,
    QuoteSource,
    SearchRequest,
    SearchResults,
)
from .posting_scan import PostingScanner

#: Fields a bare query word searches; the title's boost lives in the schema.
SEARCH_FIELDS = ("title", "body")
#: The quote index's one text field.
QUOTE_FIELDS = ("text",)
#: Facets of the quote index: who said it and where it was published.
QUOTE_FACETS: dict[str, FacetColumn] = {"speaker": ("speaker", False), "outlet": ("outlet", False)}
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


class _View(NamedTuple):
    """What one request reads: a searcher, its facet table and its posting scanner."""

    searcher: Any
    table: FacetTable
    scanner: PostingScanner


class _OpenIndex:
    """One Whoosh index of the live generation, its searcher and its facet table.

    Reopened when the generation switches or a commit lands; the facet table is
    rebuilt with it, so readers see a write once it commits, without a restart.
    """

    def __init__(self, opener: Callable[[Path], Any], facets: dict[str, FacetColumn],
                 fields: tuple[str, ...], key_column: str | None) -> None:
        self._opener = opener
        self._facets = facets
        self._key_column = key_column
        self._fields = fields
        self._aliases: dict[str, dict[str, str]] | None = None
        self._generation: Path | None = None
        self._ix: Any = None
        self.searcher: Any = None
        self.table: FacetTable | None = None
        self.scanner: PostingScanner | None = None
        #: Requests reading each open searcher, and replaced searchers still being read.
        self._leases: dict[int, int] = {}
        self._retired: dict[int, Any] = {}

    def refresh(self, gen: Path, aliases: dict[str, dict[str, str]] | None = None) -> _View:
        """Reopen if the index changed; ``aliases`` are the documents' merged names.

        A replaced searcher is closed once no request holds a lease on it.
        """
        if aliases is not None and aliases is not self._aliases:
            self._aliases, self.table = aliases, None
        if gen != self._generation:
            self._ix = self._opener(gen)
            self._replace(self._ix.searcher(weighting=WEIGHTING))
            self._generation, self.table = gen, None
        elif not self.searcher.up_to_date():
            # Searcher.refresh() can keep serving a segment's old deletions; reopen.
            self._replace(self._ix.searcher(weighting=WEIGHTING))
            self.table = None
        if self.table is None:
            self.table = FacetTable.from_reader(self.searcher.reader(), self._facets,
                                                aliases=self._aliases,
                                                key_column=self._key_column)
            self.scanner = PostingScanner(self.searcher, self.table.live, self._fields)
        assert self.scanner is not None
        return _View(self.searcher, self.table, self.scanner)

    def _replace(self, searcher: Any) -> None:
        old, self.searcher = self.searcher, searcher
        if old is not None:
            if self._leases.get(id(old)):
                self._retired[id(old)] = old
            else:
                old.close()

    def lease(self, searcher: Any) -> None:
        """A request starts reading ``searcher``."""
        self._leases[id(searcher)] = self._leases.get(id(searcher), 0) + 1

    def release(self, searcher: Any) -> None:
        """A request is done with ``searcher``; close it if it was replaced meanwhile."""
        left = self._leases[id(searcher)] - 1
        if left:
            self._leases[id(searcher)] = left
            return
        del self._leases[id(searcher)]
        retired = self._retired.pop(id(searcher), None)
        if retired is not None:
            retired.close()

    def close(self) -> None:
        for searcher in [self.searcher, *self._retired.values()]:
            if searcher is not None:
                searcher.close()
        self._retired.clear()
        self.searcher = self._ix = self._generation = self.table = self.scanner = None


class WhooshBackend:
    """Search over the live generation of one index directory."""

    def __init__(self, store: IndexStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._documents = _OpenIndex(store.open, DOCUMENT_FACETS, SEARCH_FIELDS, "id")
        # quote ids are not a column: equal quotes keep index order
        self._quotes = _OpenIndex(store.open_quotes, QUOTE_FACETS, QUOTE_FIELDS, None)
        self._analyzer = text_analyzer()

    def _current(self) -> _View:
        """The documents' searcher, facet table and scanner, fresh (no lease: for a
        quick look while nothing writes, as tests do)."""
        with self._lock:
            return self._documents.refresh(self.store.current_path())

    @contextmanager
    def _reading(self, quotes: bool = False) -> Iterator[_View]:
        """A fresh view of the documents (or quotes), held open until the block ends."""
        with self._lock:
            gen = self.store.current_path()
            view = self._documents.refresh(gen)
            opened = self._documents
            if quotes:
                view, opened = self._quotes.refresh(gen, view.table.aliases), self._quotes
            opened.lease(view.searcher)
        try:
            yield view
        finally:
            with self._lock:
                opened.release(view.searcher)

    def close(self) -> None:
        with self._lock:
            self._documents.close()
            self._quotes.close()

    # -- queries ---------------------------------------------------------------------

    def parse(self, text: str, schema: Any, fields: tuple[str, ...]) -> Any:
        """The query string as a Whoosh query; all words must match (AND) by default."""
        _check_balanced(text)
        parser = qparser.MultifieldParser(list(fields), schema, group=qparser.AndGroup)
        try:
            return parser.parse(text)
        except Exception as exc:  # whoosh raises assorted errors for odd syntax
            raise InvalidQuery(f"query does not parse: {exc}") from None

    def search(self, request: SearchRequest) -> SearchResults:
        with self._reading() as view:
            searcher, table = view.searcher, view.table
            q = (self.parse(request.q, searcher.schema, SEARCH_FIELDS)
                 if request.q.strip() else None)
            page = _select(view, q, request)
            terms = self._highlight_terms(q, SEARCH_FIELDS) if request.highlight else set()
            hits = [self._hit(searcher, table, docnum, score, terms)
                    for docnum, score in page.scored]
        return SearchResults(total=page.total, took_ms=0.0, hits=hits, facets=page.facets,
                             page=request.page, per_page=request.per_page)

    def search_quotes(self, request: QuoteRequest) -> QuoteResults:
        with self._reading(quotes=True) as view:
            searcher, table = view.searcher, view.table
            q = (self.parse(request.q, searcher.schema, QUOTE_FIELDS)
                 if request.q.strip() else None)
            page = _select(view, q, request)
            terms = self._highlight_terms(q, QUOTE_FIELDS) if request.highlight else set()
            hits = [self._quote_hit(searcher, table, docnum, score, terms)
                    for docnum, score in page.scored]
        return QuoteResults(total=page.total, took_ms=0.0, hits=hits, facets=page.facets,
                            page=request.page, per_page=request.per_page)

    def _quote_hit(self, searcher: Any, table: FacetTable, docnum: int, score: float | None,
                   terms: set[str]) -> QuoteHit:
        stored = searcher.stored_fields(docnum)
        text = stored["text"]
        marked = snippets(text, terms, self._analyzer, top=1, whole=True) if terms else []
        published = stored.get("published")
        return QuoteHit(
            id=stored["quote_id"], text=text,
            highlighted=marked[0] if marked else html.escape(text),
            speaker=table.shown("speaker", stored["speaker"]),
            speaker_title=stored.get("speaker_title"),
            cue=stored.get("cue") or "", start=stored["start"], end=stored["end"],
            document=QuoteSource(id=stored["doc_id"], title=stored.get("title", ""),
                                 outlet=stored.get("outlet") or None,
                                 published=published.date() if published else None),
            score=score,
        )

    @staticmethod
    def _highlight_terms(q: Any, fields: tuple[str, ...]) -> set[str]:
        if q is None:
            return set()
        terms = set()
        for fieldname, text in q.iter_all_terms(phrases=True):
            if fieldname in fields:
                terms.add(text.decode("utf-8") if isinstance(text, bytes) else text)
        return terms

    def _hit(self, searcher: Any, table: FacetTable, docnum: int, score: float | None,
             terms: set[str]) -> Hit:
        stored = searcher.stored_fields(docnum)
        extraction = json.loads(stored["extraction"])
        published = stored.get("published")
        return Hit(
            id=stored["id"],
            title=stored.get("title", ""),
            outlet=stored.get("outlet") or None,
            published=published.date() if published else None,
            speakers=list(dict.fromkeys(
                table.shown("speaker", s["name"]) for s in extraction["speakers"]
                if s.get("kind") == "person"
            )),
            locations=list(dict.fromkeys(p["label"] for p in extraction["locations"])),
            score=score,
            snippets=snippets(stored.get("body", ""), terms, self._analyzer) if terms else [],
            url=extraction.get("url"),
        )

    # -- documents -------------------------------------------------------------------

    def get(self, doc_id: str) -> Extraction:
        with self._reading() as view:
            stored = view.searcher.document(id=doc_id)
        if stored is None:
            raise DocumentNotFound(f"no document with id {doc_id!r}")
        return Extraction.from_json(json.loads(stored["extraction"]), body=stored.get("body", ""))

    def count(self) -> int:
        with self._reading() as view:
            return int(view.searcher.doc_count())

    def facet_values(self, name: str, prefix: str = "",
                     size: int | None = None) -> list[FacetValue]:
        """Values of a facet starting with ``prefix`` (or having a word that does), with
        their document counts over the whole index; all values without a prefix."""
        with self._reading() as view:
            return view.table.prefixed(name, prefix, size)

    def distinct_values(self) -> dict[str, int]:
        """How many distinct values each document facet has (``date``: months)."""
        with self._reading() as view:
            return {name: view.table.distinct(name) for name in (*DOCUMENT_FACETS, "date")}


class _Page(NamedTuple):
    total: int
    facets: dict[str, list[FacetValue]]
    scored: list[tuple[int, float | None]]


def _select(view: _View, q: Any, request: BaseRequest) -> _Page:
    """Match, filter, count facets over the whole result set, and rank one page.

    Facets are multi-select (Elasticsearch's ``post_filter``): a facet filtered on is
    counted with every filter but its own, so choosing one outlet still shows the
    others' counts; the rest are counted over the hits. The date range is not such a
    filter: it narrows the date histogram, so a range zooms in on it.
    """
    table = view.table
    scan = view.scanner.scan(q) if q is not None else None
    # ``base`` is never written to: the masks below are new arrays
    if q is None:
        base = table.live
    elif scan is not None:
        base = scan.mask
    else:
        base = table.mask_of(view.searcher.docs_for_query(q))
    if request.date_from or request.date_to:
        base = table.in_date_range(base, request.date_from, request.date_to)
    filters = {name: table.matching(name, values)
               for name, values in request.filters().items()}
    matched = _all_of(base, filters.values())
    total = int(np.count_nonzero(matched))
    last_page = max(1, math.ceil(total / request.per_page))
    if request.page > last_page:
        raise PageOutOfRange(
            f"page {request.page} is past the last page ({last_page}) of {total} results"
        )
    interval = request.interval if isinstance(request, SearchRequest) else "month"
    facets: dict[str, list[FacetValue]] = {}
    for name in request.facets:
        counted = matched
        if name in filters:
            counted = _all_of(base, (m for other, m in filters.items() if other != name))
        facets[name] = table.count(name, counted, request.facet_size, interval)
    start = (request.page - 1) * request.per_page
    end = start + request.per_page
    if not total:
        return _Page(0, facets, [])
    if q is not None and request.sort == "relevance":
        ranked = (view.scanner.top(q, scan, matched, end, table.rank)
                  if scan is not None else None)
        if ranked is None:
            ranked = table.by_score(_whoosh_top(view.searcher, q, matched, end))
        return _Page(total, facets, [(d, s) for d, s in ranked[start:end]])
    newest = request.sort != "date:asc"
    ranked_by_date = table.sort_by_date(matched, newest, end)
    return _Page(total, facets, [(d, None) for d in ranked_by_date[start:]])


def _all_of(base: np.ndarray, masks: Iterable[np.ndarray]) -> np.ndarray:
    """``base`` narrowed by every mask (a new array; ``base`` is left as it is)."""
    out = base.copy()
    for mask in masks:
        out &= mask
    return out


def _whoosh_top(searcher: Any, q: Any, matched: np.ndarray, end: int) -> list[tuple[int, float]]:
    """The first ``end`` hits by Whoosh's own search, for queries the scanner leaves alone.

    ``replace=0``: Whoosh's matcher replacement drops true top hits of AND-of-OR
    queries (seen with whoosh3 3.54.0), so it stays off.
    """
    allowed = set(np.flatnonzero(matched).tolist())
    collector = collectors.FilterCollector(
        collectors.TopCollector(limit=end, replace=0), allow=allowed)
    searcher.search_with_collector(q, collector)
    return [(hit.docnum, float(hit.score)) for hit in collector.results()[:end]]
