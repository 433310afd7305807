"""The index directory on disk: generations, the pointer to the live one, and its metadata.

Layout::

    INDEX/
      CURRENT            name of the live generation, replaced atomically
      gen-000001/        a complete Whoosh index plus newsfacet.json,
                         quotes/ (the quote index) and stories.sqlite (story detection)
      gen-000002/

A rebuild writes a new generation and only then rewrites ``CURRENT`` (write a
temporary file, fsync, rename), so a reader opens either the old index or the new
one, never a half-built one.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import os
import re
import secrets
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import whoosh
from whoosh import index as whoosh_index
from whoosh import multiproc as whoosh_multiproc
from whoosh import writing as whoosh_writing
from whoosh.codec import base as whoosh_codec_base
from whoosh.filedb import compound as whoosh_compound
from whoosh.filedb import filestore as whoosh_filestore
from whoosh.util import IDCHARS
from whoosh.util.filelock import try_for
from whoosh.writing import LockError

from newsfacet.schema.columns import read_column
from newsfacet.schema.document import Extraction
from newsfacet.schema.errors import (
    IndexBusy,
    IndexCorrupt,
    IndexNotFound,
    IndexNotWritable,
    IndexOutdated,
)
from newsfacet.schema.fields import (
    SCHEMA_VERSION,
    build_quote_schema,
    build_schema,
    quote_records,
)
from newsfacet.schema.prepared import PreparedDocument, prepare
from newsfacet.schema.segment_writer import ArraySegmentWriter

from . import integrity
from .clone import clone_folder
from .stories import Sketch, StoryIndex, sketch


def _unpredictable_name(size: int = 28) -> str:
    """A file or segment name from the OS's random source, never from ``random``."""
    return "".join(secrets.choice(IDCHARS) for _ in range(size))


def _name_files_unpredictably() -> None:
    """Make Whoosh name new segments and temporary files with :func:`_unpredictable_name`.

    Why: Whoosh draws those names from the global ``random`` generator. Anything in the
    process that reseeds it (Hypothesis does, per example; so might an embedding tool)
    makes a new segment reuse a live one's name and truncate its files: the write fails
    and documents already acknowledged are gone. Each Whoosh module imported the
    function by name, so each module's reference is replaced (whoosh3 is pinned).
    """
    for module in (whoosh_codec_base, whoosh_filestore, whoosh_writing, whoosh_multiproc,
                   whoosh_compound):
        module.random_name = _unpredictable_name  # type: ignore[attr-defined]


_name_files_unpredictably()


def _write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so a reader (or a crash) sees the old or the new.

    One temporary file per writer thread: two processes writing at once must not
    rename each other's file away.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)

CURRENT = "CURRENT"
#: What ``CURRENT`` may hold: a generation's name, nothing that leads elsewhere.
GENERATION_NAME = re.compile(r"gen-\d{6}")
#: Errors of the file system that mean "this directory cannot be written".
_NOT_WRITABLE = (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT)
META = "newsfacet.json"
#: In a generation while a commit is under way: the ids of the documents it touches.
PENDING = "pending-commit.json"
#: Sub-directory of a generation holding the quote index.
QUOTES = "quotes"
#: File of a generation holding what story detection keeps per document.
STORIES = "stories.sqlite"
#: How many superseded generations to keep whether or not a reader holds them.
KEEP_OLD_GENERATIONS = 1
#: File in a generation that readers hold a shared lock on while they read it: an older
#: generation is removed only once nobody holds it.
READERS = ".readers"
#: Postings a bulk run keeps in memory before writing a segment (estimated MB; the
#: process holds about 1.5 times that).
BULK_LIMIT_MB = 384


@dataclass(frozen=True)
class Stored:
    """What the index already holds for one document: enough to skip or replace it."""

    content_hash: str
    source: str


