"""Match and rank common queries by reading each Whoosh posting block once.

Why: Whoosh answers a query by walking its matcher tree one document and one Python
call at a time, and newsfacet needed that walk twice (the whole result set for facet
counts and the total, then a scored walk for the top hits). For the queries people
type most (words joined by AND, OR and NOT, and exact phrases over title and body),
this module decodes each posting block once into numpy arrays, which gives the exact
result set and the BM25F score of every match in one pass: Whoosh's per-word scores,
added in the query's order (Whoosh's own sums differ in the last bits, see
:meth:`PostingScanner.top`).

Prefixes, wildcards, fuzzy words and ranges reach it already expanded into an OR of
indexed words (the backend's query governor caps the expansion), and ``*`` as a
:class:`DocumentSet`. Any other query (field queries on facets, an unexpanded
prefix...) is left to Whoosh: :meth:`PostingScanner.scan` returns ``None`` for it.

Every loop over postings checks the request's :class:`~newsfacet.api.query_limits.Budget`, so a
query past its time budget stops within milliseconds.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pickle import loads
from typing import Any

import numpy as np
from whoosh import matching
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3TermInfo, _lenfield
from whoosh.filedb.filetables import _lengths
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

from ..query_limits import Budget, unlimited

#: Byte-encoded field length → the length Whoosh's scorer uses.
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
#: Steps (posting blocks, documents) between two looks at the request's deadline: a
#: look costs a clock read, a step microseconds, so the overshoot stays under 1 ms.
CHECK_EVERY = 256
#: Bytes of decoded posting lists kept across queries, per open index version (the
#: least recently used go first). Decoding (zlib, unpickling) was half of a search's time
#: and the words people search recur; 64 MB holds the ~4 million postings of the most
#: frequent few hundred words of 37,500 articles, in a worker of about 160 MB.
POSTING_CACHE_BYTES = 64 * 1024 * 1024

#: Every position of a posting list, decoded: ``starts[i]:starts[i + 1]`` of ``flat``
#: are the i-th document's, ascending.
PositionTable = tuple[np.ndarray, np.ndarray]
#: What one posting list decodes to: segment-local document numbers, weights and the
#: positions when asked for.
Postings = tuple[np.ndarray, np.ndarray, "PositionTable | None"]
#: Offsets between two documents' positions in a phrase's sort keys: above any
#: position plus any slop, so no document's positions reach into another's.
_DOC_STRIDE = np.int64(1) << np.int64(32)


class PostingCache:
    """Decoded posting lists by (segment, field, word), bounded in bytes (LRU).

    Segments never change once written, so an entry stays right for as long as the
    searcher that read it is open; a new index version gets a new scanner and cache.
    """

    def __init__(self, limit: int = POSTING_CACHE_BYTES) -> None:
        self.limit = limit
        self.size = 0
        self._entries: OrderedDict[tuple[int, str, str, bool], tuple[Postings, int]] = \
            OrderedDict()

    def get(self, key: tuple[int, str, str, bool]) -> Postings | None:
        found = self._entries.get(key)
        if found is None and not key[3]:  # positions read before serve a plain read too
            found = self._entries.get((*key[:3], True))
            key = (*key[:3], True)
        if found is None:
            return None
        self._entries.move_to_end(key)
        return found[0]

    def put(self, key: tuple[int, str, str, bool], postings: Postings) -> None:
        ids, weights, positions = postings
        arrays = [ids, weights, *(positions or ())]
        cost = sum(a.nbytes for a in arrays)
        if cost > self.limit // 4:
            return  # one huge list would flush everything else
        for array in arrays:
            array.flags.writeable = False  # shared between queries: nobody may change them
        self._entries[key] = (postings, cost)
        self.size += cost
        while self.size > self.limit:
            _, (_, dropped) = self._entries.popitem(last=False)
            self.size -= dropped


class DocumentSet(wq.Query):  # type: ignore[misc]
    """Matches a fixed set of documents (a mask over document numbers), each scored its
    boost, as Whoosh's ``Every`` scores.

    Why: ``Every("body")`` (``*``, ``body:*``) reads the postings of every word of the
    field to find the documents that have one (110 s on 4,000 articles); the backend
    knows that set from field lengths or the facet table and hands it over as this.
    """

    def __init__(self, mask: np.ndarray, offsets: dict[int, int], boost: float = 1.0,
                 label: str = "*") -> None:
        self.mask = mask
        #: Segment reader (by id) -> its first document number.
        self.offsets = offsets
        self.boost = boost
        self.label = label

    def __repr__(self) -> str:
        return f"DocumentSet({self.label!r}, {int(np.count_nonzero(self.mask))} documents)"

    def __str__(self) -> str:
        return self.label

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    def _local(self, reader: Any) -> np.ndarray:
        """The mask of the segment ``reader`` reads."""
        offset = self.offsets.get(id(reader), 0)
        return self.mask[offset:offset + reader.doc_count_all()]

    def estimate_size(self, reader: Any) -> int:
        return int(np.count_nonzero(self._local(reader)))

    def estimate_min_size(self, reader: Any) -> int:
        return self.estimate_size(reader)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        ids = np.flatnonzero(self._local(searcher.reader())).tolist()
        if not ids:
            return matching.NullMatcher()
        return matching.ListMatcher(ids, all_weights=self.boost)


@dataclass
class Scan:
    """One query's matches over the whole index: a mask and approximate scores."""

    mask: np.ndarray  # bool, one per document number
    score: np.ndarray  # float64, one per document number; 0 where not matching


