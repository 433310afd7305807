"""Writes over HTTP: POST and DELETE /documents behind an API key, serialised through one
writer, visible to readers as soon as they answer, and never a 500 or a lost document."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from newsfacet.api.http import MAX_BATCH, create_app
from newsfacet.indexer.store import GenerationWriter, IndexStore

KEY = "test-key-7f3a"


@dataclass
class Answer:
    status: int
    body: dict[str, Any]
    headers: dict[str, str]


@dataclass
class Server:
    url: str
    index: Path

    def call(self, method: str, path: str, body: Any = None, key: str | None = KEY,
             raw: bytes | None = None, header: str = "bearer") -> Answer:
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if key is not None:
            if header == "bearer":
                request.add_header("Authorization", f"Bearer {key}")
            else:
                request.add_header("X-API-Key", key)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return Answer(response.status, json.load(response), dict(response.headers))
        except urllib.error.HTTPError as error:
            return Answer(error.code, json.load(error), dict(error.headers))


def _serve(index: Path, **config: Any) -> Iterator[Server]:
    app = create_app({"INDEX": str(index), "TESTING": False, **config})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{server.server_port}", index)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        app.extensions["newsfacet"].close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    yield from _serve(tmp_path / "index", API_KEY=KEY, WRITE_TIMEOUT=1.0)


def article(doc_id: str, words: str = "harbour cranes") -> dict[str, Any]:
    return {"id": doc_id, "title": f"Report {doc_id}", "outlet": "Test Wire",
            "published": "2024-05-01",
            "body": f"The port said on Monday that {words} would be replaced next year, "
                    f"and officials confirmed the plan for {doc_id}."}


def search_ids(server: Server, q: str) -> list[str]:
    answer = server.call("GET", f"/search?q={q}&per_page=100", key=None)
    assert answer.status == 200
    return sorted(hit["id"] for hit in answer.body["hits"])


def test_without_a_configured_key_writes_are_off(tmp_path: Path) -> None:
    for running in _serve(tmp_path / "index"):
        for method, path, body in (("POST", "/documents", article("a")),
                                   ("DELETE", "/documents/a", None)):
            answer = running.call(method, path, body)
            assert answer.status == 403
            assert answer.headers["Content-Type"] == "application/problem+json"
            assert "NEWSFACET_API_KEY" in answer.body["detail"]


@pytest.mark.parametrize(("key", "header"), [(None, "bearer"), ("wrong", "bearer"),
                                             ("wrong", "x-api-key"), ("", "bearer")])
def test_a_missing_or_wrong_key_is_401(server: Server, key: str | None, header: str) -> None:
    answer = server.call("POST", "/documents", article("a"), key=key, header=header)
    assert answer.status == 401
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    assert not (server.index / "CURRENT").exists()  # nothing was written, not even an index


def test_post_then_readers_see_it_without_a_restart(server: Server) -> None:
    first = server.call("POST", "/documents", article("a"))
    assert first.status == 200
    assert (first.body["added"], first.body["documents"], first.body["errors"]) == (1, 1, False)
    assert search_ids(server, "cranes") == ["a"]
    again = server.call("POST", "/documents", article("a"), header="x-api-key")
    assert (again.body["unchanged"], again.body["added"]) == (1, 0)
    changed = server.call("POST", "/documents", article("a", "harbour tugs"))
    assert changed.body["updated"] == 1
    assert search_ids(server, "tugs") == ["a"] and search_ids(server, "cranes") == []


def test_a_batch_indexes_the_good_records_and_names_the_bad_ones(server: Server) -> None:
    batch = [article("a"), {"id": "", "body": "x"}, {"id": "b", "body": 5},
             article("c"), {"id": "d", "body": "text", "published": "32/13/2022"},
             article("a", "harbour tugs")]
    answer = server.call("POST", "/documents", batch)
    assert answer.status == 200
    assert answer.body["errors"] is True and answer.body["added"] == 2
    problems = {p["item"]: p["message"] for p in answer.body["problems"]}
    assert sorted(problems) == [2, 3, 5, 6]
    assert "id" in problems[2] and "'body' must be a string" in problems[3]
    assert "published" in problems[5] and "duplicate id 'a'" in problems[6]
    assert search_ids(server, "cranes") == ["a", "c"]


@pytest.mark.parametrize(("raw", "status", "words"), [
    (b"{not json", 400, "JSON article"),
    (b"[]", 400, "non-empty"),
    (b'"text"', 400, "JSON article"),
    (b'{"id": "x"}', 400, "'body' must be a string"),
    (json.dumps([article(str(n)) for n in range(MAX_BATCH + 1)]).encode(), 400, "at most"),
    (b"x" * (17 * 1024 * 1024), 413, "large"),
])
def test_bad_write_bodies_are_4xx_problems_and_lose_nothing(
        server: Server, raw: bytes, status: int, words: str) -> None:
    assert server.call("POST", "/documents", article("kept")).status == 200
    answer = server.call("POST", "/documents", raw=raw)
    assert answer.status == status
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert words in answer.body["detail"]
    assert search_ids(server, "cranes") == ["kept"]


def test_delete_removes_a_document_and_unknown_ids_are_404(server: Server) -> None:
    server.call("POST", "/documents", [article("a"), article("b")])
    answer = server.call("DELETE", "/documents/a")
    assert answer.status == 200
    assert (answer.body["deleted"], answer.body["documents"]) == (1, 1)
    assert search_ids(server, "cranes") == ["b"]
    assert server.call("GET", "/documents/a", key=None).status == 404
    assert server.call("DELETE", "/documents/a").status == 404


def test_concurrent_writers_are_serialised_and_all_land(server: Server) -> None:
    answers: list[Answer] = []

    def post(n: int) -> None:
        answers.append(server.call("POST", "/documents",
                                   [article(f"w{n}-{i}") for i in range(5)] + [article("same")]))

    threads = [threading.Thread(target=post, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(a.status for a in answers) == [200] * 6
    ids = search_ids(server, "cranes")
    assert len(ids) == 31 and len(set(ids)) == 31  # 6 x 5 + "same" once, no duplicates
    assert sum(a.body["added"] for a in answers) == 31


def test_a_write_that_cannot_get_the_lock_is_503_with_retry_after(server: Server) -> None:
    assert server.call("POST", "/documents", article("a")).status == 200
    store = IndexStore(server.index)
    held = GenerationWriter(store, timeout=1.0)  # another writer, e.g. a long bulk run
    try:
        answer = server.call("POST", "/documents", article("b"))
        assert answer.status == 503
        assert int(answer.headers["Retry-After"]) > 0
        assert server.call("DELETE", "/documents/a").status == 503
    finally:
        held.cancel()
    assert server.call("POST", "/documents", article("b")).status == 200
    assert search_ids(server, "cranes") == ["a", "b"]
