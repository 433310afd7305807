"""Opening Xapian databases: one local database, or remote shards as one database.

Xapian has no failover: a shard that goes down breaks the open connection. So every
read reopens what failed, a failure is diagnosed shard by shard, and the answer is a
:class:`ShardUnavailable` (503) naming the shards that did not answer, within the
remote timeouts below, never a hang. A shard that comes back is used again at the next
request. Writes go to each shard's writable server (one writer per shard).
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import xapian

from newsfacet.schema.errors import IndexBusy, IndexNotFound, ShardUnavailable

from ..backend_spec import BackendSpec
from . import layout

#: Milliseconds a remote call may take, and a connection may take to open. Three
#: round trips past them still answer within 5 s.
REMOTE_TIMEOUT_MS = 1500
CONNECT_TIMEOUT_MS = 1000
#: Offsets from a shard's port (``newsfacet shard serve --port P``): documents read-only
#: on P, documents writable on P+1, quotes read-only on P+2, quotes writable on P+3.
PORT_OFFSETS = {("docs", False): 0, ("docs", True): 1, ("quotes", False): 2,
                ("quotes", True): 3}
#: Seconds reads stay on replicas before trying the primaries again.
PRIMARY_RETRY_SECONDS = 10.0
#: Sub-directories of a local database (``xapian:PATH``, and a shard's ``--db``).
DOCS_DIR = "docs"
QUOTES_DIR = "quotes"
STATE_DIR = "state"
#: Where an indexer keeps its story store for remote shards (per cluster, below it).
STATE_SETTING = "NEWSFACET_XAPIAN_STATE"
T = TypeVar("T")


def shard_of(story: str, shards: int) -> int:
    """The shard a story lives on: a stable hash, so a story's documents share one and
    collapsing and stories are exact within a shard."""
    return int(hashlib.sha1(story.encode("utf-8")).hexdigest()[:12], 16) % shards


class Cluster:
    """The databases behind one backend spec, opened lazily and reopened on failure."""

    def __init__(self, spec: BackendSpec) -> None:
        self.spec = spec
        self._open: dict[str, Any] = {}
        #: Per shard, the endpoint searches read (its primary until it fails, then the
        #: first replica that answers; back to the primary once it answers again).
        self._reading: dict[int, int] = {}
        self._retry_primaries = 0.0
        #: Xapian database objects are not thread-safe: one request reads at a time.
        self._lock = threading.RLock()

    # -- where things are --------------------------------------------------------------

    @property
    def shards(self) -> int:
        return len(self.spec.shards) or 1

    def shard_name(self, i: int) -> str:
        if self.spec.shards:
            host, port = self.spec.shards[i]
            return f"{host}:{port}"
        return "local"

    def state_dir(self) -> Path:
        """The indexing side's own files: story store and what each document was."""
        if self.spec.path is not None:
            return self.spec.path / STATE_DIR
        base = Path(os.environ.get(STATE_SETTING) or "var/xapian-state")
        slug = "_".join(f"{h}-{p}" for h, p in self.spec.shards)
        return base / slug

    def exists(self) -> bool:
        return self.spec.remote or (self.spec.path is not None
                                    and (self.spec.path / DOCS_DIR).is_dir())

    # -- reading -----------------------------------------------------------------------

    def _open_shard(self, i: int, kind: str, endpoint: int | None = None) -> Any:
        if self.spec.path is not None:
            return xapian.Database(str(self.spec.path / (DOCS_DIR if kind == "docs"
                                                         else QUOTES_DIR)))
        host, port = self.spec.endpoints(i)[self._reading.get(i, 0) if endpoint is None
                                            else endpoint]
        return xapian.remote_open(host, port + PORT_OFFSETS[(kind, False)],
                                  REMOTE_TIMEOUT_MS, CONNECT_TIMEOUT_MS)

    def _fail_over(self, kind: str) -> bool:
        """Point every shard at an endpoint that answers (its primary first); whether
        each shard has one. Only shards with read replicas can change."""
        if not self.spec.replicas:
            return False
        def choose(i: int) -> int | None:
            for endpoint in range(len(self.spec.endpoints(i))):
                try:
                    self._open_shard(i, kind, endpoint).get_doccount()
                    return endpoint
                except xapian.Error:
                    continue
            return None
        with ThreadPoolExecutor(max_workers=self.shards) as pool:
            chosen = list(pool.map(choose, range(self.shards)))
        if any(c is None for c in chosen):
            return False
        self._reading = {i: c for i, c in enumerate(chosen) if c}
        return True

    def _combined(self, kind: str) -> Any:
        found = self._open.get(kind)
        if found is None:
            found = xapian.Database()
            for i in range(self.shards):
                found.add_database(self._open_shard(i, kind))
            self._open[kind] = found
        else:
            found.reopen()  # see every write that has answered
        return found

    def read(self, work: Callable[[Any], T], kind: str = "docs") -> T:
        """``work`` on the shards of ``kind`` (``docs`` or ``quotes``) as one database,
        reopened first, so it sees every write that has answered.

        ShardUnavailable naming the shards that failed; IndexNotFound when a local
        database was never written. A read that raced a writer's commit is retried once.
        """
        if not self.exists():
            raise IndexNotFound(f"no index at {self.spec}: run 'newsfacet index' first",
                                public="no index yet: index some documents first")
        with self._lock:
            if self._reading and time.monotonic() >= self._retry_primaries:
                self._reading.clear()  # on replicas for a while: try the primaries again
                self._open.clear()
            for attempt in range(3):
                try:
                    return work(self._combined(kind))
                except xapian.DatabaseModifiedError as exc:
                    self._open.pop(kind, None)  # a writer moved on: read the new revision
                    if attempt:
                        raise self.unavailable(kind, exc) from None
                except (xapian.NetworkError, xapian.DatabaseError) as exc:
                    self._open.clear()
                    if attempt or not self._fail_over(kind):
                        raise self.unavailable(kind, exc) from None
                    self._retry_primaries = time.monotonic() + PRIMARY_RETRY_SECONDS
        raise AssertionError("unreachable")

    def unavailable(self, kind: str, exc: Exception) -> Exception:
        """The error for a failed read: which shards do not answer, found by probing
        each (in parallel, each within the connect timeout)."""
        if self.spec.path is not None:
            if not (self.spec.path / DOCS_DIR).is_dir():
                return IndexNotFound(f"no index at {self.spec}",
                                     public="no index yet: index some documents first")
            return ShardUnavailable(f"the local Xapian database at {self.spec.path} cannot "
                                    f"be read: {exc}",
                                    public="the index cannot be read")
        with ThreadPoolExecutor(max_workers=self.shards) as pool:
            alive = list(pool.map(lambda i: self._answers(i, kind), range(self.shards)))
        down = [self.shard_name(i) for i, ok in enumerate(alive) if not ok]
        if self.spec.replicas and down:
            down = [f"{name} (and its replicas)" for name in down]
        names = ", ".join(down) if down else "a shard"
        message = (f"shard {names} unavailable: it refused the connection or did not "
                   f"answer within {REMOTE_TIMEOUT_MS / 1000:g} s ({type(exc).__name__})")
        return ShardUnavailable(message, public=message)

    def _answers(self, i: int, kind: str) -> bool:
        try:
            self._open_shard(i, kind).get_doccount()
            return True
        except xapian.Error:
            return False

    def probe(self) -> list[dict[str, Any]]:
        """Each shard's state for ``/health``: name, whether it answers, its documents;
        with replicas, each of them too, and ``degraded`` when the primary is down but
        a replica answers."""
        def endpoint(i: int, e: int) -> dict[str, Any]:
            host, port = self.spec.endpoints(i)[e]
            started = time.perf_counter()
            try:
                count = self._open_shard(i, "docs", e).get_doccount()
                return {"shard": f"{host}:{port}", "status": "ok", "documents": count,
                        "ms": round((time.perf_counter() - started) * 1000, 1)}
            except xapian.Error as exc:
                return {"shard": f"{host}:{port}", "status": "unavailable",
                        "error": type(exc).__name__}

        def one(i: int) -> dict[str, Any]:
            found = endpoint(i, 0)
            replicas = [endpoint(i, e) for e in range(1, len(self.spec.endpoints(i)))]
            if replicas:
                found["replicas"] = replicas
                if found["status"] != "ok" and any(r["status"] == "ok" for r in replicas):
                    found["status"] = "degraded"
            return found
        with ThreadPoolExecutor(max_workers=self.shards) as pool:
            return list(pool.map(one, range(self.shards)))

    def close(self) -> None:
        with self._lock:
            for db in self._open.values():
                db.close()
            self._open.clear()

    # -- writing -----------------------------------------------------------------------

    def writable(self, i: int, kind: str, timeout: float) -> Any:
        """Shard ``i``'s writable database of ``kind``, waiting up to ``timeout`` seconds
        for another writer to finish (IndexBusy), ShardUnavailable if it is down."""
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            try:
                if self.spec.path is not None:
                    path = self.spec.path / (DOCS_DIR if kind == "docs" else QUOTES_DIR)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    return xapian.WritableDatabase(str(path), xapian.DB_CREATE_OR_OPEN)
                host, port = self.spec.shards[i]
                return xapian.remote_open_writable(host, port + PORT_OFFSETS[(kind, True)],
                                                   30_000, CONNECT_TIMEOUT_MS)
            except xapian.DatabaseLockError:
                if time.monotonic() >= deadline:
                    raise IndexBusy(f"another writer holds shard {self.shard_name(i)}; try "
                                    "again when it finishes") from None
                time.sleep(0.1)
            except xapian.Error as exc:
                if "lock" in str(exc).lower() and time.monotonic() < deadline:
                    time.sleep(0.1)
                    continue
                message = f"shard {self.shard_name(i)} cannot be written: {exc}"
                raise ShardUnavailable(message, public=f"shard {self.shard_name(i)} "
                                       "cannot be written") from None


def new_document(parts: dict[str, Any]) -> Any:
    """A Xapian document from :func:`.layout.document_terms` output."""
    doc = xapian.Document()
    for text, pos, wdf in parts["postings"]:
        doc.add_posting(text, pos, wdf)
    for text in parts["boolean"]:
        doc.add_boolean_term(text)
    for slot, value in parts["values"].items():
        doc.add_value(slot, value)
    doc.set_data(parts["data"])
    return doc


__all__ = ["Cluster", "layout", "new_document", "shard_of"]