class IndexStore:
    """One index directory: opens the live generation, starts and switches generations."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    # -- generations -------------------------------------------------------------------

    def current_name(self) -> str | None:
        """Name of the live generation, or None if nothing was ever indexed here.

        IndexCorrupt if ``CURRENT`` holds anything but a generation's name: it is
        never followed outside the index directory.
        """
        try:
            raw = (self.path / CURRENT).read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise IndexNotFound(f"cannot read {self.path / CURRENT}: {exc.strerror}",
                                public="the index cannot be read") from None
        name = raw.decode("ascii", errors="replace").strip()
        if not name:
            return None
        if not GENERATION_NAME.fullmatch(name):
            raise IndexCorrupt(f"{self.path / CURRENT} does not name a generation "
                               "(gen-NNNNNN): restore it or rebuild the index",
                               public="the index's pointer to its live generation is "
                                      "damaged")
        return name

    def current_path(self) -> Path:
        name = self.current_name()
        if name is None or not (self.path / name).is_dir():
            raise IndexNotFound(f"no index at {self.path}: run 'newsfacet index' first",
                                public="no index yet: index some documents first")
        return self.path / name

    def exists(self) -> bool:
        return self.current_name() is not None

    def generations(self) -> list[str]:
        if not self.path.is_dir():
            return []
        return sorted(p.name for p in self.path.iterdir() if p.name.startswith("gen-"))

    def new_generation(self) -> Path:
        """Create an empty index in a fresh generation directory (not yet live)."""
        existing = self.generations()
        number = int(existing[-1].split("-")[1]) + 1 if existing else 1
        gen = self.path / f"gen-{number:06d}"
        with self.writing():
            gen.mkdir(parents=True)
            whoosh_index.create_in(str(gen), build_schema())
            (gen / QUOTES).mkdir()
            whoosh_index.create_in(str(gen / QUOTES), build_quote_schema())
            integrity.seal(gen)
            integrity.seal(gen / QUOTES)
            self._write_meta(gen, created=True)
        return gen

    def clone_generation(self, source: Path) -> Path:
        """A fresh generation (not yet live) holding what ``source`` holds: its segment
        files hard-linked (Whoosh never rewrites them), the rest copied."""
        existing = self.generations()
        gen = self.path / f"gen-{int(existing[-1].split('-')[1]) + 1:06d}"
        with self.writing():
            clone_folder(source, gen)
        return gen

    @contextmanager
    def writing(self) -> Iterator[None]:
        """IndexNotWritable instead of the OSError of a read-only, full or forbidden
        directory: one line for the command line, a 503 for HTTP."""
        try:
            yield
        except OSError as exc:
            if exc.errno not in _NOT_WRITABLE:
                raise
            raise IndexNotWritable(
                f"cannot write to {self.path}: {exc.strerror}; what it held is unchanged",
                public=f"the index cannot be written ({exc.strerror}); what it held is "
                       "unchanged") from None

    def switch_to(self, gen: Path) -> None:
        """Make ``gen`` the live generation atomically, then drop old ones."""
        _write_atomically(self.path / CURRENT, gen.name + "\n")
        self._drop_old_generations(keep=gen.name)

    def _drop_old_generations(self, keep: str) -> None:
        """Remove superseded generations beyond the last few that no reader holds.

        A held one stays, and goes at a later switch once its readers let go.
        """
        older = [g for g in self.generations() if g < keep]
        for name in older[: max(0, len(older) - KEEP_OLD_GENERATIONS)]:
            gen = self.path / name
            try:
                with (gen / READERS).open("a") as lock:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    shutil.rmtree(gen, ignore_errors=True)
            except BlockingIOError:
                continue  # a reader still has it open
            except FileNotFoundError:
                shutil.rmtree(gen, ignore_errors=True)

    def hold_generation(self, gen: Path) -> IO[str]:
        """A shared lock on ``gen`` for as long as the returned file stays open.

        Readers (any process) take it before they open a generation, so a rebuild never
        deletes files from under a search in progress.
        """
        try:
            handle = (gen / READERS).open("a")
        except OSError as exc:
            if exc.errno not in _NOT_WRITABLE:
                raise
            # a read-only index: nothing can delete it either, so any handle will do
            handle = (gen / META).open("r")
        fcntl.flock(handle, fcntl.LOCK_SH)
        return handle

    def ensure(self) -> Path:
        """The live generation, creating the first one if the directory is new."""
        if not self.exists():
            with self.writing():
                self.path.mkdir(parents=True, exist_ok=True)
                self.switch_to(self.new_generation())
        return self.current_path()

    # -- whoosh ---------------------------------------------------------------------

    def open(self, gen: Path | None = None) -> Any:
        """Open a generation's Whoosh index (the live one by default).

        Its files are checked against the sizes and CRC32s they were committed with
        first (each unchanged file is read once per process, see :mod:`.integrity`),
        so Whoosh never parses a damaged file. IndexCorrupt if any differs.
        """
        return self._open_checked(gen or self.current_path())

    def open_quotes(self, gen: Path | None = None) -> Any:
        """Open a generation's quote index (the live one by default), checked as
        :meth:`open` checks the documents."""
        return self._open_checked((gen or self.current_path()) / QUOTES)

    def _open_checked(self, folder: Path) -> Any:
        if not folder.is_dir():
            raise IndexNotFound(f"no index at {folder}: run 'newsfacet reindex'",
                                public="the index is incomplete: it must be rebuilt")
        try:
            integrity.verify(folder)
            return whoosh_index.open_dir(str(folder))
        except whoosh_index.EmptyIndexError:
            raise IndexNotFound(f"no index at {folder}",
                                public="the index is incomplete: it must be rebuilt") from None

    def verify(self, gen: Path | None = None) -> int:
        """IndexCorrupt unless every file of the generation (documents and quotes) is
        as committed, checksums included; returns how many files were checked."""
        path = gen or self.current_path()
        return integrity.verify(path) + integrity.verify(path / QUOTES)

    def check_schema(self) -> None:
        """IndexOutdated unless the live generation has this version's schema."""
        found = self.read_meta(self.current_path()).get("schema_version")
        if found != SCHEMA_VERSION:
            raise IndexOutdated(
                f"the index at {self.path} has schema version {found}, this newsfacet writes "
                f"{SCHEMA_VERSION}: run 'newsfacet reindex' (or 'make reindex') to rebuild it",
                public=f"the index has schema version {found}, this server reads "
                       f"{SCHEMA_VERSION}: it must be rebuilt ('newsfacet reindex')")

    def open_stories(self, gen: Path | None = None) -> StoryIndex:
        """A generation's story index (the live one by default), created if absent."""
        path = (gen or self.current_path()) / STORIES
        try:
            return StoryIndex(path)
        except ValueError as exc:  # written with other story settings
            raise IndexOutdated(f"{path}: {exc}; run 'newsfacet reindex'",
                                public="the story index was built with other settings: "
                                       "the index must be rebuilt") from None
        except sqlite3.DatabaseError as exc:
            raise IndexCorrupt(f"{path}: {exc}; restore it or run 'newsfacet reindex'",
                               public="the story index is damaged: the index must be "
                                      "restored or rebuilt") from None

    def writer(self, ix: Any, timeout: float = 30.0, limitmb: int = 256) -> Any:
        """A Whoosh writer, or :class:`IndexBusy` if another writer holds the lock.

        ``limitmb``: about how much memory the postings of documents not yet written
        may take before they are written out as a segment of their own.
        """
        # compound=False: Whoosh copies every sub-file of a compound segment into
        # memory when a searcher opens it (a BytesIO over the mmap), which doubled
        # the serving footprint; plain segment files are read through the page cache.
        try:
            with self.writing():
                return ArraySegmentWriter(ix, timeout=timeout, limitmb=limitmb,
                                          compound=False)
        except LockError:
            raise IndexBusy(
                f"another process is writing to {self.path}; try again when it finishes",
                public="another process is writing to the index; try again when it "
                       "finishes") from None

    @contextmanager
    def lock_writes(self, gen: Path, timeout: float) -> Iterator[None]:
        """Hold a generation's write lock (Whoosh's own) without opening its index.

        Why: a rebuild must keep writers out of the live generation while it switches,
        even when that generation cannot be opened any more.
        """
        lock = whoosh_filestore.FileStorage(str(gen)).lock(f"{integrity.INDEX_NAME}_WRITELOCK")
        if not try_for(lock.acquire, timeout=timeout, delay=0.1):
            raise IndexBusy(f"another process is writing to {self.path}; try again when it "
                            "finishes", public="another process is writing to the index; "
                                               "try again when it finishes")
        try:
            yield
        finally:
            lock.release()

    @staticmethod
    def stored_state(ix: Any) -> dict[str, Stored]:
        """Content hash and source of every live document, read from columns (fast)."""
        state: dict[str, Stored] = {}
        with ix.reader() as reader:
            if reader.doc_count() == 0:
                return state
            ids = read_column(reader, "id")
            hashes = read_column(reader, "content_hash")
            sources = read_column(reader, "source")
            for docnum in reader.all_doc_ids():
                state[ids[docnum]] = Stored(hashes[docnum], sources[docnum])
        return state

    # -- metadata --------------------------------------------------------------------

    def _write_meta(self, gen: Path, created: bool = False, **extra: Any) -> None:
        from .extract import EXTRACTOR_VERSION  # the extractors only when writing

        meta = self.read_meta(gen) if not created else {}
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        meta.update(
            {
                "schema_version": SCHEMA_VERSION,
                "extractor_version": EXTRACTOR_VERSION,
                "whoosh_version": whoosh.versionstring(),
                "generation": gen.name,
            }
        )
        meta.setdefault("created_at", now)
        meta.update(extra)
        _write_atomically(gen / META, json.dumps(meta, indent=2, sort_keys=True))

    def record_indexing(self, gen: Path, documents: int) -> None:
        """Note when the generation last changed and how many documents it holds."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        self._write_meta(gen, last_indexed_at=now, documents=documents)

    @staticmethod
    def read_meta(gen: Path) -> dict[str, Any]:
        try:
            meta = json.loads((gen / META).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):  # ValueError: not UTF-8, not JSON
            return {}
        return meta if isinstance(meta, dict) else {}


class GenerationWriter:
    """Writes documents, their quotes and their stories to one generation, as one unit.

    They are three stores with three commits, so a commit is bracketed by a marker
    file naming the documents it touched. Stories and quotes commit first, documents
    last, and the marker goes once all three have landed. If the process dies in
    between, readers already ignore quotes of a version that is not live (see
    :func:`~newsfacet.schema.fields.document_version`), and the next writer to open
    the generation finds the marker and, when it commits, rewrites those documents'
    quotes and stories from the committed documents (unless it rewrote them itself).
    """

    def __init__(self, store: IndexStore, gen: Path | None = None, timeout: float = 30.0,
                 parallel: bool = False) -> None:
        # a bulk run writes its documents' postings in a few large segments: fewer
        # segments to read per query (about 20,000 news articles each)
        limitmb = BULK_LIMIT_MB if parallel else 256
        if gen is None:
            gen = self._lock_live(store, timeout, limitmb)
        else:
            self.docs = store.writer(store.open(gen), timeout, limitmb)
        #: The generation written to.
        self.gen = gen
        self.store = store
        try:
            # in bulk runs the quote writer shares this process with the feeding loop
            self.quotes = store.writer(store.open_quotes(gen), timeout)
            self.stories = store.open_stories(gen)
            #: Documents added or deleted in this session.
            self.touched: set[str] = set()
            #: Documents an earlier, interrupted commit touched (its marker's content).
            self.interrupted: set[str] = set(self._read_marker())
        except BaseException:
            self.docs.cancel()
            if hasattr(self, "quotes"):
                self.quotes.cancel()
            if hasattr(self, "stories"):
                self.stories.rollback()
                self.stories.close()
            raise

    @property
    def _marker(self) -> Path:
        return self.gen / PENDING

    def _read_marker(self) -> list[str]:
        try:
            return list(json.loads(self._marker.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return []

    def _finish_interrupted(self) -> None:
        """Bring the quotes and stories of an interrupted commit back in line with the
        committed documents, for those documents this session did not rewrite itself.

        Run at commit, not at open: Whoosh's deletes do not reach documents added in
        the same session, so restoring a quote early and replacing it later would
        keep both.
        """
        restore = self.interrupted - self.touched
        if not restore:
            return
        with self.store.open(self.gen).searcher() as searcher:
            for doc_id in sorted(restore):
                self.quotes.delete_by_term("doc_id", doc_id)
                stored = searcher.document(id=doc_id)
                if stored is None:
                    self.stories.remove(doc_id)
                    continue
                extraction = Extraction.from_json(json.loads(stored["extraction"]),
                                                  body=stored.get("body", ""))
                # the story the document records, not a new match: the document itself
                # is not rewritten
                self.stories.add_sketch(doc_id, sketch(extraction.body), extraction.outlet,
                                        story=stored.get("story"))
                for record in quote_records(extraction, stored["content_hash"]):
                    self.quotes.add_document(**record)

    def _lock_live(self, store: IndexStore, timeout: float, limitmb: int) -> Path:
        """Lock the live generation, and make sure it is still live once locked.

        Why: a rebuild switches generations while holding the old one's lock; a writer
        that waited for that lock would otherwise write into a generation nobody reads.
        """
        for _ in range(5):
            gen = store.current_path()
            self.docs = store.writer(store.open(gen), timeout, limitmb)
            if store.current_path() == gen:
                return gen
            self.docs.cancel()
        raise IndexBusy(f"{store.path} is being rebuilt; try again when it finishes",
                        public="the index is being rebuilt; try again when it finishes")

    def add(self, extraction: Extraction, content_hash: str, replace: bool,
            sketched: Sketch | None = None) -> str:
        """Add a document (``replace``: over an older version) with its quotes; return
        its story id. ``sketched`` is its body's story sketch if already computed."""
        return self.add_prepared(prepare(extraction, content_hash), replace,
                                 sketched or sketch(extraction.body))

    def add_prepared(self, prepared: PreparedDocument, replace: bool,
                     sketched: Sketch | None = None) -> str:
        """:meth:`add` for a document :func:`~newsfacet.schema.prepared.prepare` made
        ready (in a worker process, in bulk runs)."""
        doc_id = prepared.id
        story = self.stories.add_sketch(
            doc_id, sketched or sketch(prepared.fields["body"].text), prepared.outlet)
        fields = prepared.fields_with_story(story)
        if replace:
            self.docs.update_document(**fields)
        else:
            self.docs.add_document(**fields)
        self.quotes.delete_by_term("doc_id", doc_id)
        for record in prepared.quotes:
            self.quotes.add_document(**record)
        self.touched.add(doc_id)
        return story

    def delete(self, doc_id: str) -> int:
        """Delete a document, its quotes and its story membership; 1 if it existed."""
        self.quotes.delete_by_term("doc_id", doc_id)
        self.stories.remove(doc_id)
        self.touched.add(doc_id)
        return int(self.docs.delete_by_term("id", doc_id))

    def commit(self) -> None:
        try:
            if self.touched - self.interrupted:
                _write_atomically(self._marker,
                                  json.dumps(sorted(self.touched | self.interrupted)))
            self._finish_interrupted()
            with self.store.writing():
                self.stories.commit()
                self.quotes.commit()
                integrity.seal(self.gen / QUOTES)
                self.docs.commit()
                integrity.seal(self.gen)
                self._marker.unlink(missing_ok=True)
        finally:
            self.stories.close()

    def cancel(self) -> None:
        try:
            self.stories.rollback()
            for writer in (self.quotes, self.docs):
                writer.cancel()
        finally:
            self.stories.close()

    def __enter__(self) -> GenerationWriter:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.cancel()
