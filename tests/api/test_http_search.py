"""Searching the demo corpus over a real socket: response shape, filters, documents."""

from __future__ import annotations

from urllib.parse import quote

from conftest import LiveServer


def test_search_response_has_the_documented_shape(demo_server: LiveServer) -> None:
    status, body, content_type = demo_server.get(
        "/search?q=strike&facets=outlet,speaker,location,date&per_page=5"
    )
    assert status == 200 and content_type.startswith("application/json")
    assert set(body) == {"total", "took_ms", "hits", "facets", "page", "per_page",
                         "date_range", "next_cursor", "did_you_mean", "total_documents"}
    assert body["date_range"] is None and body["did_you_mean"] is None
    assert body["total_documents"] is None  # only collapsed results count stories apart
    assert isinstance(body["next_cursor"], str)  # 5 of more than 5 results
    assert 0 < len(body["hits"]) <= 5 <= body["total"] or len(body["hits"]) == body["total"]
    hit = body["hits"][0]
    assert set(hit) == {"id", "title", "outlet", "published", "speakers", "locations", "score",
                        "snippets", "url", "story", "story_size", "story_members"}
    assert set(body["facets"]) == {"outlet", "speaker", "location", "date"}
    for values in body["facets"].values():
        assert all(set(v) == {"value", "count"} and v["count"] > 0 for v in values)


def test_repeated_filter_values_are_alternatives(demo_server: LiveServer) -> None:
    _, everything, _ = demo_server.get("/search?facets=outlet&facet_size=2")
    (first, n1), (second, n2) = ((v["value"], v["count"]) for v in everything["facets"]["outlet"])
    _, one, _ = demo_server.get(f"/search?outlet={quote(first)}")
    _, both, _ = demo_server.get(f"/search?outlet={quote(first)}&outlet={quote(second)}")
    assert one["total"] == n1
    assert both["total"] == n1 + n2


def test_document_endpoint_returns_body_and_extraction(demo_server: LiveServer) -> None:
    _, results, _ = demo_server.get("/search?q=Mombasa&per_page=1")
    doc_id = results["hits"][0]["id"]
    status, document, _ = demo_server.get(f"/documents/{quote(doc_id)}")
    assert status == 200
    assert document["id"] == doc_id and "Mombasa" in document["body"]
    kenya = [p for p in document["locations"] if p["label"] == "Mombasa, Kenya"]
    assert kenya and kenya[0]["country_code"] == "KE"
    for mention in kenya[0]["mentions"]:
        assert document["body"][mention["start"]:mention["end"]].lower() == "mombasa"
