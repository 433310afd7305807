"""Facet values of every document held in memory as arrays, for counting and filtering.

Whoosh's own facets walk Python objects per matching document and re-read columns on
every query. Reading the columns once per index version into lists of small integers
makes a facet count a tight loop over the matching document numbers.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newsfacet.schema.fields import FACETS, split_values

from .models import FacetValue
from .speaker_names import merge_names

#: A facet's column and whether it holds several values per document.
FacetColumn = tuple[str, bool]
DOCUMENT_FACETS: dict[str, FacetColumn] = {
    name: (facet.column, facet.multi_valued) for name, facet in FACETS.items() if name != "date"
}
#: Facets whose values are people's names, merged across documents.
MERGED_NAMES = ("speaker",)
NO_DATE = -1
_MICROSECONDS_PER_DAY = 86_400 * 10**6
_MAX_ORDINAL = dt.date.max.toordinal()


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
class FacetTable:
    """Per document number: its outlet, speakers, locations and publication day."""

    live: list[int]
    published: list[int]
    terms: dict[str, list[tuple[int, ...]]]
    vocab: dict[str, Vocabulary]
    postings: dict[str, dict[int, list[int]]]

    #: Per facet, the value each stored value is shown and filtered as (speaker names
    #: merged across documents); values absent from a mapping stand for themselves.
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def from_reader(cls, reader: Any, facets: dict[str, FacetColumn] | None = None,
                    date_column: str = "published",
                    aliases: dict[str, dict[str, str]] | None = None) -> FacetTable:
        """Read the facet columns of ``reader`` (the document facets by default).

        ``aliases`` reuses another table's name merging (the quote index takes the
        documents'), so both show the same speaker names.
        """
        facets = DOCUMENT_FACETS if facets is None else facets
        merged: dict[str, dict[str, str]] = {}
        size = reader.doc_count_all()
        live = list(reader.all_doc_ids())
        published = [NO_DATE] * size
        dates = reader.column_reader(date_column, translate=False)
        for docnum in live:
            published[docnum] = _day_ordinal(dates[docnum])
        terms: dict[str, list[tuple[int, ...]]] = {}
        vocab: dict[str, Vocabulary] = {}
        postings: dict[str, dict[int, list[int]]] = {}
        for name, (column_name, multi_valued) in facets.items():
            words = vocab[name] = Vocabulary()
            column = reader.column_reader(column_name)
            stored: dict[int, list[str]] = {}
            for docnum in live:
                raw = column[docnum]
                stored[docnum] = split_values(raw) if multi_valued else ([raw] if raw else [])
            mapping = (aliases or {}).get(name)
            if mapping is None and name in MERGED_NAMES:
                mapping = merge_names(Counter(v for values in stored.values() for v in values))
            if mapping is not None:
                merged[name] = mapping
            per_doc: list[tuple[int, ...]] = [()] * size
            index: dict[int, list[int]] = {}
            for docnum, values in stored.items():
                shown = [mapping.get(v, v) for v in values] if mapping else values
                ids = tuple(dict.fromkeys(words.id_of(v) for v in shown))
                per_doc[docnum] = ids
                for value_id in ids:
                    index.setdefault(value_id, []).append(docnum)
            terms[name] = per_doc
            postings[name] = index
        return cls(live=live, published=published, terms=terms, vocab=vocab, postings=postings,
                   aliases=merged)

    def shown(self, name: str, value: str) -> str:
        """The value facet ``name`` shows for a stored ``value``."""
        return self.aliases.get(name, {}).get(value, value)

    def matching(self, name: str, values: Iterable[str]) -> set[int]:
        """Documents having any of ``values`` in facet ``name``."""
        words = self.vocab[name]
        docs: set[int] = set()
        for value in values:
            value_id = words.ids.get(self.shown(name, value))
            if value_id is not None:
                docs.update(self.postings[name][value_id])
        return docs

    def in_date_range(self, docs: Iterable[int], start: dt.date | None,
                      end: dt.date | None) -> set[int]:
        """Documents published within ``[start, end]``; undated ones never match a range."""
        low = start.toordinal() if start else 0
        high = end.toordinal() if end else 10**9
        published = self.published
        return {d for d in docs if published[d] != NO_DATE and low <= published[d] <= high}

    def count(self, name: str, docs: Iterable[int], size: int) -> list[FacetValue]:
        """The ``size`` most frequent values of facet ``name`` among ``docs``."""
        if name == "date":
            return self._count_months(docs)
        per_doc = self.terms[name]
        counts: Counter[int] = Counter()
        for docnum in docs:
            counts.update(per_doc[docnum])
        words = self.vocab[name].values
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], words[kv[0]]))[:size]
        return [FacetValue(words[value_id], n) for value_id, n in ranked]

    def _count_months(self, docs: Iterable[int]) -> list[FacetValue]:
        """Publication dates bucketed per month, in calendar order."""
        counts: Counter[int] = Counter(self.published[d] for d in docs)
        months: Counter[str] = Counter()
        for ordinal, n in counts.items():
            if ordinal != NO_DATE:
                months[dt.date.fromordinal(ordinal).strftime("%Y-%m")] += n
        return [FacetValue(month, n) for month, n in sorted(months.items())]

    def sort_by_date(self, docs: Iterable[int], newest_first: bool) -> list[int]:
        """Documents by publication date; undated ones last either way."""
        published = self.published
        dated = [d for d in docs if published[d] != NO_DATE]
        undated = sorted(d for d in docs if published[d] == NO_DATE)
        dated.sort(key=lambda d: (published[d], -d if newest_first else d), reverse=newest_first)
        return dated + undated
