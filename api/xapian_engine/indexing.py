"""Writing to Xapian: extraction and the story store stay on the indexing side, each
document goes to the shard of its story, one writer per shard.

What the index holds per document (content hash, source, shard) is kept beside the
story store in the state directory, so unchanged documents are skipped without asking
the shards, and a document whose story moved is deleted from its old shard. A batch
commits every shard it touched, then the state: a write answers once every shard has
it, so the next search sees it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from newsfacet.indexer.pipeline import (
    PARALLEL_BYTES,
    IndexReport,
    _progress,
    came_from,
    content_hash,
    extract_all,
    source_roots,
)
from newsfacet.indexer.readers import ReadProblem, count_records, expand_paths, read_articles
from newsfacet.indexer.stories import StoryIndex
from newsfacet.schema.document import Article, Extraction
from newsfacet.schema.fields import quote_records, to_fields

from . import layout
from .database import Cluster, new_document, shard_of

STORIES = "stories.sqlite"
DOCUMENTS = "documents.sqlite"


class DocumentState:
    """Per document id: content hash, source and shard, in a small SQLite file."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS docs (id TEXT PRIMARY KEY, "
                        "content_hash TEXT, source TEXT, shard INTEGER)")

    def get(self, doc_id: str) -> tuple[str, str, int] | None:
        row = self.db.execute("SELECT content_hash, source, shard FROM docs WHERE id = ?",
                              (doc_id,)).fetchone()
        return None if row is None else (row[0], row[1], int(row[2]))

    def put(self, doc_id: str, digest: str, source: str, shard: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?)",
                        (doc_id, digest, source, shard))

    def remove(self, doc_id: str) -> None:
        self.db.execute("DELETE FROM docs WHERE id = ?", (doc_id,))

    def items(self) -> list[tuple[str, str, str, int]]:
        return [(r[0], r[1], r[2], int(r[3])) for r in
                self.db.execute("SELECT id, content_hash, source, shard FROM docs")]

    def commit(self) -> None:
        self.db.commit()

    def close(self) -> None:
        self.db.rollback()
        self.db.close()


class ShardWriter:
    """One writer per shard (documents and quotes), opened when first needed."""

    def __init__(self, cluster: Cluster, timeout: float) -> None:
        self.cluster = cluster
        self.timeout = timeout
        state = cluster.state_dir()
        self.state = DocumentState(state / DOCUMENTS)
        self.stories = StoryIndex(state / STORIES)
        self._writers: dict[tuple[int, str], Any] = {}
        try:  # every shard at once: a shard that is down fails the write before any work
            for shard in range(cluster.shards):
                for kind in ("docs", "quotes"):
                    self.db(shard, kind)
        except BaseException:
            self.cancel()
            raise

    def db(self, shard: int, kind: str) -> Any:
        """Shard ``shard``'s writer of ``kind``, in a transaction: Xapian commits what
        a writer holds when it closes, so a cancelled write must cancel that."""
        key = (shard, kind)
        if key not in self._writers:
            db = self.cluster.writable(shard, kind, self.timeout)
            db.begin_transaction()
            self._writers[key] = db
        return self._writers[key]

    def add(self, extraction: Extraction, digest: str, sketched: Any = None) -> str:
        """Add or replace a document with its quotes, on its story's shard."""
        from newsfacet.indexer.stories import sketch

        before = self.state.get(extraction.id)
        story = self.stories.add_sketch(extraction.id, sketched or sketch(extraction.body),
                                        extraction.outlet)
        shard = shard_of(story, self.cluster.shards)
        if before is not None and before[2] != shard:
            self._delete_from(before[2], extraction.id)
        fields = to_fields(extraction, digest, story)
        parts = layout.document_terms(fields)
        self.db(shard, "docs").replace_document(parts["id_term"], new_document(parts))
        quotes = self.db(shard, "quotes")
        quotes.delete_document(layout.term(layout.QUOTE_DOC, extraction.id))
        for record in quote_records(extraction, digest):
            found = layout.quote_terms(record)
            quotes.replace_document(found["id_term"], new_document(found))
        self.state.put(extraction.id, digest, extraction.path, shard)
        return story

    def _delete_from(self, shard: int, doc_id: str) -> None:
        self.db(shard, "docs").delete_document(layout.term(layout.ID, doc_id))
        self.db(shard, "quotes").delete_document(layout.term(layout.QUOTE_DOC, doc_id))

    def delete(self, doc_id: str) -> int:
        before = self.state.get(doc_id)
        if before is None:
            return 0
        self._delete_from(before[2], doc_id)
        self.stories.remove(doc_id)
        self.state.remove(doc_id)
        return 1

    def commit(self) -> None:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        for (_, kind), db in sorted(self._writers.items()):
            if kind == "docs":
                db.set_metadata("last_indexed_at", now)
            db.commit_transaction()
        self.stories.commit()
        self.state.commit()
        self.close()

    def cancel(self) -> None:
        for db in self._writers.values():
            with contextlib.suppress(Exception):  # a shard that went down has nothing
                db.cancel_transaction()
        self.stories.rollback()
        self.close()

    def close(self) -> None:
        for db in self._writers.values():
            with contextlib.suppress(Exception):
                db.close()
        self._writers.clear()
        self.stories.close()
        self.state.close()


