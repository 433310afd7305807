"""Checksums of the files each commit wrote, so a damaged index is told from a bug.

Why: a truncated or overwritten segment file makes Whoosh fail in a dozen ways
(``struct.error``, ``UnpicklingError``, ``OSError``, ``UnicodeDecodeError``, wrong
values with no error at all), none of which says "this file is damaged". Lucene
answers the same problem with a CRC32 footer per file; Whoosh has none, so each
commit records the size and CRC32 of every file of the index version it made in
``checksums.json`` beside it. Segment files are never rewritten (new ones get new
names), so a commit only reads the files it wrote itself.

Every reader and writer checks a version's files before Whoosh opens them (each
unchanged file is read once per process: about 2 GB/s), ``/health`` checks them
again, and so does a read that fails: a file that no longer matches what was
committed makes the index :class:`~newsfacet.schema.errors.IndexCorrupt`; one that
matches means the failure is ours, and it is reported as the bug it is.
"""

from __future__ import annotations

import json
import os
import threading
import zlib
from pathlib import Path

from whoosh.filedb.filestore import RamStorage
from whoosh.index import TOC

from newsfacet.schema.errors import IndexCorrupt

#: In each Whoosh index directory (a generation's documents, its ``quotes/``).
CHECKSUMS = "checksums.json"
#: Whoosh's name for the one index in each directory.
INDEX_NAME = "MAIN"
_CHUNK = 1 << 20

#: CRC32 of files already read, by (path, size, mtime, inode): a file that has not
#: changed on disk is not read again by this process.
_known: dict[tuple[str, int, int, int], int] = {}
_known_lock = threading.Lock()


def _crc32(path: Path) -> int:
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino)
    with _known_lock:
        found = _known.get(key)
    if found is not None:
        return found
    crc = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    with _known_lock:
        _known[key] = crc
    return crc


def _version(folder: Path) -> tuple[str, tuple[str, ...], list[str]]:
    """The latest committed version in ``folder``: its table of contents, the name
    prefixes of its segments' files, and the files on disk."""
    names = sorted(os.listdir(folder))
    generation = TOC._latest_generation(names, INDEX_NAME)
    if generation < 0:
        raise IndexCorrupt(f"{folder}: no table of contents",
                           public="the index has no table of contents")
    toc_name = TOC._filename(INDEX_NAME, generation)
    # parsed from memory: Whoosh leaves its file open when parsing fails
    in_memory = RamStorage()
    in_memory.files[toc_name] = (folder / toc_name).read_bytes()
    try:
        toc = TOC.read(in_memory, INDEX_NAME, generation)
    except Exception as exc:  # any failure to read it is damage: it is written whole
        raise IndexCorrupt(f"{folder / toc_name}: unreadable ({type(exc).__name__})",
                           public="the index's table of contents is unreadable") from None
    prefixes = tuple(f"{segment.segment_id()}." for segment in toc.segments)
    return toc_name, prefixes, names


def version_files(folder: Path) -> list[str]:
    """The files of the latest committed version of the index in ``folder``: its table
    of contents and every file of the segments it lists."""
    toc_name, prefixes, names = _version(folder)
    return [toc_name, *(name for name in names if prefixes and name.startswith(prefixes))]


def seal(folder: Path) -> None:
    """Record size and CRC32 of every file of the version just committed in ``folder``.

    Files the previous seal recorded keep their checksum when their size is the same
    (segment files are immutable), so a commit reads only what it wrote.
    """
    previous = _read(folder)
    entries: dict[str, list[int]] = {}
    for name in version_files(folder):
        size = (folder / name).stat().st_size
        known = previous.get(name)
        entries[name] = known if known and known[0] == size else [size, _crc32(folder / name)]
    tmp = folder / f".{CHECKSUMS}.{os.getpid()}.{threading.get_ident()}.tmp"
    tmp.write_text(json.dumps(entries, sort_keys=True), encoding="utf-8")
    os.replace(tmp, folder / CHECKSUMS)


def _read(folder: Path) -> dict[str, list[int]]:
    try:
        data = json.loads((folder / CHECKSUMS).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError:  # a damaged record of checksums checks nothing, and says so
        raise IndexCorrupt(f"{folder / CHECKSUMS} is unreadable",
                           public="the index's checksums are unreadable") from None
    if not isinstance(data, dict):
        raise IndexCorrupt(f"{folder / CHECKSUMS} is unreadable",
                           public="the index's checksums are unreadable")
    return data


def verify(folder: Path) -> int:
    """IndexCorrupt unless every file of ``folder``'s latest version is as committed.

    Size and CRC32 (the CRC read once per unchanged file and process). A recorded file
    that is missing is damage; files a commit wrote but did not get to record (a crash
    in between) are taken as they are. Returns how many files were checked.
    """
    recorded = _read(folder)
    toc_name, prefixes, _ = _version(folder)
    checked = 0
    for name, expected in sorted(recorded.items()):
        if name != toc_name and not (prefixes and name.startswith(prefixes)):
            continue  # a file of an older version
        path = folder / name
        try:
            size = path.stat().st_size
            damaged = size != expected[0] or _crc32(path) != expected[1]
        except FileNotFoundError:
            damaged = True
        if damaged:
            raise IndexCorrupt(f"{path} is not as it was committed (damaged or truncated): "
                               "restore the index from a backup, or rebuild it with "
                               "'newsfacet reindex PATH...'",
                               public="an index file is not as it was committed (damaged "
                                      "or truncated); the index must be restored or rebuilt")
        checked += 1
    return checked
