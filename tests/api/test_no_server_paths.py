"""No response names a path on the server (issue 14, item 5).

``GET /documents/<id>`` returned ``source`` as the absolute path of the indexed file,
and the 503 detail named the index directory: both tell an attacker how the server's
disks are laid out.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import DEMO, REPO, LiveServer, serve


def _body(server: LiveServer, path: str) -> str:
    try:
        with urllib.request.urlopen(server.url + path, timeout=60) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        with error:
            return str(error.read().decode("utf-8"))


def _every_page(server: LiveServer) -> Iterator[str]:
    """Every route a client can read, for every document and story of the index."""
    fixed = ["/health", "/stats", "/openapi.json", "/docs", "/", "/search?q=strike",
             "/search?facets=outlet,speaker,location,date,story&per_page=100",
             "/quotes?q=port&facets=speaker,outlet", "/facets/speaker?size=1000",
             "/documents/no-such-id", "/stories/no-such-story", "/search?q=%22open",
             "/search?page=0", "/view/no-such-id", "/nowhere"]
    yield from fixed
    listing = json.loads(_body(server, "/search?per_page=100&sort=date"))
    for hit in listing["hits"]:
        yield f"/documents/{hit['id']}"
        yield f"/view/{hit['id']}"
        yield f"/documents/{hit['id']}/similar?highlight=true"
        if hit.get("story"):
            yield f"/stories/{hit['story']}"


def _assert_no_paths(text: str, where: str, paths: list[Path]) -> None:
    for path in paths:
        assert str(path) not in text, f"{where} names {path}"
    assert '"source": "/' not in text and "/tmp/" not in text, where


def test_no_response_names_a_server_path(demo_server: LiveServer, demo_index: Path) -> None:
    paths = [demo_index, DEMO.resolve(), REPO]
    seen = 0
    for route in _every_page(demo_server):
        _assert_no_paths(_body(demo_server, route), route, paths)
        seen += 1
    assert seen > 100  # the demo corpus has 38 documents, each read four ways


def test_document_source_is_a_label(demo_server: LiveServer) -> None:
    text = json.loads(_body(demo_server, "/documents/port-strike-day2"))
    assert text["source"] == "port-strike-day2.txt"
    record = json.loads(_body(demo_server, "/documents/lpr-0001"))
    assert record["source"].startswith("wire.jsonl:")


def test_a_missing_index_does_not_name_its_directory(tmp_path: Path) -> None:
    for server in serve(tmp_path / "nothing-here"):
        for route in ("/health", "/search?q=x", "/documents/a", "/stats"):
            body = _body(server, route)
            assert json.loads(body)["status"] == 503
            _assert_no_paths(body, route, [tmp_path])


@pytest.mark.parametrize("stored", ["/srv/corpus/files/a.txt", "a.txt"])
def test_indexes_written_before_labels_show_the_name_only(stored: str) -> None:
    """Older indexes kept the absolute path in the stored extraction."""
    from newsfacet.schema.document import Extraction

    data = {"id": "a", "title": "", "outlet": None, "published": None, "source": stored}
    assert Extraction.from_json(data).source == "a.txt"
