"""Which documents a search returns over Xapian: match, filter, count facets, one page.

The same rules as the Whoosh backend's :mod:`newsfacet.api.engine.selection`: facets
are multi-select (a facet is counted with every filter but its own, Elasticsearch's
``post_filter``), the date range narrows the histogram, equal scores and equal dates
are ordered by id, undated documents come last, and ``collapse=story`` keeps each
story's best document. Every count asks for every match (``checkatleast``), so totals
and facet counts are exact, on one database and on shards alike.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import xapian

from newsfacet.indexer.speakers import merge_names

from ..engine.ranking import WEIGHTING
from ..models import Cursor, FacetValue
from ..query_limits import Budget
from . import layout

#: BM25 as the Whoosh backend ranks (``ranking.WEIGHTING``): k1 and b of bodies.
K1 = float(WEIGHTING.K1)
B = float(WEIGHTING.B)


def bm25() -> Any:
    """Xapian's BM25 with our k1 and b; no k2 term, no minimum length (as Whoosh)."""
    return xapian.BM25Weight(K1, 0.0, 1.0, B, 0.0)


@dataclass
class IndexFacts:
    """What a request needs to know of the whole index, read once per index version:
    speaker names merged as the facet shows them, and how many slots each
    multi-valued facet uses."""

    key: tuple[int, ...]
    aliases: dict[str, str]
    speakers: list[str]
    slots: dict[str, int]
    newest: dt.date | None
    _by_shown: dict[str, list[str]] = field(default_factory=dict)

    def shown(self, value: str) -> str:
        return self.aliases.get(value, value)

    def stored_speakers(self, values: tuple[str, ...] | list[str]) -> list[str]:
        """Every stored speaker name the facet shows as one of ``values``."""
        if not self._by_shown:
            for name in self.speakers:
                self._by_shown.setdefault(self.shown(name), []).append(name)
        found: list[str] = []
        for value in values:
            found += self._by_shown.get(self.shown(value), [value])
        return list(dict.fromkeys(found))


def version_key(db: Any) -> tuple[int, ...]:
    """Changes whenever a write commits (documents, ids or total length change)."""
    return (int(db.get_doccount()), int(db.get_lastdocid()), int(db.get_total_length()))


def read_facts(db: Any) -> IndexFacts:
    counts: Counter[str] = Counter()
    for item in db.allterms(layout.SPEAKER):
        counts[item.term.decode("utf-8")[len(layout.SPEAKER):]] += int(item.termfreq)
    slots = {name: used_slots(db, base) for name, base in layout.MULTI_BASE.items()}
    newest = None
    enquire = xapian.Enquire(db)
    enquire.set_query(xapian.Query(xapian.Query.OP_VALUE_GE, layout.SLOT_PUBLISHED, "0"))
    enquire.set_weighting_scheme(xapian.BoolWeight())
    enquire.set_sort_by_value(layout.SLOT_DATE_DESC, False)
    for match in enquire.get_mset(0, 1):
        newest = dt.date.fromisoformat(match.document.get_value(layout.SLOT_PUBLISHED).decode())
    return IndexFacts(version_key(db), merge_names(counts), sorted(counts), slots, newest)


def used_slots(db: Any, base: int) -> int:
    """How many positions of a multi-valued facet any document fills (position i is
    filled only when i - 1 is: a binary search on the slots' value counts)."""
    low, high = 0, layout.MAX_VALUES
    while low < high:
        middle = (low + high) // 2
        if db.get_value_freq(base + middle) > 0:
            low = middle + 1
        else:
            high = middle
    return low


def any_of(terms: list[str]) -> Any:
    if not terms:
        return xapian.Query.MatchNothing
    return xapian.Query(xapian.Query.OP_OR, [xapian.Query(t) for t in terms])


def facet_filter(facts: IndexFacts, name: str, values: tuple[str, ...]) -> Any:
    """Documents with any of ``values`` in facet ``name`` (speakers as merged)."""
    if name == "speaker":
        values = tuple(facts.stored_speakers(values))
    return any_of([layout.term(layout.FACET_PREFIX[name], v) for v in values])


def date_filter(db: Any, start: dt.date | None, end: dt.date | None, event: bool) -> Any:
    """Published (or any reported event) within ``[start, end]``; undated never match."""
    low = start.isoformat() if start else "0000-00-00"
    high = end.isoformat() if end else "9999-99-99"
    if not event:
        return xapian.Query(xapian.Query.OP_VALUE_RANGE, layout.SLOT_PUBLISHED, low, high)
    days = [item.term.decode() for item in db.allterms(layout.EVENT)]
    return any_of([d for d in days if low <= d[len(layout.EVENT):] <= high])


def filtered(q: Any, *filters: Any) -> Any:
    for f in filters:
        q = xapian.Query(xapian.Query.OP_FILTER, q, f)
    return q


def count_facets(db: Any, facts: IndexFacts, q: Any, names: list[str], size: int,
                 interval: str, single: dict[str, int] | None = None
                 ) -> dict[str, list[FacetValue]]:
    """Counts of facets ``names`` over every match of ``q``: one pass, one value-count
    spy per slot (a multi-valued facet's positions summed)."""
    if not names:
        return {}
    single = layout.SINGLE_SLOT if single is None else single
    enquire = xapian.Enquire(db)
    enquire.set_query(q)
    enquire.set_weighting_scheme(xapian.BoolWeight())
    spies: dict[str, list[Any]] = {}
    for name in names:
        if name == "date":
            slots = [layout.SLOT_PUBLISHED]
        elif name in single:
            slots = [single[name]]
        else:
            base = layout.MULTI_BASE[name]
            slots = [base + i for i in range(facts.slots.get(name, 0))]
        spies[name] = [xapian.ValueCountMatchSpy(slot) for slot in slots]
        for spy in spies[name]:
            enquire.add_matchspy(spy)
    enquire.get_mset(0, 0, db.get_doccount())
    counted: dict[str, list[FacetValue]] = {}
    for name, found in spies.items():
        counts: Counter[str] = Counter()
        for spy in found:
            for item in spy.values():
                value = item.term.decode("utf-8")
                counts[facts.shown(value) if name == "speaker" else value] += item.termfreq
        if name == "date":
            counted[name] = date_histogram(counts, interval)
        else:
            ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:size]
            counted[name] = [FacetValue(value, n) for value, n in ranked]
    return counted


