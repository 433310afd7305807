"""Index and re-index: read sources, extract in worker processes, write with one writer.

Incremental by content hash: a document whose input and extractor are unchanged is
skipped; a changed one replaces the old; ``sync`` deletes documents whose source no
longer yields them. A failure cancels the writer, so what was indexed before stays.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import multiprocessing.pool
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from newsfacet.schema.document import Article, Extraction
from newsfacet.schema.errors import IndexCorrupt, IndexOutdated
from newsfacet.schema.fields import SCHEMA_VERSION
from newsfacet.schema.prepared import PreparedDocument, prepare

from .extract import EXTRACTOR_VERSION, extract
from .readers import ReadProblem, count_records, expand_paths, read_articles
from .store import PENDING, STORIES, GenerationWriter, IndexStore, Stored
from .stories import Sketch, sketch, written_with_defaults


@dataclass
class IndexReport:
    """What one indexing run did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    problems: list[ReadProblem] = field(default_factory=list)
    #: Ids of the articles written or found unchanged, in the order they were processed
    #: (as stored: what GET /documents/<id> takes).
    ids: list[str] = field(default_factory=list)
    seconds: float = 0.0
    documents: int = 0
    #: Things worth telling that are not problems (an outdated index was rebuilt).
    notes: list[str] = field(default_factory=list)
    #: Called with each problem as it happens (the CLI prints it at once).
    on_problem: Callable[[ReadProblem], None] | None = field(default=None, repr=False)

    def problem(self, problem: ReadProblem) -> None:
        self.problems.append(problem)
        if self.on_problem:
            self.on_problem(problem)

    def summary(self) -> str:
        return (
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.deleted} deleted, {len(self.problems)} problems; {self.documents} documents "
            f"in the index ({self.seconds:.1f} s)"
        )


def content_hash(article: Article) -> str:
    """Hash of everything that determines the indexed document, extractor version included."""
    payload = {
        "id": article.id, "body": article.body, "title": article.title,
        "outlet": article.outlet, "author": article.author, "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "metadata": article.metadata, "format": article.format,
        "versions": [SCHEMA_VERSION, EXTRACTOR_VERSION],
    }
    data = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


#: What a worker returns: the extraction (or why it failed), the content hash, and the
#: story sketch of the cleaned body (signed here, so the one writer only looks it up).
Extracted = tuple[Extraction | ReadProblem, str, Sketch | None]


def _extract_one(item: tuple[Article, str]) -> Extracted:
    """Worker entry point: one failure is reported, not fatal to the batch."""
    article, digest = item
    try:
        extraction = extract(article)
        return extraction, digest, sketch(extraction.body)
    except Exception as exc:  # a bug on one odd document must not sink the run
        problem = ReadProblem(article.source, None, f"{article.id}: extraction failed: {exc}")
        return problem, digest, None


#: What :func:`prepare_all` gives per document: as :data:`Extracted`, the extraction
#: made ready to write (fields, postings and stored records computed where extracted).
Prepared = tuple[PreparedDocument | ReadProblem, str, Sketch | None]


def _prepare_one(item: tuple[Article, str]) -> Prepared:
    """Worker entry point of the Whoosh writer's runs: :func:`_extract_one`, then the
    document prepared, so the one writer process only numbers terms and joins stories."""
    result, digest, sketched = _extract_one(item)
    if isinstance(result, ReadProblem):
        return result, digest, sketched
    try:
        return prepare(result, digest), digest, sketched
    except Exception as exc:  # as in _extract_one: one odd document is reported
        article = item[0]
        return ReadProblem(article.source, None,
                           f"{article.id}: extraction failed: {exc}"), digest, None


def _workers() -> int:
    return max(1, min(len(os.sched_getaffinity(0)), 8))


#: Bulk runs (a process pool extracting, large segments written) start above these:
#: bytes of sources for ``index``, documents in the index for ``reindex``. Below them a
#: pool costs more to start than it saves.
PARALLEL_BYTES = 2_000_000
PARALLEL_DOCUMENTS = 200
#: Documents read ahead of the writer at most: without a bound, workers faster than the
#: writer pile their results up in this process, and memory grows with the corpus.
#: 4,096 (to keep the workers busy while the writer writes out a segment) was tried and
#: measured in one ``make bench`` at 37.5k: CPU use stayed at ~1.65 cores (the writer
#: process is the bottleneck throughout) and peak memory rose by the pile, ~120 MB.
IN_FLIGHT = 256
#: Documents handed to a worker at a time (IN_FLIGHT must hold a few such chunks).
_CHUNK = 8