def index_articles(cluster: Cluster, articles: Iterable[Article | ReadProblem], *,
                   progress: bool = False, parallel: bool = False,
                   on_problem: Callable[[ReadProblem], None] | None = None,
                   total: int | None = None, sync_paths: list[str | Path] | None = None,
                   timeout: float = 30.0) -> IndexReport:
    """Add new and changed articles (the CLI, Python and HTTP write path for Xapian)."""
    started = time.perf_counter()
    report = IndexReport(on_problem=on_problem)
    writer = ShardWriter(cluster, timeout)
    seen: dict[str, str] = {}
    #: What the index holds, read once: in bulk runs the reading below happens in the
    #: process pool's feeder thread, which may not use the writer's SQLite connection.
    known = {doc_id: digest for doc_id, digest, _, _ in writer.state.items()}
    bar = _progress(total, "indexing", progress)

    def to_extract() -> Iterator[tuple[Article, str]]:
        for item in articles:
            if isinstance(item, ReadProblem):
                report.problem(item)
                continue
            if item.id in seen:
                report.problem(ReadProblem(item.source or "input", item.line,
                                           f"duplicate id {item.id!r} (first in "
                                           f"{seen[item.id] or 'input'}): skipped"))
                continue
            seen[item.id] = item.source
            digest = content_hash(item)
            if known.get(item.id) == digest:
                report.unchanged += 1
                report.ids.append(item.id)
                bar.update(1)
                continue
            yield item, digest

    try:
        for result, digest, sketched in extract_all(to_extract(), parallel):
            bar.update(1)
            if isinstance(result, ReadProblem):
                report.problem(result)
                continue
            existed = writer.state.get(result.id) is not None
            writer.add(result, digest, sketched)
            report.ids.append(result.id)
            if existed:
                report.updated += 1
            else:
                report.added += 1
        if sync_paths is not None:
            roots = source_roots(sync_paths)
            for doc_id, _, source, _ in writer.state.items():
                if doc_id not in seen and came_from(source, roots):
                    report.deleted += writer.delete(doc_id)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    finally:
        bar.close()
    report.documents = cluster.read(lambda db: int(db.get_doccount()))
    report.seconds = time.perf_counter() - started
    return report


def index_paths(cluster: Cluster, paths: Iterable[str | Path], *, sync: bool = False,
                progress: bool = True,
                on_problem: Callable[[ReadProblem], None] | None = None) -> IndexReport:
    paths = list(paths)
    files = expand_paths(paths)
    parallel = sum(f.stat().st_size for f in files) > PARALLEL_BYTES
    total = count_records(files) if progress else None
    return index_articles(cluster, read_articles(files), progress=progress, parallel=parallel,
                          on_problem=on_problem, total=total,
                          sync_paths=paths if sync else None)


