"""The backend contract: every backend (Whoosh, one Xapian database, three Xapian
shards) answers as ``api/backend.py`` says, over the same demo corpus.

Totals, facet counts (multi-select, histograms, ranges), collapsed totals, quotes,
stories, documents, stats and health must equal the Whoosh backend's (the reference);
orders must follow the rules (scores best first with ties by id, dates newest first with
ties by id and undated last); cursors must walk the same sequence as pages. Requests are
generated (Hypothesis) from the corpus's own words and facet values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend_requests import FACETS, WORDS, requests
from newsfacet.api.models import Hit, SearchRequest, SearchResults
from newsfacet.api.service import SearchService
from newsfacet.schema.errors import DocumentNotFound, InvalidQuery, StoryNotFound

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


def check_order(results: SearchResults, request: SearchRequest) -> None:
    """Scores best first, ties by id; dates in order, ties by id, undated last."""
    hits = results.hits
    if request.ranked_by == "relevance" and request.q.strip() not in ("", "*"):
        keys = [(-(h.score or 0.0), h.id) for h in hits]
        assert keys == sorted(keys)
        return
    newest = request.ranked_by != "date:asc"

    def key(hit: Hit) -> tuple[int, int, str]:
        if hit.published is None:
            return (1, 0, hit.id)
        day = hit.published.toordinal()
        return (0, -day if newest else day, hit.id)

    assert [key(h) for h in hits] == sorted(key(h) for h in hits)


def check_filters(results: SearchResults, request: SearchRequest) -> None:
    for hit in results.hits:
        if request.outlet:
            assert hit.outlet in request.outlet
        if request.date_field == "published" and (request.date_from or request.date_to):
            assert hit.published is not None
            assert (request.date_from or dt.date.min) <= hit.published
            assert hit.published <= (request.date_to or dt.date.max)


@SETTINGS
@given(data=st.data())
def test_totals_facets_and_order_are_the_references(
        service: SearchService, reference: SearchService, data: st.DataObject) -> None:
    request = data.draw(requests(reference))
    found, expected = service.run(request), reference.run(request)
    assert found.total == expected.total
    assert found.total_documents == expected.total_documents
    assert found.facets == expected.facets
    assert found.date_range == expected.date_range
    assert len(found.hits) == len(expected.hits)
    check_order(found, request)
    check_filters(found, request)
    if request.collapse:
        stories = [h.story for h in found.hits]
        assert len(stories) == len(set(stories))
    if request.ranked_by != "relevance" or request.q.strip() in ("", "*"):
        assert [h.id for h in found.hits] == [h.id for h in expected.hits]


@SETTINGS
@given(data=st.data())
def test_cursors_walk_the_pages(service: SearchService, reference: SearchService,
                                data: st.DataObject) -> None:
    request = replace(data.draw(requests(reference)), page=1, collapse=None, boost=None)
    paged: list[str] = []
    page = 1
    while page <= 100:
        results = service.run(replace(request, page=page))
        if not results.hits:
            break
        paged += [h.id for h in results.hits]
        page += 1
    walked: list[str] = []
    results = service.run(request)
    while True:
        walked += [h.id for h in results.hits]
        if results.next_cursor is None:
            break
        results = service.search(request.q, cursor=results.next_cursor,
                                 **_same(request))
    assert walked == paged
    assert len(walked) == len(set(walked)) == results.total


def _same(request: SearchRequest) -> dict[str, Any]:
    return dict(outlet=request.outlet, speaker=request.speaker, location=request.location,
                date_from=request.date_from, date_to=request.date_to,
                date_field=request.date_field, sort=request.sort,
                per_page=request.per_page, operator=request.operator)


def test_natural_language_dates_resolve_alike(service: SearchService,
                                              reference: SearchService) -> None:
    for words in ("since September 2023", "last month", "2023"):
        found = service.search("port", date_from=words, as_of="2024-01-15", facets=["date"])
        expected = reference.search("port", date_from=words, as_of="2024-01-15",
                                    facets=["date"])
        assert (found.total, found.facets, found.date_range) == (
            expected.total, expected.facets, expected.date_range)


def test_relevance_hits_overlap_the_reference(service: SearchService,
                                              reference: SearchService) -> None:
    """The same documents rank on top (scores may differ a little between engines)."""
    overlaps = []
    for word in WORDS:
        found = {h.id for h in service.search(word, per_page=10).hits}
        expected = {h.id for h in reference.search(word, per_page=10).hits}
        if expected:
            overlaps.append(len(found & expected) / len(expected))
    assert sum(overlaps) / len(overlaps) >= 0.9


def test_quotes(service: SearchService, reference: SearchService) -> None:
    for q, speakers in (("strike", ()), ("", ("Joris Vermeulen",)), ("port OR ship", ())):
        found = service.search_quotes(q, speaker=speakers, facets=["speaker", "outlet"])
        expected = reference.search_quotes(q, speaker=speakers, facets=["speaker", "outlet"])
        assert (found.total, found.facets) == (expected.total, expected.facets)
        assert {h.id for h in found.hits} == {h.id for h in expected.hits}
        for hit in found.hits:
            assert "<mark>" in hit.highlighted or not q


def test_similar_excludes_the_document_and_finds_its_story(
        service: SearchService, reference: SearchService) -> None:
    found = service.similar("port-strike-day2", per_page=5, facets=["outlet"])
    expected = reference.similar("port-strike-day2", per_page=5, facets=["outlet"])
    assert "port-strike-day2" not in {h.id for h in found.hits}
    assert found.hits and found.hits[0].id == expected.hits[0].id
    with pytest.raises(DocumentNotFound):
        service.similar("no-such-document")


def test_documents_and_stories(service: SearchService, reference: SearchService) -> None:
    for hit in reference.search("", per_page=50).hits:
        assert service.get(hit.id) == reference.get(hit.id)
        story = reference.story_of(hit.id)
        assert service.story_of(hit.id) == story
        assert story is not None and service.story(story) == reference.story(story)
    with pytest.raises(DocumentNotFound):
        service.get("no-such-document")
    with pytest.raises(StoryNotFound):
        service.story("no-such-story")


def test_facet_values_stats_and_health(service: SearchService,
                                       reference: SearchService) -> None:
    for name in FACETS:
        for prefix in ("", "r", "ver", "2023"):
            assert service.facet_values(name, prefix, 5) == reference.facet_values(
                name, prefix, 5)
    stats, expected = service.stats(), reference.stats()
    assert (stats.documents, stats.facets) == (expected.documents, expected.facets)
    health = service.health()
    assert health["status"] == "ok" and health["documents"] == service.count() == 38


def test_did_you_mean(service: SearchService) -> None:
    assert service.search("dockworkrs strke").did_you_mean == "dockworkers strike"
    assert service.search("strike").did_you_mean is None


def test_bad_queries_are_invalid(service: SearchService) -> None:
    for q in ('"unbalanced', "nofield:strike", "(port"):
        with pytest.raises(InvalidQuery):
            service.search(q)


def test_writes_are_seen_at_once_and_deletes_remove(service: SearchService) -> None:
    """Run last in this module: it adds a document and removes it again."""
    article = {"id": "contract-1", "title": "Zanzibar lighthouse keepers vote",
               "body": "ZANZIBAR – The keepers of the old lighthouse voted on Friday to "
                       "strike. \"We have waited long enough,\" said Amina Rashidi.",
               "outlet": "Contract Wire", "published": "2024-02-02"}
    before = service.count()
    report = service.add([article])
    assert report.added == 1 and not report.problems
    assert service.count() == before + 1
    found = service.search("lighthouse", facets=["outlet"])
    assert [h.id for h in found.hits] == ["contract-1"]
    assert found.facets["outlet"][0].value == "Contract Wire"
    assert service.add([article]).unchanged == 1
    changed = service.add([{**article, "title": "Zanzibar lighthouse keepers end vote"}])
    assert changed.updated == 1
    assert service.search("lighthouse").total == 1
    assert service.get("contract-1").title == "Zanzibar lighthouse keepers end vote"
    assert service.delete(["contract-1", "never-there"]) == 1
    assert service.search("lighthouse").total == 0
    assert service.count() == before
    with pytest.raises(DocumentNotFound):
        service.get("contract-1")
