"""Every backend over the demo corpus: Whoosh, one Xapian database, three Xapian shards
served by real ``newsfacet shard serve`` processes on 127.0.0.1."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfacet.api.service import SearchService
from shard_cluster import Cluster, need_xapian, start_cluster

DEMO = Path(__file__).resolve().parents[2] / "demo" / "corpus"
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


@pytest.fixture(scope="session", params=BACKENDS)
def backend_spec(request: pytest.FixtureRequest, demo_index: Path) -> str:
    """Each backend in turn (the contract suite runs once per backend)."""
    if request.param == "whoosh":
        return f"whoosh:{demo_index}"
    if request.param == "xapian":
        return str(request.getfixturevalue("xapian_demo"))
    return request.getfixturevalue("demo_cluster").spec


@pytest.fixture(scope="session")
def reference(demo_index: Path) -> Iterator[SearchService]:
    """The Whoosh backend, whose totals and facet counts every backend must give."""
    with SearchService(demo_index) as service:
        yield service


@pytest.fixture(scope="session")
def service(backend_spec: str) -> Iterator[SearchService]:
    with SearchService(backend_spec) as found:
        yield found
