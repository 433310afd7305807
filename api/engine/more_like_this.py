"""More like this: a document's most significant words as a query.

Its key terms (Bo1, as Whoosh weighs them) over title and body, each boosted by its
weight; the query then runs as any other (:func:`.selection.select`), ranked by BM25F.
"""

from __future__ import annotations

from typing import Any

from whoosh import query as wq

from .query import SEARCH_FIELDS

#: How many key terms of a document make its more-like-this query (body, then title).
SIMILAR_TERMS = {"body": 15, "title": 5}


def key_terms_query(searcher: Any, docnum: int) -> Any:
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
