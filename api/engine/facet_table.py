"""Facet values of every document held in memory as numpy arrays, for counting and filtering.

Whoosh's own facets walk Python objects per matching document and re-read columns on
every query. Reading the columns once per index version into integer arrays makes a
facet count one gather and one ``bincount`` over the result set, however large, and
a filter one boolean mask. Result sets are boolean masks over document numbers.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newsfacet.indexer.speakers import merge_names
from newsfacet.schema.columns import read_column
from newsfacet.schema.fields import FACETS, split_values

from ..models import FacetValue

#: A facet's column and whether it holds several values per document.
FacetColumn = tuple[str, bool]
DOCUMENT_FACETS: dict[str, FacetColumn] = {
    name: (facet.column, facet.multi_valued) for name, facet in FACETS.items() if name != "date"
}
#: Facets of the quote index: who said it and where it was published.
QUOTE_FACETS: dict[str, FacetColumn] = {"speaker": ("speaker", False), "outlet": ("outlet", False)}
#: Facets whose values are people's names, merged across documents.
MERGED_NAMES = ("speaker",)
NO_DATE = -1
_MICROSECONDS_PER_DAY = 86_400 * 10**6
_MAX_ORDINAL = dt.date.max.toordinal()
#: The day ordinal of numpy's datetime64 epoch (1970-01-01).
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
#: numpy unit each date interval truncates days to (weeks by hand: ISO weeks start Monday).
_DATE_UNITS = {"day": "datetime64[D]", "week": "datetime64[D]", "month": "datetime64[M]",
               "year": "datetime64[Y]"}
#: Below this share of the index, a count gathers the matching documents' values;
#: above it, it masks every (document, value) pair. Both give the same counts.
_GATHER_SHARE = 0.25


def _day_ordinal(raw: int | None) -> int:
    """Whoosh stores datetimes as microseconds since ``datetime.min``; missing ones as junk."""
    if not raw or raw < 0:
        return NO_DATE
    ordinal = raw // _MICROSECONDS_PER_DAY + 1
    return ordinal if 1 < ordinal <= _MAX_ORDINAL else NO_DATE


@dataclass
class Vocabulary:
    """Facet values numbered densely, so documents hold ints instead of strings."""

    values: list[str] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)

    def id_of(self, value: str) -> int:
        found = self.ids.get(value)
        if found is None:
            found = self.ids[value] = len(self.values)
            self.values.append(value)
        return found


@dataclass
class FacetValues:
    """One facet's (document, value) pairs, indexed both ways.

    ``doc_start[d]:doc_start[d + 1]`` are document ``d``'s pairs in ``pair_value``;
    ``value_start[v]:value_start[v + 1]`` are value ``v``'s documents in ``value_docs``.
    """

    vocab: Vocabulary
    pair_doc: np.ndarray
    pair_value: np.ndarray
    doc_start: np.ndarray
    value_start: np.ndarray
    value_docs: np.ndarray

    @classmethod
    def build(cls, vocab: Vocabulary, per_doc: list[tuple[int, ...]]) -> FacetValues:
        sizes = np.fromiter((len(ids) for ids in per_doc), dtype=np.int64, count=len(per_doc))
        doc_start = np.zeros(len(per_doc) + 1, dtype=np.int64)
        np.cumsum(sizes, out=doc_start[1:])
        pair_value = np.fromiter((v for ids in per_doc for v in ids), dtype=np.int32,
                                 count=int(doc_start[-1]))
        pair_doc = np.repeat(np.arange(len(per_doc), dtype=np.int32), sizes)
        order = np.argsort(pair_value, kind="stable")
        value_start = np.zeros(len(vocab.values) + 1, dtype=np.int64)
        np.cumsum(np.bincount(pair_value, minlength=len(vocab.values)), out=value_start[1:])
        return cls(vocab, pair_doc, pair_value, doc_start, value_start, pair_doc[order])

    def values_of(self, docs: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The value ids of every pair whose document is in the result set."""
        if len(docs) < _GATHER_SHARE * len(mask):
            starts = self.doc_start[docs]
            sizes = self.doc_start[docs + 1] - starts
            total = int(sizes.sum())
            # positions start..start+size of every document, laid end to end
            shift = np.repeat(starts - (np.cumsum(sizes) - sizes), sizes)
            return self.pair_value[shift + np.arange(total)]
        return self.pair_value[mask[self.pair_doc]]

    def docs_with(self, value_id: int) -> np.ndarray:
        return self.value_docs[self.value_start[value_id]:self.value_start[value_id + 1]]


