"""A Whoosh segment writer that keeps postings in flat arrays and writes them a term at a time.

Why: Whoosh's writer holds every posting as a tuple in a sorting pool, spills sorted runs
to disk, merges them back at commit and then hands the postings one at a time to the
codec: on news text that was about a quarter of a document's indexing CPU. Here a
posting is four numbers in arrays (its value bytes in one buffer), sorted once with
numpy at commit, and each term's postings go to Whoosh's own block writer a block at a
time. The segment files are byte for byte the ones Whoosh writes from the same
documents (a generated test compares them), so readers, scores and the search engine's
own posting scan see no difference.

Memory stays bounded: when the arrays pass ``limitmb`` the documents added so far are
written out as a finished segment and a new one begins, as Whoosh's multi-segment
writer does; the commit then lists every segment written.
"""

from __future__ import annotations

from array import array
from itertools import repeat
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import W3Codec
from whoosh.columns import VarBytesColumn
from whoosh.system import pack_ushort
from whoosh.writing import SegmentWriter

from . import fields as _fields
from .fields import NewsPositions
from .prepared import (
    PURE_FIELDS,
    SINGLE_CACHED,
    SINGLE_POSITIONS,
    AnalysedText,
    IndexedValue,
    plain_value,
)
from .w3_terms import W3TermWriter

#: Estimated bytes per posting in the arrays (term, document, weight, value end),
#: plus what the dictionary keeps per distinct term.
_POSTING_BYTES = 4 + 4 + 8 + 8
_TERM_BYTES = 160
#: Estimated bytes per distinct word as written (its entry in ``raw_ids``).
_RAW_BYTES = 100
#: Postings turned into Python lists at a time while writing.
_WINDOW = 65_536


class ArrayPostingPool:
    """A segment's postings as parallel arrays, in the order documents were added."""

    def __init__(self) -> None:
        self.fieldnames: set[str] = set()
        self.term_ids: dict[tuple[str, bytes], int] = {}
        self.terms = array("I")
        self.docs = array("I")
        self.weights = array("d")
        self.value_ends = array("Q")
        self.values = bytearray()
        #: Per field, a word (str) to its term id: saves encoding and a tuple per posting.
        self.word_ids: dict[str, dict[str, int]] = {}
        #: Per field, a word as written ("Prices") to its term's id, -1 for stop words.
        self.raw_ids: dict[str, dict[str, int]] = {}

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """Take one posting, as Whoosh's pool does: (field, term, doc, weight, value)."""
        fieldname, text, docnum, weight, value = item
        if docnum < 0:  # Whoosh's marker for spelling words, which are not postings
            return
        term = self.term_ids.get((fieldname, text))
        if term is None:
            term = self._new_term(fieldname, text)
        self.terms.append(term)
        self.docs.append(docnum)
        self.weights.append(weight)
        if value:
            self.values += value
        self.value_ends.append(len(self.values))

    def add_words(self, fieldname: str, docnum: int, text: str, positions: Any,
                  boost: float) -> int:
        """Take a text's postings as Whoosh's ``TEXT.index`` over :class:`NewsPositions`
        would give them (same terms, weights and values, in the same order), without a
        generator step, a tuple and a call per posting; the text's length in words.

        The words of :func:`~.fields.word_positions`, found in one loop: each word as
        written maps straight to its term's id (or to -1, a stop word), so a word seen
        before costs one lookup instead of a normalisation and a second dictionary."""
        ids = self.raw_ids.get(fieldname)
        if ids is None:
            ids = self.raw_ids[fieldname] = {}
        found_at: dict[int, list[int]] = {}
        get_found = found_at.get
        get_id = ids.get
        for pos, word in enumerate(_fields.find_words(text)):
            term = get_id(word)
            if term is None:
                term = ids[word] = self._word_id(fieldname, word)
            if term < 0:
                continue
            found = get_found(term)
            if found is None:
                found_at[term] = [pos]
            else:
                found.append(pos)
        if not found_at:
            return 0
        field_boost = positions.field_boost
        encode = positions.encode
        single = SINGLE_POSITIONS
        values = self.values
        value_ends = self.value_ends
        weights = self.weights
        self.terms.extend(found_at)
        self.docs.extend(repeat(docnum, len(found_at)))
        length = 0
        for found in found_at.values():
            count = len(found)
            length += count
            weights.append(float(count) * field_boost * boost)
            if count == 1:
                value = single.get(found[0])
                if value is None:
                    value = encode(found)
                    if found[0] < SINGLE_CACHED:
                        single[found[0]] = value
                values += value
            else:
                values += encode(found)
            value_ends.append(len(values))
        return length

    def add_analysed(self, fieldname: str, docnum: int, text: AnalysedText, positions: Any,
                     boost: float) -> int:
        """:meth:`add_words` for a text whose words and encoded positions were computed
        already (in a worker process): the same postings in the same order, a term
        looked up per distinct word instead of per word; the text's length."""
        if not text.words:
            return 0
        words = self.word_ids.get(fieldname)
        if words is None:
            words = self.word_ids[fieldname] = {}
        get_id = words.get
        ids = []
        for word in text.words:
            term = get_id(word)
            if term is None:
                term = words[word] = self._term_id(fieldname, word.encode("utf-8"))
            ids.append(term)
        field_boost = positions.field_boost
        self.terms.extend(ids)
        self.docs.extend(repeat(docnum, len(ids)))
        self.weights.extend([float(count) * field_boost * boost for count in text.counts])
        base = len(self.values)
        self.values += text.values
        self.value_ends.extend([base + end for end in text.ends])
        return text.length

    def _term_id(self, fieldname: str, encoded: bytes) -> int:
        known = self.term_ids.get((fieldname, encoded))
        return self._new_term(fieldname, encoded) if known is None else known

    def _word_id(self, fieldname: str, word: str) -> int:
        """The term id of a word as written in a text field, -1 for a stop word."""
        term, stopped = _fields.normal_word(word)
        if stopped:
            return -1
        words = self.word_ids.setdefault(fieldname, {})
        known = words.get(term)
        if known is None:
            encoded = term.encode("utf-8")
            known = self.term_ids.get((fieldname, encoded))
            if known is None:
                known = self._new_term(fieldname, encoded)
            words[term] = known
        return known

    def _new_term(self, fieldname: str, text: bytes) -> int:
        """Number a term the pool has not seen."""
        term = self.term_ids[(fieldname, text)] = len(self.term_ids)
        self.fieldnames.add(fieldname)
        return term

    def __len__(self) -> int:
        return len(self.docs)

    def nbytes(self) -> int:
        """Roughly what the pool holds in memory."""
        return (len(self.docs) * _POSTING_BYTES + len(self.values)
                + len(self.term_ids) * _TERM_BYTES
                + sum(map(len, self.raw_ids.values())) * _RAW_BYTES)

    def cleanup(self) -> None:
        self.__init__()  # type: ignore[misc]

    def iter_postings(self) -> Any:
        raise NotImplementedError("postings are written by ArraySegmentWriter, not iterated")