class _Segment:
    """One segment's reader, its document-number offset and its field lengths."""

    def __init__(self, searcher: Any, offset: int, cache: PostingCache | None = None) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.offset = offset
        self.size = self.reader.doc_count_all()
        self._lengths: dict[str, np.ndarray] = {}
        self._cache = cache

    def lengths(self, fieldname: str) -> np.ndarray:
        """Each document's length of ``fieldname``, decoded as the scorer decodes it."""
        found = self._lengths.get(fieldname)
        if found is None:
            perdoc = self.reader._perdoc  # the only per-document column access we need
            column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            raw = (np.zeros(self.size, dtype=np.uint8) if column is None
                   else np.fromiter((column[d] for d in range(self.size)), dtype=np.uint8,
                                    count=self.size))
            found = self._lengths[fieldname] = _LENGTH_OF_BYTE[raw]
        return found

    def postings(self, fieldname: str, text: str, positions: bool, budget: Budget
                 ) -> Postings | None:
        """Document numbers (segment-local), weights and, if asked, positions (read-only
        arrays: they may be shared with later queries through the cache)."""
        key = (self.offset, fieldname, text, positions)
        if self._cache is not None and (cached := self._cache.get(key)) is not None:
            return cached
        if (fieldname, text) not in self.reader:
            return None
        found = self._decode(fieldname, text, positions, budget)
        if self._cache is not None:
            self._cache.put(key, found)
        return found

    def _decode(self, fieldname: str, text: str, positions: bool, budget: Budget
                ) -> Postings:
        matcher = self.reader.postings(fieldname, text)
        if isinstance(matcher, FilterMatcher):  # deletions: masked out by the caller
            matcher = matcher.child
        ids: list[Any] = []
        weights: list[Any] = []
        values: list[bytes] | None = [] if positions else None
        if hasattr(matcher, "_next_block"):  # W3LeafMatcher: whole blocks at a time
            blocks = 0
            while not matcher._atend:
                blocks += 1
                if not blocks % CHECK_EVERY:
                    budget.check()
                matcher._read_ids()
                matcher._read_weights()
                ids.extend(matcher._ids)
                weights.extend(matcher._weights)
                if values is not None:
                    matcher._read_values()
                    values.extend(matcher._values)
                matcher._next_block()
        else:  # short posting lists are stored inline
            while matcher.is_active():
                ids.append(matcher.id())
                weights.append(matcher.weight())
                if values is not None:
                    values.append(matcher.value())
                matcher.next()
        return compact(np.fromiter(ids, dtype=np.int64, count=len(ids)),
                       np.fromiter(weights, dtype=np.float64, count=len(weights)),
                       None if values is None else position_table(values, budget))


