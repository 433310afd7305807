"""nDCG@10 and average precision as trec_eval computes them, checked against trec_eval.

``evaluation/metrics.py`` writes them out (a few lines each, no C extension needed to run
``make eval``); here generated rankings and judgements are scored by both it and
trec_eval itself (``pytrec_eval`` through ``ir-measures``), which must agree.
"""

from __future__ import annotations

import sys
from pathlib import Path

import ir_measures
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ir_measures import AP, Qrel, ScoredDoc, nDCG

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "evaluation"))
from metrics import average_precision, ndcg_at

DOCS = [f"d{n}" for n in range(30)]


@st.composite
def judged_runs(draw: st.DrawFn) -> tuple[dict[str, int], list[str]]:
    """Graded judgements (at least one relevant) and a ranking that mixes judged and
    unjudged documents, as a search run does."""
    judged = draw(st.lists(st.sampled_from(DOCS), min_size=1, max_size=20, unique=True))
    grades = {doc: draw(st.integers(0, 3)) for doc in judged}
    grades[judged[0]] = draw(st.integers(1, 3))
    ranked = draw(st.lists(st.sampled_from(DOCS), max_size=25, unique=True))
    return grades, ranked


def _trec_eval(grades: dict[str, int], ranked: list[str]) -> dict[str, float]:
    qrels = [Qrel("q", doc, grade) for doc, grade in grades.items()]
    # trec_eval orders by score: strictly decreasing scores keep the ranking as given
    run = [ScoredDoc("q", doc, float(len(ranked) - i)) for i, doc in enumerate(ranked)]
    found = {str(m.measure): m.value for m in
             ir_measures.iter_calc([nDCG @ 10, AP], qrels, run)}
    return {"ndcg": found.get("nDCG@10", 0.0), "ap": found.get("AP", 0.0)}


@settings(max_examples=300, deadline=None)
@given(judged_runs())
def test_ndcg_and_average_precision_agree_with_trec_eval(
        case: tuple[dict[str, int], list[str]]) -> None:
    grades, ranked = case
    expected = _trec_eval(grades, ranked)
    assert ndcg_at(ranked, {d: float(g) for d, g in grades.items()}, 10) == pytest.approx(
        expected["ndcg"], abs=1e-4)
    relevant = [doc for doc, grade in grades.items() if grade > 0]
    assert average_precision(ranked, relevant) == pytest.approx(expected["ap"], abs=1e-4)