class ArraySegmentWriter(SegmentWriter):  # type: ignore[misc]
    """Whoosh's ``SegmentWriter`` with :class:`ArrayPostingPool` and a term-at-a-time flush.

    Everything else (stored fields, columns, lengths, deletions, merges, the lock and
    the table of contents) is Whoosh's own code.
    """

    def __init__(self, ix: Any, limitmb: int = 256, **kwargs: Any) -> None:
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = ArrayPostingPool()
        self._limit = limitmb * 1024 * 1024
        #: Segments written out already because the pool reached its limit.
        self._written: list[Any] = []
        #: Per kind ("terms", "column") and field, its last value's key and result.
        self._last_value: dict[tuple[str, int], tuple[Any, Any]] = {}

    # -- adding ------------------------------------------------------------------------

    def add_document(self, **fields: Any) -> None:
        """Whoosh's ``SegmentWriter.add_document``, line for line, but for text fields
        :class:`NewsPositions` writes: their postings go to the pool in one loop."""
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        pool = self.pool
        add_post = pool.add

        docboost = self._doc_boost(fields)
        fieldnames = sorted([name for name in fields if not name.startswith("_")])
        self._check_fields(schema, fieldnames)

        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                indexed = None
                if type(value) is IndexedValue:  # postings and column value computed
                    indexed = value
                    value = indexed.value

                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    if type(value) is AnalysedText and _news_format(field):
                        counted = pool.add_analysed(fieldname, docnum, value, field.format,
                                                    fieldboost)
                        length = counted if field.scorable else 0
                    elif _news_words(field, value):
                        counted = pool.add_words(fieldname, docnum, value, field.format,
                                                 fieldboost)
                        length = counted if field.scorable else 0
                    else:
                        scorable = field.scorable
                        postings = (self._index(field, value) if indexed is None
                                    else indexed.postings)
                        for tbytes, freq, weight, vbytes in postings:
                            weight *= fieldboost
                            if scorable:
                                length += freq
                            add_post((fieldname, tbytes, docnum, weight, vbytes))

                if field.separate_spelling():  # no newsfacet field; Whoosh's value
                    spellfield = field.spelling_fieldname(fieldname)  # was the last term's
                    for word in field.spellable_words(value):
                        add_post((spellfield, word.encode("utf-8"), 0, 1, b""))

                vformat = field.vector
                if vformat:
                    vitems = vformat.word_values(value, field.analyzer, mode="index")
                    vitems = sorted(
                        (text, weight, vbytes) for text, _, weight, vbytes in vitems)
                    perdocwriter.add_vector_items(fieldname, field, vitems)

                customval = fields.get(f"_stored_{fieldname}", value)
                if type(customval) is AnalysedText:
                    customval = customval.text
                stored = customval if field.stored else None
                perdocwriter.add_field(fieldname, field, stored, length)

                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(
                        fieldname, column,
                        indexed.column if indexed is not None and customval is value
                        else self._column_value(field, customval))
        except ValueError:
            perdocwriter.cancel_doc()
            raise

        record = fields.get("_stored_record")
        if record is not None and perdocwriter._storedfields:
            # the stored values' pickled, compressed record, made where the document
            # was prepared: what finish_doc would add to the stored column
            perdocwriter._storedfields = {}
            _add_stored_record(perdocwriter, docnum, record)
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1
        if pool.nbytes() > self._limit:
            self._start_next_segment()

    def update_document(self, **fields: Any) -> None:
        """Whoosh's ``update_document``, line for line, but the unique fields' documents
        are found by their plain values (a prepared document's are wrapped)."""
        if unique_fields := self._unique_fields(fields):
            with self.searcher() as searcher:
                unique = [(name, plain_value(fields[name])) for name in unique_fields]
                for docnum in searcher._find_unique(unique):
                    self.delete_document(docnum)
        self.add_document(**fields)

    def _index(self, field: Any, value: Any) -> Any:
        """``field.index(value)``; for a number, date, id or keyword field, the last
        value's terms again when it repeats in that field (a document's quotes share
        its id, version, outlet and date: 12 terms each)."""
        return self._repeated("terms", field, value, lambda: list(field.index(value)))

    def _column_value(self, field: Any, value: Any) -> Any:
        """``field.to_column_value(value)``, the field's last value's again when it
        repeats."""
        return self._repeated("column", field, value, lambda: field.to_column_value(value))

    def _repeated(self, kind: str, field: Any, value: Any, compute: Any) -> Any:
        """``compute()``, kept per ``kind`` and field for the field's last value and
        given again while it repeats: only for fields whose terms and column value
        depend on the value alone (Whoosh's numbers, dates, ids and keywords; a
        single value, not a list). The key holds the value's type and repr: Whoosh
        indexes an aware datetime's wall time, so two equal instants in two zones
        differ, and 1 == 1.0 == True."""
        if type(field) not in PURE_FIELDS or isinstance(value, (list, tuple)):
            return compute()
        key = (type(value), value if type(value) is str else repr(value))
        slot = (kind, id(field))
        last = self._last_value.get(slot)
        if last is None or last[0] != key:
            last = self._last_value[slot] = (key, compute())
        return last[1]

    def _start_next_segment(self) -> None:
        """Write the documents so far as a finished segment and start an empty one."""
        self._written.append(self._finalize_segment())
        codec = self.codec
        self.newsegment = codec.new_segment(self.storage, self.indexname)
        self.perdocwriter = codec.per_document_writer(self.storage, self.newsegment)
        self.fieldwriter = codec.field_writer(self.storage, self.newsegment)
        self.pool = ArrayPostingPool()
        self.docnum = self.docbase = 0
        self._added = False

    # -- committing --------------------------------------------------------------------

    def _commit_toc(self, segments: list[Any]) -> None:
        # the current segment (last, when it has documents) stays last: documents in
        # the order they were added
        if self._written:
            if self._added:
                segments = [*segments[:-1], *self._written, segments[-1]]
            else:
                segments = [*segments, *self._written]
        super()._commit_toc(segments)

    def _cleanup_on_error(self) -> None:
        self._drop_written()
        super()._cleanup_on_error()

    def cancel(self, **kwargs: Any) -> None:
        """Cancel, and delete every file of this writer's segments: no table lists them
        (Whoosh's own cancel leaves the current segment's files for a later commit)."""
        self._drop_written()
        super().cancel(**kwargs)
        self._delete_files(self.newsegment)

    def _drop_written(self) -> None:
        for segment in self._written:
            self._delete_files(segment)
        self._written = []

    def _delete_files(self, segment: Any) -> None:
        for name in segment.list_files(self.storage):
            self.storage.delete_file(name)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        try:
            write_postings(self.fieldwriter, self.schema, lengths, self.pool,
                           self.docnum - self.docbase)
        finally:
            lengths.close()
        self.fieldwriter.close()