def position_table(values: list[bytes], budget: Budget | None = None) -> PositionTable:
    """Whoosh's encoded positions (a count, then the pickled gaps) as one table.

    Why: a phrase looked at every candidate document's positions in Python, unpickling
    them again on every query (45 % of a phrase's time); decoded once, the cache keeps
    arrays that a phrase matches in numpy.
    """
    budget = budget or unlimited()
    gaps: list[int] = []
    counts = np.empty(len(values), dtype=np.int64)
    for n, value in enumerate(values):
        if not (n + 1) % (CHECK_EVERY * 16):
            budget.check()
        # Whoosh's decode_positions, without the running sum (numpy does it below)
        found = loads(value[_INT_SIZE:] if value.endswith(b".") else value[_INT_SIZE:] + b".")
        gaps.extend(found)
        counts[n] = len(found)
    starts = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    # positions are each document's running sum of its gaps
    running = np.cumsum(np.fromiter(gaps, dtype=np.int64, count=len(gaps)))
    before = np.repeat(np.concatenate(([0], running))[starts[:-1]], counts)
    return starts, (running - before).astype(np.int32)


def phrase_documents(lists: list[Postings], slop: int, budget: Budget | None = None
                     ) -> np.ndarray:
    """The documents (of one segment) where each list's word follows the one before by
    1 to ``slop`` positions, ascending."""
    budget = budget or unlimited()
    common = lists[0][0]
    for ids, _, _ in lists[1:]:
        common = np.intersect1d(common, ids, assume_unique=True)
    if not len(common):
        return np.empty(0, dtype=np.int64)
    # where the phrase so far can end, as keys (see _phrase_keys)
    ends = _phrase_keys(lists[0], common)
    for later in lists[1:]:
        budget.check()
        keys = _phrase_keys(later, common)
        # the first end at or after p - slop must come before p
        at = np.searchsorted(ends, keys - min(slop, 1 << 31), side="left")
        kept = at < len(ends)
        kept[kept] = ends[at[kept]] < keys[kept]
        ends = keys[kept]
    return common[np.unique(ends // _DOC_STRIDE)].astype(np.int64)


def _phrase_keys(postings: Postings, docs: np.ndarray) -> np.ndarray:
    """The positions of ``docs`` (a sorted subset of the list's documents) as sorted keys:
    the document's rank in ``docs`` times ``_DOC_STRIDE``, plus the position."""
    ids, _, positions = postings
    assert positions is not None
    starts, flat = positions
    rows = np.searchsorted(ids, docs)
    counts = starts[rows + 1] - starts[rows]
    # indexes into ``flat`` of every position of the chosen rows, in row order
    first = np.repeat(starts[rows] - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
    taken = flat[first + np.arange(int(counts.sum()), dtype=np.int64)]
    keys = np.repeat(np.arange(len(docs), dtype=np.int64) * _DOC_STRIDE, counts) + taken
    keys.sort()
    return keys


def compact(ids: np.ndarray, weights: np.ndarray, positions: PositionTable | None
            ) -> Postings:
    """Postings in half the memory, so the cache holds twice as many: segment-local
    document numbers fit 32 bits, and weights (Whoosh stores them as 32-bit floats)
    are kept in 32 bits when that loses nothing. Scores are computed in 64 bits
    (:meth:`PostingScanner._bm25` widens them), so nothing changes but the size.

    Why: at 83,000 documents the 200 bench queries' lists took 69 MB, just over the
    64 MB cache, and a least-recently-used cache walked in a cycle longer than itself
    keeps nothing: every query decoded again (top 10 p50 10 ms against 1.6 at 37.5k).
    """
    small = weights.astype(np.float32)
    if np.array_equal(small, weights):
        weights = small  # type: ignore[assignment]
    return ids.astype(np.int32), weights, positions


#: Where a W3 term info keeps the document frequency: after its flags and weight.
_DF_AT = slice(5, 9)


def field_terms(reader: Any, fieldname: str) -> list[tuple[bytes, int]]:
    """Every (word, document frequency) of one field of one segment, in index order.

    Why not ``reader.iter_field``: it looks each word up and decodes its whole term info
    (0.6 s for 78,000 words); the term file keeps a field's words in one run of
    (lengths, key, info) records, read here in one slice (0.13 s). Any other codec is
    read the slow way.
    """
    terms: Any = getattr(reader, "_terms", None)
    table: Any = getattr(terms, "_tindex", None)
    if table is None or not hasattr(table, "closest_key_pos") \
            or W3TermInfo._struct.format not in ("!BfIBBfII", b"!BfIBBfII"):
        return [(btext, info.doc_frequency()) for btext, info in reader.iter_field(fieldname)]
    prefix = terms._keycoder(fieldname, b"")
    start = table.closest_key_pos(prefix)
    if start is None:
        return []
    raw = table.dbfile.get(start, table.endofdata - start)
    unpack, size, skip = _lengths.unpack_from, _lengths.size, len(prefix)
    found: list[tuple[bytes, int]] = []
    at = 0
    while at < len(raw):
        keylen, datalen = unpack(raw, at)
        key_at = at + size
        if raw[key_at:key_at + skip] != prefix:
            break
        data_at = key_at + keylen
        info = raw[data_at:data_at + datalen]
        found.append((raw[key_at + skip:data_at], int.from_bytes(info[_DF_AT], "big")))
        at = data_at + datalen
    return found


class PostingScanner:
    """Scans queries over one open searcher; built once per searcher, like its facet table."""

    def __init__(self, searcher: Any, live: np.ndarray, fields: tuple[str, ...]) -> None:
        self.searcher = searcher
        self.size = searcher.doc_count_all()
        self.live = live
        self.fields = frozenset(fields)
        self.weighting = searcher.weighting
        #: Decoded posting lists, kept across the queries this searcher answers.
        self.cache = PostingCache()
        self.segments = [_Segment(sub, offset, self.cache)
                         for sub, offset in searcher.leaf_searchers()]
        #: The budget of the scan under way (one search at a time per process).
        self.budget = unlimited()
        #: Per (field, word), its documents and scores, read once per scan.
        self._read: dict[tuple[str, Any], list[tuple[np.ndarray, np.ndarray]]] = {}

    # -- the result set and approximate scores --------------------------------------------

    def scan(self, q: Any, budget: Budget | None = None) -> Scan | None:
        """The query's matches and scores, or None when Whoosh must answer it."""
        self.budget = budget or unlimited()
        self._read = {}
        try:
            found = self._node(q)
        finally:
            self._read = {}
        if found is None:
            return None
        found.mask &= self.live
        found.score[~found.mask] = 0.0
        return found

    def _empty(self) -> Scan:
        return Scan(np.zeros(self.size, dtype=bool), np.zeros(self.size, dtype=np.float64))

    def _node(self, q: Any) -> Scan | None:
        kind = type(q)
        boost = getattr(q, "boost", 1.0)
        found: Scan | None
        if kind is wq.Term and q.fieldname in self.fields:
            found = self._term(q.fieldname, q.text)
        elif kind is wq.Phrase and q.fieldname in self.fields and q.slop >= 1 \
                and not q.degrade and q.words:
            found = self._phrase(q.fieldname, list(q.words), q.slop)
        elif kind is wq.And and q.subqueries:
            found = self._and(q.subqueries)
        elif kind is wq.Or and q.subqueries and not q.minmatch and not q.scale:
            found = self._or(q.subqueries)
        elif kind is wq.AndNot:
            found = self._and_not(q.a, q.b)
        elif kind is wq.Not:
            found = self._not(q.query)
        elif kind is wq.NullQuery.__class__:
            found = self._empty()
        elif kind is DocumentSet:
            mask = q.mask.copy()
            return Scan(mask, mask * float(q.boost))
        else:
            return None
        if found is not None and boost != 1.0:
            found.score *= boost
        return found

    def _and(self, subqueries: list[Any]) -> Scan | None:
        found = self._empty()
        found.mask[:] = True
        for sub in subqueries:
            self.budget.check()
            part = self._node(sub)
            if part is None:
                return None
            found.mask &= part.mask
            found.score += part.score
        return found

    def _or(self, subqueries: list[Any]) -> Scan | None:
        found = self._empty()
        for sub in subqueries:
            self.budget.check()
            part = self._node(sub)
            if part is None:
                return None
            found.mask |= part.mask
            found.score += part.score
        return found

    def _not(self, excluded: Any) -> Scan | None:
        """Every other document; Whoosh scores each 1.0 (its inverse matcher's weight)."""
        part = self._node(excluded)
        if part is None:
            return None
        mask = ~part.mask
        return Scan(mask, mask.astype(np.float64))

    def _and_not(self, positive: Any, negative: Any) -> Scan | None:
        found, excluded = self._node(positive), self._node(negative)
        if found is None or excluded is None:
            return None
        found.mask &= ~excluded.mask
        return found

    def _scorer(self, fieldname: str, text: str) -> tuple[float, float, float, float]:
        """idf, average length, B and K1 as Whoosh's BM25F scorer takes them."""
        parent = self.searcher
        weighting = self.weighting
        b = weighting._field_B.get(fieldname, weighting.B)
        return (parent.idf(fieldname, text), parent.avg_field_length(fieldname) or 1,
                b, weighting.K1)

    def _bm25(self, segment: _Segment, fieldname: str, text: str, ids: np.ndarray,
              weights: np.ndarray) -> np.ndarray:
        idf, avgfl, b, k1 = self._scorer(fieldname, text)
        lengths = segment.lengths(fieldname)[ids]
        weights = weights.astype(np.float64)  # cached compact; score in 64 bits
        return idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / avgfl)))

    def _term(self, fieldname: str, text: str) -> Scan:
        """One word's documents and scores; a word the query names twice is read once
        (a fuzzy word's stem and spelling as typed mostly expand to the same words)."""
        read = self._read.get((fieldname, text))
        if read is None:
            read = []
            for segment in self.segments:
                postings = segment.postings(fieldname, text, positions=False,
                                            budget=self.budget)
                if postings is None:
                    continue
                ids, weights, _ = postings
                read.append((ids + segment.offset,
                             self._bm25(segment, fieldname, text, ids, weights)))
            self._read[(fieldname, text)] = read
        found = self._empty()
        for where, scores in read:
            found.mask[where] = True
            found.score[where] += scores
        return found

    def _phrase(self, fieldname: str, words: list[str], slop: int = 1) -> Scan:
        """Documents where each word follows the one before by 1 to ``slop`` positions.

        That is Whoosh's Phrase (an ordered SpanNear2 with ``mindist`` 1): slop 1 means
        adjacent; a phrase whose stop words left gaps gets the widest gap as its slop.
        Each position is looked up among the previous word's (a binary search, in numpy
        over every candidate document at once), so the cost does not grow with the slop
        (a set of every reachable position did: slop 1,000,000 took 100 s).
        """
        found = self._empty()
        budget = self.budget
        for segment in self.segments:
            read = [segment.postings(fieldname, word, positions=True, budget=budget)
                    for word in words]
            lists = [p for p in read if p is not None]
            if len(lists) < len(words):
                continue
            matched = phrase_documents(lists, slop, budget)
            if not len(matched):
                continue
            where = matched + segment.offset
            found.mask[where] = True
            for word, (ids, weights, _) in zip(words, lists, strict=True):
                keep = np.isin(ids, matched, assume_unique=True)
                found.score[ids[keep] + segment.offset] += self._bm25(
                    segment, fieldname, word, ids[keep], weights[keep])
        return found

    # -- the page ---------------------------------------------------------------------------

    def top(self, q: Any, scan: Scan, allowed: np.ndarray, end: int,
            rank: np.ndarray | None = None, factor: np.ndarray | None = None
            ) -> list[tuple[int, float]]:
        """The first ``end`` hits among ``allowed`` documents by their BM25F sums (each
        multiplied by its ``factor``, a boost in (0, 1], if given); equal scores go in
        ``rank`` order (document order without one).

        Why the scanner's own sums and not Whoosh's: they are Whoosh's per-word numbers
        added in the query's order, where Whoosh adds them in an order that depends on
        each segment's word counts; the two differ by a few units in the last place
        (tests allow 1e-12 relative) and Whoosh's shifts when segments merge. Re-scoring
        the page through Whoosh's matcher, to copy its order of additions, was about a
        third of a top-10 search.
        """
        docs = np.flatnonzero(allowed)
        if not len(docs) or end <= 0:
            return []
        scores = scan.score[docs] if factor is None else scan.score[docs] * factor[docs]
        order = rank if rank is not None else np.arange(self.size)
        if len(docs) > end:
            kth = np.partition(scores, len(docs) - end)[len(docs) - end]
            keep = scores >= kth
            docs, scores = docs[keep], scores[keep]
        best = np.lexsort((order[docs], -scores))[:end]
        return [(int(docs[i]), float(scores[i])) for i in best]
