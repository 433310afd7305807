"""The search backend on a local Whoosh index: ranking, filters, facets and snippets.

The only module of the API that imports Whoosh. It keeps one searcher open and reuses
it until the index changes (a commit or a generation switch), and keeps the facet
table of that searcher, so a query pays for its own matches only.
"""

from __future__ import annotations

import copy
import html
import itertools
import json
import logging
import math
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from whoosh import collectors, highlight, qparser, scoring, spelling
from whoosh import query as wq
from whoosh.qparser import syntax
from whoosh.reading import TermNotFound

from newsfacet.indexer.store import IndexStore
from newsfacet.schema.columns import read_column
from newsfacet.schema.document import Extraction
from newsfacet.schema.errors import (
    DocumentNotFound,
    InvalidQuery,
    NewsfacetError,
    QueryTooCostly,
    StoryNotFound,
)
from newsfacet.schema.fields import document_version, normal_word, text_analyzer

from ..models import (
    MAX_STORY_MEMBERS,
    BaseRequest,
    Cursor,
    FacetValue,
    Hit,
    QuoteHit,
    QuoteRequest,
    QuoteResults,
    QuoteSource,
    SearchRequest,
    SearchResults,
    StoredDocument,
    Story,
    StoryDocument,
    StoryMember,
)
from ..params import encode_cursor
from ..query_limits import (
    CLAUSE_POSTING_COST,
    EXACT_SCORE_CLAUSES,
    MAX_CLAUSES,
    MAX_EXPANSIONS,
    MAX_POSTINGS,
    PHRASE_POSTING_COST,
    Budget,
    check_slop,
    check_wildcard,
    fuzzy_edits,
    unlimited,
)
from ..story_diff import compare
from .facet_table import DOCUMENT_FACETS, NO_DATE, FacetColumn, FacetTable, fold
from .highlight import snippets
from .lexicon import Lexicon
from .posting_scan import CHECK_EVERY, DocumentSet, PostingScanner, field_terms

log = logging.getLogger(__name__)

#: Fields a bare query word searches; the title's boost lives in the schema.
SEARCH_FIELDS = ("title", "body")
#: The quote index's one text field.
QUOTE_FIELDS = ("text",)
#: Facets of the quote index: who said it and where it was published.
QUOTE_FACETS: dict[str, FacetColumn] = {"speaker": ("speaker", False), "outlet": ("outlet", False)}
#: Facet fields a query can name (``speaker:"Joris Vermeulen"``): whole values, matched
#: as the facet filters match them (merged speaker names, case and accents ignored).
FACET_QUERY_FIELDS = ("outlet", "speaker", "location")
#: Fields a query may name, per index: the ones people search. The schema's others hold
#: internal data (ids, content hashes, source paths on the server, the extraction's
#: JSON) and naming them is an InvalidQuery, as is naming a field that does not exist.
QUERYABLE_FIELDS: dict[tuple[str, ...], tuple[str, ...]] = {
    SEARCH_FIELDS: (*SEARCH_FIELDS, *FACET_QUERY_FIELDS),
    QUOTE_FIELDS: (*QUOTE_FIELDS, *QUOTE_FACETS),
}
#: Queries that mean "every document", as in Elasticsearch's ``query_string``: answered
#: as an empty query (newest first), without reading a posting.
MATCH_ALL = frozenset({"*", "*:*"})


class NewsBM25F(scoring.BM25F):  # type: ignore[misc]
    """BM25F with the Robertson-Sparck Jones IDF, ``log(1 + (N - n + .5) / (n + .5))``.

    Why: Whoosh's own IDF is ``log(N / (n + 1)) + 1``, whose "+ 1" gives the commonest
    words a weight near the rarest ones'; long natural-language queries then rank by
    their filler words. The posting scanner reads IDF through the searcher, so it
    scores with this too.
    """

    def idf(self, searcher: Any, fieldname: str, text: str) -> float:
        parent = searcher.get_parent()
        n = parent.doc_frequency(fieldname, text)
        total = parent.doc_count_all()
        return math.log(1 + (total - n + 0.5) / (n + 0.5))


#: BM25F as measured on TIME, CISI and Cranfield (evaluation/ranking.py, one setting for
#: all three): k1 1.8 and b 0.85 for bodies, less length normalisation for short titles.
WEIGHTING = NewsBM25F(B=0.85, K1=1.8, title_B=0.5)
#: Query-time weight of title matches. Titles are indexed with a boost of 2 (a word in
#: the headline counts twice, then saturates); scoring their matches at half weight on
#: top of that measured best on CISI and Cranfield, whose titles restate the abstract.
TITLE_QUERY_WEIGHT = 0.5
#: Below this many results, a search looks for a spelling correction that finds more.
SUGGEST_BELOW = 3
#: Corrections keep the first letters of the typed word: Whoosh finds candidates by
#: measuring the distance to every word sharing the prefix, and with no prefix that was
#: 720,000 comparisons and 10 s on 83k articles (Elasticsearch's suggester keeps 1).
SUGGEST_PREFIX = 2
#: Weight of a neighbouring pair of query words found near each other (``operator=or``),
#: and how near: within this many positions. evaluation/ranking.py chose them.
PROXIMITY_BOOST = 0.1
PROXIMITY_SLOP = 3
#: How many key terms of a document make its more-like-this query (body, then title).
SIMILAR_TERMS = {"body": 15, "title": 5}


class _ClosestFirst(spelling.Corrector):  # type: ignore[misc]
    """Suggests indexed words nearest first, then most frequent.

    Why: whoosh3's ReaderCorrector ranks every word within ``maxdist`` by frequency
    alone, so "strke" became the common "state" (2 edits) over "strike" (1 edit).
    """

    def __init__(self, reader: Any, fieldname: str) -> None:
        self.reader = reader
        self.fieldname = fieldname

    def _suggestions(self, text: str, maxdist: int, prefix: int) -> Iterator[tuple[float, str]]:
        seen: set[str] = set()
        for distance in range(1, maxdist + 1):
            for word in self.reader.terms_within(self.fieldname, text, distance, prefix=prefix):
                if word not in seen:
                    seen.add(word)
                    frequency = self.reader.frequency(self.fieldname, word) or 1
                    yield -(distance + 0.5 / frequency), word


