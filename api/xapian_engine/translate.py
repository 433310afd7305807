"""A parsed query (newsfacet's own parser, :func:`newsfacet.api.engine.query.parse`)
as a Xapian query, scored as the Whoosh backend scores it.

One parser for every backend: what a query means (fields, phrases and their stop-word
gaps, fuzzy-edit caps, which fields may be named) is decided once. Expansions
(prefix, wildcard, fuzzy) are made here, on the client, over the whole index at once,
so every shard runs the same words (Xapian's own wildcard would expand per shard).

Scores: Xapian's BM25 with newsfacet's k1 and b, each term's weight scaled so that its
IDF is ours (Robertson-Sparck Jones, ``log(1 + (N - n + .5) / (n + .5))``) rather than
Xapian's, and by the query's boosts (the title's query weight, repeated words).
"""

from __future__ import annotations

import fnmatch
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import xapian

from newsfacet.schema.errors import InvalidQuery

from ..engine.lexicon import levenshtein
from ..engine.ranking import rsj_idf
from ..query_limits import MAX_EXPANSIONS
from . import layout

#: Node types of the parsed query, by class name: the parser's classes stay its own.
_AND = {"And", "Require"}
_OR = {"Or", "DisjunctionMax"}


def xapian_idf(n: int, total: int) -> float:
    """Xapian 1.4's BM25 term weight without relevance data (``bm25weight.cc``)."""
    tw = (total - n + 0.5) / (n + 0.5)
    if tw < 2:
        tw = tw * 0.5 + 1
    return math.log(tw)