def _news_format(field: Any) -> bool:
    """Whether a field's postings are :class:`NewsPositions`' over the news analyzer."""
    return type(field.format) is NewsPositions and getattr(field.analyzer, "news_words",
                                                             False)


def _add_stored_record(perdocwriter: Any, docnum: int, record: bytes) -> None:
    """Add a stored record already pickled and compressed to Whoosh's stored-field
    column: what its ``PickleColumn`` over ``CompressedBytesColumn`` add after those
    two steps."""
    compressed = perdocwriter._get_column("_stored")._child
    VarBytesColumn.Writer.add(compressed, docnum, record)


def _news_words(field: Any, value: Any) -> bool:
    """Whether a field's postings are :class:`NewsPositions`' fast ones for this value
    (the test its ``word_values`` makes before taking its own path)."""
    return (type(field.format) is NewsPositions and type(value) is str
            and getattr(field.analyzer, "news_words", False))


def write_postings(fieldwriter: Any, schema: Any, lengths: Any, pool: ArrayPostingPool,
                   doc_count: int) -> None:
    """Write a pool's postings through a W3 field writer, a block at a time: the calls
    and values Whoosh's ``FieldWriter.add_postings`` would make, without a call per
    posting."""
    if not len(pool):
        return
    if not isinstance(fieldwriter._codec, W3Codec):  # the block layout below is W3's
        raise TypeError(f"postings need Whoosh's W3 codec, not {fieldwriter._codec!r}")
    keys = list(pool.term_ids)
    key_order = sorted(range(len(keys)), key=keys.__getitem__)
    rank = np.empty(len(keys), dtype=np.int64)
    rank[key_order] = np.arange(len(keys))
    terms = np.frombuffer(pool.terms, dtype=np.uint32)
    docs = np.frombuffer(pool.docs, dtype=np.uint32)
    order = np.lexsort((docs, rank[terms]))
    ends = np.cumsum(np.bincount(terms, minlength=len(keys))[key_order]).tolist()
    # sorted copies as arrays (a Python list per posting would cost ~30 bytes more each);
    # lists are made a block at a time
    sorted_docs = docs[order]
    sorted_weights = np.frombuffer(pool.weights, dtype=np.float64)[order]
    value_ends = np.frombuffer(pool.value_ends, dtype=np.uint64).astype(np.int64)
    sorted_value_ends = value_ends[order]
    sorted_value_starts = np.concatenate(([0], value_ends[:-1]))[order]
    del order, value_ends
    values = bytes(pool.values)
    blocklimit = fieldwriter._codec._blocklimit

    term_writer = W3TermWriter(fieldwriter)
    current_field = None
    field_lengths: list[int | None] = []
    fixed_size: int | None = None
    field_id = b""
    # the sorted postings are turned into lists a window at a time: a list per posting
    # over the whole segment would cost ~100 bytes more per posting, and numpy slices
    # a block at a time cost more than the block
    window_start = window_end = 0
    window_docs: list[int] = []
    window_weights: list[float] = []
    window_values: list[bytes] = []
    start = 0
    for key_index, end in zip(key_order, ends, strict=True):
        fieldname, text = keys[key_index]
        if fieldname != current_field:
            if current_field is not None:
                fieldwriter.finish_field()
            current_field = fieldname
            fieldwriter.start_field(fieldname, schema[fieldname])
            field_lengths = _field_lengths(lengths, fieldname, doc_count)
            fixed_size = schema[fieldname].format.fixed_value_size()
            field_id = pack_ushort(fieldwriter._fieldid)
        blocks = []
        while start < end:
            stop = min(start + blocklimit, end)
            if stop > window_end:
                window_start, window_end = start, max(stop, start + _WINDOW)
                window_docs = sorted_docs[window_start:window_end].tolist()
                window_weights = sorted_weights[window_start:window_end].tolist()
                window_values = list(map(values.__getitem__, map(
                    slice, sorted_value_starts[window_start:window_end].tolist(),
                    sorted_value_ends[window_start:window_end].tolist())))
            first, last = start - window_start, stop - window_start
            block_docs = window_docs[first:last]
            known = [n for n in map(field_lengths.__getitem__, block_docs) if n]
            blocks.append((block_docs, window_weights[first:last],
                           [v for v in window_values[first:last] if v],
                           min(known) if known else None, max(known) if known else 0))
            start = stop
        term_writer.add_term(field_id + text, fixed_size, blocks)
    fieldwriter.finish_field()
    term_writer.close()


def _field_lengths(lengths: Any, fieldname: str, doc_count: int) -> list[int | None]:
    """Each document's length in a field as the posting writer reads it (``None`` or 0
    when the field has no length there)."""
    read = lengths.doc_field_length_reader(fieldname)
    return [read(docnum) for docnum in range(doc_count)]
