"""The posting scanner answers as Whoosh does: the same result set, the same ranking and
the same scores, to rounding (Whoosh adds a document's per-word scores in an order that
depends on the segment; the scanner in the query's order).

The reference is Whoosh's own search with matcher replacement off (``replace=0``): with it
on, whoosh3 3.54.0 drops true top hits of AND-of-OR queries, which the last test shows.
"""

from __future__ import annotations

import bisect
import random
import re
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import collectors
from whoosh.formats import Positions

from conftest import DEMO, TINY_RECORDS
from newsfacet.api import SearchService
from newsfacet.api.engine.posting_scan import phrase_documents, position_table
from newsfacet.api.engine.query import SEARCH_FIELDS, parse
from newsfacet.indexer.pipeline import index_paths
from newsfacet.indexer.store import IndexStore

PAGE_END = 30
#: How far the scanner's sums may be from Whoosh's (relative): the same numbers added
#: in another order differ by a few units in the last place.
ROUNDING = 1e-12


def whoosh_scores(searcher: Any, q: Any, allowed: set[int]) -> dict[int, float]:
    """Whoosh's score of every allowed document that matches."""
    if not allowed:
        return {}
    collector = collectors.FilterCollector(
        collectors.TopCollector(limit=len(allowed), replace=0), allow=allowed)
    searcher.search_with_collector(q, collector)
    return {hit.docnum: hit.score for hit in collector.results()}


def whoosh_top(searcher: Any, q: Any, allowed: set[int], end: int,
               rank: np.ndarray) -> list[tuple[int, float]]:
    """Whoosh's top ``end``, equal scores put in id order (``rank``) as ours are."""
    found = whoosh_scores(searcher, q, allowed).items()
    return sorted(found, key=lambda pair: (-pair[1], rank[pair[0]]))[:end]


def assert_ranks_as_whoosh(ours: list[tuple[int, float]], theirs: dict[int, float],
                           end: int, rank: np.ndarray, label: Any) -> None:
    """``ours`` is Whoosh's top ``end``: each score Whoosh's to rounding, in score order
    (ties by ``rank``), and no document Whoosh scores clearly higher left out; the
    order of documents whose scores are equal to rounding is ours to choose."""
    assert len(ours) == min(end, len(theirs)), label
    for doc, score in ours:
        assert doc in theirs, label
        assert score == pytest.approx(theirs[doc], rel=ROUNDING, abs=0), label
    assert ours == sorted(ours, key=lambda pair: (-pair[1], rank[pair[0]])), label
    if ours:
        lowest = ours[-1][1]
        chosen = {doc for doc, _ in ours}
        for doc, score in theirs.items():
            if score > lowest * (1 + 2 * ROUNDING):
                assert doc in chosen, label


def queries_from_titles(service: SearchService, count: int, seed: int) -> list[str]:
    """Words, AND, OR, NOT and phrases drawn from the index's own titles."""
    searcher = service.backend.searchers.current().searcher  # type: ignore[attr-defined]
    titles = [fields.get("title", "") for fields in searcher.all_stored_fields()]
    rng = random.Random(seed)
    queries: list[str] = []
    while len(queries) < count:
        words = [w for w in re.findall(r"[A-Za-z]{3,}", rng.choice(titles))]
        if len(words) < 3:
            continue
        a, b, c = rng.sample(words, 3)
        i = rng.randrange(len(words) - 1)
        every = re.findall(r"[A-Za-z]+", rng.choice(titles))  # stop words too: gaps
        j = rng.randrange(max(1, len(every) - 3))
        queries += [a, f"{a} {b}", f"{a} {b} {c}", f'"{words[i]} {words[i + 1]}"',
                    f"{a} OR {b}", f"{a} NOT {b}", f"({a} OR {b}) {c}",
                    f'"{words[i]} {words[i + 1]}" {c}', '"' + " ".join(every[j:j + 4]) + '"']
    return queries[:count]


@pytest.fixture(scope="module")
def segmented_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus, then a second segment and some deletions."""
    folder = tmp_path_factory.mktemp("segments")
    index = folder / "index"
    index_paths(IndexStore(index), [DEMO], progress=False)
    with SearchService(index) as service:
        service.add(TINY_RECORDS)
        ids = [h.id for h in service.search(per_page=5).hits]
        assert service.delete(ids[:2]) == 2
    return index


def check_same_answers(service: SearchService, queries: list[str]) -> int:
    """Assert the scanner agrees with Whoosh on every query; return how many it handled."""
    backend: Any = service.backend
    view = backend.searchers.current()
    outlets = [v.value for v in service.facet_values("outlet")[:3]]
    handled = 0
    for text in queries:
        q = parse(text, view.searcher.schema, SEARCH_FIELDS)
        scan = view.scanner.scan(q)
        if scan is None:
            continue
        handled += 1
        expected = set(view.searcher.docs_for_query(q))
        assert set(np.flatnonzero(scan.mask).tolist()) == expected, text
        rank = view.table.rank
        assert_ranks_as_whoosh(view.scanner.top(q, scan, scan.mask, PAGE_END, rank),
                               whoosh_scores(view.searcher, q, expected), PAGE_END, rank,
                               text)
        for outlet in outlets:
            allowed = scan.mask & view.table.matching("outlet", [outlet])
            assert_ranks_as_whoosh(
                view.scanner.top(q, scan, allowed, 10, rank),
                whoosh_scores(view.searcher, q, set(np.flatnonzero(allowed).tolist())), 10,
                rank, (text, outlet))
    return handled


def test_same_answers_over_segments_and_deletions(segmented_demo: Path) -> None:
    with SearchService(segmented_demo) as service:
        backend: Any = service.backend
        assert len(backend.searchers.current().scanner.segments) > 1
        queries = queries_from_titles(service, 160, seed=4)
        assert check_same_answers(service, queries) == len(queries)


def test_same_answers_on_real_articles(allsides_sample: tuple[list[dict], Path],
                                       tmp_path: Path) -> None:
    index = tmp_path / "index"
    shutil.copytree(allsides_sample[1], index)
    with SearchService(index) as service:
        queries = queries_from_titles(service, 240, seed=11)
        assert check_same_answers(service, queries) == len(queries)


def test_other_queries_are_left_to_whoosh(segmented_demo: Path) -> None:
    with SearchService(segmented_demo) as service:
        backend: Any = service.backend
        view = backend.searchers.current()
        for text in ("strik*", "outlet:x", "title:[a TO c]"):
            q = parse(text, view.searcher.schema, SEARCH_FIELDS)
            assert view.scanner.scan(q) is None, text
        assert service.search("strik*").total == service.search("strike OR strikes").total


def test_service_pages_follow_whoosh_order(allsides_sample: tuple[list[dict], Path]) -> None:
    """Search pages read as one ranking, and the top hit is the best-scoring document.

    "senators control" is a query for which Whoosh's default search (matcher
    replacement on) misses its true best hit on this sample or a larger one; ours must not.
    """
    with SearchService(allsides_sample[1]) as service:
        backend: Any = service.backend
        view = backend.searchers.current()
        for text in ("senators control", "trump biden", "white house"):
            q = parse(text, view.searcher.schema, SEARCH_FIELDS)
            expected = set(view.searcher.docs_for_query(q))
            pages = [service.search(text, page=p, per_page=10, highlight=False) for p in (1, 2, 3)]
            ids = view.searcher.reader().column_reader("id")
            docnum = {ids[d]: d for d in expected}
            hits = [(docnum[h.id], h.score) for page in pages for h in page.hits]
            assert_ranks_as_whoosh(hits, whoosh_scores(view.searcher, q, expected), 30,
                                   view.table.rank, text)
            assert pages[0].total == len(expected)


def test_cached_postings_answer_as_fresh_ones_and_stay_bounded(segmented_demo: Path) -> None:
    """The queries twice over, through a cache small enough to evict all the time."""
    with SearchService(segmented_demo) as service:
        backend: Any = service.backend
        scanner = backend.searchers.current().scanner
        scanner.cache.limit = 64 * 1024
        queries = queries_from_titles(service, 90, seed=4)
        assert check_same_answers(service, queries) == len(queries)
        assert 0 < scanner.cache.size <= scanner.cache.limit
        assert check_same_answers(service, queries) == len(queries)
        assert scanner.cache.size <= scanner.cache.limit


# -- positions and phrases, piece by piece ------------------------------------------------

position_lists = st.lists(st.integers(min_value=0, max_value=300), min_size=1, max_size=12,
                          unique=True).map(sorted)


@settings(max_examples=200, deadline=None)
@given(st.lists(position_lists, max_size=20))
def test_position_table_decodes_as_whoosh(documents: list[list[int]]) -> None:
    positions = Positions()
    starts, flat = position_table([positions.encode(p) for p in documents])
    assert [flat[starts[i]:starts[i + 1]].tolist() for i in range(len(documents))] == \
        [positions.decode_positions(positions.encode(p)) for p in documents]


def phrase_by_bisection(lists: list[dict[int, list[int]]], slop: int) -> list[int]:
    """The phrase rule as it was written first, one document and one position at a time."""
    common = set(lists[0]).intersection(*lists[1:])
    matched = []
    for doc in sorted(common):
        ends = lists[0][doc]
        for later in lists[1:]:
            ends = [p for p in later[doc]
                    if (j := bisect.bisect_left(ends, p - slop)) < len(ends) and ends[j] < p]
        if ends:
            matched.append(doc)
    return matched


documents_of_a_word = st.dictionaries(st.integers(min_value=0, max_value=30), position_lists,
                                      max_size=15)


@settings(max_examples=300, deadline=None)
@given(st.lists(documents_of_a_word, min_size=1, max_size=4),
       st.integers(min_value=1, max_value=400) | st.just(10**9))
def test_phrase_documents_as_bisection(lists: list[dict[int, list[int]]], slop: int) -> None:
    positions = Positions()
    postings = []
    for word in lists:
        ids = sorted(word)
        postings.append((np.array(ids, dtype=np.int32), np.ones(len(ids)),
                         position_table([positions.encode(word[d]) for d in ids])))
    assert phrase_documents(postings, slop).tolist() == phrase_by_bisection(lists, slop)
