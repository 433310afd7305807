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
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
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


@pytest.fixture
def patient_server(tmp_path: Path) -> Iterator[Server]:
    """Writers wait as long as a loaded machine needs: the test below is about order, not
    about the lock timeout (which ``server``'s 1 s exercises)."""
    yield from _serve(tmp_path / "index", API_KEY=KEY, WRITE_TIMEOUT=120.0)


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


def test_concurrent_writers_are_serialised_and_all_land(patient_server: Server) -> None:
    server = patient_server
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


# -- strict JSON: surrogates, NaN, nesting (issue 14, item 3) ------------------------------


def test_a_lone_surrogate_is_a_400_naming_the_field(server: Server) -> None:
    raw = b'{"id": "x", "title": "ok", "body": "caf\\ud800 harbour cranes"}'
    answer = server.call("POST", "/documents", raw=raw)
    assert answer.status == 400
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert "'body' contains a lone surrogate" in answer.body["detail"]


def test_in_a_batch_only_the_record_with_a_surrogate_is_a_problem(server: Server) -> None:
    raw = ("[" + json.dumps(article("a")) + ', {"id": "b", "body": "x", "tags": ["\\udc00"]}, '
           + json.dumps(article("c")) + "]").encode()
    answer = server.call("POST", "/documents", raw=raw)
    assert answer.status == 200 and answer.body["added"] == 2
    (problem,) = answer.body["problems"]
    assert problem["item"] == 2 and "'tags[0]' contains a lone surrogate" in problem["message"]
    assert search_ids(server, "cranes") == ["a", "c"]


NESTED = "[" * 1000 + "]" * 1000


@pytest.mark.parametrize(("raw", "words"), [
    (NESTED, "more than 32 levels"),
    ("[" + json.dumps(article("n")) + "," + NESTED + "]", "more than 32 levels"),
    ('{"id": "n", "body": "x", "meta": ' + NESTED + "}", "more than 32 levels"),
    ('{"id": "n", "body": "x", "meta": ' + "[" * 32 + "]" * 32 + "}", "more than 32 levels"),
    ('{"id": "n", "body": "x", "rating": NaN}', "NaN"),
    ('{"id": "n", "body": "x", "rating": -Infinity}', "Infinity"),
    ('{"id": "n", "body": "x", "rating": 1e999}', "1e999"),
])
def test_non_standard_json_is_a_400_naming_why_and_loses_nothing(
        server: Server, raw: str, words: str) -> None:
    assert server.call("POST", "/documents", article("kept")).status == 200
    answer = server.call("POST", "/documents", raw=raw.encode())
    assert answer.status == 400, answer.body
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert words in answer.body["detail"]
    assert search_ids(server, "cranes") == ["kept"]


def test_answers_are_standard_json(server: Server) -> None:
    """Nothing non-standard gets in, and the app's JSON provider would not write it."""
    from newsfacet.api.http import create_app

    app = create_app({"INDEX": str(server.index)})
    try:
        assert app.json.dumps({"score": float("nan"), "n": [float("inf")]}) == \
            '{"score": null, "n": [null]}'
    finally:
        app.extensions["newsfacet"].close()


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for every example of the property test below (Hypothesis reruns a test
    body many times; a function-scoped server would be rebuilt for none of them)."""
    for running in _serve(tmp_path_factory.mktemp("strict") / "index", API_KEY=KEY,
                          WRITE_TIMEOUT=5.0):
        assert running.call("POST", "/documents", article("kept")).status == 200
        yield running


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats()  # NaN and infinities included
    | st.integers(min_value=10**300, max_value=10**4000)
    | st.text(st.characters(codec=None), max_size=10),  # lone surrogates included
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(st.characters(codec=None), max_size=5), inner, max_size=3),
    max_leaves=12)
deep_texts = st.builds(lambda n, opener: opener[0] * n + opener[1] * n,
                       st.integers(1, 3000), st.sampled_from([("[", "]"), ('{"a":', "1}")]))


def _body(value: Any) -> str:
    """As Python's json writes it: NaN/Infinity tokens and \\udXXX escapes included."""
    return json.dumps(value, ensure_ascii=True, allow_nan=True)


write_bodies = st.one_of(
    json_values.map(_body),  # any JSON value as the whole body
    st.builds(lambda meta, key: '{"id": "p", "body": "harbour", ' + json.dumps(key)
              + ": " + meta + "}", json_values.map(_body) | deep_texts,
              st.text(st.characters(codec=None), max_size=5).filter(lambda k: k not in (
                  "id", "body"))),
    st.builds(lambda field, value: json.dumps({**article("p"), field: value}, allow_nan=True),
              st.sampled_from(["id", "title", "body", "outlet", "published", "author", "url"]),
              json_values),
    st.lists(json_values.map(_body) | deep_texts, min_size=1, max_size=4).map(
        lambda items: "[" + ", ".join(items) + "]"),
    deep_texts,
)


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(raw=write_bodies)
@example(raw='{"id": "x", "body": "\\ud800"}')
@example(raw="[" + NESTED + "]")
@example(raw='{"id": "x", "body": "b", "n": ' + "9" * 5000 + "}")
def test_every_write_body_is_answered_2xx_or_a_4xx_problem(shared_server: Server,
                                                          raw: str) -> None:
    """Property: whatever JSON-ish body is posted (any value, any nesting, NaN, lone
    surrogates, huge numbers, in the body, a field or the metadata), the answer is a 2xx
    write report or a 4xx problem, and what was indexed before is still there."""
    answer = shared_server.call("POST", "/documents", raw=raw.encode("utf-8", "surrogatepass"))
    if answer.status == 200:
        assert set(answer.body) >= {"added", "problems", "errors"}
    else:
        assert 400 <= answer.status < 500, answer.body
        assert answer.headers["Content-Type"] == "application/problem+json"
        assert answer.body["status"] == answer.status and answer.body["detail"]
    assert "kept" in search_ids(shared_server, "cranes")


def test_a_write_answers_the_ids_as_stored_and_links_lead_to_them(server: Server) -> None:
    """ids are what /documents/<id> takes (an integer as text, spaces removed), and the
    description's links from POST and DELETE use them: create, read, delete, read again."""
    answer = server.call("POST", "/documents", [
        {**article("x"), "id": "  padded  "}, {"id": "", "body": "x"}, {**article("y"), "id": 42}])
    assert answer.status == 200 and answer.body["ids"] == ["padded", "42"]
    again = server.call("POST", "/documents", {**article("y"), "id": 42})
    assert (again.body["unchanged"], again.body["ids"]) == (1, ["42"])
    description = server.call("GET", "/openapi.json", key=None).body
    post = description["paths"]["/documents"]["post"]["responses"]["200"]["links"]
    assert post["document"] == {"operationId": "document",
                                "parameters": {"doc_id": "$response.body#/ids/0"}}
    assert server.call("GET", f"/documents/{answer.body['ids'][0]}", key=None).status == 200
    deleted = server.call("DELETE", "/documents/padded")
    assert deleted.status == 200 and deleted.body["ids"] == ["padded"]
    delete = description["paths"]["/documents/{doc_id}"]["delete"]["responses"]["200"]["links"]
    assert delete["document"]["parameters"] == {"doc_id": "$request.path.doc_id"}
    assert server.call("GET", "/documents/padded", key=None).status == 404
