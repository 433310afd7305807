"""Open indexes and the searchers requests read: refresh, leases, locks, diagnosis.

A searcher stays open and is reused until the index changes (a commit or a generation
switch); a request holds a lease on the one it reads, so a replaced searcher closes
only when its last reader is done. Each holds its generation's reader lock, so a
rebuild does not delete files still being read. A read that fails is diagnosed against
the generation's checksums: damage or a bug.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from newsfacet.indexer.store import IndexStore
from newsfacet.schema.columns import read_column
from newsfacet.schema.errors import NewsfacetError
from newsfacet.schema.fields import document_version

from ..query_limits import Budget
from .facet_table import DOCUMENT_FACETS, QUOTE_FACETS, FacetColumn, FacetTable
from .posting_scan import PostingScanner
from .query import QUOTE_FIELDS, SEARCH_FIELDS
from .ranking import WEIGHTING
from .view import View

log = logging.getLogger(__name__)


class OpenIndex:
    """One Whoosh index of the live generation, its searcher and its facet table.

    Reopened when the generation switches or a commit lands; the facet table is
    rebuilt with it, so readers see a write once it commits, without a restart.
    """

    def __init__(self, opener: Callable[[Path], Any], facets: dict[str, FacetColumn],
                 fields: tuple[str, ...], key_column: str | None,
                 event_field: str | None = None,
                 hold: Callable[[Path], Any] | None = None) -> None:
        self._opener = opener
        #: Takes a generation's reader lock (a rebuild leaves a held generation on disk).
        self._hold = hold
        self._holds: dict[int, Any] = {}
        self._facets = facets
        self._key_column = key_column
        self._event_field = event_field
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

    def refresh(self, gen: Path, aliases: dict[str, dict[str, str]] | None = None,
                versions: frozenset[str] | None = None) -> View:
        """Reopen if the index changed; ``aliases`` are the documents' merged names and
        ``versions`` their live versions (both change with the documents' table): quotes
        of any other version are left out.

        A replaced searcher is closed once no request holds a lease on it.
        """
        if aliases is not None and aliases is not self._aliases:
            self._aliases, self.table = aliases, None
        if gen != self._generation:
            self._open(gen)
            self._generation, self.table = gen, None
        elif not self.searcher.up_to_date():
            # Searcher.refresh() can keep serving a segment's old deletions; reopen,
            # through the opener, which checks the new version's files
            self._open(gen)
            self.table = None
        if self.table is None:
            self.table = FacetTable.from_reader(self.searcher.reader(), self._facets,
                                                aliases=self._aliases,
                                                key_column=self._key_column,
                                                event_field=self._event_field)
            if versions is not None:
                keep_versions(self.searcher.reader(), self.table.live, versions)
            self.scanner = PostingScanner(self.searcher, self.table.live, self._fields)
        assert self.scanner is not None
        return View(self.searcher, self.table, self.scanner)

    def _open(self, gen: Path) -> None:
        """Open the latest version of ``gen`` and make it the searcher new requests read."""
        held = self._hold(gen) if self._hold else None  # before anything is read
        try:
            ix = self._opener(gen)
            searcher = ix.searcher(weighting=WEIGHTING)
        except BaseException:
            if held is not None:
                held.close()
            raise
        self._ix = ix
        self._replace(searcher, held)

    def _replace(self, searcher: Any, held: Any = None) -> None:
        old, self.searcher = self.searcher, searcher
        if held is not None:
            self._holds[id(searcher)] = held
        if old is not None:
            if self._leases.get(id(old)):
                self._retired[id(old)] = old
            else:
                self._close(old)

    def _close(self, searcher: Any) -> None:
        """Close a searcher, then let go of its generation's reader lock."""
        searcher.close()
        held = self._holds.pop(id(searcher), None)
        if held is not None:
            held.close()

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
            self._close(retired)

    def close(self) -> None:
        for searcher in [self.searcher, *self._retired.values()]:
            if searcher is not None:
                self._close(searcher)
        self._retired.clear()
        self.searcher = self._ix = self._generation = self.table = self.scanner = None


def live_versions(view: View) -> frozenset[str]:
    """Every live document's version (id and content hash), read once per table."""
    versions = view.table.cache.get("versions")
    if versions is None:
        reader = view.searcher.reader()
        # whole columns are read in one pass: per-document lookups took twice as long
        ids, hashes = read_column(reader, "id"), read_column(reader, "content_hash")
        versions = frozenset(document_version(ids[docnum], hashes[docnum])
                             for docnum in np.flatnonzero(view.table.live))
        view.table.cache["versions"] = versions
    return versions


def keep_versions(reader: Any, live: np.ndarray, versions: frozenset[str]) -> None:
    """Unmark (in ``live``) the quotes taken from a document version that is not live.

    Why: a writer killed between the quote and the document commits leaves quotes of a
    version that never landed; until the next writer repairs them, reads skip them.
    """
    column = read_column(reader, "doc_version")
    live &= np.fromiter((version in versions for version in column), dtype=bool,
                        count=len(live))


class Searchers:
    """The documents' and the quotes' open indexes of one index directory, and the
    locks under which requests read them."""

    def __init__(self, store: IndexStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._one_reader = threading.RLock()
        self.documents = OpenIndex(store.open, DOCUMENT_FACETS, SEARCH_FIELDS, "id",
                                   event_field="event_date", hold=store.hold_generation)
        # quote ids are not a column: equal quotes keep index order
        self.quotes = OpenIndex(store.open_quotes, QUOTE_FACETS, QUOTE_FIELDS, None,
                                hold=store.hold_generation)

    def current(self) -> View:
        """The documents' searcher, facet table and scanner, fresh (no lease: for a
        quick look while nothing writes, as tests do)."""
        with self._lock:
            return self.documents.refresh(self.store.current_path())

    @contextmanager
    def reading(self, quotes: bool = False, budget: Budget | None = None) -> Iterator[View]:
        """A fresh view of the documents (or quotes), held open until the block ends,
        carrying the request's ``budget``.

        One block at a time per process: Whoosh's segment readers seek and read shared
        file objects, and two threads interleaving them read each other's bytes
        ("invalid load key"). Parallel searches come from more processes (gunicorn
        workers), which Python's lock on the interpreter favours anyway.
        """
        with self._one_reader, self._reading_view(quotes) as view:
            yield view._replace(budget=budget) if budget is not None else view

    @contextmanager
    def _reading_view(self, quotes: bool) -> Iterator[View]:
        gen = self.store.current_path()
        with self.diagnosing(gen), self._lock:
            view = self.documents.refresh(gen)
            opened = self.documents
            if quotes:
                view, opened = self.quotes.refresh(gen, view.table.aliases,
                                                   live_versions(view)), self.quotes
            opened.lease(view.searcher)
        try:
            with self.diagnosing(gen):
                yield view
        finally:
            with self._lock:
                opened.release(view.searcher)

    @contextmanager
    def diagnosing(self, gen: Path) -> Iterator[None]:
        """A read that fails for any reason but a :class:`NewsfacetError` checks the
        generation's files against their checksums: IndexCorrupt if they were damaged,
        else the failure is a bug and goes up as it is.

        Why: damaged files make Whoosh fail with any exception at all (struct, pickle,
        Unicode, OS errors...); only the checksums can tell damage from a bug.
        """
        try:
            yield
        except NewsfacetError:
            raise
        except Exception as exc:
            log.warning("a read of %s failed (%s: %s); checking its files", gen,
                        type(exc).__name__, exc)
            self.store.verify(gen)
            raise

    def close(self) -> None:
        """Close every searcher (and let go of the generations they hold)."""
        with self._lock:
            self.documents.close()
            self.quotes.close()
