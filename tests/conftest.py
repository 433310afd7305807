"""Shared fixtures: paths to ../shared, temporary indexes, and a live HTTP server."""

from __future__ import annotations

import itertools
import json
import lzma
import os
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from werkzeug.serving import make_server

from newsfacet.api.http import create_app
from newsfacet.api.service import SearchService
from newsfacet.indexer.pipeline import index_paths
from newsfacet.indexer.store import IndexStore
from shard_cluster import Cluster, need_xapian, start_cluster

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"
DEMO = REPO / "demo" / "corpus"

# Generated tests draw fresh cases on every run by default, so a developer's runs keep
# exploring. ``make test`` (and so CI) asks for the "ci" profile: the same generated cases
# every run, seeded from each test, so a red CI run is a regression someone can reproduce,
# never the luck of the draw. ``make soak`` keeps exploring with fresh cases for long runs.
settings.register_profile("explore", print_blob=True)
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.load_profile(os.environ.get("NEWSFACET_HYPOTHESIS_PROFILE", "explore"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Soak tests run only when asked for (``pytest -m soak``, ``make soak-http``)."""
    if "soak" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="soak test: run it with 'make soak-http' (pytest -m soak)")
    for item in items:
        if "soak" in item.keywords:
            item.add_marker(skip)


def need(path: Path) -> Path:
    """Skip the test, saying why, when a part of ../shared is not here."""
    if not path.exists():
        pytest.skip(f"needs {path} (../shared is absent on this machine)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return need(SEEDS)


@dataclass
class LiveServer:
    """A real HTTP server on 127.0.0.1 serving one index."""

    url: str

    def get(self, path: str) -> tuple[int, dict[str, Any], str]:
        """GET ``path``; returns status, decoded JSON and content type (no raise on 4xx)."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, json.load(response), response.headers["Content-Type"]
        except urllib.error.HTTPError as error:
            return error.code, json.load(error), error.headers["Content-Type"]


def serve(index: Path, **config: Any) -> Iterator[LiveServer]:
    """A real server over ``index`` (``config`` adds app settings, e.g. ``API_KEY``)."""
    app = create_app({"INDEX": str(index), "TESTING": False, **config})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        thread.join(timeout=10)
        app.extensions["newsfacet"].close()


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """An index of the two seed documents, built once through the real indexer."""
    index = tmp_path_factory.mktemp("seeds") / "index"
    report = index_paths(IndexStore(index), [seeds_dir], progress=False)
    assert report.added == 2 and not report.problems
    return index


@pytest.fixture(scope="session")
def seeds_server(seeds_index: Path) -> Iterator[LiveServer]:
    yield from serve(seeds_index)


@pytest.fixture(scope="session")
def demo_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index = tmp_path_factory.mktemp("demo") / "index"
    report = index_paths(IndexStore(index), [DEMO], progress=False)
    assert report.added > 20 and not report.problems, report.problems
    return index


@pytest.fixture(scope="session")
def demo_server(demo_index: Path) -> Iterator[LiveServer]:
    yield from serve(demo_index)


ALLSIDES_SAMPLE = 2000


@pytest.fixture(scope="session")
def allsides_sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], Path]:
    """The first 2,000 allsides-news records and an index of them (built once)."""
    corpus = need(DATA / "allsides-news" / "corpus.jsonl.xz")
    folder = tmp_path_factory.mktemp("allsides")
    sample = folder / "sample.jsonl"
    with lzma.open(corpus, "rt", encoding="utf-8") as source:
        records = [json.loads(line) for line in itertools.islice(source, ALLSIDES_SAMPLE)]
    sample.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    report = index_paths(IndexStore(folder / "index"), [sample], progress=False)
    assert report.added == ALLSIDES_SAMPLE and not report.problems
    return records, folder / "index"


TINY_RECORDS = [
    {"id": "t1", "title": "Port strike enters second week", "outlet": "Harbor Test",
     "published": "2024-03-05", "author": "A. Writer", "url": "https://example.test/t1",
     "body": "ROTTERDAM (Harbor Test) – Dock workers stayed out on Monday.\n\n"
             "\"We will not go back until the talks resume,\" said Mayor Ana Lindqvist.",
     "section": "business"},
    {"id": "t2", "title": "Flood warnings along the river", "outlet": "Valley Test",
     "published": "2024-04-10", "author": None, "url": None,
     "body": "Heavy rain fell in Lyon, France on Tuesday. <b>Residents</b> & shops closed."},
    {"id": "t3", "title": "Strike talks resume", "outlet": "Harbor Test",
     "published": "2024-03-12", "author": None, "url": None,
     "body": "Talks to end the port strike resumed in Rotterdam, Netherlands."},
]


@pytest.fixture
def tiny_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in TINY_RECORDS) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tiny_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("tiny")
    source = folder / "tiny.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in TINY_RECORDS) + "\n", encoding="utf-8")
    index_paths(IndexStore(folder / "index"), [source], progress=False)
    yield from serve(folder / "index")


# -- every backend over the demo corpus (tests/backends/) --------------------------

#: The backends the contract suite (tests/backends/) runs against.
BACKENDS = ("whoosh", "xapian", "xapian+tcp")


def index_demo(spec: str) -> None:
    from newsfacet.api.cli import main

    assert main(["index", "--quiet", "--backend", spec, str(DEMO)]) == 0


@pytest.fixture(scope="session")
def demo_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Three shards holding the demo corpus (indexed through the command line)."""
    need_xapian()
    folder = tmp_path_factory.mktemp("cluster")
    cluster = start_cluster(folder)
    os.environ["NEWSFACET_XAPIAN_STATE"] = str(cluster.state)
    try:
        index_demo(cluster.spec)
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def xapian_demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    need_xapian(server=False)
    spec = f"xapian:{tmp_path_factory.mktemp('xapian') / 'db'}"
    index_demo(spec)
    return spec


@pytest.fixture(scope="session")
def whoosh_demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo corpus in a Whoosh index of the contract suite's own: its write test
    changes the index statistics, which the shared ``demo_index`` must keep."""
    spec = f"whoosh:{tmp_path_factory.mktemp('whoosh') / 'index'}"
    index_demo(spec)
    return spec


@pytest.fixture(scope="session", params=BACKENDS)
def backend_spec(request: pytest.FixtureRequest) -> str:
    """Each backend in turn (the contract suite runs once per backend)."""
    if request.param == "whoosh":
        return str(request.getfixturevalue("whoosh_demo"))
    if request.param == "xapian":
        return str(request.getfixturevalue("xapian_demo"))
    return request.getfixturevalue("demo_cluster").spec


@pytest.fixture(scope="session")
def reference(demo_index: Path) -> Iterator[SearchService]:
    """The Whoosh backend, whose totals and facet counts every backend must give (the
    shared demo index, never written to)."""
    with SearchService(demo_index) as service:
        yield service


@pytest.fixture(scope="session")
def service(backend_spec: str) -> Iterator[SearchService]:
    with SearchService(backend_spec) as found:
        yield found
