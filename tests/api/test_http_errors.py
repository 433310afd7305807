"""Every bad request is a 4xx with a JSON problem body, never a 500."""

from __future__ import annotations

import base64
import urllib.error
import urllib.request

import pytest

from conftest import LiveServer

BAD_REQUESTS = {
    "unbalanced quote": "/search?q=%22port%20strike",
    "unbalanced parenthesis": "/search?q=(port%20OR%20strike",
    "unknown facet": "/search?q=port&facets=colour",
    "bad date": "/search?q=port&date_from=2024-13-45",
    "not a date": "/search?q=port&date_to=yesterdayish",
    "page past the last allowed": "/search?q=port&page=101",
    "page zero": "/search?q=port&page=0",
    "page not a number": "/search?q=port&page=two",
    "per_page too large": "/search?q=port&per_page=1000",
    "unknown sort": "/search?q=port&sort=colour",
    "bad highlight flag": "/search?q=port&highlight=maybe",
    "query too long": "/search?q=" + "port%20" * 500,
    "past the result window": "/search?q=port&page=101&per_page=100",
    "facet_size too large": "/search?q=port&facets=outlet&facet_size=100000",
    "bad cursor": "/search?q=port&cursor=bm90LWEtY3Vyc29y",
    "bad collapse": "/search?q=port&collapse=outlet",
    # a cursor needs no key to send: one that decodes to deep nesting or NaN is a 400 too
    "deeply nested cursor": "/search?q=port&cursor="
    + base64.urlsafe_b64encode(b"[" * 5000 + b"]" * 5000).decode().rstrip("="),
    "NaN cursor": "/search?q=port&cursor=" + base64.urlsafe_b64encode(
        b'{"sort": "relevance", "id": "x", "score": NaN, "day": null}').decode().rstrip("="),
}


@pytest.mark.parametrize("path", BAD_REQUESTS.values(), ids=BAD_REQUESTS.keys())
def test_bad_search_is_400_problem(tiny_server: LiveServer, path: str) -> None:
    status, body, content_type = tiny_server.get(path)
    assert status == 400
    assert content_type.startswith("application/problem+json")
    assert set(body) >= {"type", "title", "detail", "status"}
    assert body["status"] == 400 and body["detail"]


def test_unknown_document_is_404_problem(tiny_server: LiveServer) -> None:
    status, body, _ = tiny_server.get("/documents/no-such-id")
    assert status == 404
    assert body["title"] == "Document not found"


def test_unknown_route_is_404_problem(tiny_server: LiveServer) -> None:
    status, body, content_type = tiny_server.get("/nowhere")
    assert status == 404 and content_type.startswith("application/problem+json")
    assert body["detail"]


def test_health_reports_documents_and_versions(tiny_server: LiveServer) -> None:
    status, body, _ = tiny_server.get("/health")
    assert status == 200
    assert body["status"] == "ok" and body["documents"] == 3
    assert body["whoosh_version"] == "3.54.0"


def test_a_wrong_method_is_405_with_allow(tiny_server: LiveServer) -> None:
    request = urllib.request.Request(tiny_server.url + "/search", method="PUT")
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=30)
    assert raised.value.code == 405
    assert raised.value.headers["Content-Type"] == "application/problem+json"
    assert "GET" in raised.value.headers["Allow"]
    raised.value.close()
