"""The query cost governor: a parsed query rewritten to one of bounded work.

The limits are policy and live in ``api/query_limits.py``; this is the mechanism.
Expansions (prefixes, wildcards, fuzzy words, ranges) are capped and counted here,
clauses and postings checked, and the time budget enforced while Whoosh walks its
matchers (:class:`BudgetCollector`, :func:`matching_docs`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
from whoosh import collectors
from whoosh import query as wq
from whoosh.reading import TermNotFound

from newsfacet.schema.errors import QueryTooCostly

from ..query_limits import (
    CLAUSE_POSTING_COST,
    MAX_CLAUSES,
    MAX_EXPANSIONS,
    MAX_POSTINGS,
    PHRASE_POSTING_COST,
    Budget,
)
from .lexicon import Lexicon
from .posting_scan import CHECK_EVERY, DocumentSet, field_terms
from .view import View


class Governor:
    """Rewrites a parsed query into one of bounded cost (the limits are in
    ``api/query_limits.py``).

    - A prefix, wildcard, fuzzy word or range becomes an OR of at most
      :data:`MAX_EXPANSIONS` indexed words (the most frequent; fuzzy: the nearest, then
      the most frequent), found in the field's in-memory :class:`Lexicon`. Below the
      cap the words are the ones Whoosh would have expanded to, in the same order, so
      scores do not change; and the posting scanner can read the OR.
    - ``*`` (``Every``) becomes the set of documents that have the field, from field
      lengths or the facet table, instead of a read of every posting of the field.
    - More than :data:`MAX_CLAUSES` distinct (field, word) clauses is a QueryTooCostly.

    What it let through is recorded on the budget (``clauses``, ``widest_expansion``),
    so tests can assert the work was bounded.
    """

    def __init__(self, view: View, budget: Budget) -> None:
        self.view = view
        self.reader = view.searcher.reader()
        self.budget = budget
        self.clauses: set[tuple[str, Any]] = set()
        #: Postings the query reads: each word's document frequency, once (the scanner
        #: reads a word once per query), and :data:`PHRASE_POSTING_COST` times more for
        #: each phrase it is in (its positions are read for each), plus
        #: :data:`CLAUSE_POSTING_COST` per distinct (field, word).
        self.postings = 0
        self._read: set[tuple[str, Any]] = set()

    def __call__(self, q: Any) -> Any:
        governed = self._rewrite(q)
        self.budget.clauses = max(self.budget.clauses, len(self.clauses))
        return governed

    @property
    def over_postings(self) -> bool:
        """Whether the query reads more postings than :data:`MAX_POSTINGS` allows."""
        return self.postings > MAX_POSTINGS

    def _rewrite(self, q: Any) -> Any:
        self.budget.check()
        kind = type(q)
        if kind is wq.Term:
            self._add(q.fieldname, q.text)
            return q
        if kind is wq.Phrase:
            for word in q.words:
                self._add(q.fieldname, word, weight=PHRASE_POSTING_COST)
            return q
        if kind is DocumentSet:
            return q
        if kind is wq.Every:
            return self._every(q)
        if kind in (wq.FuzzyTerm, wq.Prefix, wq.Wildcard, wq.TermRange):
            return self._expand(q)
        if isinstance(q, wq.MultiTerm):  # no other kind comes from our parser
            raise QueryTooCostly(f"{q} cannot be expanded within the query limits")
        if q.is_leaf():
            return q
        return q.apply(self._rewrite)

    def _add(self, fieldname: str, text: Any, frequency: int | None = None,
             weight: int = 1) -> None:
        if weight == 1:
            if (fieldname, text) in self._read:
                return  # the scanner reads a word once, however often the query names it
            self._read.add((fieldname, text))
        if frequency is None:
            frequency = (self.reader.doc_frequency(fieldname, text)
                         if fieldname in self.reader.schema else 0)
        self.postings += weight * int(frequency)
        if (fieldname, text) not in self.clauses:
            self.postings += CLAUSE_POSTING_COST
            self.clauses.add((fieldname, text))
        if len(self.clauses) > MAX_CLAUSES:
            raise QueryTooCostly(
                f"the query reads more than {MAX_CLAUSES} words once its wildcards and "
                "fuzzy words are expanded (MAX_CLAUSES); use fewer words, wildcards or "
                "fuzzy words")

    def _expand(self, q: Any) -> Any:
        """An OR of the words ``q`` expands to, at most :data:`MAX_EXPANSIONS` of them:
        the nearest (fuzzy), then the most frequent, then the first in index order;
        listed in index order, as Whoosh ORs them."""
        fieldname = q.fieldname
        if fieldname not in self.reader.schema:
            return wq.NullQuery
        lexicon = lexicon_of(self.view, fieldname)
        distances: np.ndarray | None = None
        if type(q) is wq.FuzzyTerm:
            positions, distances = lexicon.within(_text(q.text), q.maxdist, q.prefixlength)
        elif type(q) is wq.Wildcard:
            positions = lexicon.matching(_text(q.text))
        elif type(q) is wq.Prefix:
            span = lexicon.prefixed(_text(q.text))
            positions = np.arange(span.start, span.stop, dtype=np.int64)
        else:
            span = lexicon.in_range(_bound(q.start), _bound(q.end), q.startexcl, q.endexcl)
            positions = np.arange(span.start, span.stop, dtype=np.int64)
        if len(positions) > MAX_EXPANSIONS:
            keys = (positions, -lexicon.frequencies[positions])
            order = np.lexsort(keys if distances is None else (*keys, distances))
            positions = np.sort(positions[order[:MAX_EXPANSIONS]])
        self.budget.widest_expansion = max(self.budget.widest_expansion, len(positions))
        terms = []
        for i in positions.tolist():
            word = lexicon.words[i]
            self._add(fieldname, word, int(lexicon.frequencies[i]))
            terms.append(wq.Term(fieldname, word, boost=q.boost))
        if not terms:
            return wq.NullQuery
        return terms[0] if len(terms) == 1 else wq.Or(terms)

    # -- every document ---------------------------------------------------------------

    def _every(self, q: Any) -> Any:
        """``field:*`` as the documents that have the field; ``*:*`` as all of them."""
        view = self.view
        table = view.table
        fieldname = q.fieldname
        if fieldname is None:
            mask = table.live.copy()
        elif fieldname in view.scanner.fields:
            mask = np.zeros(table.size, dtype=bool)
            for segment in view.scanner.segments:
                mask[segment.offset:segment.offset + segment.size] = \
                    segment.lengths(fieldname) > 0
        elif fieldname in table.facets:
            mask = np.diff(table.facets[fieldname].doc_start) > 0
        else:
            return q
        offsets = {id(sub.reader()): offset for sub, offset in view.searcher.leaf_searchers()}
        return DocumentSet(mask & table.live, offsets, boost=q.boost,
                           label=f"{fieldname or '*'}:*")


def govern(q: Any, view: View) -> Any:
    """``q`` rewritten to a bounded cost (see :class:`Governor`), within the view's
    budget; QueryTooCostly past a limit."""
    governor = Governor(view, view.spend())
    governed = governor(q)
    check_postings(governor.postings, view.spend())
    return governed


def check_postings(postings: int, budget: Budget) -> None:
    """Record the postings a query reads; QueryTooCostly past :data:`MAX_POSTINGS`."""
    budget.postings = max(budget.postings, postings)
    if postings > MAX_POSTINGS:
        raise QueryTooCostly(
            f"the query would read {postings:,} postings (documents per word, summed over "
            f"its words once expanded, and {CLAUSE_POSTING_COST:,} more per word), more "
            f"than {MAX_POSTINGS:,} (MAX_POSTINGS); use longer prefixes, rarer words or "
            "fewer of them, or AND instead of OR")


def lexicon_of(view: View, fieldname: str) -> Lexicon:
    """The vocabulary of ``fieldname``, read from every segment once per index version.

    Each segment's term file is read in one pass (:func:`field_terms`; a merge across
    segments, as Whoosh's reader does, costs 6 times more); the deadline is checked
    between segments, and a read cut short by it is thrown away, not cached.
    """
    key = f"lexicon:{fieldname}"
    found: Lexicon | None = view.table.cache.get(key)
    if found is None:
        budget = view.spend()
        parts = []
        for sub, _ in view.searcher.leaf_searchers():
            reader = sub.reader()
            if fieldname not in reader.schema:
                continue
            budget.check()
            decode = reader.schema[fieldname].from_bytes
            parts.append([(decode(btext), df) for btext, df in field_terms(reader, fieldname)])
        found = view.table.cache[key] = Lexicon.merge(parts)
    return found


def _text(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _bound(value: Any) -> str | None:
    return None if value is None else _text(value)


class BudgetCollector(collectors.WrappingCollector):  # type: ignore[misc]
    """Checks the request's deadline while Whoosh walks its matcher.

    Why not Whoosh's TimeLimitCollector: it stops the walk with SIGALRM, which only
    the main thread can receive, or a timer thread per search.
    """

    def __init__(self, child: Any, budget: Budget) -> None:
        super().__init__(child)
        self.budget = budget

    def set_subsearcher(self, subsearcher: Any, offset: int) -> None:
        self.budget.check()
        super().set_subsearcher(subsearcher, offset)

    def collect_matches(self) -> None:
        child, check = self.child, self.budget.check
        for n, sub_docnum in enumerate(child.matches(), start=1):
            if not n % CHECK_EVERY:
                check()
            child.collect(sub_docnum)


def matching_docs(searcher: Any, q: Any, budget: Budget) -> Iterator[int]:
    """``Searcher.docs_for_query``, checking the deadline as it walks."""
    for sub, offset in searcher.leaf_searchers():
        budget.check()
        try:
            ids = q.matcher(sub, sub.boolean_context()).all_ids()
        except TermNotFound:
            continue
        for n, docnum in enumerate(ids, start=1):
            if not n % CHECK_EVERY:
                budget.check()
            yield docnum + offset
