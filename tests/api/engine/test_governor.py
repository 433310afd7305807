"""The query governor's work is bounded: expansions, clauses and postings stay under the
caps of ``api/query_limits.py``, and the time budget stops a search deterministically.

Assertions are on work counters (``Budget``), never on time; the deadline is driven by
a fake clock.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfacet.api.engine import governor, query, ranking
from newsfacet.api.models import QuoteRequest, SearchRequest
from newsfacet.api.params import validate
from newsfacet.api.query_limits import (
    MAX_CLAUSES,
    MAX_EXPANSIONS,
    MAX_FUZZY_EDITS,
    MAX_PHRASE_SLOP,
    MAX_POSTINGS,
    Budget,
    fuzzy_edits,
)
from newsfacet.api.service import SearchService
from newsfacet.schema.errors import NewsfacetError, QueryTooCostly


@pytest.fixture(scope="module")
def service(demo_index: Path) -> Iterator[SearchService]:
    with SearchService(demo_index, query_timeout=None) as opened:
        yield opened


def search(service: SearchService, q: str, budget: Budget, **options: Any) -> Any:
    return service.backend.search(validate(SearchRequest(q=q, **options)), budget)


def ticking(step: float = 1.0) -> Callable[[], float]:
    """A clock that moves ``step`` seconds each time it is read."""
    counter = itertools.count()
    return lambda: next(counter) * step


def test_fuzzy_edits_are_capped_and_follow_word_length() -> None:
    assert MAX_FUZZY_EDITS == 2
    assert [fuzzy_edits(2, word) for word in ("a", "ab", "abc", "abcde", "abcdef")] == \
        [0, 0, 1, 1, 2]
    assert fuzzy_edits(1, "brennan") == 1  # "~" alone asks for one edit
    with pytest.raises(QueryTooCostly, match="MAX_FUZZY_EDITS"):
        fuzzy_edits(3, "brennan")


def test_a_prefix_keeps_its_most_frequent_words(service: SearchService) -> None:
    """'a*' has more than MAX_EXPANSIONS body words in the demo corpus: the most
    frequent are kept, the same ones every time."""
    backend: Any = service.backend
    with backend.searchers.reading(budget=Budget(None)) as view:
        reader = view.searcher.reader()
        every = [(b.decode(), info.doc_frequency()) for b, info in reader.iter_prefix("body", "a")]
        assert len(every) > MAX_EXPANSIONS
        _, q = query.governed_query("a*", view, query.SEARCH_FIELDS, "and")
        _, again = query.governed_query("a*", view, query.SEARCH_FIELDS, "and")
    kept = [t.text for t in q.subqueries[1].subqueries]
    assert kept == sorted(kept) and len(kept) == MAX_EXPANSIONS
    frequencies = dict(every)
    least_kept = min(frequencies[w] for w in kept)
    assert all(frequencies[w] <= least_kept for w, _ in every if w not in kept)
    assert q == again


def test_expansions_under_the_cap_match_whoosh(service: SearchService) -> None:
    """Below the cap a prefix finds and scores what Whoosh's own Prefix did."""
    from whoosh import query as wq

    backend: Any = service.backend
    budget = Budget(None)
    with backend.searchers.reading(budget=budget) as view:
        _, governed = query.governed_query("strik*", view, query.SEARCH_FIELDS, "and")
        plain = wq.Or([wq.Prefix("title", "strik", boost=0.5), wq.Prefix("body", "strik")])
        ours = {h.docnum: h.score for h in view.searcher.search(governed, limit=None)}
        theirs = {h.docnum: h.score for h in view.searcher.search(plain, limit=None)}
    assert ours == theirs and ours
    assert 0 < budget.widest_expansion < MAX_EXPANSIONS