def delete(cluster: Cluster, ids: Iterable[str], timeout: float = 30.0) -> int:
    writer = ShardWriter(cluster, timeout)
    try:
        deleted = sum(writer.delete(doc_id) for doc_id in ids)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    return deleted


def reindex(cluster: Cluster, paths: Iterable[str | Path] = (), *, progress: bool = True,
            on_problem: Callable[[ReadProblem], None] | None = None) -> IndexReport:
    """Re-extract every recorded source (and ``paths``) in place: documents are
    replaced shard by shard as they are re-read (no new generation: readers see the
    index change as it goes). Documents whose source is gone are kept."""
    paths = [Path(p) for p in paths]
    expand_paths(paths)
    writer = ShardWriter(cluster, 30.0)
    recorded = sorted({source for _, _, source, _ in writer.state.items()
                       if source and Path(source).is_file()})
    writer.close()
    started = time.perf_counter()
    report = IndexReport(on_problem=on_problem)
    writer = ShardWriter(cluster, 30.0)
    seen: set[str] = set()

    def to_extract() -> Iterator[tuple[Article, str]]:
        for item in read_articles([*recorded, *paths]):
            if isinstance(item, ReadProblem):
                report.problem(item)
            elif item.id not in seen:
                seen.add(item.id)
                yield item, content_hash(item)

    bar = _progress(None, "reindexing", progress)
    try:
        for result, digest, sketched in extract_all(to_extract(), parallel=True):
            bar.update(1)
            if isinstance(result, ReadProblem):
                report.problem(result)
            else:
                writer.add(result, digest, sketched)
                report.added += 1
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    finally:
        bar.close()
    report.documents = cluster.read(lambda db: int(db.get_doccount()))
    report.seconds = time.perf_counter() - started
    return report


def copy_from_whoosh(cluster: Cluster, index: str | Path, *, progress: bool = True,
                     timeout: float = 30.0) -> IndexReport:
    """Copy a Whoosh index (its live generation) into Xapian without extracting again.

    Every document keeps its extraction, content hash, source and story; its quotes are
    rebuilt from the extraction and its story sketch from the body, so later writes
    join stories as they would have. For moving an archive to shards, and for
    benchmarks that compare engines on one extraction.
    """
    import json

    from newsfacet.indexer.store import IndexStore
    from newsfacet.indexer.stories import sketch

    started = time.perf_counter()
    store = IndexStore(index)
    report = IndexReport()
    writer = ShardWriter(cluster, timeout)
    ix = store.open()
    try:
        with ix.searcher() as searcher:
            bar = _progress(searcher.doc_count(), "copying", progress)
            for stored in searcher.all_stored_fields():
                extraction = Extraction.from_json(json.loads(stored["extraction"]),
                                                  body=stored.get("body", ""))
                extraction.path = stored.get("source", "")
                story = writer.stories.add_sketch(extraction.id, sketch(extraction.body),
                                                  extraction.outlet, story=stored.get("story"))
                shard = shard_of(story, cluster.shards)
                digest = stored["content_hash"]
                parts = layout.document_terms(to_fields(extraction, digest, story))
                writer.db(shard, "docs").replace_document(parts["id_term"],
                                                          new_document(parts))
                for record in quote_records(extraction, digest):
                    found = layout.quote_terms(record)
                    writer.db(shard, "quotes").replace_document(found["id_term"],
                                                                new_document(found))
                writer.state.put(extraction.id, digest, extraction.path, shard)
                report.added += 1
                bar.update(1)
            bar.close()
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    report.documents = cluster.read(lambda db: int(db.get_doccount()))
    report.seconds = time.perf_counter() - started
    return report
