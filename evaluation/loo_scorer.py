"""Whoosh's BM25F, re-scored in numpy from a real index, so a grid of settings costs
seconds instead of an hour.

Why: the leave-one-out grid only changes numbers the engine multiplies (k1, b, the IDF,
the title and proximity weights), never what is indexed or how a query parses. So each
collection is indexed once per analyzer (a real Whoosh index with newsfacet's schema),
each query is parsed once by the engine's own parser, and the per-word postings,
positions and stored (quantised) field lengths are read back into arrays; a setting is
then a few vector operations per query. ``--check`` in ``ranking_loo.py`` compares the
shipped setting with ``evaluation/ranking.py``'s figures, which go through
``SearchService``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh import query as wq

FIELDS = ("title", "body")
#: Slops the proximity pairs are pre-matched at (a setting picks one).
SLOPS = (1, 3, 5)


@dataclass(frozen=True)
class Setting:
    """One scoring setting: BM25 k1 and b (bodies), the title's b and query weight,
    the proximity weight and slop, the IDF formula, the proximity form and the weight
    of a repeated query word."""

    k1: float = 1.8  # the defaults: the setting before issue 18
    b: float = 0.85
    title_b: float = 0.5
    title: float = 0.5
    proximity: float = 0.1
    slop: int = 3
    idf: str = "rsj"  # "rsj": log(1 + (N - n + .5)/(n + .5)); "whoosh": log(N/(n + 1)) + 1
    #: "sum": a near pair adds the BM25 of both its words (Whoosh's phrase score);
    #: "idf": it adds the smaller IDF of the two, once per document (a flat bonus).
    near: str = "sum"
    #: A word said n times in the query weighs n ** repeats: 1 counts each repeat in
    #: full (BM25's query term frequency), 0 once (Whoosh's own), 0.5 a square root.
    repeats: float = 1.0


def idf(kind: str, n: np.ndarray, total: int) -> np.ndarray:
    if kind == "whoosh":
        return np.log(total / (n + 1.0)) + 1.0
    return np.log(1.0 + (total - n + 0.5) / (n + 0.5))


@dataclass
class Leaf:
    """Rows of one parsed query: each a word of one field, with its weight in the query."""

    field: np.ndarray  # 0 title, 1 body
    boost: np.ndarray  # how often the query says the word; title weight not applied
    df: np.ndarray  # documents with the word in that field
    tf: np.ndarray  # rows x documents: the word's weight in each document
    near: dict[int, np.ndarray]  # slop -> pairs x documents: 1 where the pair is near
    pair: np.ndarray  # -1 for a plain word, else the index of its near pair
    first: np.ndarray  # per near pair, its first row (the second follows it)
    ratio: np.ndarray  # rows x documents: field length over the field's average


class Collection:
    """One index read into arrays: stored lengths per field, postings on demand."""

    def __init__(self, searcher: Any, ids: list[str]) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.total = self.reader.doc_count_all()
        self.ids = ids
        # equal scores in id order, as FacetTable.by_score has them
        self.order = np.argsort(np.array(ids, dtype=object), kind="stable")
        self.rank = np.empty(self.total, dtype=np.int64)
        self.rank[self.order] = np.arange(self.total)
        # a document without a title has no stored title length (None), not 0
        self.length = np.array([[self.reader.doc_field_length(d, f) or 0
                                 for d in range(self.total)] for f in FIELDS], dtype=np.float64)
        self.avg = np.array([searcher.avg_field_length(f) or 1.0 for f in FIELDS])
        self._postings: dict[tuple[str, str], tuple[np.ndarray, np.ndarray, list[Any]]] = {}

    def postings(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray, list[Any]]:
        key = (field, text)
        if key not in self._postings:
            docs, weights, positions = [], [], []
            if (field, text) in self.reader:
                m = self.reader.postings(field, text)
                while m.is_active():
                    docs.append(m.id())
                    weights.append(m.weight())
                    positions.append(m.value_as("positions"))
                    m.next()
            self._postings[key] = (np.array(docs, dtype=np.int64),
                                   np.array(weights, dtype=np.float64), positions)
        return self._postings[key]

    def leaf(self, q: Any) -> Leaf:
        """The rows of a parsed query (Or of words and near pairs, any nesting)."""
        rows: list[tuple[int, float, str]] = []
        pairs: list[tuple[int, str, str]] = []
        pair_of: list[int] = []

        def walk(node: Any, boost: float) -> None:
            boost *= node.boost
            if type(node) is wq.Term:
                rows.append((FIELDS.index(node.fieldname), boost, node.text))
                pair_of.append(-1)
            elif type(node) is wq.Phrase:
                a, b = node.words
                pairs.append((FIELDS.index(node.fieldname), a, b))
                for word in (a, b):
                    rows.append((FIELDS.index(node.fieldname), boost, word))
                    pair_of.append(len(pairs) - 1)
            elif type(node) is wq.Or:
                for sub in node.subqueries:
                    walk(sub, boost)
            elif node is not wq.NullQuery:
                # only OR-of-words queries reach here (plain_query strips syntax)
                raise ValueError(f"cannot re-score {type(node).__name__}")

        walk(q, 1.0)
        tf = np.zeros((len(rows), self.total))
        df = np.zeros(len(rows))
        for i, (f, _, text) in enumerate(rows):
            docs, weights, _ = self.postings(FIELDS[f], text)
            tf[i, docs] = weights
            df[i] = self.reader.doc_frequency(FIELDS[f], text)
        near = {s: np.zeros((len(pairs), self.total)) for s in SLOPS}
        for p, (f, a, b) in enumerate(pairs):
            da, _, pa = self.postings(FIELDS[f], a)
            db, _, pb = self.postings(FIELDS[f], b)
            where_b = {int(d): i for i, d in enumerate(db)}
            for i, d in enumerate(da):
                j = where_b.get(int(d))
                if j is None:
                    continue
                gaps = [y - x for x in pa[i] for y in pb[j] if y > x]
                for s in SLOPS:
                    if any(1 <= g <= s for g in gaps):
                        near[s][p, d] = 1.0
        field = np.array([r[0] for r in rows], dtype=np.int64)
        pair = np.array(pair_of, dtype=np.int64)
        first = np.array([pair_of.index(p) for p in range(len(pairs))], dtype=np.int64)
        return Leaf(field=field, boost=np.array([r[1] for r in rows]), df=df, tf=tf,
                    near=near, pair=pair, first=first,
                    ratio=self.length[field] / self.avg[field][:, None])

    def saturation(self, leaf: Leaf, s: Setting) -> np.ndarray:
        """BM25's term-frequency part of every row, before the IDF: the costly step,
        shared by every setting with the same k1 and b."""
        k1 = s.k1
        b = np.where(leaf.field == 0, s.title_b, s.b)[:, None]
        tf = leaf.tf
        # b 1 and an empty field make 0/0 where the word is absent: that row scores 0
        with np.errstate(invalid="ignore", divide="ignore"):
            sat = tf * (k1 + 1) / (tf + k1 * ((1 - b) + b * leaf.ratio))
        return np.where(tf > 0, sat, 0.0)

    def scores(self, leaf: Leaf, s: Setting, sat: np.ndarray | None = None) -> np.ndarray:
        """Every document's score for one parsed query under setting ``s`` (``sat``: its
        :meth:`saturation`, if already computed)."""
        if not len(leaf.field):
            return np.zeros(self.total)
        if sat is None:
            sat = self.saturation(leaf, s)
        w = idf(s.idf, leaf.df, self.total)
        plain = leaf.pair < 0
        # the title weight is a field boost of the words; near pairs carry their own
        boost = leaf.boost ** s.repeats * np.where((leaf.field == 0) & plain, s.title, 1.0)
        total = (boost * w)[plain] @ sat[plain]
        if s.proximity > 0 and len(leaf.first):
            near = leaf.near[s.slop]
            first, second = leaf.first, leaf.first + 1
            if s.near == "sum":  # the BM25 of both words, where they are near
                both = (sat[first] * w[first, None] + sat[second] * w[second, None]) * near
                total += s.proximity * (boost[first] @ both)
            else:  # a flat bonus per near pair: its rarer word's IDF, once
                bonus = np.minimum(w[first], w[second]) * boost[first]
                total += s.proximity * (bonus @ near)
        return total

    def top(self, leaf: Leaf, s: Setting, k: int = 10,
            sat: np.ndarray | None = None) -> list[str]:
        scores = self.scores(leaf, s, sat)
        matched = np.flatnonzero(scores > 0)
        # Whoosh sums a document's term scores in its own order, numpy in another: equal
        # scores can differ in the last bit, and must still tie, so that the engine's
        # tie-break (index order) decides, as it does in SearchService.
        rounded = np.round(scores[matched], 9)
        best = matched[np.lexsort((self.rank[matched], -rounded))][:k]
        return [self.ids[d] for d in best]

