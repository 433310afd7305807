"""Exports (``format=csv``, ``format=jsonl``) over a real server: the whole result set,
one row or object per hit in ranked order, the same from ``/quotes`` and the command line,
and CSV cells that spreadsheets cannot run as formulas."""

from __future__ import annotations

import csv
import io
import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import LiveServer, serve
from newsfacet.api.cli import main
from newsfacet.api.export import DOCUMENT_COLUMNS, FORMULA_STARTS, QUOTE_COLUMNS, safe_cell
from newsfacet.api.param_registry import EXPORT_LIMIT
from newsfacet.api.service import SearchService

WORDS = ["", "strike", "port", "strik*", "dockworkrs~", "election OR flood", "Rotterdam",
         "satellite", "NOT strike", "zzzzqqq"]
OUTLETS = [[], ["Northbound Wire"], ["Kestrel Daily", "The Tidewater Courier"]]
SORTS = ["relevance", "date:desc", "date:asc"]


def fetch(server: LiveServer, path: str, **params: Any) -> tuple[int, str, dict[str, str]]:
    with urllib.request.urlopen(f"{server.url}{path}?{urlencode(params, doseq=True)}",
                                timeout=60) as response:
        return response.status, response.read().decode("utf-8"), dict(response.headers)


def every_hit(server: LiveServer, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every hit of a search by its JSON pages."""
    hits: list[dict[str, Any]] = []
    page = 1
    while True:
        query = urlencode({**params, "page": page, "per_page": 100}, doseq=True)
        status, body, _ = server.get(f"{path}?{query}")
        assert status == 200, body
        hits += body["hits"]
        if not body["hits"] or len(hits) >= body["total"]:
            return hits
        page += 1


@pytest.fixture(scope="module")
def service(demo_index: Path) -> Iterator[SearchService]:
    with SearchService(demo_index) as opened:
        yield opened


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.sampled_from(WORDS), outlet=st.sampled_from(OUTLETS), sort=st.sampled_from(SORTS),
       collapse=st.booleans())
def test_csv_and_jsonl_hold_every_hit_in_order(demo_server: LiveServer, q: str,
                                               outlet: list[str], sort: str,
                                               collapse: bool) -> None:
    params: dict[str, Any] = {"q": q, "outlet": outlet, "sort": sort}
    if collapse:
        params["collapse"] = "story"
    expected = every_hit(demo_server, "/search", **params)
    status, text, headers = fetch(demo_server, "/search", format="csv", per_page=2, page=3,
                                  **params)
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert headers["X-Total-Count"] == str(len(expected))
    assert headers["X-Export-Limit"] == str(EXPORT_LIMIT)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(DOCUMENT_COLUMNS)
    assert [row[0] for row in rows[1:]] == [hit["id"] for hit in expected]
    for row, hit in zip(rows[1:], expected, strict=True):
        record = dict(zip(DOCUMENT_COLUMNS, row, strict=True))
        assert record["title"] in (hit["title"], "'" + hit["title"])
        assert record["published"] == (hit["published"] or "")
        assert record["speakers"] == "; ".join(hit["speakers"])
        assert float(record["score"]) == pytest.approx(hit["score"]) if hit["score"] else True
    status, text, headers = fetch(demo_server, "/search", format="jsonl", **params)
    assert headers["Content-Type"] == "application/x-ndjson"
    objects = [json.loads(line) for line in text.splitlines()]
    assert [o["id"] for o in objects] == [hit["id"] for hit in expected]
    assert all(list(o) == list(DOCUMENT_COLUMNS) for o in objects)
    assert all(o["locations"] == hit["locations"] for o, hit in zip(objects, expected, strict=True))


def test_quotes_export_every_quote(demo_server: LiveServer) -> None:
    expected = every_hit(demo_server, "/quotes", q="port")
    assert len(expected) > 1
    _, text, _ = fetch(demo_server, "/quotes", q="port", format="csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(QUOTE_COLUMNS)
    assert [r[0] for r in rows[1:]] == [h["id"] for h in expected]
    assert [r[5] for r in rows[1:]] == [h["document"]["id"] for h in expected]
    _, text, _ = fetch(demo_server, "/quotes", q="port", format="jsonl")
    assert [json.loads(line)["text"] for line in text.splitlines()] == \
        [h["text"] for h in expected]


def test_a_bad_export_is_a_problem_not_a_file(demo_server: LiveServer) -> None:
    for query in ("format=xml", "format=csv&q=nofield:strike", "format=jsonl&q=title:",
                  "format=csv&q=%22open"):
        status, body, content_type = demo_server.get("/search?" + query)
        assert status == 400 and content_type == "application/problem+json", query
        assert body["detail"]


@given(st.text(max_size=30))
def test_no_cell_starts_a_formula(text: str) -> None:
    cell = safe_cell(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell == text or cell == "'" + text


def test_formula_titles_are_defused_end_to_end(tmp_path: Path) -> None:
    titles = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-3", "@SUM(A1)",
              "plain title"]
    with SearchService(tmp_path / "index") as index:
        index.add([{"id": f"f{i}", "title": title, "body": "harbour report number " + str(i),
                    "published": "2024-01-0" + str(i + 1)} for i, title in enumerate(titles)])
    for server in serve(tmp_path / "index"):
        _, text, _ = fetch(server, "/search", q="harbour", format="csv", sort="date:asc")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["title"] for row in rows] == ["'" + t for t in titles[:4]] + [titles[4]]


def test_command_line_exports(demo_index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--index", str(demo_index), "--format", "csv", "strike"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    with SearchService(demo_index) as service:
        total = service.search("strike").total
    assert rows[0] == list(DOCUMENT_COLUMNS) and len(rows) == total + 1
    assert main(["search", "--index", str(demo_index), "--format", "jsonl", "strike"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == total
