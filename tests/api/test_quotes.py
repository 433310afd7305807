"""Quote search: who said what, over HTTP on the seeds and from Python on the demo corpus."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import LiveServer
from newsfacet.api import SearchService
from newsfacet.schema.errors import UnknownFacet

BRENNAN = "John W. Brennan Jr."


def test_quotes_of_a_speaker_about_a_subject(seeds_server: LiveServer) -> None:
    status, body, _ = seeds_server.get(f"/quotes?q=Daesh&speaker={quote(BRENNAN)}&per_page=50")
    assert status == 200
    assert body["total"] >= 4
    assert {h["document"]["id"] for h in body["hits"]} == {"press-release", "news-article"}
    for hit in body["hits"]:
        assert hit["speaker"] == BRENNAN
        assert re.search(r"<mark>Daesh</mark>", hit["highlighted"])
        assert html.unescape(re.sub(r"</?mark>", "", hit["highlighted"])) == hit["text"]
        _, document, _ = seeds_server.get(f"/documents/{hit['document']['id']}")
        assert document["body"][hit["start"]:hit["end"]] == hit["text"]
        assert hit["document"]["outlet"] == document["outlet"]


def test_quote_speakers_are_the_speaker_facet_values(seeds_server: LiveServer) -> None:
    _, quotes, _ = seeds_server.get("/quotes?facets=speaker&facet_size=100")
    _, search, _ = seeds_server.get("/search?facets=speaker&facet_size=100")
    assert {v["value"] for v in quotes["facets"]["speaker"]} == {
        v["value"] for v in search["facets"]["speaker"]
    }


def test_organisation_statements_are_not_quotes_of_a_person(seeds_server: LiveServer) -> None:
    _, body, _ = seeds_server.get("/quotes?q=%22Coalition%20ISR%22")
    assert body["total"] == 0  # "read the coalition press release": not a person's quote


def test_bad_quote_requests_are_400(seeds_server: LiveServer) -> None:
    for path in ("/quotes?facets=location", "/quotes?q=%22open", "/quotes?page=101"):
        status, body, _ = seeds_server.get(path)
        assert status == 400 and body["detail"], path


@pytest.fixture(scope="module")
def service(demo_index: Path) -> Iterator[SearchService]:
    with SearchService(demo_index) as opened:
        yield opened


def test_quote_search_from_python_filters_and_sorts(service: SearchService) -> None:
    everyone = service.search_quotes(facets=["speaker"], facet_size=100)
    top = everyone.facets["speaker"][0]
    mine = service.search_quotes(speaker=[top.value], sort="date:asc", per_page=100)
    assert mine.total == top.count
    dates = [h.document.published for h in mine.hits if h.document.published]
    assert dates == sorted(dates)
    assert all(h.speaker == top.value for h in mine.hits)
    with pytest.raises(UnknownFacet):
        service.search_quotes(facets=["location"])


def test_deleting_a_document_deletes_its_quotes(tmp_path: Path) -> None:
    with SearchService(tmp_path / "index") as service:
        service.add([{"id": "q1", "title": "Harbour", "outlet": "Test Wire",
                      "body": '"The cranes will move again," said Mayor Ana Lindqvist.'}])
        assert service.search_quotes("cranes").total == 1
        service.delete(["q1"])
        assert service.search_quotes("cranes").total == 0
