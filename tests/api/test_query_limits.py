"""Query cost limits (issue 14): each refuses or caps as the README documents, and the
refusal names its limit, over HTTP (a real server), in Python and on the command line.

These tests import nothing the governor added, so each fails on the code before it.
"""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from conftest import LiveServer
from newsfacet.api.cli import main
from newsfacet.api.http import create_app
from newsfacet.api.service import SearchService
from newsfacet.schema.errors import InvalidQuery, NewsfacetError

#: Queries each limit refuses, the limit the problem names, and what else it quotes.
REFUSED = {
    "fuzzy edits past 2": ("brenan~9", "MAX_FUZZY_EDITS", "brenan~9"),
    "fuzzy edits 3": ("strike~3", "MAX_FUZZY_EDITS", "strike~3"),
    "phrase slop past 100": ('"port strike"~101', "MAX_PHRASE_SLOP", '"port strike"~101'),
    "phrase slop a million": ('"senate vote"~1000000', "MAX_PHRASE_SLOP", "~1000000"),
    "leading *": ("*ike", "MIN_WILDCARD_PREFIX", "*ike"),
    "leading ?": ("?trike", "MIN_WILDCARD_PREFIX", "?trike"),
    "leading [": ("[a-z]*", "MIN_WILDCARD_PREFIX", "[a-z]*"),
    "too many clauses": (" ".join(f"{c}*" for c in "abcdefghijklmnopqrstuvwxyz"),
                         "MAX_CLAUSES", "1024"),
}
#: Fields a document query may not name: internal ones, and ones that do not exist.
NOT_QUERYABLE = ["source:/tmp*", "extraction:*", "id:lpr-0001", "content_hash:abc",
                 "published:2023", "story:lpr-0001", "event_date:2023-09-13",
                 "speaker_values:x", "nofield:strike", "x:y:z"]
DOCUMENT_FIELDS = "title, body, outlet, speaker, location"


def _problem(server: LiveServer, path: str) -> tuple[int, dict]:
    status, body, content_type = server.get(path)
    if status != 200:
        assert content_type.startswith("application/problem+json")
    return status, body


def _q(text: str, **params: str) -> str:
    return urllib.parse.urlencode({"q": text, **params})


@pytest.mark.parametrize(("q", "limit", "quoted"), REFUSED.values(), ids=REFUSED.keys())
def test_each_limit_refuses_over_http_naming_itself(demo_server: LiveServer, q: str,
                                                    limit: str, quoted: str) -> None:
    status, body = _problem(demo_server, f"/search?{_q(q, operator='or')}")
    assert status == 400
    assert body["title"] == "Query too costly"
    assert limit in body["detail"] and quoted in body["detail"]


@pytest.mark.parametrize(("q", "limit", "quoted"), REFUSED.values(), ids=REFUSED.keys())
def test_each_limit_refuses_in_python(demo_index: Path, q: str, limit: str,
                                      quoted: str) -> None:
    with SearchService(demo_index) as service, pytest.raises(NewsfacetError) as raised:
        service.search(q, operator="or")
    assert raised.value.status == 400 and raised.value.title == "Query too costly"
    assert limit in str(raised.value) and quoted in str(raised.value)


def test_quotes_have_the_same_limits(demo_server: LiveServer) -> None:
    status, body = _problem(demo_server, f"/quotes?{_q('strike~5')}")
    assert status == 400 and "MAX_FUZZY_EDITS" in body["detail"]
    status, body = _problem(demo_server, f"/quotes?{_q('*ike')}")
    assert status == 400 and "MIN_WILDCARD_PREFIX" in body["detail"]


def test_the_largest_allowed_slop_and_edits_answer(demo_server: LiveServer) -> None:
    for q in ('"port strike"~100', "brenan~2", "strike~", "s*ke", "a*b*"):
        status, body = _problem(demo_server, f"/search?{_q(q)}")
        assert status == 200, (q, body)


@pytest.mark.parametrize("q", NOT_QUERYABLE)
def test_internal_and_unknown_fields_are_invalid(demo_server: LiveServer, q: str) -> None:
    status, body = _problem(demo_server, f"/search?{_q(q)}")
    assert status == 400
    assert body["title"] == "Invalid query"
    assert q.split(":")[0] in body["detail"] and DOCUMENT_FIELDS in body["detail"]


def test_quote_queries_name_quote_fields_only(demo_index: Path) -> None:
    with SearchService(demo_index) as service:
        for q in ("doc_id:lpr-0001", "quote_id:x", "title:strike", "cue:said"):
            with pytest.raises(InvalidQuery) as raised:
                service.search_quotes(q)
            assert "text, speaker, outlet" in str(raised.value)
        assert service.search_quotes('speaker:"Joris Vermeulen"').total >= 0


