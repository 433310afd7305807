"""The leave-one-out scorer (``evaluation/loo_scorer.py``) ranks as the engine does.

``make loo`` chooses the shipped ranking from numpy re-scores of an index's postings;
that choice is only worth something if, at the shipped setting, those re-scores give
the same top 10 as ``SearchService``. Generated corpora (documents with and without
titles, mixed: a missing title once gave NaN scores) and word queries are ranked both
ways here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "evaluation"))
from loo_scorer import Collection
from ranking_loo import SHIPPED, raw_boosts

from newsfacet.api import SearchService
from newsfacet.api.engine import query as engine_query
from newsfacet.api.models import SearchRequest
from newsfacet.indexer.pipeline import index_paths
from newsfacet.indexer.store import IndexStore

WORDS = ["harbour", "strike", "union", "ferry", "port", "workers", "wages", "talks",
         "minister", "the", "of", "river", "storm", "ships", "strikes", "closed"]

text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join)
corpora = st.lists(st.tuples(st.one_of(st.none(), text), text), min_size=3, max_size=12)
queries = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(docs=corpora, words=st.lists(queries, min_size=1, max_size=4))
def test_fast_scores_rank_as_search_service(tmp_path_factory, docs, words) -> None:
    folder = tmp_path_factory.mktemp("loo")
    source = folder / "docs.jsonl"
    source.write_text("".join(json.dumps({"id": f"d{i:02d}", "title": title, "body": body})
                              + "\n" for i, (title, body) in enumerate(docs)))
    index_paths(IndexStore(folder / "index"), [source], progress=False)
    with IndexStore(folder / "index").open().searcher() as searcher, \
            SearchService(str(folder / "index"), query_timeout=None) as service:
        ids = [searcher.stored_fields(d)["id"] for d in range(searcher.doc_count_all())]
        data = Collection(searcher, ids)
        for q in words:
            engine = [hit.id for hit in service.run(SearchRequest(
                q=q, operator="or", per_page=10, highlight=False)).hits]
            # the scorer applies the title, proximity and repeat weights itself
            with raw_boosts():
                unweighted = engine_query.parse(q, searcher.schema,
                                                engine_query.SEARCH_FIELDS, None, "or")
            assert data.top(data.leaf(unweighted), SHIPPED) == engine, q