@dataclass
class FacetTable:
    """Per document number: its outlet, speakers, locations and publication day."""

    live: np.ndarray  # bool per document number: not deleted
    published: np.ndarray  # day ordinal per document number, NO_DATE when unknown
    facets: dict[str, FacetValues]
    #: Each document's place in id order: ties (same score, same day) are broken by id,
    #: so an answer does not depend on how the index happens to be laid out on disk.
    rank: np.ndarray

    #: Per facet, the value each stored value is shown and filtered as (speaker names
    #: merged across documents); values absent from a mapping stand for themselves.
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Per facet, its values case- and accent-folded, built on the first prefix search.
    _folded: dict[str, list[str]] = field(default_factory=dict, repr=False)
    #: (document, event day ordinal) pairs: a document reports events on several days.
    event_doc: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    event_day: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    #: Every document's key (id) in ``rank`` order, to place a cursor's id among them.
    sorted_keys: list[Any] = field(default_factory=list, repr=False)
    #: Lookups built on first use for this index version (e.g. field query values).
    cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_reader(cls, reader: Any, facets: dict[str, FacetColumn] | None = None,
                    date_column: str = "published",
                    aliases: dict[str, dict[str, str]] | None = None,
                    key_column: str | None = "id",
                    event_field: str | None = None) -> FacetTable:
        """Read the facet columns of ``reader`` (the document facets by default).

        ``key_column`` holds the ids that break ties; without one, document order does.
        ``event_field`` is the indexed field of event dates (ISO days, one term each):
        it is not a column, so its few distinct terms are read with their postings.

        ``aliases`` reuses another table's name merging (the quote index takes the
        documents'), so both show the same speaker names.
        """
        facets = DOCUMENT_FACETS if facets is None else facets
        merged: dict[str, dict[str, str]] = {}
        size = reader.doc_count_all()
        live_ids = list(reader.all_doc_ids())
        live = np.zeros(size, dtype=bool)
        live[live_ids] = True
        dates = read_column(reader, date_column, translate=False)
        published = np.full(size, NO_DATE, dtype=np.int64)
        for docnum in live_ids:
            published[docnum] = _day_ordinal(dates[docnum])
        tables: dict[str, FacetValues] = {}
        for name, (column_name, multi_valued) in facets.items():
            words = Vocabulary()
            column = read_column(reader, column_name)
            stored: dict[int, list[str]] = {}
            for docnum in live_ids:
                raw = column[docnum]
                stored[docnum] = split_values(raw) if multi_valued else ([raw] if raw else [])
            mapping = (aliases or {}).get(name)
            if mapping is None and name in MERGED_NAMES:
                mapping = merge_names(Counter(v for values in stored.values() for v in values))
            if mapping is not None:
                merged[name] = mapping
            per_doc: list[tuple[int, ...]] = [()] * size
            for docnum, values in stored.items():
                shown = [mapping.get(v, v) for v in values] if mapping else values
                per_doc[docnum] = tuple(dict.fromkeys(words.id_of(v) for v in shown))
            tables[name] = FacetValues.build(words, per_doc)
        rank = np.arange(size, dtype=np.int64)
        sorted_keys: list[Any] = []
        if key_column is not None:
            keys = read_column(reader, key_column)
            order = sorted(range(size), key=lambda docnum: keys[docnum])
            rank[np.array(order, dtype=np.int64)] = np.arange(size, dtype=np.int64)
            sorted_keys = [keys[docnum] for docnum in order]
        event_doc, event_day = _event_pairs(reader, event_field, live)
        return cls(live=live, published=published, facets=tables, rank=rank, aliases=merged,
                   event_doc=event_doc, event_day=event_day, sorted_keys=sorted_keys)

    @property
    def size(self) -> int:
        return len(self.live)

    def mask_of(self, docs: Iterable[int]) -> np.ndarray:
        """A result-set mask from document numbers."""
        mask = np.zeros(self.size, dtype=bool)
        mask[np.fromiter(docs, dtype=np.int64)] = True
        return mask

    def shown(self, name: str, value: str) -> str:
        """The value facet ``name`` shows for a stored ``value``."""
        return self.aliases.get(name, {}).get(value, value)

    def matching(self, name: str, values: Iterable[str]) -> np.ndarray:
        """Documents having any of ``values`` in facet ``name``, as a mask."""
        table = self.facets[name]
        mask = np.zeros(self.size, dtype=bool)
        for value in values:
            value_id = table.vocab.ids.get(self.shown(name, value))
            if value_id is not None:
                mask[table.docs_with(value_id)] = True
        return mask

    def in_date_range(self, mask: np.ndarray, start: dt.date | None,
                      end: dt.date | None) -> np.ndarray:
        """Documents published within ``[start, end]``; undated ones never match a range."""
        low = start.toordinal() if start else 0
        high = end.toordinal() if end else 10**9
        published = self.published
        return mask & (published != NO_DATE) & (published >= low) & (published <= high)

    def with_event_in_range(self, mask: np.ndarray, start: dt.date | None,
                            end: dt.date | None) -> np.ndarray:
        """Documents reporting any event dated within ``[start, end]``."""
        low = start.toordinal() if start else 0
        high = end.toordinal() if end else 10**9
        days = self.event_day
        having = np.zeros(self.size, dtype=bool)
        having[self.event_doc[(days >= low) & (days <= high)]] = True
        return mask & having

    def rank_after(self, key: Any) -> int:
        """The first rank whose key sorts after ``key``: documents "later" than a cursor's id."""
        return bisect.bisect_right(self.sorted_keys, key)

    def count(self, name: str, mask: np.ndarray, size: int,
              interval: str = "month") -> list[FacetValue]:
        """The ``size`` most frequent values of facet ``name`` in the result set.

        The ``date`` facet is a histogram instead: every ``interval`` bucket that holds
        a dated document, in calendar order.
        """
        docs = np.flatnonzero(mask)
        if name == "date":
            return self._count_dates(docs, interval)
        table = self.facets[name]
        words = table.vocab.values
        counts = np.bincount(table.values_of(docs, mask), minlength=len(words))
        present = np.flatnonzero(counts)
        if len(present) > size:  # keep the values tied with the size-th, then sort exactly
            kth = np.partition(counts[present], len(present) - size)[len(present) - size]
            present = present[counts[present] >= kth]
        ranked = sorted(((int(counts[v]), words[v]) for v in present),
                        key=lambda pair: (-pair[0], pair[1]))[:size]
        return [FacetValue(value, n) for n, value in ranked]

    def _count_dates(self, docs: np.ndarray, interval: str) -> list[FacetValue]:
        """Publication dates bucketed per day, ISO week (its Monday), month or year.

        Buckets come in calendar order; undated documents are in none.
        """
        days = self.published[docs]
        days = days[days != NO_DATE]
        stamps = (days - _EPOCH_ORDINAL).astype("datetime64[D]").astype(_DATE_UNITS[interval])
        if interval == "week":  # ordinal 1 (0001-01-01) is a Monday
            stamps = stamps - ((days - 1) % 7).astype("timedelta64[D]")
        buckets, counts = np.unique(stamps, return_counts=True)
        labels = np.datetime_as_string(buckets).tolist()
        return [FacetValue(label, n) for label, n in zip(labels, counts.tolist(), strict=True)]

    def prefixed(self, name: str, prefix: str, size: int | None) -> list[FacetValue]:
        """Values of facet ``name`` whose text or any word of it starts with ``prefix``,
        counted over the whole index, most frequent first (for autocomplete).

        Case and accents are ignored. The vocabulary is filtered before anything is
        counted, and a value's count is the length of its document list.
        """
        limit = 10**9 if size is None else size
        pattern = re.compile(r"(?<![^\W_])" + re.escape(fold(prefix))) if prefix else None
        if name == "date":
            months = self._count_dates(np.flatnonzero(self.live), "month")
            found = [v for v in months if pattern is None or pattern.search(fold(v.value))]
            return sorted(found, key=lambda v: (-v.count, v.value))[:limit]
        table = self.facets[name]
        if name not in self._folded:
            self._folded[name] = [fold(value) for value in table.vocab.values]
        folded = self._folded[name]
        if pattern is None:
            ids = np.arange(len(folded), dtype=np.int64)
        else:
            ids = np.fromiter((i for i, text in enumerate(folded) if pattern.search(text)),
                              dtype=np.int64)
        counts = table.value_start[ids + 1] - table.value_start[ids]
        words = table.vocab.values
        ranked = sorted(((int(n), words[v]) for v, n in zip(ids.tolist(), counts.tolist(),
                                                              strict=True) if n),
                        key=lambda pair: (-pair[0], pair[1]))[:limit]
        return [FacetValue(value, n) for n, value in ranked]

    def distinct(self, name: str) -> int:
        """How many values facet ``name`` has over the whole index (``date``: months)."""
        if name == "date":
            return len(self._count_dates(np.flatnonzero(self.live), "month"))
        return int(np.count_nonzero(np.diff(self.facets[name].value_start)))

    def sort_by_date(self, mask: np.ndarray, newest_first: bool, end: int) -> list[int]:
        """The first ``end`` documents by publication date; undated ones last either way.

        Documents of the same day come in id order, newest or oldest first alike.
        """
        docs = np.flatnonzero(mask)
        days = self.published[docs]
        dated = docs[days != NO_DATE]
        dated_days = days[days != NO_DATE]
        order = np.lexsort((self.rank[dated], -dated_days if newest_first else dated_days))
        ranked = dated[order[:end]].tolist()
        if len(ranked) < end:
            undated = docs[days == NO_DATE]
            undated = undated[np.argsort(self.rank[undated], kind="stable")]
            ranked += undated[: end - len(ranked)].tolist()
        return ranked

    def group_keys(self, name: str) -> np.ndarray:
        """Per document, its value id in single-valued facet ``name``: what results are
        collapsed on. A document without a value is a group of its own."""
        key = f"groups:{name}"
        groups: np.ndarray | None = self.cache.get(key)
        if groups is None:
            table = self.facets[name]
            width = len(table.vocab.values)
            groups = width + np.arange(self.size, dtype=np.int64)
            groups[table.pair_doc] = table.pair_value
            self.cache[key] = groups
        return groups

    def value_count(self, name: str, value: str) -> int:
        """How many documents have ``value`` in facet ``name``."""
        table = self.facets[name]
        value_id = table.vocab.ids.get(value)
        return 0 if value_id is None else int(table.value_start[value_id + 1]
                                              - table.value_start[value_id])

    def members(self, name: str, value: str) -> list[int]:
        """Documents with ``value`` in facet ``name``, earliest published first (undated
        last, ties in id order): a story's members in time order."""
        table = self.facets[name]
        value_id = table.vocab.ids.get(value)
        if value_id is None:
            return []
        docs = table.docs_with(value_id)
        days = self.published[docs]
        days = np.where(days == NO_DATE, np.iinfo(np.int64).max, days)
        return docs[np.lexsort((self.rank[docs], days))].tolist()

    def by_score(self, scored: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """Hits best first; equal scores in id order."""
        rank = self.rank
        return sorted(scored, key=lambda pair: (-pair[1], int(rank[pair[0]])))


def _event_pairs(reader: Any, fieldname: str | None,
                 live: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(document, day ordinal) for every live document and event date it reports."""
    docs: list[np.ndarray] = []
    days: list[np.ndarray] = []
    if fieldname is not None and fieldname in reader.schema:
        for raw in reader.lexicon(fieldname):
            text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            try:
                day = dt.date.fromisoformat(text).toordinal()
            except ValueError:
                continue
            ids = np.fromiter(reader.postings(fieldname, raw).all_ids(), dtype=np.int64)
            ids = ids[live[ids]]
            docs.append(ids)
            days.append(np.full(len(ids), day, dtype=np.int64))
    if not docs:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(docs), np.concatenate(days)


def fold(text: str) -> str:
    """Lower case without accents, so "zur" finds "Zürich" and "BREN" finds "Brennan"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