def bucket(day: str, interval: str) -> str:
    """The label of the ``interval`` bucket of an ISO day (weeks by their Monday)."""
    if interval == "day":
        return day
    if interval == "month":
        return day[:7]
    if interval == "year":
        return day[:4]
    date = dt.date.fromisoformat(day)
    return (date - dt.timedelta(days=date.weekday())).isoformat()


def date_histogram(days: Counter[str], interval: str) -> list[FacetValue]:
    buckets: Counter[str] = Counter()
    for day, n in days.items():
        buckets[bucket(day, interval)] += n
    return [FacetValue(label, n) for label, n in sorted(buckets.items())]


@dataclass
class Ranked:
    """Matches in their order: (Xapian document, score or None)."""

    matches: list[tuple[Any, float | None]]
    total: int


def enquire_for(db: Any, q: Any, by_relevance: bool, sort: str,
                collapse: bool = False) -> Any:
    enquire = xapian.Enquire(db)
    enquire.set_query(q)
    if by_relevance:
        enquire.set_weighting_scheme(bm25())
        enquire.set_sort_by_relevance_then_value(layout.SLOT_ID, False)
    else:
        enquire.set_weighting_scheme(xapian.BoolWeight())
        slot = layout.SLOT_DATE_ASC if sort == "date:asc" else layout.SLOT_DATE_DESC
        enquire.set_sort_by_value(slot, False)
    if collapse:
        enquire.set_collapse_key(layout.SLOT_STORY)
    return enquire


def ranked(db: Any, q: Any, by_relevance: bool, sort: str, start: int, size: int,
           collapse: bool = False, budget: Budget | None = None) -> Ranked:
    """Matches ``start`` to ``start + size`` in order, and how many match (stories, if
    collapsed: exact when shards are split by story, as the indexer routes them)."""
    enquire = enquire_for(db, q, by_relevance, sort, collapse)
    mset = enquire.get_mset(start, size, db.get_doccount())
    if budget is not None:
        budget.check()
    matches = [(m.document, float(m.weight) if by_relevance else None) for m in mset]
    return Ranked(matches, int(mset.get_matches_estimated()))


def recency_ranked(db: Any, q: Any, facts: IndexFacts, half_life: float, start: int,
                   size: int, collapse: bool) -> Ranked:
    """Every match scored, each score times 0.5 per ``half_life`` days of age (from the
    newest document), then ordered: Xapian cannot multiply scores itself over the
    network, so this ranks on the client."""
    enquire = enquire_for(db, q, True, "relevance")
    mset = enquire.get_mset(0, db.get_doccount(), db.get_doccount())
    scored = []
    for m in mset:
        doc = m.document
        day = doc.get_value(layout.SLOT_PUBLISHED).decode()
        factor = 1.0
        if day and facts.newest is not None:
            age = (facts.newest - dt.date.fromisoformat(day)).days
            factor = 0.5 ** (age / half_life)
        scored.append((doc, float(m.weight) * factor, doc.get_value(layout.SLOT_ID).decode(),
                       doc.get_value(layout.SLOT_STORY).decode()))
    scored.sort(key=lambda item: (-item[1], item[2]))
    if collapse:
        seen: set[str] = set()
        kept = []
        for item in scored:
            if item[3] and item[3] in seen:
                continue
            seen.add(item[3])
            kept.append(item)
        scored = kept
    return Ranked([(d, s) for d, s, *_ in scored[start:start + size]], len(scored))


def after_cursor(db: Any, q: Any, by_relevance: bool, sort: str, cursor: Cursor,
                 size: int) -> tuple[list[tuple[Any, float | None]], bool]:
    """The ``size`` matches strictly after ``cursor``, and whether more follow.

    Dates: a range on the sort key, which holds (day, id). Relevance: (score, id) after
    the cursor document's current score when it still matches (scores move a little as
    documents are added), found by reading the ranking until the cursor is passed.
    """
    if not by_relevance:
        desc, asc = layout.date_keys(cursor.id, cursor.day.isoformat() if cursor.day
                                     else None)
        slot, key = ((layout.SLOT_DATE_ASC, asc) if sort == "date:asc"
                     else (layout.SLOT_DATE_DESC, desc))
        later = filtered(q, xapian.Query(xapian.Query.OP_VALUE_GE, slot, key + "\x00"))
        page = ranked(db, later, False, sort, 0, size)
        return page.matches, page.total > size
    anchor = ranked(db, filtered(q, xapian.Query(layout.term(layout.ID, cursor.id))),
                    True, sort, 0, 1)
    bound = anchor.matches[0][1] if anchor.matches else cursor.score
    assert bound is not None
    window = max(4 * size, 100)
    while True:
        page = ranked(db, q, True, sort, 0, window)
        after: list[tuple[Any, float | None]] = []
        for doc, score in page.matches:
            assert score is not None
            doc_id = doc.get_value(layout.SLOT_ID).decode()
            if score < bound or (score == bound and doc_id > cursor.id):
                after.append((doc, score))
        if len(after) > size or window >= page.total:
            return after[:size], len(after) > size
        window *= 4
