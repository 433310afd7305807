"""The Python API over the demo corpus: the same features as HTTP, no Flask involved."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import DEMO
from newsfacet.api import SearchService
from newsfacet.schema.document import Article
from newsfacet.schema.errors import InvalidParameter, UnknownFacet

WIRE = [json.loads(line) for line in (DEMO / "wire.jsonl").read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def service(demo_index: Path) -> Iterator[SearchService]:
    with SearchService(demo_index) as opened:
        yield opened


def test_every_demo_document_is_indexed(service: SearchService) -> None:
    files = list((DEMO / "files").iterdir())
    assert service.count() == len(WIRE) + len(files)


def test_outlet_filter_and_counts_agree_with_the_source(service: SearchService) -> None:
    outlet = WIRE[0]["outlet"]
    expected = {r["id"] for r in WIRE if r["outlet"] == outlet}
    results = service.search(outlet=[outlet], per_page=100, facets=["outlet"])
    assert expected <= {h.id for h in results.hits}
    assert all(h.outlet == outlet for h in results.hits)
    # the outlet facet is multi-select: it lists every outlet, this one with all its hits
    shown = {v.value: v.count for v in results.facets["outlet"]}
    assert shown[outlet] == results.total and len(shown) > 1


def test_filters_on_different_facets_combine_with_and(service: SearchService) -> None:
    everything = service.search(facets=["speaker", "location"], facet_size=1000, per_page=1)
    speaker = everything.facets["speaker"][0].value
    by_speaker = service.search(speaker=[speaker], facets=["location"], per_page=100)
    place = by_speaker.facets["location"][0].value
    both = service.search(speaker=[speaker], location=[place], per_page=100)
    assert 0 < both.total <= by_speaker.total
    for hit in both.hits:
        assert speaker in hit.speakers
        document = service.get(hit.id)
        assert any(place in (p.label, p.country) for p in document.locations)


def test_filters_that_match_nothing_return_nothing(service: SearchService) -> None:
    results = service.search("strike", speaker=["Nobody At All"], facets=["outlet"])
    assert (results.total, results.hits, results.facets["outlet"]) == (0, [], [])
    quotes = service.search_quotes("strike", speaker=["Nobody At All"])
    assert (quotes.total, quotes.hits) == (0, [])


def test_date_range_and_date_sort(service: SearchService) -> None:
    start, end = dt.date(2024, 1, 1), dt.date(2024, 3, 31)
    results = service.search(date_from=start, date_to=end, sort="date:asc", per_page=100)
    dates = [h.published for h in results.hits]
    assert dates and all(d is not None and start <= d <= end for d in dates)
    assert dates == sorted(dates)  # type: ignore[type-var]
    newest = service.search(sort="date:desc", per_page=100).hits
    dated = [h.published for h in newest if h.published]
    assert dated == sorted(dated, reverse=True)
    assert newest[-1].published is None  # undated documents come last


def test_date_facet_counts_months(service: SearchService) -> None:
    months = service.search(facets=["date"]).facets["date"]
    assert [m.value for m in months] == sorted(m.value for m in months)
    assert sum(m.count for m in months) == sum(1 for r in WIRE if r["published"]) + 10


def test_relevance_ranks_title_matches_first(service: SearchService) -> None:
    results = service.search("recount", per_page=5)
    assert results.hits and "recount" in results.hits[0].title.lower()
    assert results.hits[0].score is not None
    scores = [h.score for h in results.hits]
    assert scores == sorted(scores, reverse=True)  # type: ignore[type-var]


def test_highlight_can_be_switched_off(service: SearchService) -> None:
    on = service.search("strike", per_page=3)
    off = service.search("strike", per_page=3, highlight=False)
    assert any(h.snippets for h in on.hits)
    assert all(not h.snippets for h in off.hits)
    assert [h.id for h in on.hits] == [h.id for h in off.hits]


def test_paging_walks_the_whole_result_set_once(service: SearchService) -> None:
    total = service.search("port").total
    seen = [h.id for page in range(1, total // 4 + 2) if (page - 1) * 4 < max(total, 1)
            for h in service.search("port", page=page, per_page=4).hits]
    assert len(seen) == total == len(set(seen))


def test_phrase_query_needs_adjacent_words(service: SearchService) -> None:
    phrase = service.search('"port strike"')
    words = service.search("port strike")
    assert 0 < phrase.total <= words.total


def test_bad_arguments_raise_clear_errors(service: SearchService) -> None:
    with pytest.raises(UnknownFacet, match="colour"):
        service.search("port", facets=["colour"])
    with pytest.raises(InvalidParameter, match="per_page"):
        service.search("port", per_page=0)


def test_add_and_delete_documents_from_python(tmp_path: Path) -> None:
    with SearchService(tmp_path / "index") as service:
        report = service.add([{"id": "x1", "title": "Lighthouse restored",
                               "body": "The lighthouse in Porto, Portugal reopened.",
                               "outlet": "Test Wire", "published": "2024-05-01"}])
        assert report.added == 1
        assert service.search("lighthouse").total == 1
        assert service.get("x1").locations[0].country == "Portugal"
        assert service.delete(["x1", "missing"]) == 1
        assert service.search("lighthouse").total == 0


def test_a_replaced_searcher_closes_once_no_request_reads_it(tmp_path: Path) -> None:
    record = {"id": "y1", "title": "Ferry timetable", "body": "The ferry to Bergen runs daily.",
              "outlet": "Test Wire", "published": "2024-05-02"}
    with SearchService(tmp_path / "index") as service:
        service.add([record])
        backend: Any = service.backend
        with backend.searchers.reading() as held:  # a request still reading the first searcher
            service.add([{**record, "id": "y2"}])
            assert service.search("ferry").total == 2  # a new searcher sees the write
            assert not held.searcher.is_closed
            assert len(list(held.searcher.documents())) == 1
        assert held.searcher.is_closed
        service.add([{**record, "id": "y3"}])
        before = backend.searchers.documents.searcher
        assert service.search("ferry").total == 3
        assert before.is_closed  # nobody held it: closed at once


def test_phrases_with_stop_words_match_the_text(tmp_path: Path) -> None:
    with SearchService(tmp_path / "index") as service:
        service.add([
            {"id": "p1", "title": "Speech", "body": "The State of the Union address ran long."},
            {"id": "p2", "title": "Grid", "body": "An energy and a crisis of confidence."},
            {"id": "p3", "title": "Tariffs", "body": "The union said the state would pay."},
        ])
        assert [h.id for h in service.search('"state of the union"').hits] == ["p1"]
        assert service.search('"energy crisis"').total == 0  # stop-word gaps still count
        assert service.search('"state union"').total == 0


def test_add_from_python_refuses_what_is_not_standard_json(tmp_path: Path) -> None:
    """SearchService.add goes through the same check as HTTP and JSON Lines: each bad
    record is a problem naming it, the good ones are indexed, and nothing is lost."""
    with SearchService(tmp_path / "index") as service:
        service.add([{"id": "kept", "body": "The lighthouse in Porto reopened."}])
        report = service.add([
            {"id": "s", "body": "lighthouse \ud800"},
            {"id": "n", "body": "lighthouse", "rating": float("nan")},
            {"id": "d", "body": "lighthouse", "when": dt.date(2024, 5, 1)},
            {"id": "ok", "body": "Another lighthouse in Porto."},
            Article(id="a", body="lighthouse", metadata={"x": float("inf")}),
        ])
        assert report.added == 1
        assert [(p.line, p.message.split(":")[0]) for p in report.problems] == [
            (1, "document 's'"), (2, "document 'n'"), (3, "document 'd'"), (5, "document 'a'")]
        assert {h.id for h in service.search("lighthouse").hits} == {"kept", "ok"}
