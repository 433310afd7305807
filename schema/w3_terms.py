"""Whoosh W3 posting blocks and term-info rows, written as Whoosh writes them, a term per call.

Why: Whoosh writes a term through a postings writer, a term-info object and an on-disk
hash, some twenty Python calls and two file writes per term and per block; at a
bulk build's commit that was about a third of the writing process's time. Here one
call writes a term's blocks and its term-info row into two buffers flushed to the
same files. The bytes are Whoosh's (``W3PostingsWriter._write_block``,
``W3TermInfo.to_bytes``, ``OrderedHashWriter.add``): the segment writer's generated
test compares every file with the ones Whoosh's own writer makes.
"""

from __future__ import annotations

import zlib
from array import array
from operator import sub
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import COMPRESSION_MIN_SIZE, WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.filedb.filetables import _lengths
from whoosh.system import pack_int, pack_long
from whoosh.util.numeric import length_to_byte

#: A block: document numbers (ascending), weights, non-empty encoded values, and the
#: shortest (``None`` if no document has a length) and longest field length in it.
Block = tuple[list[int], list[float], list[bytes], "int | None", int]

_TERMINFO = W3TermInfo._struct.pack
#: ``HashWriter``'s record header: key length, value length.
_LENGTHS = _lengths.pack
#: Bytes buffered per file before they are written.
_FLUSH = 1 << 20


class W3TermWriter:
    """Writes terms straight into a ``W3FieldWriter``'s postings file and term table.

    Use between the field writer's ``start_field`` and ``finish_field`` calls (which
    number the fields), then :meth:`close` before the field writer's own ``close``.
    """

    def __init__(self, fieldwriter: Any) -> None:
        codec = fieldwriter._codec
        if codec._inlinelimit > 1:  # inlined postings are not written here
            raise TypeError(f"inlined postings (inlinelimit {codec._inlinelimit}) "
                            "are not supported")
        self._compression = codec._compression
        self._postfile = fieldwriter._postfile
        self._tindex = fieldwriter._tindex
        self._posts = bytearray()
        self._post_base = self._postfile.tell()
        self._rows = bytearray()
        self._row_base = self._tindex.dbfile.tell()
        self._lastkey: bytes | None = None

    def add_term(self, key: bytes, fixed_size: int | None, blocks: list[Block]) -> None:
        """Write one term: ``key`` is the field number (ushort) and the term's bytes,
        ``fixed_size`` the format's ``fixed_value_size()``."""
        posts = self._posts
        start = self._post_base + len(posts)
        posts += WHOOSH3_HEADER_MAGIC
        weight: float = 0
        df = 0
        minlength: int | None = None
        maxlength = 0
        maxweight: float = 0
        minid = None
        maxid = 0
        last = len(blocks) - 1
        for number, (ids, weights, values, block_min, block_max) in enumerate(blocks):
            # W3TermInfo.add_block, over the block's weights as the block stores them
            stored = array("f", weights)
            weight += sum(stored)
            df += len(ids)
            # (Whoosh's min(), which fails on a block without lengths after one with)
            minlength = block_min if minlength is None else min(minlength, block_min)  # type: ignore[type-var]
            maxlength = max(maxlength, block_max)
            block_maxweight = max(0, *weights)
            maxweight = max(maxweight, block_maxweight)
            if minid is None:
                minid = ids[0]
            maxid = ids[-1]
            # W3PostingsWriter._write_block
            if all(w == 1.0 for w in stored):
                mini_weights: Any = None
            elif all(w == stored[0] for w in stored):
                mini_weights = stored[0]
            else:
                mini_weights = tuple(stored)
            if fixed_size is None or fixed_size < 0:
                mini_values: Any = tuple(values)
            elif fixed_size == 0:
                mini_values = None
            else:
                mini_values = b"".join(values)
            deltas = (ids[0],) if len(ids) == 1 else tuple(map(sub, ids, [0, *ids[:-1]]))
            data = dumps((deltas, mini_weights, mini_values), 2)
            compression = self._compression
            if len(data) < COMPRESSION_MIN_SIZE:
                compression = 0
            if compression:
                data = zlib.compress(data, compression)
            info = dumps((len(ids), maxid, block_maxweight, compression,
                          length_to_byte(block_min), length_to_byte(block_max)), 2)
            size = len(info) + len(data)
            posts += pack_int(-size if number == last else size)
            posts += info
            posts += data
        length = self._post_base + len(posts) - start
        # W3TermInfo.to_bytes (not inlined), then OrderedHashWriter.add
        value = (_TERMINFO(False, weight, df,
                           0 if minlength is None else length_to_byte(minlength),
                           length_to_byte(maxlength), maxweight, minid, maxid)
                 + pack_long(start) + pack_int(length))
        tindex = self._tindex
        rows = self._rows
        position = self._row_base + len(rows)
        tindex.index.append(position)
        rows += _LENGTHS(len(key), len(value))
        rows += key
        rows += value
        hashed = tindex.hashfn(key)
        tindex.buckets[hashed & 255].append((hashed, position))
        self._lastkey = key
        if len(posts) > _FLUSH:
            self._flush_posts()
        if len(rows) > _FLUSH:
            self._flush_rows()

    def _flush_posts(self) -> None:
        self._postfile.write(bytes(self._posts))
        self._posts.clear()
        self._post_base = self._postfile.tell()

    def _flush_rows(self) -> None:
        self._tindex.dbfile.write(bytes(self._rows))
        self._rows.clear()
        self._row_base = self._tindex.dbfile.tell()

    def close(self) -> None:
        """Write what is buffered; the term table remembers the last key, as Whoosh's
        ``add`` leaves it."""
        self._flush_posts()
        self._flush_rows()
        if self._lastkey is not None:
            self._tindex.lastkey = self._lastkey
