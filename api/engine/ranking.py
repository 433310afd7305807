"""How results are ranked: BM25F and its settings, the recency boost, and the top k.

Every setting here was measured with ``evaluation/ranking.py`` (TIME, CISI, Cranfield):
re-run it after touching one. The title weight, word repeats and the neighbouring-word
pairs of ``operator=or`` act through the query, which :mod:`.query` builds with them.
A page comes from the posting scanner's BM25F sums
(:meth:`.posting_scan.PostingScanner.top`); queries the scanner cannot read are ranked
by Whoosh's own search (:func:`whoosh_top`).
"""

from __future__ import annotations

import copy
import math
from collections import Counter
from typing import Any

import numpy as np
from whoosh import collectors, scoring
from whoosh import query as wq

from ..query_limits import Budget, unlimited
from .facet_table import NO_DATE, FacetTable
from .governor import BudgetCollector
from .view import View


def rsj_idf(n: int, total: int) -> float:
    """The Robertson-Sparck Jones IDF of a word in ``n`` of ``total`` documents: one
    definition for the Whoosh scorer and the Xapian backend's reweighting."""
    return math.log(1 + (total - n + 0.5) / (n + 0.5))


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
        return rsj_idf(n, parent.doc_count_all())


#: BM25F chosen by leave-one-collection-out (``make loo``, docs/quality.md): with
#: repeated query words at a square root (:data:`REPEAT_EXPONENT`), the best worst
#: ratio to the best untuned peer over TIME, CISI and Cranfield is k1 2.1, b 0.85 for
#: bodies, and chosen the same way on any two collections each held-out one stays at
#: or above its peer. CISI and Cranfield move by under 0.007 between k1 1.5 and 2.4;
#: TIME's preference for a higher k1 rests on a few queries whose first two hits are
#: near ties, so the margins over the peers (0.003 to 0.012) are of that size too.
#: Length normalisation of titles, lower than bodies': a headline is short by design.
TITLE_B = 0.5
WEIGHTING = NewsBM25F(B=0.85, K1=2.1, title_B=TITLE_B)
#: Query-time weight of title matches. Titles are indexed with a boost of 2 (a word in
#: the headline counts twice, then saturates); scoring their matches at half weight on
#: top of that measured best on CISI and Cranfield, whose titles restate the abstract.
TITLE_QUERY_WEIGHT = 0.5
#: Weight of a neighbouring pair of query words found near each other (``operator=or``),
#: and how near: within this many positions. evaluation/ranking.py chose them.
PROXIMITY_BOOST = 0.1
PROXIMITY_SLOP = 3
#: A word said n times in a query weighs n ** REPEAT_EXPONENT (see :func:`count_repeats`).
REPEAT_EXPONENT = 0.5


def count_repeats(q: Any) -> Any:
    """A word the query repeats weighs more, but less than that many times: its boost is
    the number of repeats to the power :data:`REPEAT_EXPONENT` (a square root).

    Why: Whoosh's normalisation drops repeated subqueries, so "titles" said three times
    in a long question weighed as much as any word said once; on CISI's long queries
    that cost 0.05 of nDCG@10. Counting every repeat in full (BM25's linear query term
    frequency) let a question's repeated words outweigh the rest: Cranfield and TIME
    lose a little by it. The square root keeps most of CISI's gain, and it is the only
    weighting with which every leave-one-out fold kept its peer (``make loo``,
    docs/quality.md).
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
            sub.boost *= n ** REPEAT_EXPONENT
        merged.append(sub)
    return type(q)(merged, boost=q.boost)


def top_ranked(view: View, q: Any, scan: Any, matched: np.ndarray, end: int,
               factor: np.ndarray | None = None) -> list[tuple[int, float]]:
    """The first ``end`` matched documents by score (ties by id), each score multiplied
    by its ``factor`` (a boost) if given: the posting scanner's BM25F sums, or Whoosh's
    own search for the queries the scanner leaves to it."""
    if scan is not None:
        return view.scanner.top(q, scan, matched, end, view.table.rank, factor)
    budget = view.spend()
    if factor is None:
        return view.table.by_score(whoosh_top(view.searcher, q, matched, end, budget))
    # a boost can lift any match into the top: score them all, then boost
    every = whoosh_top(view.searcher, q, matched, int(np.count_nonzero(matched)), budget)
    return view.table.by_score([(d, s * float(factor[d])) for d, s in every])[:end]


def recency(table: FacetTable, half_life: float) -> np.ndarray:
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


def whoosh_top(searcher: Any, q: Any, matched: np.ndarray, end: int,
               budget: Budget | None = None) -> list[tuple[int, float]]:
    """The first ``end`` hits by Whoosh's own search, for queries the scanner leaves alone.

    ``replace=0``: Whoosh's matcher replacement drops true top hits of AND-of-OR
    queries (seen with whoosh3 3.54.0), so it stays off.
    """
    allowed = set(np.flatnonzero(matched).tolist())
    collector = BudgetCollector(collectors.FilterCollector(
        collectors.TopCollector(limit=end, replace=0), allow=allowed), budget or unlimited())
    searcher.search_with_collector(q, collector)
    return [(hit.docnum, float(hit.score)) for hit in collector.results()[:end]]
