"""The two seed documents, end to end: files -> indexer -> index -> HTTP on a real socket."""

from __future__ import annotations

import html
import re

from conftest import LiveServer


def _facet(body: dict, name: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in body["facets"][name]}


def test_search_for_brennan_finds_both_documents(seeds_server: LiveServer) -> None:
    status, body, _ = seeds_server.get("/search?q=Brennan&facets=outlet,speaker,location")
    assert status == 200
    assert body["total"] == 2
    assert {h["id"] for h in body["hits"]} == {"press-release", "news-article"}


def test_speaker_facet_has_one_canonical_brennan_counted_twice(seeds_server: LiveServer) -> None:
    _, body, _ = seeds_server.get("/search?q=Brennan&facets=speaker")
    speakers = _facet(body, "speaker")
    brennans = {name: n for name, n in speakers.items() if "Brennan" in name}
    assert brennans == {"John W. Brennan Jr.": 2}
    assert not any(name.lower() in {"coalition", "it", "he"} for name in speakers)


def test_outlet_facet_shows_two_different_outlets(seeds_server: LiveServer) -> None:
    _, body, _ = seeds_server.get("/search?q=Brennan&facets=outlet")
    assert _facet(body, "outlet") == {"CJTF-OIR Public Affairs": 1, "Kurdistan 24": 1}


def test_location_facet_includes_hasakah_syria_and_iraq(seeds_server: LiveServer) -> None:
    _, body, _ = seeds_server.get("/search?q=Brennan&facets=location&facet_size=50")
    locations = _facet(body, "location")
    assert locations.get("Syria") == 2
    assert locations.get("Iraq") == 2
    hasakah = [name for name in locations if "asakah" in name]
    assert hasakah and all(name.endswith(", Syria") for name in hasakah)
    assert locations.get("Erbil, Iraq") == 1  # the article's dateline


def test_publication_dates_come_from_the_header_never_the_caption(
    seeds_server: LiveServer,
) -> None:
    _, release, _ = seeds_server.get("/documents/press-release")
    _, article, _ = seeds_server.get("/documents/news-article")
    assert release["published"] == "2022-01-24"
    assert article["published"] != "2021-09-06"
    assert article["published"] is None  # the article states no date of its own


def test_event_dates_resolve_relative_days_against_publication(
    seeds_server: LiveServer,
) -> None:
    _, release, _ = seeds_server.get("/documents/press-release")
    events = {(e["text"], e["date"]) for e in release["event_dates"]}
    assert ("January 20, 2022", "2022-01-20") in events
    assert ("on Thursday night", "2022-01-20") in events


def test_body_has_no_site_chrome_or_captions(seeds_server: LiveServer) -> None:
    _, release, _ = seeds_server.get("/documents/press-release")
    _, article, _ = seeds_server.get("/documents/news-article")
    assert "official website" not in release["body"]
    assert "240) 224-3777" not in release["body"]
    assert release["title"] == "Desperate attacks make Daesh weaker: Coalition"
    assert "Read More" not in article["body"]
    assert "(Photo:" not in article["body"]
    assert article["title"].startswith("ISIS weaker following")


def test_snippets_mark_query_terms_and_escape_everything_else(seeds_server: LiveServer) -> None:
    _, body, _ = seeds_server.get("/search?q=detainees")
    assert body["hits"]
    for hit in body["hits"]:
        _, document, _ = seeds_server.get(f"/documents/{hit['id']}")
        assert hit["snippets"]
        for snippet in hit["snippets"]:
            assert re.search(r"<mark>detainees</mark>", snippet, re.IGNORECASE)
            outside = re.sub(r"</?mark>", "", snippet)
            assert "<" not in outside and ">" not in outside
            flat_body = " ".join(document["body"].split())  # snippets fold paragraph breaks
            for fragment in html.unescape(outside).split(" … "):
                assert fragment.strip(" …") in flat_body


def test_brennan_quotes_are_kept_with_the_speaker(seeds_server: LiveServer) -> None:
    _, article, _ = seeds_server.get("/documents/news-article")
    people = [s for s in article["speakers"] if s["kind"] == "person"]
    assert [p["name"] for p in people] == ["John W. Brennan Jr."]
    brennan = people[0]
    assert brennan["title"] == "Maj. Gen."
    quotes = " ".join(q["text"] for q in brennan["quotes"])
    assert "death sentence" in quotes  # attributed by "he added"
    assert "existential threat" in quotes  # the second "he added"
    assert "With the assistance of Coalition ISR" not in quotes  # the press release's words
    for quote in brennan["quotes"]:
        assert article["body"][quote["start"]:quote["end"]] == quote["text"]


def test_the_release_and_its_rewrite_are_one_story_with_the_release_as_origin(
    seeds_server: LiveServer,
) -> None:
    _, results, _ = seeds_server.get("/search?q=Brennan")
    stories = {hit["story"] for hit in results["hits"]}
    assert len(stories) == 1 and all(hit["story_size"] == 2 for hit in results["hits"])
    _, collapsed, _ = seeds_server.get("/search?q=Brennan&collapse=story")
    assert (collapsed["total"], collapsed["total_documents"]) == (1, 2)
    (hit,) = collapsed["hits"]
    assert len(hit["story_members"]) == 1
    status, story, _ = seeds_server.get(f"/stories/{stories.pop()}")
    assert status == 200
    # the release is dated; the article states no date, so it sorts after it
    assert story["origin"] == "press-release"
    assert [m["id"] for m in story["members"]] == ["press-release", "news-article"]
    changes = story["members"][1]["changes"]
    assert any(p.startswith("ERBIL (Kurdistan 24)") for p in changes["added_paragraphs"])
    assert changes["added_quotes"] == [] and changes["dropped_quotes"] == []