@dataclass
class Translator:
    """Turns one parsed query into a Xapian query over ``db`` (the whole index)."""

    db: Any
    #: Stored facet values a ``field:value`` query stands for (speaker names merged).
    facet_values: Callable[[str, str], list[str]]
    #: Words of the searched text fields, for snippets.
    highlight: set[str] = field(default_factory=set)
    total: int = 0

    def __post_init__(self) -> None:
        self.total = max(int(self.db.get_doccount()), 1)

    def __call__(self, node: Any) -> Any:
        kind = type(node).__name__
        boost = float(getattr(node, "boost", 1.0))
        if kind in _AND:
            return self._and(node.subqueries if kind == "And" else [node.a, node.b], boost)
        if kind in _OR:
            subs = [self(sub) for sub in node.subqueries]
            return self._scaled(xapian.Query(xapian.Query.OP_OR, subs), boost)
        if kind == "AndNot":
            return xapian.Query(xapian.Query.OP_AND_NOT, self(node.a), self(node.b))
        if kind == "AndMaybe":
            return xapian.Query(xapian.Query.OP_AND_MAYBE, self(node.a), self(node.b))
        if kind == "Not":
            return xapian.Query(xapian.Query.OP_AND_NOT, xapian.Query.MatchAll,
                                self(node.query))
        if kind == "Term":
            return self.term(node.fieldname, _text(node.text), boost)
        if kind == "Phrase":
            return self.phrase(node.fieldname, [_text(w) for w in node.words], node.slop,
                               boost)
        if kind in ("Prefix", "Wildcard", "FuzzyTerm"):
            return self.expanded(node, kind, boost)
        if kind == "Every":
            return self.every(node.fieldname)
        if kind in ("NullQuery", "_NullQuery"):
            return xapian.Query.MatchNothing
        if kind in ("TermRange", "NumericRange", "DateRange"):
            raise InvalidQuery("range queries ([a TO b]) are not supported by the Xapian "
                               "backend")
        raise InvalidQuery(f"this query is not supported by the Xapian backend: {node}")

    def _and(self, subs: list[Any], boost: float) -> Any:
        positive = [s for s in subs if type(s).__name__ != "Not"]
        negative = [s.query for s in subs if type(s).__name__ == "Not"]
        q = (xapian.Query(xapian.Query.OP_AND, [self(s) for s in positive]) if positive
             else xapian.Query.MatchAll)
        if negative:
            q = xapian.Query(xapian.Query.OP_AND_NOT, q,
                             xapian.Query(xapian.Query.OP_OR, [self(s) for s in negative]))
        return self._scaled(q, boost)

    @staticmethod
    def _scaled(q: Any, boost: float) -> Any:
        return q if boost == 1.0 else xapian.Query(xapian.Query.OP_SCALE_WEIGHT, q, boost)

    def prefix_of(self, fieldname: str) -> str:
        found = layout.TEXT_PREFIX.get(fieldname)
        if found is None:
            raise InvalidQuery(f"field {fieldname!r} cannot be searched here")
        return found

    def term(self, fieldname: str, text: str, boost: float = 1.0) -> Any:
        """One word, weighted with our IDF; a facet field's value as its filter terms."""
        if fieldname in layout.FACET_PREFIX:
            values = self.facet_values(fieldname, text)
            terms = [xapian.Query(layout.term(layout.FACET_PREFIX[fieldname], v))
                     for v in values] or [xapian.Query.MatchNothing]
            return xapian.Query(xapian.Query.OP_SCALE_WEIGHT,
                                xapian.Query(xapian.Query.OP_OR, terms), 0.0)
        name = layout.term(self.prefix_of(fieldname), text)
        self.highlight.add(text)
        n = int(self.db.get_termfreq(name))
        if n == 0:
            return xapian.Query(name)
        scale = boost * rsj_idf(n, self.total) / max(xapian_idf(n, self.total), 1e-9)
        return xapian.Query(xapian.Query.OP_SCALE_WEIGHT, xapian.Query(name), scale)

    def phrase(self, fieldname: str, words: list[str], slop: int, boost: float) -> Any:
        if len(words) == 1:
            return self.term(fieldname, words[0], boost)
        scored = [self.term(fieldname, w) for w in words]
        prefix = self.prefix_of(fieldname)
        window = 1 + (len(words) - 1) * max(int(slop), 1)
        # a phrase takes plain terms only: it filters, its words' weights score
        near = xapian.Query(xapian.Query.OP_PHRASE,
                            [xapian.Query(layout.term(prefix, w)) for w in words], window)
        return self._scaled(xapian.Query(xapian.Query.OP_FILTER,
                                         xapian.Query(xapian.Query.OP_AND, scored), near),
                            boost)

    def expanded(self, node: Any, kind: str, boost: float) -> Any:
        """A prefix, wildcard or fuzzy word as the words of the index it stands for:
        the most frequent MAX_EXPANSIONS (fuzzy: nearest first), as the Whoosh
        backend's governor keeps them."""
        prefix = self.prefix_of(node.fieldname)
        text = _text(node.text)
        candidates: list[tuple[float, int, str]] = []
        if kind == "Prefix":
            for item in self.db.allterms(prefix + text):
                candidates.append((0, -item.termfreq, item.term.decode()[len(prefix):]))
        elif kind == "Wildcard":
            literal = re.split(r"[*?\[]", text, maxsplit=1)[0]
            pattern = re.compile(fnmatch.translate(text))
            for item in self.db.allterms(prefix + literal):
                word = item.term.decode()[len(prefix):]
                if pattern.match(word):
                    candidates.append((0, -item.termfreq, word))
        else:
            edits = int(node.maxdist)
            start = text[:int(getattr(node, "prefixlength", 0) or 0)]
            for item in self.db.allterms(prefix + start):
                word = item.term.decode()[len(prefix):]
                distance = levenshtein(text, word, edits)
                if distance <= edits:
                    candidates.append((distance, -item.termfreq, word))
        chosen = [w for *_, w in sorted(candidates)[:MAX_EXPANSIONS]]
        if not chosen:
            return xapian.Query.MatchNothing
        return xapian.Query(xapian.Query.OP_OR,
                            [self.term(node.fieldname, w, boost) for w in chosen])

    def every(self, fieldname: str) -> Any:
        if fieldname in layout.FACET_PREFIX:
            return xapian.Query(xapian.Query.OP_WILDCARD, layout.FACET_PREFIX[fieldname])
        return xapian.Query(xapian.Query.OP_WILDCARD, self.prefix_of(fieldname))


def _text(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)
