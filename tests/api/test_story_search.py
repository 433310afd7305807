"""Stories in search: every hit names its story, ``collapse=story`` gives one hit per
story, and ``/stories/<id>`` lists the members in time order with what each changed.

The texts are invented: a harbour authority's release, an article that wraps it in a
lead and a new quote, a reprint, and a different story on the same topic.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import LiveServer, serve
from newsfacet.api import SearchService
from newsfacet.indexer.pipeline import index_articles, index_paths
from newsfacet.indexer.store import IndexStore
from newsfacet.schema.document import Article
from newsfacet.schema.errors import IndexOutdated, InvalidParameter, StoryNotFound

RELEASE = (
    "The harbour authority today opened a new ferry terminal on the south quay, which will "
    "handle up to two million passengers a year.\n\n"
    "The terminal has twelve boarding gates, a covered waiting hall and direct access to the "
    "tram line. Construction took three years and was completed on budget.\n\n"
    "\"This terminal puts the harbour back on the map for travellers,\" said Harbour Master "
    "Ingrid Solberg."
)
ARTICLE_LEAD = "Commuters queued from early morning on Monday to see the new building."
ARTICLE = (
    ARTICLE_LEAD + "\n\n" + RELEASE.replace("today opened", "on Monday opened") + "\n\n"
    "Local traders welcomed the terminal but warned that parking near the quay was already "
    "scarce. \"We need a car park before the summer season,\" said shop owner Lars Berg."
)
REPRINT = RELEASE.replace("twelve", "12").replace("today", "this week")
OTHER = (
    "Ferry crews on the northern routes walked out on Thursday in a dispute over night "
    "shifts, leaving hundreds of passengers stranded at the island piers.\n\n"
    "The union said talks with the operator had broken down after the company proposed "
    "longer rotations without extra pay, and that the strike would last until Sunday."
)


def _record(doc_id: str, outlet: str, day: str, title: str, body: str) -> dict[str, Any]:
    return {"id": doc_id, "outlet": outlet, "published": day, "title": title, "body": body,
            "url": f"https://example.test/{doc_id}"}


RECORDS = {
    "release": _record("release", "Harbour Authority", "2024-06-03",
                       "New ferry terminal opens on the south quay", RELEASE),
    "article": _record("article", "Coast Daily", "2024-06-04",
                       "Crowds at the new ferry terminal", ARTICLE),
    "reprint": _record("reprint", "Bay Herald", "2024-06-05",
                       "Ferry terminal opens", REPRINT),
    "other": _record("other", "Coast Daily", "2024-06-06",
                     "Ferry crews strike over night shifts", OTHER),
}


def _add(service: SearchService, *ids: str) -> None:
    report = service.add(RECORDS[i] for i in ids)
    assert not report.problems, report.problems


@pytest.fixture
def service(tmp_path: Path) -> Iterator[SearchService]:
    with SearchService(tmp_path / "index") as opened:
        yield opened


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("stories")
    source = folder / "stories.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in RECORDS.values()), encoding="utf-8")
    index_paths(IndexStore(folder / "index"), [source], progress=False)
    yield from serve(folder / "index")


def test_every_hit_names_its_story_and_copies_share_one(service: SearchService) -> None:
    _add(service, *RECORDS)
    stories = {h.id: (h.story, h.story_size) for h in service.search("ferry", per_page=10).hits}
    assert stories == {"release": ("release", 3), "article": ("release", 3),
                       "reprint": ("release", 3), "other": ("other", 1)}
    document = service.get("reprint")
    assert (document.story, document.story_size) == ("release", 3)


def test_collapse_gives_one_hit_per_story_with_the_others_listed(service: SearchService) -> None:
    _add(service, *RECORDS)
    results = service.search("ferry", collapse="story", facets=["story"])
    assert (results.total, results.total_documents) == (2, 4)
    by_story = {hit.story: hit for hit in results.hits}
    assert set(by_story) == {"release", "other"}
    first = by_story["release"]
    others = [(m.id, m.outlet, m.published.isoformat() if m.published else None)
              for m in first.story_members]
    everyone = {"release", "article", "reprint"}
    assert {m[0] for m in others} == everyone - {first.id}
    assert [m[2] for m in others] == sorted(m[2] for m in others if m[2])  # earliest first
    assert by_story["other"].id == "other" and by_story["other"].story_members == []
    assert [(v.value, v.count) for v in results.facets["story"]] == [("release", 3),
                                                                     ("other", 1)]
    plain = service.search("ferry")
    assert plain.total == 4 and plain.total_documents is None
    assert all(h.story_members == [] for h in plain.hits)


def test_collapse_pages_over_stories_in_date_order(service: SearchService) -> None:
    _add(service, *RECORDS)
    first = service.search("", collapse="story", per_page=1)
    second = service.search("", collapse="story", per_page=1, page=2)
    assert first.total == 2
    assert [h.id for h in first.hits] == ["other"]  # newest first without a query
    assert [h.id for h in second.hits] == ["reprint"]  # the story's newest document


def test_story_filter_lists_a_story(service: SearchService) -> None:
    _add(service, *RECORDS)
    found = service.search("", story=["release"], sort="date:asc")
    assert [h.id for h in found.hits] == ["release", "article", "reprint"]


def test_a_document_added_later_joins_without_rewriting_the_others(
        service: SearchService) -> None:
    _add(service, "release", "other")
    before = service.store.stored_state(service.store.open())
    _add(service, "article")
    _add(service, "reprint")
    assert service.story("release").size == 3
    after = service.store.stored_state(service.store.open())
    assert after["release"] == before["release"]  # not re-written
    assert service.search("", story=["other"]).total == 1


def test_deleting_the_origin_promotes_the_next(service: SearchService) -> None:
    _add(service, *RECORDS)
    assert service.story("release").origin == "release"
    assert service.delete(["release"]) == 1
    story = service.story("release")
    assert (story.origin, story.size) == ("article", 2)
    assert [m.id for m in story.members] == ["article", "reprint"]
    assert story.members[0].origin and story.members[0].changes is None
    # the story lives on under its id, and a new copy still joins it
    _add(service, "release")
    assert [m.id for m in service.story("release").members] == ["release", "article",
                                                                 "reprint"]


def test_an_older_copy_added_later_becomes_the_origin(service: SearchService) -> None:
    _add(service, "article")
    _add(service, "release")
    story = service.story("article")  # the id stays with the first document indexed
    assert story.origin == "release"
    assert [m.id for m in story.members] == ["release", "article"]


def test_story_members_say_what_they_added_and_dropped(service: SearchService) -> None:
    _add(service, *RECORDS)
    story = service.story("release")
    assert [m.id for m in story.members] == ["release", "article", "reprint"]
    assert [(o.value, o.count) for o in story.outlets] == [
        ("Bay Herald", 1), ("Coast Daily", 1), ("Harbour Authority", 1)]
    article = story.members[1].changes
    assert article is not None
    assert any(ARTICLE_LEAD in p for p in article.added_paragraphs)
    assert [q.speaker for q in article.added_quotes] == ["Lars Berg"]
    assert article.dropped_quotes == [] and article.dropped_paragraphs == []
    reprint = story.members[2].changes
    assert reprint is not None and reprint.added_paragraphs == []


def test_unknown_story_and_bad_collapse_are_clear_errors(service: SearchService) -> None:
    _add(service, *RECORDS)
    with pytest.raises(StoryNotFound, match="no story"):
        service.story("nope")
    with pytest.raises(InvalidParameter, match="collapse"):
        service.search("ferry", collapse="outlet")


def test_stories_over_http(server: LiveServer) -> None:
    status, body, _ = server.get("/stories/release")
    assert status == 200
    assert body["origin"] == "release" and body["size"] == 3
    assert [m["published"] for m in body["members"]] == ["2024-06-03", "2024-06-04",
                                                          "2024-06-05"]
    assert body["members"][0]["changes"] is None
    assert body["members"][1]["changes"]["added_quotes"][0]["speaker"] == "Lars Berg"

    status, body, _ = server.get("/search?q=ferry&collapse=story&facets=story")
    assert status == 200
    assert body["total"] == 2 and body["total_documents"] == 4
    (hit,) = [h for h in body["hits"] if h["story"] == "release"]
    members = hit["story_members"]
    assert {m["id"] for m in members} | {hit["id"]} == {"release", "article", "reprint"}
    assert all(set(m) == {"id", "title", "outlet", "published", "url"} for m in members)

    status, body, _ = server.get("/documents/article")
    assert status == 200 and (body["story"], body["story_size"]) == ("release", 3)
    assert server.get("/documents/other")[1]["story_size"] == 1


@pytest.mark.parametrize(("path", "status"), [
    ("/stories/nope", 404),
    ("/search?q=ferry&collapse=speaker", 400),
])
def test_story_errors_over_http(server: LiveServer, path: str, status: int) -> None:
    code, body, content_type = server.get(path)
    assert code == status
    assert content_type == "application/problem+json"
    assert body["status"] == status and body["detail"]


def test_collapse_and_cursor_do_not_mix(server: LiveServer) -> None:
    _, first, _ = server.get("/search?q=ferry&per_page=1")
    code, body, _ = server.get(f"/search?q=ferry&collapse=story&cursor={first['next_cursor']}")
    assert code == 400 and "cursor" in body["detail"]


def test_an_index_of_an_older_schema_is_rebuilt_or_refused(tmp_path: Path) -> None:
    source = tmp_path / "stories.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in RECORDS.values()), encoding="utf-8")
    store = IndexStore(tmp_path / "index")
    index_paths(store, [source], progress=False)
    meta_path = store.current_path() / "newsfacet.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta_path.write_text(json.dumps({**meta, "schema_version": 1}), encoding="utf-8")
    with sqlite3.connect(store.current_path() / "stories.sqlite") as old_format:
        old_format.execute("UPDATE settings SET value = '1' WHERE name = 'format'")
    with pytest.raises(IndexOutdated, match="reindex"):
        index_articles(store, [Article.from_record(RECORDS["other"])])
    report = index_paths(store, [source], progress=False)
    assert report.notes and "rebuilt" in report.notes[0]
    assert report.documents == 4
    with SearchService(store.path) as service:
        assert service.story("release").size == 3