def test_searched_fields_and_colons_in_text_still_answer(demo_index: Path) -> None:
    with SearchService(demo_index) as service:
        for q in ("title:strike", "body:strike", 'speaker:"Joris Vermeulen"',
                  'outlet:"Northbound Wire"', 'location:"Rotterdam, The Netherlands"'):
            assert service.search(q).total > 0, q
        # a name followed by a space, or made of digits, is text, as before
        assert service.search("Update: strike").total == service.search("update strike").total
        assert service.search("10:30").total == service.search("10 30").total


def test_a_bare_star_is_every_document(demo_server: LiveServer) -> None:
    _, health = _problem(demo_server, "/health")
    for q in ("*", "*:*", " * "):
        status, body = _problem(demo_server, f"/search?{_q(q, facets='outlet')}")
        assert status == 200 and body["total"] == health["documents"]
        _, everything = _problem(demo_server, "/search?facets=outlet")
        assert [h["id"] for h in body["hits"]] == [h["id"] for h in everything["hits"]]
        assert body["facets"] == everything["facets"]


def test_field_star_is_the_documents_having_the_field(demo_index: Path) -> None:
    with SearchService(demo_index) as service:
        total = service.count()
        assert service.search("outlet:*").total == total
        assert service.search("title:*").total == total
        with_speakers = service.search("speaker:*").total
        assert 0 < with_speakers <= total
        assert service.search("strike AND title:*").total == service.search("strike").total


def test_fuzzy_edits_follow_word_length(demo_index: Path) -> None:
    """Elasticsearch's AUTO as a ceiling: 1-2 letters exact, 3-5 letters one edit."""
    with SearchService(demo_index) as service:
        assert service.search("ok~2").total == service.search("ok").total
        assert service.search("port~2").total == service.search("port~1").total
        assert {h.id for h in service.search("vermeulan~2", per_page=100).hits} >= \
            {h.id for h in service.search("vermeulan~1", per_page=100).hits}


def test_web_page_refuses_with_the_limit_named(demo_index: Path) -> None:
    app = create_app({"INDEX": str(demo_index), "TESTING": False})
    try:
        response = app.test_client().get("/?q=%2Ation")
        assert response.status_code == 400
        assert b"MIN_WILDCARD_PREFIX" in response.data
        assert b"Query too costly" in response.data
    finally:
        app.extensions["newsfacet"].close()


@pytest.fixture(scope="module")
def hurried_server(demo_index: Path) -> Iterator[LiveServer]:
    """The demo index served with no time at all for a search (NEWSFACET_QUERY_TIMEOUT=0)."""
    app = create_app({"INDEX": str(demo_index), "TESTING": False, "QUERY_TIMEOUT": 0})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        thread.join(timeout=10)
        app.extensions["newsfacet"].close()


@pytest.mark.parametrize("path", ["/search?q=strike", "/search?q=strik*&facets=outlet",
                                  "/quotes?q=strike", "/documents/lpr-0001/similar"])
def test_past_the_time_budget_is_a_400_problem(hurried_server: LiveServer, path: str) -> None:
    status, body = _problem(hurried_server, path)
    assert status == 400
    assert body["title"] == "Query too costly"
    assert "NEWSFACET_QUERY_TIMEOUT" in body["detail"] and "0 s" in body["detail"]


def test_the_time_budget_is_set_from_python(demo_index: Path) -> None:
    with SearchService(demo_index, query_timeout=0) as service:
        for call in (lambda: service.search("strike"), lambda: service.search_quotes("strike"),
                     lambda: service.similar("lpr-0001")):
            with pytest.raises(NewsfacetError) as raised:
                call()
            assert raised.value.status == 400 and "NEWSFACET_QUERY_TIMEOUT" in str(raised.value)
    with SearchService(demo_index, query_timeout=None) as service:
        assert service.search("strike").total > 0


def test_query_timeout_must_be_seconds(demo_index: Path) -> None:
    for bad in (-1, "5", float("nan"), True):
        with pytest.raises(NewsfacetError, match="NEWSFACET_QUERY_TIMEOUT"):
            SearchService(demo_index, query_timeout=bad)  # type: ignore[arg-type]


def test_command_line_refuses_in_one_line(demo_index: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--index", str(demo_index), "brenan~9"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "MAX_FUZZY_EDITS" in err
    assert main(["search", "--index", str(demo_index), "--timeout", "0", "strike"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "NEWSFACET_QUERY_TIMEOUT" in err
    assert main(["search", "--index", str(demo_index), "source:/tmp*"]) == 2
    assert "title, body" in capsys.readouterr().err


def test_openapi_lists_the_problem(demo_index: Path) -> None:
    app = create_app({"INDEX": str(demo_index), "TESTING": False})
    try:
        spec = app.test_client().get("/openapi.json").get_json()
    finally:
        app.extensions["newsfacet"].close()
    for path in ("/search", "/quotes", "/documents/{doc_id}/similar"):
        assert "Query too costly" in str(spec["paths"][path]["get"]["responses"]["400"]), path