class _QuietPool(multiprocessing.pool.Pool):
    """A process pool whose worker-minding thread wakes when a worker exits or the pool
    changes state, not at every result.

    Why: CPython's pool also wakes that thread whenever the result pipe is readable, so
    while results waited for the result thread it spun (``_maintain_pool`` and a
    ``wait`` per turn), taking the GIL from the writer in the same process: ~0.5 ms of
    CPU per document in bulk builds. Its other duty, replacing workers that exit, still
    wakes it (it waits on their sentinels). Without ``maxtasksperchild`` no worker exits
    on its own.
    """

    def _get_sentinels(self) -> list[Any]:
        notifier = getattr(self, "_change_notifier", None)  # CPython's private pool state
        if notifier is None:  # a Python whose pool differs: its own behaviour, spin and all
            return super()._get_sentinels()  # type: ignore[misc, no-any-return]
        return [notifier._reader]


def extract_all(items: Iterable[tuple[Article, str]], parallel: bool) -> Iterator[Extracted]:
    """Extract in worker processes when there is enough work, else in this process."""
    return _run(_extract_one, items, parallel)


def prepare_all(items: Iterable[tuple[Article, str]], parallel: bool) -> Iterator[Prepared]:
    """:func:`extract_all`, each extraction made ready for :meth:`GenerationWriter.add_prepared`
    where it was extracted."""
    return _run(_prepare_one, items, parallel)


def _run(work: Callable[[tuple[Article, str]], Any], items: Iterable[tuple[Article, str]],
         parallel: bool) -> Iterator[Any]:
    if not parallel or _workers() == 1:
        yield from map(work, items)
        return
    window = threading.BoundedSemaphore(IN_FLIGHT)

    def gated() -> Iterator[tuple[Article, str]]:
        for item in items:
            window.acquire()
            yield item

    context = multiprocessing.get_context("forkserver")
    with _QuietPool(_workers(), context=context) as pool:
        for result in pool.imap(work, gated(), chunksize=_CHUNK):
            window.release()
            yield result


def _store(store: IndexStore | str | Path) -> IndexStore:
    return store if isinstance(store, IndexStore) else IndexStore(store)


def _progress(total: int | None, desc: str, enabled: bool) -> Any:
    return tqdm(total=total, desc=desc, unit="doc", disable=None if enabled else True,
                dynamic_ncols=True, smoothing=0.1)


def index_paths(
    store: IndexStore | str | Path,
    paths: Iterable[str | Path],
    *,
    sync: bool = False,
    progress: bool = True,
    on_problem: Callable[[ReadProblem], None] | None = None,
) -> IndexReport:
    """Add new and changed documents from files and directories to the live generation.

    An index written by an older schema version is rebuilt (:func:`reindex`) with
    ``paths`` added, since its documents cannot take the new fields one by one.
    ``store`` is the index directory (or its :class:`IndexStore`).
    """
    store = _store(store)
    paths = list(paths)
    files = expand_paths(paths)  # walked once; a bad path fails before any writer opens
    if store.exists():
        try:
            store.check_schema()
        except IndexOutdated:
            report = reindex(store, paths, progress=progress, on_problem=on_problem)
            report.notes.append("the index had an older schema version, so it was rebuilt")
            return report
    parallel = sum(f.stat().st_size for f in files) > PARALLEL_BYTES
    total = count_records(files) if progress else None
    return _index(store, read_articles(files), sync_paths=paths if sync else None,
                  parallel=parallel, progress=progress, on_problem=on_problem, total=total)


def index_articles(
    store: IndexStore,
    articles: Iterable[Article | ReadProblem],
    *,
    progress: bool = False,
    on_problem: Callable[[ReadProblem], None] | None = None,
    timeout: float = 30.0,
) -> IndexReport:
    """Add new and changed articles given as objects (the Python and HTTP write path).

    IndexOutdated if the index was written by an older schema version; IndexBusy if
    another writer keeps the lock for ``timeout`` seconds.
    """
    if store.exists():
        store.check_schema()
    return _index(store, articles, sync_paths=None, parallel=False, progress=progress,
                  on_problem=on_problem, total=None, timeout=timeout)


