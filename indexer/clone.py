"""A new generation that starts as a copy of the live one, for a reindex that keeps
what has not changed.

Whoosh never rewrites a segment's files once written (a commit adds files and a new
table of contents; deletions live in the table of contents), so they are hard-linked:
a copy of an index of any size costs a few hundred links. What a writer changes in
place (the story index and its counters) and the small metadata files are copied. Lock
files are left behind: the new generation gets its own.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

#: Changed in place by a writer: copied, never linked.
COPIED_PREFIXES = ("stories.sqlite", "newsfacet.json", "checksums.json")
#: Locks and markers of the source generation's own readers and writers.
SKIPPED = (".readers", "MAIN_WRITELOCK", "pending-commit.json")


def clone_folder(source: Path, target: Path) -> None:
    """Fill ``target`` (a new directory) with ``source``'s files, sub-folders included."""
    target.mkdir()
    for entry in sorted(source.iterdir()):
        if entry.name in SKIPPED or entry.name.endswith("WRITELOCK"):
            continue
        if entry.is_dir():
            clone_folder(entry, target / entry.name)
        elif entry.name.startswith("."):
            continue  # temporary files of a writer
        elif entry.name.startswith(COPIED_PREFIXES):
            shutil.copy2(entry, target / entry.name)
        else:
            _link_or_copy(entry, target / entry.name)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError as exc:  # a file system without hard links: copy instead
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
            raise
        shutil.copy2(source, target)
