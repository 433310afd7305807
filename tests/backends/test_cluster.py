"""A real multi-node cluster: three ``newsfacet shard serve`` processes on 127.0.0.1,
the HTTP API over them, one shard stopped (or paused) and brought back mid-test."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.serving import make_server

from backend_requests import requests
from newsfacet.api.http import create_app
from newsfacet.api.service import SearchService
from newsfacet.schema.errors import ShardUnavailable
from shard_cluster import Cluster, need_xapian, start_cluster

DEMO = Path(__file__).resolve().parents[2] / "demo" / "corpus"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Three shards of its own (this module stops and restarts them)."""
    need_xapian()
    from newsfacet.api.cli import main

    cluster = start_cluster(tmp_path_factory.mktemp("faults"))
    import os

    os.environ["NEWSFACET_XAPIAN_STATE"] = str(cluster.state)
    try:
        assert main(["index", "--quiet", "--backend", cluster.spec, str(DEMO)]) == 0
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="module")
def api(cluster: Cluster) -> Iterator[str]:
    """The HTTP API over the cluster, on a real server on 127.0.0.1."""
    app = create_app({"BACKEND": cluster.spec, "TESTING": False, "API_KEY": "k"})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        app.extensions["newsfacet"].close()


def call(url: str, method: str = "GET", body: Any = None) -> tuple[int, dict[str, Any]]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": "Bearer k", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def timed(url: str, method: str = "GET", body: Any = None
          ) -> tuple[int, dict[str, Any], float]:
    started = time.monotonic()
    status, found = call(url, method, body)
    return status, found, time.monotonic() - started


def test_a_stopped_shard_answers_503_naming_it_and_is_used_again(cluster: Cluster,
                                                                 api: str) -> None:
    status, before = call(f"{api}/search?q=port&facets=outlet,speaker")
    assert status == 200 and before["total"] > 0
    assert call(f"{api}/health")[0] == 200
    down = cluster.shards[1]
    down.stop()
    try:
        status, problem, seconds = timed(f"{api}/search?q=port&facets=outlet,speaker")
        print(f"search with {down.name} stopped: {status} in {seconds:.2f} s")
        assert status == 503
        assert problem["title"] == "Shard unavailable" and down.name in problem["detail"]
        assert {"type", "title", "status", "detail"} <= set(problem)
        status, health = call(f"{api}/health")
        assert status == 503 and down.name in health["detail"]
        assert call(f"{api}/documents/lpr-0001")[0] == 503
        status, problem = call(f"{api}/documents", "POST",
                               [{"id": "x1", "title": "t", "body": "words here"}])
        assert status == 503 and down.name in problem["detail"]
    finally:
        down.start()
    status, after = call(f"{api}/search?q=port&facets=outlet,speaker")
    assert status == 200 and after["total"] == before["total"]
    assert after["facets"] == before["facets"]
    assert call(f"{api}/health")[0] == 200


def test_a_paused_shard_answers_503_and_recovers(cluster: Cluster, api: str) -> None:
    """A shard that accepts connections but does not answer (SIGSTOP): the remote
    timeout bounds the wait."""
    assert call(f"{api}/search?q=strike")[0] == 200
    slow = cluster.shards[2]
    groups = slow.pause()
    try:
        status, problem, seconds = timed(f"{api}/search?q=strike")
        print(f"search with {slow.name} paused: {status} in {seconds:.2f} s")
        assert status == 503 and slow.name in problem["detail"]
        assert call(f"{api}/health")[0] == 503
    finally:
        slow.resume(groups)
    assert call(f"{api}/search?q=strike")[0] == 200
    assert call(f"{api}/health")[0] == 200


def test_writes_over_http_reach_the_shards_and_are_seen(api: str) -> None:
    record = {"id": "cluster-1", "title": "Glacier survey finds new crevasse field",
              "body": "Surveyors mapped the glacier on Monday.", "outlet": "Ice Wire",
              "published": "2024-03-01"}
    status, report = call(f"{api}/documents", "POST", [record])
    assert status == 200 and report["added"] == 1
    status, found = call(f"{api}/search?q=crevasse")
    assert [h["id"] for h in found["hits"]] == ["cluster-1"]
    assert call(f"{api}/documents/cluster-1", "DELETE")[0] in (200, 204)
    assert call(f"{api}/search?q=crevasse")[1]["total"] == 0


@pytest.fixture(scope="module")
def local_and_sharded(cluster: Cluster, tmp_path_factory: pytest.TempPathFactory
                      ) -> Iterator[tuple[SearchService, SearchService, SearchService]]:
    from newsfacet.api.cli import main

    local = f"xapian:{tmp_path_factory.mktemp('single') / 'db'}"
    assert main(["index", "--quiet", "--backend", local, str(DEMO)]) == 0
    whoosh = tmp_path_factory.mktemp("whoosh") / "index"
    assert main(["index", "--quiet", "--index", str(whoosh), str(DEMO)]) == 0
    with SearchService(local) as one, SearchService(cluster.spec) as shards, \
            SearchService(whoosh) as reference:
        yield one, shards, reference


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_shards_answer_as_one_database(
        local_and_sharded: tuple[SearchService, SearchService, SearchService],
        data: st.DataObject) -> None:
    """Same totals, hits, scores and facet counts, bit for bit: BM25 statistics and
    value counts combine exactly, and stories live on one shard each."""
    one, shards, reference = local_and_sharded
    request = data.draw(requests(reference))
    single, sharded = one.run(request), shards.run(request)
    single.took_ms = sharded.took_ms = 0.0
    assert sharded == single


def test_a_shard_down_is_a_problem_for_the_python_api_too(cluster: Cluster) -> None:
    with SearchService(cluster.spec) as service:
        assert service.count() > 0
        cluster.shards[0].stop()
        try:
            with pytest.raises(ShardUnavailable, match=cluster.shards[0].name):
                service.search("port")
        finally:
            cluster.shards[0].start()
        assert service.search("port").total > 0