def _index(
    store: IndexStore,
    articles: Iterable[Article | ReadProblem],
    *,
    sync_paths: list[str | Path] | None,
    parallel: bool,
    progress: bool,
    on_problem: Callable[[ReadProblem], None] | None,
    total: int | None,
    timeout: float = 30.0,
) -> IndexReport:
    """``total``: how many records the sources hold, for the progress bar's time left."""
    started = time.perf_counter()
    store.ensure()
    report = IndexReport(on_problem=on_problem)
    seen: dict[str, str] = {}
    #: What the index holds, read once the writer holds the lock: read before, a writer
    #: committing meanwhile would make two documents of one new id.
    state: dict[str, Stored] = {}

    def to_extract() -> Iterator[tuple[Article, str]]:
        for item in articles:
            if isinstance(item, ReadProblem):
                report.problem(item)
                continue
            if item.id in seen:
                first = seen[item.id] or "input"
                report.problem(ReadProblem(item.source or "input", item.line,
                                    f"duplicate id {item.id!r} (first in {first}): skipped"))
                continue
            seen[item.id] = item.source
            digest = content_hash(item)
            stored = state.get(item.id)
            if stored is not None and stored.content_hash == digest:
                report.unchanged += 1
                report.ids.append(item.id)
                bar.update(1)
                continue
            yield item, digest

    bar = _progress(total, "indexing", progress)
    try:
        with store.writing(), GenerationWriter(store, parallel=parallel,
                                               timeout=timeout) as writer:
            state.update(store.stored_state(store.open(writer.gen)))
            for result, _, sketched in prepare_all(to_extract(), parallel):
                bar.update(1)
                if isinstance(result, ReadProblem):
                    report.problem(result)
                    continue
                writer.add_prepared(result, replace=result.id in state, sketched=sketched)
                report.ids.append(result.id)
                if result.id in state:
                    report.updated += 1
                else:
                    report.added += 1
            if sync_paths is not None:
                report.deleted = _delete_gone(writer, state, seen, sync_paths)
    finally:
        bar.close()
    gen = writer.gen
    with store.open(gen).reader() as reader:
        report.documents = reader.doc_count()
    store.record_indexing(gen, report.documents)
    report.seconds = time.perf_counter() - started
    return report


def _delete_gone(writer: GenerationWriter, state: dict[str, Any], seen: dict[str, str],
                 paths: list[str | Path]) -> int:
    """Delete documents that came from ``paths`` but were not in them this time."""
    roots = source_roots(paths)
    deleted = 0
    for doc_id, stored in state.items():
        if doc_id not in seen and came_from(stored.source, roots):
            deleted += writer.delete(doc_id)
    return deleted


def source_roots(paths: Iterable[str | Path]) -> list[str]:
    """The absolute paths a ``--sync`` run covers, as stored sources are written."""
    return [str(Path(p).resolve()) for p in paths]


def came_from(source: str, roots: list[str]) -> bool:
    """Whether a stored source is one of ``roots`` or a file under one of them."""
    return any(source == root or source.startswith(root.rstrip("/") + "/") for root in roots)