class _StemAwareFuzzy(qparser.FuzzyTermPlugin):  # type: ignore[misc]
    """``word~`` matches within edit distance of the stem *and* of the word as typed.

    Why: title and body hold Porter stems, and the query word is stemmed before the
    edit distance is measured; a misspelling can stem differently from the word it
    misspells. Trying both the stem and the plain (lower-cased, accent-free) word
    finds what either finds.

    The edits are capped (``query_limits.fuzzy_edits``): more than two is a
    QueryTooCostly, and a short word gets fewer, as Elasticsearch's ``AUTO`` gives them.
    """

    class FuzzyTermNode(qparser.FuzzyTermPlugin.FuzzyTermNode):  # type: ignore[misc]
        def query(self, parser: Any) -> Any:
            edits = fuzzy_edits(self.maxdist, self.text)
            q = super().query(parser)
            if not isinstance(q, wq.FuzzyTerm):
                return q
            if edits == 0:
                return wq.Term(q.fieldname, q.text, boost=q.boost)
            q.maxdist = edits
            plain = fold(self.text)
            if plain == q.text:
                return q
            return wq.Or([q, wq.FuzzyTerm(q.fieldname, plain, boost=q.boost,
                                          maxdist=q.maxdist, prefixlength=q.prefixlength)])


def _count_repeats(q: Any) -> Any:
    """A word the query repeats counts that many times (its boost), as BM25's query term
    frequency has it.

    Why: Whoosh's normalisation drops repeated subqueries, so "titles" said three times
    in a long question weighed as much as any word said once. On CISI's long queries
    that cost 0.06 of nDCG@10 (evaluation/ranking.py).
    """
    if type(q) not in (wq.Or, wq.And) or len(q.subqueries) < 2:
        return q
    counts: Counter[Any] = Counter(q.subqueries)
    if len(counts) == len(q.subqueries):
        return q
    merged = []
    for sub, n in counts.items():
        if n > 1:
            sub = copy.copy(sub)
            sub.boost *= n
        merged.append(sub)
    return type(q)(merged, boost=q.boost)


