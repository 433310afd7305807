"""Per-outlet shingle counters for story detection, in a file that grows as it fills.

2**24 counters (a shingle hash and an outlet key share one by XOR) keep collisions at
about 2.5 per counter at 83,000 documents. Held densely, that is a 32 MiB file from the
first document on. Here the counters are cut into pages of :data:`PAGE` and a page is
written to the file only once one of its counters is touched: a one-document index holds
a few hundred pages (about 0.5 MB), a large one all of them (32 MiB plus a 256 KiB
directory). Every count reads and changes exactly as in the dense array it replaces.

Layout: :data:`MAGIC`, then the directory (one int32 per page: 0 for a page never
written, else 1 + its slot among the pages), then the pages in the order they were
first written. A file of exactly ``2 * 2**24`` bytes without the magic is the older dense
layout and is read as it is.
"""

from __future__ import annotations

import mmap
import os
from pathlib import Path

import numpy as np

#: Counters of the per-outlet shingle counts: 2**24 keeps hash collisions at about 2.5
#: per counter at 83,000 documents, under the threshold.
COUNTER_BITS = 24
#: Counters per page (2**8, 512 bytes): a page is the unit the file grows by.
PAGE_BITS = 8
PAGE = 1 << PAGE_BITS
MAGIC = b"NFSCNT01"
_PAGES = 1 << (COUNTER_BITS - PAGE_BITS)
_HEADER = len(MAGIC) + 4 * _PAGES
_DENSE_SIZE = 2 << COUNTER_BITS
_MAX = np.iinfo(np.uint16).max


class ShingleCounts:
    """How many documents of each outlet hold each shingle (counters shared by XOR).

    A file beside the SQLite file (zeros in memory for ``None``). Not part of SQLite's
    transaction: changes are logged and undone on rollback, and a crash can leave a
    count off by the documents of the run that died, which moves a threshold of five by
    nothing that matters.
    """

    def __init__(self, path: Path | None) -> None:
        self._mask = np.uint32((1 << COUNTER_BITS) - 1)
        self._log: list[tuple[np.ndarray, int]] = []
        self._path = path
        self._dense: np.ndarray | None = None
        self._map: mmap.mmap | None = None
        self._used = 0
        if path is None:
            self._dense = np.zeros(1 << COUNTER_BITS, dtype=np.uint16)
        elif path.exists() and path.stat().st_size == _DENSE_SIZE and not _has_magic(path):
            self._dense = np.memmap(str(path), dtype=np.uint16, mode="r+",
                                    shape=(1 << COUNTER_BITS,))
        else:
            self._open_paged(path)

    # -- the paged file -------------------------------------------------------------

    def _open_paged(self, path: Path) -> None:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if os.fstat(fd).st_size < _HEADER:
                os.ftruncate(fd, _HEADER + 64 * PAGE * 2)
                os.pwrite(fd, MAGIC, 0)
            self._map = mmap.mmap(fd, 0)
        finally:
            os.close(fd)
        if self._map[: len(MAGIC)] != MAGIC:
            raise ValueError(f"{path} is not a story counter file")
        self._bind()
        self._used = int(self._directory.max(initial=0))

    def _bind(self) -> None:
        """Views of the directory and the page area over the current mapping."""
        assert self._map is not None
        self._directory = np.frombuffer(self._map, dtype=np.int32, count=_PAGES,
                                        offset=len(MAGIC))
        capacity = (len(self._map) - _HEADER) // (PAGE * 2)
        self._pages = np.frombuffer(self._map, dtype=np.uint16, count=capacity * PAGE,
                                    offset=_HEADER).reshape(capacity, PAGE)

    def _grow(self, pages: int) -> None:
        """Room for at least ``pages`` pages: the file doubles, so growth is amortised."""
        assert self._map is not None and self._path is not None
        capacity = self._pages.shape[0]
        if pages <= capacity:
            return
        new = max(pages, min(2 * capacity, _PAGES))
        self._map.flush()
        del self._directory, self._pages
        self._map.close()
        os.truncate(self._path, _HEADER + new * PAGE * 2)
        fd = os.open(self._path, os.O_RDWR)
        try:
            self._map = mmap.mmap(fd, 0)
        finally:
            os.close(fd)
        self._bind()

    def _read(self, slots: np.ndarray) -> np.ndarray:
        if self._dense is not None:
            return np.asarray(self._dense[slots])
        where = self._directory[slots >> PAGE_BITS]
        values = np.zeros(slots.shape, dtype=np.uint16)
        present = where > 0
        values[present] = self._pages[where[present] - 1, slots[present] & (PAGE - 1)]
        return values

    def _write(self, slots: np.ndarray, values: np.ndarray) -> None:
        """Set counters (``slots`` distinct); pages are added for slots never written."""
        if self._dense is not None:
            self._dense[slots] = values
            return
        pages = slots >> PAGE_BITS
        missing = np.unique(pages[self._directory[pages] == 0])
        if missing.size:
            self._grow(self._used + missing.size)
            self._directory[missing] = np.arange(self._used + 1, self._used + 1 + missing.size,
                                                 dtype=np.int32)
            self._used += int(missing.size)
        self._pages[self._directory[pages] - 1, slots & (PAGE - 1)] = values

    # -- what story detection asks ----------------------------------------------------

    def slots(self, hashes: np.ndarray, outlet: int) -> np.ndarray:
        return np.unique((hashes ^ np.uint32(outlet)) & self._mask)

    def rare(self, hashes: np.ndarray, outlet: int, limit: int) -> np.ndarray:
        """The hashes in fewer than ``limit`` of the outlet's documents: the evidence."""
        return hashes[self._read((hashes ^ np.uint32(outlet)) & self._mask) < limit]

    def change(self, hashes: np.ndarray, outlet: int, delta: int, log: bool = True) -> None:
        slots = self.slots(hashes, outlet)
        self._write(slots, np.clip(self._read(slots).astype(np.int32) + delta, 0, _MAX))
        if log:
            self._log.append((slots, delta))

    def commit(self) -> None:
        if isinstance(self._dense, np.memmap):
            self._dense.flush()
        if self._map is not None:
            self._map.flush()
        self._log.clear()

    def rollback(self) -> None:
        for slots, delta in reversed(self._log):
            self._write(slots, np.clip(self._read(slots).astype(np.int32) - delta, 0, _MAX))
        self._log.clear()


def _has_magic(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC
