"""Ranking options: ``operator=or`` (any word may match) and ``boost=recency`` (a score
halves per ``half_life`` of age), off by default."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import LiveServer, serve
from newsfacet.api import SearchService
from newsfacet.api.engine.ranking import REPEAT_EXPONENT
from newsfacet.indexer.pipeline import index_articles
from newsfacet.indexer.store import IndexStore
from newsfacet.schema.document import Article
from newsfacet.schema.errors import InvalidParameter

SAME = "Dockworkers walked out at the container terminal over night-shift pay on Monday."
RECORDS = [
    {"id": "old", "published": "2024-01-01", "title": "Strike", "body": SAME},
    {"id": "mid", "published": "2024-01-15", "title": "Strike", "body": SAME},
    {"id": "new", "published": "2024-01-29", "title": "Strike", "body": SAME},
    {"id": "undated", "title": "Strike", "body": SAME},
    {"id": "flood", "published": "2024-01-20", "title": "Flood",
     "body": "The river flooded the lower town after three days of rain."},
    {"id": "both", "published": "2023-06-01", "title": "Flood and strike",
     "body": "Dockworkers on strike helped sandbag the river as the flood rose."},
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ranking") / "index"
    index_articles(IndexStore(path), [Article.from_record(r) for r in RECORDS])
    return path


@pytest.fixture(scope="module")
def service(index: Path) -> Iterator[SearchService]:
    with SearchService(index) as opened:
        yield opened


def test_operator_or_matches_any_word_and_ranks_more_matches_first(
        service: SearchService) -> None:
    assert service.search("flood dockworkers").total == 1  # and: only "both" has both
    either = service.search("flood dockworkers", operator="or", per_page=10)
    assert {h.id for h in either.hits} == {"old", "mid", "new", "undated", "flood", "both"}
    assert either.hits[0].id == "both"


@settings(max_examples=20, deadline=None)
@given(times=st.integers(min_value=1, max_value=8), word=st.sampled_from(["flood", "river"]))
def test_a_repeated_word_weighs_a_power_of_its_repeats(service: SearchService, times: int,
                                                       word: str) -> None:
    """A word said n times weighs n ** REPEAT_EXPONENT (a square root): more than once,
    less than n times, so a long question's repeated word does not rank alone."""
    once = {h.id: h.score for h in service.search(word, operator="or", per_page=10).hits}
    repeated = service.search(" ".join([word] * times), operator="or", per_page=10).hits
    assert {h.id for h in repeated} == set(once)
    for hit in repeated:
        assert hit.score == pytest.approx(once[hit.id] * times ** REPEAT_EXPONENT, rel=1e-9)
        if times > 1:
            assert once[hit.id] < hit.score < times * once[hit.id]


def test_recency_halves_a_score_per_half_life(service: SearchService) -> None:
    plain = {h.id: h.score for h in service.search("dockworkers night pay", per_page=10).hits}
    assert plain["old"] == plain["mid"] == plain["new"] == plain["undated"]
    boosted = service.search("dockworkers night pay", boost="recency", half_life="2w",
                             per_page=10)
    scores = {h.id: h.score for h in boosted.hits}
    # equal boosted scores (the newest and the undated) go in id order
    assert [h.id for h in boosted.hits][:4] == ["new", "undated", "mid", "old"]
    assert scores["new"] == pytest.approx(plain["new"])  # the newest keeps its score
    assert scores["mid"] == pytest.approx(plain["mid"] * 0.5)  # 14 days older: half
    assert scores["old"] == pytest.approx(plain["old"] * 0.25)
    assert scores["undated"] == pytest.approx(plain["undated"])  # no date: no boost


def test_a_long_half_life_keeps_relevance_first(service: SearchService) -> None:
    hits = service.search("flood strike", operator="or", boost="recency",
                          half_life="10y").hits
    assert hits[0].id == "both"  # the old document matching both words still leads
    short = service.search("flood strike", operator="or", boost="recency", half_life=1).hits
    assert hits[0].score is not None and short[0].score is not None
    assert short[0].id != "both" and math.isfinite(short[0].score)


def test_bad_ranking_options_are_clear_errors(service: SearchService) -> None:
    with pytest.raises(InvalidParameter, match="operator"):
        service.search("strike", operator="xor")
    with pytest.raises(InvalidParameter, match="boost"):
        service.search("strike", boost="popularity")
    with pytest.raises(InvalidParameter, match="half_life"):
        service.search("strike", boost="recency", half_life="0d")


def test_ranking_options_over_http(index: Path) -> None:
    for server in serve(index):
        check(server)


def check(server: LiveServer) -> None:
    status, body, _ = server.get("/search?q=flood%20dockworkers&operator=or")
    assert status == 200 and body["total"] == 6
    status, body, _ = server.get("/search?q=dockworkers&boost=recency&half_life=14")
    assert status == 200 and body["hits"][0]["id"] in {"new", "undated"}
    for bad in ("operator=xor", "boost=recency&half_life=soon", "boost=fame"):
        status, problem, _ = server.get(f"/search?q=dockworkers&{bad}")
        assert status == 400 and problem["detail"]
    _, first, _ = server.get("/search?q=dockworkers&per_page=1")
    status, problem, _ = server.get(
        f"/search?q=dockworkers&boost=recency&cursor={first['next_cursor']}")
    assert status == 400 and "cursor" in problem["detail"]