def reindex(
    store: IndexStore | str | Path,
    paths: Iterable[str | Path] = (),
    *,
    progress: bool = True,
    on_problem: Callable[[ReadProblem], None] | None = None,
    timeout: float = 120.0,
) -> IndexReport:
    """Rebuild into a new generation from the recorded sources (plus ``paths``), then switch.

    Readers and writers carry on with the live generation meanwhile. At the end the
    rebuild takes the live generation's write lock (writers wait, or get IndexBusy
    after ``timeout``), brings over what changed there since it began (documents added,
    replaced or deleted through the API; documents whose source file is gone), and
    switches while still holding it: nothing written during a rebuild is lost, and a
    writer that waited writes to the new generation. ``store`` is the index directory
    (or its :class:`IndexStore`).
    """
    store = _store(store)
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    expand_paths(paths)
    old_state: dict[str, Stored] = {}
    old_gen = store.current_path() if store.exists() else None
    report = IndexReport(on_problem=on_problem)
    damaged = False
    if old_gen is not None:
        try:
            old_state = store.stored_state(store.open(old_gen))
        except IndexCorrupt as exc:
            if not paths:
                raise IndexCorrupt(f"{exc}; to rebuild from your sources, name them: "
                                   "newsfacet reindex PATH...", public=exc.public) from None
            # nothing of it can be trusted: rebuild from the sources named
            damaged = True
            report.notes.append(f"{exc}; rebuilt from the paths given only")
    recorded = {s.source for s in old_state.values() if s.source}
    readable = sorted(s for s in recorded if Path(s).is_file())
    reuse = old_gen is not None and not damaged and reusable(store, old_gen)
    gen = store.clone_generation(old_gen) if reuse and old_gen else store.new_generation()
    seen: set[str] = set()
    rewritten: set[str] = set()

    def to_extract() -> Iterator[tuple[Article, str]]:
        for item in read_articles([*readable, *paths]):
            if isinstance(item, ReadProblem):
                report.problem(item)
            elif item.id not in seen:
                seen.add(item.id)
                digest = content_hash(item)
                before = old_state.get(item.id)
                if reuse and before is not None and before.content_hash == digest:
                    bar.update(1)  # the copy holds it, extracted by this extractor version
                    continue
                rewritten.add(item.id)
                yield item, digest

    bar = _progress(len(old_state) or None, "reindexing", progress)
    switched = False
    try:
        # a rebuild from a copy extracts only what changed: no process pool to start
        parallel = len(old_state) > PARALLEL_DOCUMENTS and not reuse
        with store.writing(), GenerationWriter(store, gen, parallel=parallel) as writer:
            for result, _, sketched in prepare_all(to_extract(), parallel=parallel):
                bar.update(1)
                if isinstance(result, ReadProblem):
                    report.problem(result)
                else:
                    writer.add_prepared(result, replace=reuse and result.id in old_state,
                                        sketched=sketched)
                    report.added += 1
        if old_gen is None:
            report.documents = report.added
            store.record_indexing(gen, report.documents)
            store.switch_to(gen)
        else:
            # writers wait now: every writer takes the documents' lock first. Only that
            # lock: the old generation's story index may be of an older format
            with store.writing(), store.lock_writes(old_gen, timeout):
                if reuse:
                    with GenerationWriter(store, gen) as catch_up:
                        copied, deleted = _catch_up_copy(
                            store, store.open(old_gen), catch_up, old_state, rewritten)
                    report.deleted = len(deleted)
                    report.unchanged = len((old_state.keys() - rewritten - deleted) | copied)
                elif not damaged:
                    with GenerationWriter(store, gen) as catch_up:
                        report.unchanged, report.deleted = _carry_over(
                            store.open(old_gen), catch_up, seen, old_state)
                with store.open(gen).reader() as reader:
                    report.documents = reader.doc_count()
                store.record_indexing(gen, report.documents)
                store.switch_to(gen)
        switched = True
    finally:
        bar.close()
        if not switched:  # a failed rebuild leaves the live generation as it was
            shutil.rmtree(gen, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


def reusable(store: IndexStore, gen: Path) -> bool:
    """True when a rebuild may start from a copy of ``gen``: written by this schema and
    extractor version, with the story settings in use, and no commit left half done.
    A document whose content hash (which counts both versions) is unchanged then keeps
    its stored extraction, postings, quotes and story: nothing of it is computed again."""
    meta = store.read_meta(gen)
    return (meta.get("schema_version") == SCHEMA_VERSION
            and meta.get("extractor_version") == EXTRACTOR_VERSION
            and not (gen / PENDING).exists()
            and written_with_defaults(gen / STORIES))


def _stored_extraction(stored: dict[str, Any]) -> Extraction:
    extraction = Extraction.from_json(json.loads(stored["extraction"]),
                                      body=stored.get("body", ""))
    extraction.path = stored.get("source", "")
    return extraction


def _catch_up_copy(store: IndexStore, old_ix: Any, writer: GenerationWriter,
                   started: dict[str, Stored], rewritten: set[str]
                   ) -> tuple[set[str], set[str]]:
    """Bring the live generation's changes since the rebuild began into a rebuild that
    started as its copy; the ids (copied, deleted). Documents written since (API writes) win over
    a version re-extracted from a source, as in :func:`_carry_over`."""
    live = store.stored_state(old_ix)
    changed = [doc_id for doc_id, now in live.items()
               if (before := started.get(doc_id)) is None
               or before.content_hash != now.content_hash]
    present = started.keys() | rewritten
    with old_ix.searcher() as searcher:
        for doc_id in changed:
            stored = searcher.document(id=doc_id)
            writer.add(_stored_extraction(stored), stored["content_hash"],
                       replace=doc_id in present)
    deleted = {doc_id for doc_id in started if doc_id not in live and writer.delete(doc_id)}
    return set(changed), deleted


def _carry_over(old_ix: Any, writer: GenerationWriter, seen: set[str],
                started: dict[str, Stored]) -> tuple[int, int]:
    """Bring the live generation's changes into the new one; (copied, deleted).

    Copied: documents not re-read from a source (their file is gone, or they came in
    through the API), and re-read ones changed through the API since the rebuild began
    (the latest write wins). Deleted: re-read documents deleted since it began.
    """
    copied = 0
    live: set[str] = set()
    with old_ix.searcher() as searcher:
        for stored in searcher.all_stored_fields():
            doc_id = stored["id"]
            live.add(doc_id)
            if doc_id in seen:
                before = started.get(doc_id)
                if before is not None and before.content_hash == stored["content_hash"]:
                    continue  # unchanged since the rebuild began: the re-read version stands
            writer.add(_stored_extraction(stored), stored["content_hash"],
                       replace=doc_id in seen)
            copied += 1
    deleted = sum(writer.delete(doc_id) for doc_id in seen if doc_id in started
                  and doc_id not in live)
    return copied, deleted