def test_too_many_postings_is_refused(service: SearchService,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(governor, "MAX_POSTINGS", 5)
    with pytest.raises(QueryTooCostly, match="MAX_POSTINGS"):
        search(service, "strike", Budget(None))


def test_an_or_query_drops_its_word_pairs_before_being_refused(
        service: SearchService, monkeypatch: pytest.MonkeyPatch) -> None:
    q = "container terminals strike dockworkers"
    budget = Budget(None)
    full = search(service, q, budget, operator="or", per_page=100)
    with_pairs = budget.postings
    backend: Any = service.backend
    with backend.searchers.reading(budget=Budget(None)) as view:
        parsed = query.parse(q, view.searcher.schema, query.SEARCH_FIELDS, view, "or",
                             near=False)
        without_pairs = governor.Governor(view, Budget(None))
        without_pairs(parsed)
    assert without_pairs.postings < with_pairs
    monkeypatch.setattr(governor, "MAX_POSTINGS", without_pairs.postings)
    budget = Budget(None)
    fewer = search(service, q, budget, operator="or", per_page=100)
    assert budget.postings == without_pairs.postings
    assert {h.id for h in fewer.hits} == {h.id for h in full.hits}  # same documents
    monkeypatch.setattr(governor, "MAX_POSTINGS", without_pairs.postings - 1)
    with pytest.raises(QueryTooCostly, match="MAX_POSTINGS"):
        search(service, q, Budget(None), operator="or")


def test_a_spent_budget_stops_a_search(service: SearchService) -> None:
    with pytest.raises(QueryTooCostly, match="NEWSFACET_QUERY_TIMEOUT") as raised:
        search(service, "strike", Budget(timeout=0))
    assert "0 s" in str(raised.value)


def test_the_deadline_is_checked_inside_the_work(service: SearchService) -> None:
    """A clock that moves one second per read: a 5 s budget runs out part way, inside
    the loops that check it, whatever the query."""
    for q in ("strike", "strik*", "vermeulan~", '"container terminals"', "NOT strike",
              "speaker:*"):
        budget = Budget(timeout=5, clock=ticking())
        with pytest.raises(QueryTooCostly, match="budget of 5 s"):
            search(service, q, budget, facets=("outlet",))
        assert budget.checks >= 5, q


def test_an_unlimited_budget_never_refuses_for_time(service: SearchService) -> None:
    budget = Budget(timeout=None, clock=ticking(1e9))
    assert search(service, "strike", budget).total > 0
    assert budget.checks > 0


def test_quotes_and_similar_check_the_deadline(service: SearchService) -> None:
    backend: Any = service.backend
    with pytest.raises(QueryTooCostly):
        backend.search_quotes(validate(QuoteRequest(q="strike")), Budget(timeout=0))
    with pytest.raises(QueryTooCostly):
        backend.similar("lpr-0001", validate(SearchRequest()), Budget(timeout=0))


# -- hostile queries: results or a 4xx problem, from bounded work ---------------------

FIELDS = ["title", "body", "outlet", "speaker", "location", "id", "source", "extraction",
          "content_hash", "published", "story", "nofield", "text", "*"]
WORDS = ["strike", "port", "a", "ab", "vermeulan", "rotterdam", "e", "brenan", "container",
         "OR", "AND", "NOT", "to", "10", "é"]


def _wildcarded(word: str, positions: list[int], marks: list[str]) -> str:
    chars = list(word)
    for at, mark in zip(positions, marks, strict=False):
        chars.insert(min(at, len(chars)), mark)
    return "".join(chars)


@st.composite
def terms(draw: st.DrawFn) -> str:
    word = draw(st.sampled_from(WORDS) | st.text("abcxyz*?~", min_size=1, max_size=6))
    kind = draw(st.sampled_from(["word", "fuzzy", "wild", "range", "phrase", "field"]))
    if kind == "fuzzy":
        word = f"{word}~{draw(st.sampled_from(['', *map(str, range(10))]))}"
    elif kind == "wild":
        marks = draw(st.lists(st.sampled_from(["*", "?"]), min_size=1, max_size=3))
        spots = draw(st.lists(st.integers(0, 6), min_size=len(marks), max_size=len(marks)))
        word = _wildcarded(word, spots, marks)
    elif kind == "range":
        word = f"[{word} TO {draw(st.sampled_from(WORDS))}]"
    elif kind == "phrase":
        other = draw(st.sampled_from(WORDS))
        slop = draw(st.sampled_from([1, 2, MAX_PHRASE_SLOP, MAX_PHRASE_SLOP + 1, 10**7]))
        word = f'"{word} {other}"~{slop}'
    if draw(st.booleans()):
        word = f"{draw(st.sampled_from(FIELDS))}:{word}"
    return word


@st.composite
def queries(draw: st.DrawFn, depth: int = 2) -> str:
    parts = draw(st.lists(terms() if depth == 0 else terms() | queries(depth=depth - 1),
                          min_size=1, max_size=4))
    joiner = draw(st.sampled_from([" ", " AND ", " OR ", " NOT "]))
    text = joiner.join(parts)
    return f"({text})" if depth < 2 and draw(st.booleans()) else text


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(q=queries() | terms() | st.text(max_size=40), operator=st.sampled_from(["and", "or"]),
       quotes=st.booleans())
def test_hostile_queries_answer_or_refuse_with_bounded_work(service: SearchService, q: str,
                                                            operator: str,
                                                            quotes: bool) -> None:
    budget = Budget(timeout=None)
    try:
        if quotes:
            service.backend.search_quotes(validate(QuoteRequest(q=q, operator=operator)),
                                          budget)
        else:
            search(service, q, budget, operator=operator, facets=("outlet", "speaker"))
    except NewsfacetError as error:
        assert 400 <= error.status < 500, (q, error)
        return
    assert budget.clauses <= MAX_CLAUSES, q
    assert budget.widest_expansion <= MAX_EXPANSIONS, q
    assert budget.postings <= MAX_POSTINGS, q


def test_big_queries_rank_by_the_scanner_within_rounding_of_whoosh(
        service: SearchService) -> None:
    """A query of hundreds of words ranks by the scanner's sums: the same ranking as
    Whoosh's own search, scores equal to rounding."""
    import numpy as np

    q = "a* b* c* d* e*"
    budget = Budget(None)
    ours = search(service, q, budget, operator="or", per_page=20, highlight=False)
    assert budget.clauses > 100
    backend: Any = service.backend
    with backend.searchers.reading(budget=Budget(None)) as view:
        _, governed = query.governed_query(q, view, query.SEARCH_FIELDS, "or")
        matched = np.ones(view.table.size, dtype=bool) & view.table.live
        theirs = view.table.by_score(ranking.whoosh_top(view.searcher, governed,
                                                        matched, 20))
        ids = [view.searcher.stored_fields(d)["id"] for d, _ in theirs]
    assert [h.id for h in ours.hits] == ids
    for hit, (_, score) in zip(ours.hits, theirs, strict=True):
        assert hit.score == pytest.approx(score, rel=1e-9)