def _check_balanced(text: str) -> None:
    """Whoosh silently repairs broken syntax; we tell the user instead."""
    if text.count('"') % 2:
        raise InvalidQuery(f"unbalanced quote in query: {text!r}")
    depth = 0
    for char in re.sub(r'"[^"]*"', "", text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0:
        raise InvalidQuery(f"unbalanced parenthesis in query: {text!r}")


class _QueryableFields(qparser.FieldsPlugin):  # type: ignore[misc]
    """``field:value`` for the fields people search only; any other name is refused.

    Why: Whoosh searches every indexed field, internal ones included (``source:/tmp*``
    was a prefix oracle over server paths), and turns a name that is no field into
    words (``nofield:strike`` searched "nofield" and "strike"). A name counts as one
    only when a value follows it directly: "Update: strike" and "10:30" stay words.
    """

    def __init__(self, allowed: tuple[str, ...]) -> None:
        super().__init__()
        self.allowed = allowed

    def do_fieldnames(self, parser: Any, group: Any) -> Any:
        nodes = list(group)
        for node, following in pairwise(nodes):
            name = str(getattr(node, "fieldname", ""))
            if isinstance(node, syntax.FieldnameNode) and not following.is_ws() \
                    and name not in self.allowed and name != "*" and not name.isdigit():
                raise InvalidQuery(f"field {name!r} cannot be searched; a query may name "
                                   f"{', '.join(self.allowed)}")
        return super().do_fieldnames(parser, group)


def _check_costs(text: str, q: Any) -> None:
    """Refuse what no expansion cap can bound: a leading wildcard, a slop past the cap.

    Runs on the parsed query, before stop-word gaps widen a phrase's slop (that slop
    comes from the phrase itself, not from the caller).
    """
    for leaf in q.leaves() if not q.is_leaf() else [q]:
        kind = type(leaf)
        if kind is wq.Wildcard:
            check_wildcard(leaf.text)
        elif kind is wq.Prefix:
            check_wildcard(f"{leaf.text}*")
        elif kind is wq.Phrase:
            ranges = [r for r in leaf.char_ranges or [] if r[0] is not None]
            shown = text[ranges[0][0]:ranges[-1][1]] if ranges else " ".join(leaf.words)
            check_slop(leaf.slop, f'"{shown}"')


class _View(NamedTuple):
    """What one request reads: a searcher, its facet table and its posting scanner, and
    the request's budget (None outside a request: no deadline)."""

    searcher: Any
    table: FacetTable
    scanner: PostingScanner
    budget: Budget | None = None

    def spend(self) -> Budget:
        """The request's budget, or an unlimited one."""
        return self.budget if self.budget is not None else unlimited()


class _Governor:
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

    def __init__(self, view: _View, budget: Budget) -> None:
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
        lexicon = _lexicon(self.view, fieldname)
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


def _check_postings(postings: int, budget: Budget) -> None:
    """Record the postings a query reads; QueryTooCostly past :data:`MAX_POSTINGS`."""
    budget.postings = max(budget.postings, postings)
    if postings > MAX_POSTINGS:
        raise QueryTooCostly(
            f"the query would read {postings:,} postings (documents per word, summed over "
            f"its words once expanded, and {CLAUSE_POSTING_COST:,} more per word), more "
            f"than {MAX_POSTINGS:,} (MAX_POSTINGS); use longer prefixes, rarer words or "
            "fewer of them, or AND instead of OR")


def _text(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _bound(value: Any) -> str | None:
    return None if value is None else _text(value)


def _lexicon(view: _View, fieldname: str) -> Lexicon:
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


class _OpenIndex:
    """One Whoosh index of the live generation, its searcher and its facet table.

    Reopened when the generation switches or a commit lands; the facet table is
    rebuilt with it, so readers see a write once it commits, without a restart.
    """

    def __init__(self, opener: Callable[[Path], Any], facets: dict[str, FacetColumn],
                 fields: tuple[str, ...], key_column: str | None,
                 event_field: str | None = None,
                 hold: Callable[[Path], Any] | None = None) -> None:
        self._opener = opener
        #: Takes a generation's reader lock (a rebuild leaves a held generation on disk).
        self._hold = hold
        self._holds: dict[int, Any] = {}
        self._facets = facets
        self._key_column = key_column
        self._event_field = event_field
        self._fields = fields
        self._aliases: dict[str, dict[str, str]] | None = None
        self._generation: Path | None = None
        self._ix: Any = None
        self.searcher: Any = None
        self.table: FacetTable | None = None
        self.scanner: PostingScanner | None = None
        #: Requests reading each open searcher, and replaced searchers still being read.
        self._leases: dict[int, int] = {}
        self._retired: dict[int, Any] = {}

    def refresh(self, gen: Path, aliases: dict[str, dict[str, str]] | None = None,
                versions: frozenset[str] | None = None) -> _View:
        """Reopen if the index changed; ``aliases`` are the documents' merged names and
        ``versions`` their live versions (both change with the documents' table): quotes
        of any other version are left out.

        A replaced searcher is closed once no request holds a lease on it.
        """
        if aliases is not None and aliases is not self._aliases:
            self._aliases, self.table = aliases, None
        if gen != self._generation:
            self._open(gen)
            self._generation, self.table = gen, None
        elif not self.searcher.up_to_date():
            # Searcher.refresh() can keep serving a segment's old deletions; reopen,
            # through the opener, which checks the new version's files
            self._open(gen)
            self.table = None
        if self.table is None:
            self.table = FacetTable.from_reader(self.searcher.reader(), self._facets,
                                                aliases=self._aliases,
                                                key_column=self._key_column,
                                                event_field=self._event_field)
            if versions is not None:
                _keep_versions(self.searcher.reader(), self.table.live, versions)
            self.scanner = PostingScanner(self.searcher, self.table.live, self._fields)
        assert self.scanner is not None
        return _View(self.searcher, self.table, self.scanner)

    def _open(self, gen: Path) -> None:
        """Open the latest version of ``gen`` and make it the searcher new requests read."""
        held = self._hold(gen) if self._hold else None  # before anything is read
        try:
            ix = self._opener(gen)
            searcher = ix.searcher(weighting=WEIGHTING)
        except BaseException:
            if held is not None:
                held.close()
            raise
        self._ix = ix
        self._replace(searcher, held)

    def _replace(self, searcher: Any, held: Any = None) -> None:
        old, self.searcher = self.searcher, searcher
        if held is not None:
            self._holds[id(searcher)] = held
        if old is not None:
            if self._leases.get(id(old)):
                self._retired[id(old)] = old
            else:
                self._close(old)

    def _close(self, searcher: Any) -> None:
        """Close a searcher, then let go of its generation's reader lock."""
        searcher.close()
        held = self._holds.pop(id(searcher), None)
        if held is not None:
            held.close()

    def lease(self, searcher: Any) -> None:
        """A request starts reading ``searcher``."""
        self._leases[id(searcher)] = self._leases.get(id(searcher), 0) + 1

    def release(self, searcher: Any) -> None:
        """A request is done with ``searcher``; close it if it was replaced meanwhile."""
        left = self._leases[id(searcher)] - 1
        if left:
            self._leases[id(searcher)] = left
            return
        del self._leases[id(searcher)]
        retired = self._retired.pop(id(searcher), None)
        if retired is not None:
            self._close(retired)

    def close(self) -> None:
        for searcher in [self.searcher, *self._retired.values()]:
            if searcher is not None:
                self._close(searcher)
        self._retired.clear()
        self.searcher = self._ix = self._generation = self.table = self.scanner = None


def _live_versions(view: _View) -> frozenset[str]:
    """Every live document's version (id and content hash), read once per table."""
    versions = view.table.cache.get("versions")
    if versions is None:
        reader = view.searcher.reader()
        # whole columns are read in one pass: per-document lookups took twice as long
        ids, hashes = read_column(reader, "id"), read_column(reader, "content_hash")
        versions = frozenset(document_version(ids[docnum], hashes[docnum])
                             for docnum in np.flatnonzero(view.table.live))
        view.table.cache["versions"] = versions
    return versions


def _keep_versions(reader: Any, live: np.ndarray, versions: frozenset[str]) -> None:
    """Unmark (in ``live``) the quotes taken from a document version that is not live.

    Why: a writer killed between the quote and the document commits leaves quotes of a
    version that never landed; until the next writer repairs them, reads skip them.
    """
    column = read_column(reader, "doc_version")
    live &= np.fromiter((version in versions for version in column), dtype=bool,
                        count=len(live))


class WhooshBackend:
    """Search over the live generation of one index directory."""

    def __init__(self, store: IndexStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._one_reader = threading.RLock()
        self._documents = _OpenIndex(store.open, DOCUMENT_FACETS, SEARCH_FIELDS, "id",
                                     event_field="event_date", hold=store.hold_generation)
        # quote ids are not a column: equal quotes keep index order
        self._quotes = _OpenIndex(store.open_quotes, QUOTE_FACETS, QUOTE_FIELDS, None,
                                  hold=store.hold_generation)
        self._analyzer = text_analyzer()

    def _current(self) -> _View:
        """The documents' searcher, facet table and scanner, fresh (no lease: for a
        quick look while nothing writes, as tests do)."""
        with self._lock:
            return self._documents.refresh(self.store.current_path())

    @contextmanager
    def _reading(self, quotes: bool = False, budget: Budget | None = None) -> Iterator[_View]:
        """A fresh view of the documents (or quotes), held open until the block ends,
        carrying the request's ``budget``.

        One block at a time per process: Whoosh's segment readers seek and read shared
        file objects, and two threads interleaving them read each other's bytes
        ("invalid load key"). Parallel searches come from more processes (gunicorn
        workers), which Python's lock on the interpreter favours anyway.
        """
        with self._one_reader, self._reading_view(quotes) as view:
            yield view._replace(budget=budget) if budget is not None else view

    @contextmanager
    def _reading_view(self, quotes: bool) -> Iterator[_View]:
        gen = self.store.current_path()
        with self._diagnosing(gen), self._lock:
            view = self._documents.refresh(gen)
            opened = self._documents
            if quotes:
                view, opened = self._quotes.refresh(gen, view.table.aliases,
                                                    _live_versions(view)), self._quotes
            opened.lease(view.searcher)
        try:
            with self._diagnosing(gen):
                yield view
        finally:
            with self._lock:
                opened.release(view.searcher)

    @contextmanager
    def _diagnosing(self, gen: Path) -> Iterator[None]:
        """A read that fails for any reason but a :class:`NewsfacetError` checks the
        generation's files against their checksums: IndexCorrupt if they were damaged,
        else the failure is a bug and goes up as it is.

        Why: damaged files make Whoosh fail with any exception at all (struct, pickle,
        Unicode, OS errors...); only the checksums can tell damage from a bug.
        """
        try:
            yield
        except NewsfacetError:
            raise
        except Exception as exc:
            log.warning("a read of %s failed (%s: %s); checking its files", gen,
                        type(exc).__name__, exc)
            self.store.verify(gen)
            raise

    def close(self) -> None:
        with self._lock:
            self._documents.close()
            self._quotes.close()

    # -- queries ---------------------------------------------------------------------

    def parse(self, text: str, schema: Any, fields: tuple[str, ...],
              view: _View | None = None, operator: str = "and", near: bool = True) -> Any:
        """The query string as a Whoosh query; all words must match (AND) by default,
        any of them with ``operator="or"``.

        Besides words, phrases, AND/OR/NOT and ``field:value``, it takes prefixes
        (``elect*``) and fuzzy words (``brenan~``, ``brenan~2``). Given the ``view``,
        ``speaker:``/``outlet:``/``location:`` match what the facet filter of that
        value matches. Only :data:`QUERYABLE_FIELDS` may be named; fuzzy edits, phrase
        slop and wildcards are checked against ``query_limits`` here, and expansions
        are capped by :meth:`govern`, which needs the index.
        """
        _check_balanced(text)
        group = qparser.OrGroup if operator == "or" else qparser.AndGroup
        boosts = {"title": TITLE_QUERY_WEIGHT} if "title" in fields else {}
        parser = qparser.MultifieldParser(list(fields), schema, group=group, fieldboosts=boosts)
        allowed = QUERYABLE_FIELDS.get(fields, fields)
        parser.plugins = [_QueryableFields(allowed) if isinstance(p, qparser.FieldsPlugin)
                          else p for p in parser.plugins]
        parser.add_plugin(_StemAwareFuzzy())
        try:
            q = _count_repeats(parser.parse(text, normalize=False)).normalize()
        except NewsfacetError:
            raise
        except Exception as exc:  # whoosh raises assorted errors for odd syntax
            raise InvalidQuery(f"query does not parse: {exc}") from None
        _check_costs(text, q)
        q = q.accept(lambda node: self._phrase_gaps(text, node))
        if operator == "or" and near:
            q = self._near_pairs(q, text, fields)
        return q.accept(lambda node: self._facet_term(view, node)) if view is not None else q

    def govern(self, q: Any, view: _View) -> Any:
        """``q`` rewritten to a bounded cost (see :class:`_Governor`), within the view's
        budget; QueryTooCostly past a limit."""
        governor = _Governor(view, view.spend())
        governed = governor(q)
        _check_postings(governor.postings, view.spend())
        return governed

    def _query(self, text: str, view: _View, fields: tuple[str, ...],
               operator: str) -> tuple[Any, Any]:
        """The query as parsed (for spelling corrections) and as governed (to run); both
        None for an empty query or ``*``, which match every document.

        An OR query whose neighbouring-word pairs (:meth:`_near_pairs`) would take it past
        :data:`MAX_POSTINGS` runs without them: it finds the same documents, ranked by
        its words alone, rather than being refused.
        """
        if not text.strip() or text.strip() in MATCH_ALL:
            return None, None
        schema = view.searcher.schema
        parsed = self.parse(text, schema, fields, view, operator)
        governor = _Governor(view, view.spend())
        governed = governor(parsed)
        if governor.postings > MAX_POSTINGS and operator == "or":
            parsed = self.parse(text, schema, fields, view, operator, near=False)
            governor = _Governor(view, view.spend())
            governed = governor(parsed)
        _check_postings(governor.postings, view.spend())
        return parsed, governed

    def _near_pairs(self, q: Any, text: str, fields: tuple[str, ...]) -> Any:
        """An OR of plain words, plus each pair of neighbouring words as a near phrase.

        Why: with any word allowed to match, a document where "henry cabot lodge" stand
        together should beat one that has "henry" here and "lodge" there. The pairs only
        add to the score (a document need not contain them), as Solr's ``pf2`` does.
        """
        if PROXIMITY_BOOST <= 0 or type(q) is not wq.Or \
                or not all(type(sub) is wq.Term for sub in q.subqueries):
            return q
        words = [t.text for t in self._analyzer(text, mode="query") if not t.stopped]
        pairs = list(dict.fromkeys(pairwise(words)))
        if not pairs:
            return q
        near = [wq.Phrase(fieldname, list(pair), slop=PROXIMITY_SLOP, boost=PROXIMITY_BOOST)
                for pair in pairs if pair[0] != pair[1] for fieldname in fields]
        return wq.Or([*q.subqueries, *near], boost=q.boost)

    def _phrase_gaps(self, text: str, node: Any) -> Any:
        """A phrase whose stop words left gaps gets a slop that spans them.

        The index keeps a dropped stop word's position (so "energy crisis" does not
        match "energy and a crisis"), but the parser drops the stop words from the
        phrase, and Whoosh then wants the remaining words adjacent: "state of the
        union" found only "state union". Allowing the widest gap is a slight
        over-match ("state of a union" too), which is better than missing them all.
        """
        if type(node) is not wq.Phrase or node.slop != 1 or not node.char_ranges:
            return node
        start, end = node.char_ranges[0][0], node.char_ranges[-1][1]
        positions = [t.pos for t in self._analyzer(text[start:end], positions=True,
                                                   mode="query")]
        if len(positions) != len(node.words):
            return node
        widest = max((b - a for a, b in pairwise(positions)), default=1)
        if widest <= 1:
            return node
        return wq.Phrase(node.fieldname, list(node.words), slop=widest, boost=node.boost,
                         char_ranges=node.char_ranges)

    @staticmethod
    def _facet_term(view: _View, node: Any) -> Any:
        """A ``Term`` on a facet field as every indexed value the facet shows as that value.

        Facet fields index whole values as written in each document; the facet merges
        speaker names across documents ("Vermeulen" → "Joris Vermeulen"), so a field
        query asks for all the spellings the filter would accept.
        """
        if type(node) is not wq.Term or node.fieldname not in FACET_QUERY_FIELDS \
                or node.fieldname not in view.searcher.schema:
            return node
        fieldname = node.fieldname
        table = view.table
        key = f"field-values:{fieldname}"
        by_folded: dict[str, list[str]] | None = table.cache.get(key)
        if by_folded is None:
            by_folded = {}
            for raw in view.searcher.reader().lexicon(fieldname):
                value = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                for name in {fold(value), fold(table.shown(fieldname, value))}:
                    by_folded.setdefault(name, []).append(value)
            table.cache[key] = by_folded
        text = node.text.decode("utf-8") if isinstance(node.text, bytes) else node.text
        values = by_folded.get(fold(table.shown(fieldname, text)), [])
        if not values:
            return node
        terms = [wq.Term(fieldname, value, boost=node.boost) for value in values]
        return terms[0] if len(terms) == 1 else wq.Or(terms)

    def search(self, request: SearchRequest, budget: Budget | None = None) -> SearchResults:
        """Search within ``budget`` (none: no deadline); QueryTooCostly past a limit."""
        with self._reading(budget=budget or unlimited()) as view:
            budget = view.spend()
            budget.restart()  # the deadline counts the search, not the index (re)opening
            budget.check()
            searcher, table = view.searcher, view.table
            parsed, q = self._query(request.q, view, SEARCH_FIELDS, request.operator)
            page = _select(view, q, request)
            terms = self._highlight_terms(q, SEARCH_FIELDS) if request.highlight else set()
            hits = []
            for docnum, score in page.scored:
                budget.check()
                hits.append(self._hit(searcher, table, docnum, score, terms))
            if request.collapse is not None:
                for hit in hits:
                    hit.story_members = self._story_members(view, hit)
            suggestion = (self._did_you_mean(view, parsed, request, page.total)
                          if parsed is not None and page.total < SUGGEST_BELOW else None)
        next_cursor = None
        if page.more and hits:
            last = hits[-1]
            position = (Cursor("relevance", last.id, score=last.score)
                        if request.ranked_by == "relevance"
                        else Cursor(request.ranked_by, last.id, day=last.published))
            next_cursor = encode_cursor(position)
        return SearchResults(total=page.total, took_ms=0.0, hits=hits, facets=page.facets,
                             page=request.page, per_page=request.per_page,
                             date_range=request.date_range, next_cursor=next_cursor,
                             did_you_mean=suggestion, total_documents=page.documents)

    def _did_you_mean(self, view: _View, q: Any, request: SearchRequest,
                      total: int) -> str | None:
        """A spelling correction of the query's unknown words, if it finds more results.

        Only words found in neither title nor body are corrected, against the body's
        words (a word missing from titles alone is no typo). The suggestion is checked
        by running it with the same filters, so following it never finds less.
        """
        searcher = view.searcher
        reader = searcher.reader()
        budget = view.spend()
        words = {text for fieldname, text in q.iter_all_terms()
                 if fieldname in SEARCH_FIELDS and isinstance(text, str)}
        unknown = {w for w in words if not any((f, w) in reader for f in SEARCH_FIELDS)}
        if not unknown:
            return None
        try:
            correction = searcher.correct_query(
                q, request.q, terms=[(f, w) for f in SEARCH_FIELDS for w in sorted(unknown)],
                aliases={"title": "body"}, prefix=SUGGEST_PREFIX,
                correctors={"body": _ClosestFirst(reader, "body")})
        except Exception:  # a failed suggestion must not fail the search
            budget.check()  # ...but a search out of time stops here
            return None
        if not correction.tokens:
            return None
        try:
            governed = self.govern(correction.query, view)
        except QueryTooCostly:
            budget.check()
            return None
        shown = _surface_forms(searcher, governed, {t.text for t in correction.tokens},
                               budget)
        for token in correction.tokens:
            token.text = shown.get(token.text, token.text)
        text = correction.format_string(highlight.NullFormatter())
        if not text or text == request.q:
            return None
        try:
            _, corrected = self._query(text, view, SEARCH_FIELDS, request.operator)
            check = replace(request, q=text, page=1, facets=(), cursor=None)
            found = _select(view, corrected, check).total
        except NewsfacetError:
            budget.check()  # out of time: the search stops; otherwise no suggestion
            return None
        return text if found > total else None

    def similar(self, doc_id: str, request: SearchRequest,
                budget: Budget | None = None) -> SearchResults:
        """Documents sharing the most significant words of ``doc_id``, best first."""
        with self._reading(budget=budget or unlimited()) as view:
            view.spend().restart()
            view.spend().check()
            searcher, table = view.searcher, view.table
            docnum = searcher.document_number(id=doc_id)
            if docnum is None:
                raise DocumentNotFound(f"no document with id {doc_id!r}")
            q = self._key_terms_query(searcher, docnum)
            if q is None:
                return SearchResults(total=0, took_ms=0.0, hits=[], facets={
                    name: [] for name in request.facets}, page=request.page,
                    per_page=request.per_page)
            ranked = replace(request, sort="relevance", cursor=None)
            page = _select(view, q, ranked, without=table.mask_of([docnum]))
            terms = self._highlight_terms(q, SEARCH_FIELDS) if request.highlight else set()
            hits = []
            for d, score in page.scored:
                view.spend().check()
                hits.append(self._hit(searcher, table, d, score, terms))
        return SearchResults(total=page.total, took_ms=0.0, hits=hits, facets=page.facets,
                             page=request.page, per_page=request.per_page)

    @staticmethod
    def _key_terms_query(searcher: Any, docnum: int) -> Any:
        """An OR of the document's key terms (Bo1 weights as boosts) over title and body.

        Numbers are left out: "23" is significant to one story and says nothing about
        what it is about.
        """
        weights: dict[str, float] = {}
        for fieldname, count in SIMILAR_TERMS.items():
            for term, weight in searcher.key_terms([docnum], fieldname, numterms=count):
                if not term.isdigit():
                    weights[term] = max(weights.get(term, 0.0), float(weight))
        if not weights:
            return None
        top = max(weights.values()) or 1.0
        return wq.Or([wq.Term(fieldname, term, boost=weight / top)
                      for term, weight in weights.items() for fieldname in SEARCH_FIELDS])

    def search_quotes(self, request: QuoteRequest,
                      budget: Budget | None = None) -> QuoteResults:
        with self._reading(quotes=True, budget=budget or unlimited()) as view:
            budget = view.spend()
            budget.restart()
            budget.check()
            searcher, table = view.searcher, view.table
            _, q = self._query(request.q, view, QUOTE_FIELDS, request.operator)
            page = _select(view, q, request)
            terms = self._highlight_terms(q, QUOTE_FIELDS) if request.highlight else set()
            hits = []
            for docnum, score in page.scored:
                budget.check()
                hits.append(self._quote_hit(searcher, table, docnum, score, terms))
        return QuoteResults(total=page.total, took_ms=0.0, hits=hits, facets=page.facets,
                            page=request.page, per_page=request.per_page)

    def _quote_hit(self, searcher: Any, table: FacetTable, docnum: int, score: float | None,
                   terms: set[str]) -> QuoteHit:
        stored = searcher.stored_fields(docnum)
        text = stored["text"]
        marked = snippets(text, terms, self._analyzer, top=1, whole=True) if terms else []
        published = stored.get("published")
        return QuoteHit(
            id=stored["quote_id"], text=text,
            highlighted=marked[0] if marked else html.escape(text),
            speaker=table.shown("speaker", stored["speaker"]),
            speaker_title=stored.get("speaker_title"),
            cue=stored.get("cue") or "", start=stored["start"], end=stored["end"],
            document=QuoteSource(id=stored["doc_id"], title=stored.get("title", ""),
                                 outlet=stored.get("outlet") or None,
                                 published=published.date() if published else None),
            score=score,
        )

    @staticmethod
    def _highlight_terms(q: Any, fields: tuple[str, ...]) -> set[str]:
        if q is None:
            return set()
        terms = set()
        for fieldname, text in q.iter_all_terms(phrases=True):
            if fieldname in fields:
                terms.add(text.decode("utf-8") if isinstance(text, bytes) else text)
        return terms

    def _hit(self, searcher: Any, table: FacetTable, docnum: int, score: float | None,
             terms: set[str]) -> Hit:
        stored = searcher.stored_fields(docnum)
        extraction = json.loads(stored["extraction"])
        published = stored.get("published")
        return Hit(
            id=stored["id"],
            title=stored.get("title", ""),
            outlet=stored.get("outlet") or None,
            published=published.date() if published else None,
            speakers=list(dict.fromkeys(
                table.shown("speaker", s["name"]) for s in extraction["speakers"]
                if s.get("kind") == "person"
            )),
            locations=list(dict.fromkeys(p["label"] for p in extraction["locations"])),
            score=score,
            snippets=snippets(stored.get("body", ""), terms, self._analyzer) if terms else [],
            url=extraction.get("url"),
            story=stored.get("story"),
            story_size=table.value_count("story", stored["story"]) if stored.get("story") else 1,
        )

    @staticmethod
    def _story_members(view: _View, hit: Hit) -> list[StoryMember]:
        """The other documents of ``hit``'s story, earliest first, at most a screenful."""
        if hit.story is None or hit.story_size < 2:
            return []
        members = []
        for docnum in view.table.members("story", hit.story):
            stored = view.searcher.stored_fields(docnum)
            if stored["id"] == hit.id:
                continue
            published = stored.get("published")
            members.append(StoryMember(
                id=stored["id"], title=stored.get("title", ""),
                outlet=stored.get("outlet") or None,
                published=published.date() if published else None,
                url=json.loads(stored["extraction"]).get("url")))
            if len(members) == MAX_STORY_MEMBERS:
                break
        return members

    def story(self, story_id: str) -> Story:
        """A story's documents in time order, each compared with the origin (the first)."""
        with self._reading() as view:
            docs = view.table.members("story", story_id)
            stored = [view.searcher.stored_fields(docnum) for docnum in docs]
        if not stored:
            raise StoryNotFound(f"no story with id {story_id!r}")
        extractions = [Extraction.from_json(json.loads(s["extraction"]), body=s.get("body", ""))
                       for s in stored]
        origin = extractions[0]
        members = [
            StoryDocument(id=e.id, title=e.title or "", outlet=e.outlet or None,
                          published=e.published, url=e.url, origin=i == 0,
                          changes=None if i == 0 else compare(origin, e))
            for i, e in enumerate(extractions)]
        outlets = Counter(e.outlet for e in extractions if e.outlet)
        return Story(id=story_id, origin=origin.id, size=len(members),
                     outlets=[FacetValue(name, n) for name, n in
                              sorted(outlets.items(), key=lambda pair: (-pair[1], pair[0]))],
                     members=members)

    # -- documents -------------------------------------------------------------------

    def get(self, doc_id: str) -> StoredDocument:
        with self._reading() as view:
            stored = view.searcher.document(id=doc_id)
            story = stored.get("story") if stored else None
            size = view.table.value_count("story", story) if story else 1
        if stored is None:
            raise DocumentNotFound(f"no document with id {doc_id!r}")
        extraction = Extraction.from_json(json.loads(stored["extraction"]),
                                          body=stored.get("body", ""))
        return StoredDocument(**vars(extraction), story=story, story_size=size)

    def story_of(self, doc_id: str) -> str | None:
        with self._reading() as view:
            stored = view.searcher.document(id=doc_id)
        if stored is None:
            raise DocumentNotFound(f"no document with id {doc_id!r}")
        story: str | None = stored.get("story")
        return story

    def count(self) -> int:
        with self._reading() as view:
            return int(view.searcher.doc_count())

    def facet_values(self, name: str, prefix: str = "",
                     size: int | None = None) -> list[FacetValue]:
        """Values of a facet starting with ``prefix`` (or having a word that does), with
        their document counts over the whole index; all values without a prefix."""
        with self._reading() as view:
            return view.table.prefixed(name, prefix, size)

    def distinct_values(self) -> dict[str, int]:
        """How many distinct values each document facet has (``date``: months)."""
        with self._reading() as view:
            return {name: view.table.distinct(name) for name in (*DOCUMENT_FACETS, "date")}


class _Page(NamedTuple):
    total: int
    facets: dict[str, list[FacetValue]]
    scored: list[tuple[int, float | None]]
    #: Whether results follow this page (a next cursor is worth giving).
    more: bool = False
    #: Matching documents when ``total`` counts collapsed groups, else None.
    documents: int | None = None


def _select(view: _View, q: Any, request: BaseRequest,
            without: np.ndarray | None = None) -> _Page:
    """Match, filter, count facets over the whole result set, and rank one page.

    Facets are multi-select (Elasticsearch's ``post_filter``): a facet filtered on is
    counted with every filter but its own, so choosing one outlet still shows the
    others' counts; the rest are counted over the hits. The date range is not such a
    filter: it narrows the date histogram, so a range zooms in on it. ``without``
    masks documents out of the result set (more-like-this leaves out its document).
    """
    table = view.table
    budget = view.spend()
    scan = view.scanner.scan(q, budget) if q is not None else None
    # ``base`` is never written to: the masks below are new arrays
    if q is None:
        base = table.live
    elif scan is not None:
        base = scan.mask
    else:
        base = table.mask_of(_matching_docs(view.searcher, q, budget)) & table.live
    if without is not None:
        base = base & ~without
    if request.date_from or request.date_to:
        if isinstance(request, SearchRequest) and request.date_field == "event":
            base = table.with_event_in_range(base, request.date_from, request.date_to)
        else:
            base = table.in_date_range(base, request.date_from, request.date_to)
    filters = {name: table.matching(name, values)
               for name, values in request.filters().items()}
    matched = _all_of(base, filters.values())
    total = documents = int(np.count_nonzero(matched))
    collapse = request.collapse if isinstance(request, SearchRequest) else None
    if collapse is not None:
        total = int(np.unique(table.group_keys(collapse)[matched]).size)
    interval = request.interval if isinstance(request, SearchRequest) else "month"
    facets: dict[str, list[FacetValue]] = {}
    for name in request.facets:
        counted = matched
        if name in filters:
            counted = _all_of(base, (m for other, m in filters.items() if other != name))
        facets[name] = table.count(name, counted, request.facet_size, interval)
    start = (request.page - 1) * request.per_page
    end = start + request.per_page
    if start >= total:  # past the end (or nothing): no hits, as Elasticsearch answers
        return _Page(total, facets, [], documents=documents if collapse else None)
    factor = _recency(table, request.half_life) if (
        isinstance(request, SearchRequest) and request.boost == "recency") else None
    if collapse is not None:
        groups = _collapsed(view, q, scan, matched, request, table.group_keys(collapse), end,
                            factor)
        return _Page(total, facets, groups[start:end], end < total, documents)
    cursor = request.cursor if isinstance(request, SearchRequest) else None
    if cursor is not None:
        scored, more = _after_cursor(view, q, scan, matched, cursor, request.per_page)
        return _Page(total, facets, scored, more)
    if q is not None and request.sort == "relevance":
        ranked = _ranked(view, q, scan, matched, end, factor)
        return _Page(total, facets, [(d, s) for d, s in ranked[start:end]], end < total)
    newest = request.sort != "date:asc"
    ranked_by_date = table.sort_by_date(matched, newest, end)
    return _Page(total, facets, [(d, None) for d in ranked_by_date[start:]], end < total)


def _collapsed(view: _View, q: Any, scan: Any, matched: np.ndarray, request: BaseRequest,
               groups: np.ndarray, end: int,
               factor: np.ndarray | None = None) -> list[tuple[int, float | None]]:
    """The best-ranked document of each of the first ``end`` groups, in ranking order.

    Ranks a few times more documents than groups are wanted and widens until enough
    groups turn up: copies of one story rank together, so most pages need one pass.
    """
    total = int(np.count_nonzero(matched))
    newest = request.sort != "date:asc"
    wanted = min(total, 3 * end)
    while True:
        ordered: list[tuple[int, float | None]]
        if q is not None and request.sort == "relevance":
            ordered = list(_ranked(view, q, scan, matched, wanted, factor))
        else:
            ordered = [(d, None) for d in view.table.sort_by_date(matched, newest, wanted)]
        seen: set[int] = set()
        picked: list[tuple[int, float | None]] = []
        for doc, score in ordered:
            group = int(groups[doc])
            if group not in seen:
                seen.add(group)
                picked.append((doc, score))
                if len(picked) == end:
                    return picked
        if wanted >= total:
            return picked
        wanted = min(total, wanted * 4)


def _ranked(view: _View, q: Any, scan: Any, matched: np.ndarray, end: int,
            factor: np.ndarray | None = None) -> list[tuple[int, float]]:
    """The first ``end`` matched documents by score (ties by id), Whoosh's scores, each
    multiplied by its ``factor`` (a boost) if given."""
    budget = view.spend()
    exact = budget.clauses <= EXACT_SCORE_CLAUSES
    ranked = (view.scanner.top(q, scan, matched, end, view.table.rank, factor, budget, exact)
              if scan is not None else None)
    if ranked is None:
        if factor is None:
            return view.table.by_score(_whoosh_top(view.searcher, q, matched, end, budget))
        # a boost can lift any match into the top: score them all, then boost
        every = _whoosh_top(view.searcher, q, matched, int(np.count_nonzero(matched)), budget)
        ranked = view.table.by_score([(d, s * float(factor[d])) for d, s in every])[:end]
    return ranked


def _recency(table: FacetTable, half_life: float) -> np.ndarray:
    """Per document, 0.5 ** (age / half_life): 1 for the newest document of the index.

    Ages count from the newest document, not from today: with an exponential decay
    the origin only scales every score alike, so the order is the same, and an
    archive's scores do not all underflow to 0. Undated documents get 1, as
    Elasticsearch's decay functions leave a document without the field unboosted.
    """
    days = table.published
    dated = days != NO_DATE
    newest = int(days[dated].max()) if dated.any() else 0
    factor = np.ones(len(days), dtype=np.float64)
    factor[dated] = np.power(0.5, (newest - days[dated]) / half_life)
    return factor


def _after_cursor(view: _View, q: Any, scan: Any, matched: np.ndarray, cursor: Cursor,
                  size: int) -> tuple[list[tuple[int, float | None]], bool]:
    """The ``size`` documents strictly after ``cursor`` in its order, and whether more follow.

    Date orders compare (day, id) as arrays, so documents added meanwhile fall into
    place without shifting the ones already seen. Relevance compares (score, id), with
    the cursor document's current score when it still matches: an added document
    changes every score a little (IDF), and the position must move with them.
    """
    table = view.table
    later_id = table.rank >= table.rank_after(cursor.id)
    if cursor.sort == "relevance":
        anchor = view.searcher.document_number(id=cursor.id)
        if scan is not None:
            return _after_score_cursor(view, q, scan, matched, cursor, anchor, later_id, size)
        ranked = _ranked(view, q, scan, matched, int(np.count_nonzero(matched)))
        current = next((score for doc, score in ranked if doc == anchor), None)
        bound = current if current is not None else cursor.score
        assert bound is not None
        after: list[tuple[int, float | None]] = [
            (doc, score) for doc, score in ranked
            if score < bound or (score == bound and later_id[doc])]
        return after[:size], len(after) > size
    days = table.published
    undated = days == NO_DATE
    newest = cursor.sort != "date:asc"
    if cursor.day is None:  # undated hits come last: only undated ones with later ids follow
        keep = undated & later_id
    else:
        day = cursor.day.toordinal()
        beyond = (days < day) if newest else (days > day)
        keep = (~undated & beyond) | ((days == day) & later_id) | undated
    remaining = matched & keep
    count = int(np.count_nonzero(remaining))
    return [(d, None) for d in table.sort_by_date(remaining, newest, size)], count > size


def _after_score_cursor(view: _View, q: Any, scan: Any, matched: np.ndarray, cursor: Cursor,
                        anchor: int | None, later_id: np.ndarray,
                        size: int) -> tuple[list[tuple[int, float | None]], bool]:
    """The relevance page after ``cursor``, exact-scoring only documents near or below it.

    Why: ranking the whole result set exactly to find the cursor cost ~130 ms at 15,000
    results. The approximate scores leave out what is surely above the cursor; the
    documents that may sit above it after exact scoring are at most those within the
    rounding margin of it, so ranking that many more than the page is enough.
    """
    scanner = view.scanner
    budget = view.spend()
    current = None
    if anchor is not None and matched[anchor]:
        exact = scanner.exact_scores(q, [anchor], budget)
        current = exact[0][1] if exact else None
    bound = current if current is not None else cursor.score
    assert bound is not None
    margin = scanner.margin(bound)
    allowed = matched & (scan.score <= bound + margin)
    near = int(np.count_nonzero(allowed & (scan.score >= bound - margin)))
    ranked = scanner.top(q, scan, allowed, size + 1 + near, view.table.rank, budget=budget,
                         exact=budget.clauses <= EXACT_SCORE_CLAUSES)
    if ranked is None:  # Whoosh disagreed about a match: rank everything exactly
        ranked = view.table.by_score(_whoosh_top(view.searcher, q, matched,
                                                 int(np.count_nonzero(matched)), budget))
    after: list[tuple[int, float | None]] = [
        (doc, score) for doc, score in ranked
        if score < bound or (score == bound and later_id[doc])]
    return after[:size], len(after) > size


def _surface_forms(searcher: Any, q: Any, stems: set[str], budget: Budget,
                   docs: int = 3) -> dict[str, str]:
    """A word as people write it for each stem ("satellit" → "satellite").

    Corrections come from the index, which holds stems; the commonest word with that
    stem in a few of the corrected query's own documents reads better and parses back
    to the same stem.
    """
    seen: dict[str, Counter[str]] = {stem: Counter() for stem in stems}
    for docnum in itertools.islice(_matching_docs(searcher, q, budget), docs):
        stored = searcher.stored_fields(docnum)
        for word in _WORD.findall(f"{stored.get('title', '')} {stored.get('body', '')}"):
            stem, _ = normal_word(word)
            if stem in seen:
                seen[stem][word.lower()] += 1
    return {stem: words.most_common(1)[0][0] for stem, words in seen.items() if words}


_WORD = re.compile(r"\w+")


def _all_of(base: np.ndarray, masks: Iterable[np.ndarray]) -> np.ndarray:
    """``base`` narrowed by every mask (a new array; ``base`` is left as it is)."""
    out = base.copy()
    for mask in masks:
        out &= mask
    return out


def _whoosh_top(searcher: Any, q: Any, matched: np.ndarray, end: int,
                budget: Budget | None = None) -> list[tuple[int, float]]:
    """The first ``end`` hits by Whoosh's own search, for queries the scanner leaves alone.

    ``replace=0``: Whoosh's matcher replacement drops true top hits of AND-of-OR
    queries (seen with whoosh3 3.54.0), so it stays off.
    """
    allowed = set(np.flatnonzero(matched).tolist())
    collector = _BudgetCollector(collectors.FilterCollector(
        collectors.TopCollector(limit=end, replace=0), allow=allowed), budget or unlimited())
    searcher.search_with_collector(q, collector)
    return [(hit.docnum, float(hit.score)) for hit in collector.results()[:end]]


class _BudgetCollector(collectors.WrappingCollector):  # type: ignore[misc]
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


def _matching_docs(searcher: Any, q: Any, budget: Budget) -> Iterator[int]:
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
