"""The Python API: open an index, search it, read, add and delete documents.

Flask-free, so another tool embeds newsfacet with ``from newsfacet.api import
SearchService``. Everything it takes and returns is plain data (``models``); the
engine behind it is a :class:`~.backend.Backend`, today Whoosh on local disk.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from newsfacet.indexer.readers import ReadProblem
from newsfacet.indexer.store import GenerationWriter, IndexStore
from newsfacet.schema.document import Article
from newsfacet.schema.errors import IndexBusy, InvalidDocument, InvalidParameter

from .backend import Backend
from .backend_spec import BackendSpec, parse_spec
from .engine import WhooshBackend
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
from .param_registry import FACET_VALUES, QUOTES, SEARCH, SIMILAR
from .param_signatures import documents
from .params import coerce_arguments, request_from_arguments, validate
from .query_limits import QUERY_TIMEOUT, QUERY_TIMEOUT_SETTING, Budget

if TYPE_CHECKING:  # the pipeline (and the extractors) are imported by the first write
    from newsfacet.indexer.pipeline import IndexReport

#: Seconds a write waits for the index lock before IndexBusy (another writer holds it).
WRITE_TIMEOUT = 30.0


class SearchService:
    """A newsfacet index directory, opened for searching and writing.

    >>> service = SearchService("var/index")
    >>> results = service.search("Brennan", facets=["speaker", "outlet"])
    >>> [(h.id, h.outlet) for h in results.hits]

    Every search works within ``query_timeout`` seconds (None: no limit) and the cost
    limits of ``api/query_limits.py``; past either it raises QueryTooCostly.
    """

    def __init__(self, path: str | Path | BackendSpec, backend: Backend | None = None,
                 query_timeout: float | None = QUERY_TIMEOUT) -> None:
        #: The engine and where its index is (``whoosh:PATH`` for a bare path).
        self.spec = as_spec(path)
        self.store = IndexStore(self.spec.path or ".")
        self.cluster: Any = None
        if self.spec.engine == "xapian":
            from .xapian_engine import XapianBackend  # GPL extra: only when selected

            xapian_backend = XapianBackend(self.spec)
            self.cluster = xapian_backend.cluster
            self.backend: Backend = backend or xapian_backend
        else:
            self.backend = backend or WhooshBackend(self.store)
        self._write_lock = threading.Lock()
        #: Seconds a search may take before QueryTooCostly; None for no limit.
        self.query_timeout = check_query_timeout(query_timeout)

    def __enter__(self) -> SearchService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.backend.close()

    # -- reading -----------------------------------------------------------------------

    @documents(SEARCH)
    def search(
        self,
        q: str = "",
        *,
        outlet: Sequence[str] = (),
        speaker: Sequence[str] = (),
        date_from: dt.date | str | None = None,
        date_to: dt.date | str | None = None,
        as_of: dt.date | str | None = None,
        sort: str = "relevance",
        page: int = 1,
        per_page: int = 10,
        highlight: bool = True,
        facet_size: int = 10,
        operator: str = "and",
        facets: Sequence[str] = (),
        location: Sequence[str] = (),
        interval: str = "month",
        date_field: str = "published",
        cursor: str | None = None,
        story: Sequence[str] = (),
        collapse: str | None = None,
        boost: str | None = None,
        half_life: float | str = 30.0,
    ) -> SearchResults:
        """Ranked (BM25F) search with facet filters, facet counts and snippets.

        Several values for one facet match any of them; different facets must all
        match. An empty ``q`` matches every document (newest first). A facet that is
        filtered on is counted without its own filter (multi-select), so the other
        values stay visible. ``interval`` (day, week, month, year) sizes the buckets
        of the ``date`` facet.

        ``date_from``/``date_to`` take dates or text: ``"2024-03"``, ``"last week"``,
        ``"since January 2022"``, relative to ``as_of`` (today by default); the
        results' ``date_range`` says what they resolved to. ``date_field="event"``
        filters on the dates of the events reported instead of publication. ``cursor``
        is a previous page's ``next_cursor``: the page after it, stable while
        documents are added.

        Every hit names its ``story`` (documents telling one story in nearly the same
        words: wire copies, a release and its rewrites). ``story`` filters on story
        ids; ``collapse="story"`` returns one hit per story, its best-ranked document,
        with the story's other documents in ``story_members``, and ``total`` then
        counts stories (``total_documents`` the documents).

        ``operator="or"`` matches documents with any word of ``q``, those with more
        (and rarer) words first. ``boost="recency"`` multiplies each score by 0.5 per
        ``half_life`` (days, or text such as ``"2w"``) of a document's age.
        """
        request = cast(SearchRequest, request_from_arguments(SEARCH, locals()))
        return self.run(request)

    @documents(SIMILAR)
    def similar(
        self,
        doc_id: str,
        *,
        page: int = 1,
        per_page: int = 10,
        highlight: bool = False,
        facet_size: int = 10,
        facets: Sequence[str] = (),
        interval: str = "month",
    ) -> SearchResults:
        """Documents like ``doc_id`` (more like this), most similar first, itself excluded.

        Similarity is BM25F over the document's most significant title and body terms,
        so a follow-up or a rewrite of the same story ranks first. DocumentNotFound if
        there is no such document.
        """
        request = cast(SearchRequest, request_from_arguments(SIMILAR, locals()))
        return self.run_similar(doc_id, request)

    def run_similar(self, doc_id: str, request: SearchRequest) -> SearchResults:
        """More like ``doc_id`` with a prepared request (paging, facets, snippets)."""
        started = time.perf_counter()
        results = self.backend.similar(doc_id, validate(request), self.budget())
        results.took_ms = round((time.perf_counter() - started) * 1000, 2)
        return results

    def run(self, request: SearchRequest) -> SearchResults:
        """Search with a prepared :class:`SearchRequest` (validated here)."""
        started = time.perf_counter()
        results = self.backend.search(validate(request), self.budget())
        results.took_ms = round((time.perf_counter() - started) * 1000, 2)
        return results

    @documents(QUOTES)
    def search_quotes(
        self,
        q: str = "",
        *,
        outlet: Sequence[str] = (),
        speaker: Sequence[str] = (),
        date_from: dt.date | str | None = None,
        date_to: dt.date | str | None = None,
        as_of: dt.date | str | None = None,
        sort: str = "relevance",
        page: int = 1,
        per_page: int = 10,
        highlight: bool = True,
        facet_size: int = 10,
        operator: str = "and",
        facets: Sequence[str] = (),
    ) -> QuoteResults:
        """Search attributed quotes: what ``speaker`` said about ``q``.

        Speakers are the same canonical names as the ``speaker`` facet of :meth:`search`;
        each hit carries its document's id, title, outlet and date and the quote's
        character offsets into that document's body.
        """
        request = cast(QuoteRequest, request_from_arguments(QUOTES, locals()))
        return self.run_quotes(request)

    def run_quotes(self, request: QuoteRequest) -> QuoteResults:
        """Quote search with a prepared :class:`QuoteRequest` (validated here)."""
        started = time.perf_counter()
        results = self.backend.search_quotes(validate(request), self.budget())
        results.took_ms = round((time.perf_counter() - started) * 1000, 2)
        return results

    def budget(self) -> Budget:
        """A fresh budget for one search: its deadline starts now."""
        return Budget(self.query_timeout)

    def get(self, doc_id: str) -> StoredDocument:
        """One document with everything extracted from it and its story;
        DocumentNotFound if absent."""
        return self.backend.get(doc_id)

    def story(self, story_id: str) -> Story:
        """A story's documents in publication order, the origin (earliest) first, each
        with the paragraphs and quotes it added or dropped; StoryNotFound if none."""
        return self.backend.story(story_id)

    def story_of(self, doc_id: str) -> str | None:
        """The story id of a document; DocumentNotFound if there is no such document."""
        return self.backend.story_of(doc_id)

    def count(self) -> int:
        return self.backend.count()

    @documents(FACET_VALUES)
    def facet_values(self, name: str, prefix: str = "",
                     size: int | None = None) -> list[FacetValue]:
        """Values of one facet over the whole index, most frequent first.

        With a ``prefix``, only values that start with it or have a word that does
        (case and accents ignored: "bren" finds "John Brennan"), for autocomplete.
        ``size`` caps how many come back (all by default). The ``date`` facet answers
        months, as its counts do.
        """
        checked = coerce_arguments(FACET_VALUES, locals())
        return self.backend.facet_values(checked["name"], checked["prefix"], checked["size"])

    def health(self) -> dict[str, Any]:
        """Whether the index is whole and opens, how many documents it holds, and its
        metadata.

        Every file of the live generation is checked against the size and CRC32 it was
        committed with (each unchanged file is read once per process), so a damaged
        index is reported here, not at the first search that reads the damage.
        IndexCorrupt or IndexNotFound otherwise.
        """
        return self.backend.health()

    def stats(self) -> IndexStats:
        """Document count, size on disk, generation, versions and distinct facet values."""
        return self.backend.stats()

    # -- writing -----------------------------------------------------------------------

    def add(self, articles: Iterable[Article | dict[str, Any]],
            timeout: float = WRITE_TIMEOUT) -> IndexReport:
        """Index articles (objects or JSON-like dicts); unchanged ones are skipped.

        A record that is not a valid article (see ``Article.from_record``: standard JSON,
        an ISO date, ...) is reported in ``problems`` (its position from 1 as ``line``)
        and the others are indexed. IndexBusy if another writer
        keeps the index for ``timeout`` seconds.
        """
        def items() -> Iterable[Article | ReadProblem]:
            for n, record in enumerate(articles, start=1):
                try:
                    if isinstance(record, Article):
                        record.check()
                        yield record
                    else:
                        yield Article.from_record(record, source="", line=n)
                except InvalidDocument as exc:
                    yield ReadProblem("input", n, str(exc))

        from newsfacet.indexer.extract import prepare  # extractors: on first write

        prepare()  # outside the lock: a first write would hold it while the gazetteer loads
        with self._writing(timeout):
            if self.cluster is not None:
                from .xapian_engine import indexing

                return indexing.index_articles(self.cluster, items(), timeout=timeout)

            from newsfacet.indexer.pipeline import index_articles  # extractors: on first write

            return index_articles(self.store, items(), progress=False, timeout=timeout)

    def delete(self, ids: Iterable[str], timeout: float = WRITE_TIMEOUT) -> int:
        """Delete documents by id; returns how many existed."""
        if self.cluster is not None:
            from .xapian_engine import indexing

            with self._writing(timeout):
                return indexing.delete(self.cluster, ids, timeout)
        with self._writing(timeout), GenerationWriter(self.store, timeout=timeout) as writer:
            return sum(writer.delete(doc_id) for doc_id in ids)

    @contextmanager
    def _writing(self, timeout: float) -> Iterator[None]:
        """One writer at a time in this process, waiting at most ``timeout`` seconds.

        Whoosh's lock file serialises processes, but a thread polls it; threads of one
        server queue on this lock instead, in order. IndexBusy when the wait is over.
        """
        if not self._write_lock.acquire(timeout=max(timeout, 0.0)):
            raise IndexBusy(f"another write to {self.store.path} is still running; "
                            "try again shortly")
        try:
            yield
        finally:
            self._write_lock.release()


def as_spec(path: str | Path | BackendSpec) -> BackendSpec:
    """A backend spec: given, or read from text (``xapian:PATH``, ``xapian+tcp://...``);
    any other path is a Whoosh index directory."""
    if isinstance(path, BackendSpec):
        return path
    text = str(path)
    if text.startswith(("whoosh:", "xapian:", "xapian+tcp://")):
        return parse_spec(text)
    return BackendSpec("whoosh", path=Path(path))


def check_query_timeout(value: Any) -> float | None:
    """A time budget as given (seconds, a number 0 or more, or None), else InvalidParameter."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
        raise InvalidParameter(f"query timeout ({QUERY_TIMEOUT_SETTING}): expected seconds, a "
                               f"number 0 or more, or none; got {value!r}")
    return float(value)


