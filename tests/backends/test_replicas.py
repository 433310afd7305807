"""Read replicas: a shard copied by ``newsfacet shard serve --replica-of`` (xapian-replicate)
takes the searches when its shard is down, and writes still need the shard."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfacet.api.cli import main
from newsfacet.api.service import SearchService
from newsfacet.schema.errors import ShardUnavailable
from shard_cluster import Shard, free_block, need_xapian

DEMO = Path(__file__).resolve().parents[2] / "demo" / "corpus"


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Shard, Shard, str]]:
    """A shard with the demo corpus and its replica, and the spec naming both."""
    need_xapian()
    folder = tmp_path_factory.mktemp("replicas")
    primary = Shard(folder / "primary", free_block())
    primary.start()
    replica = Shard(folder / "replica", free_block(), replica_of=primary.name)
    try:
        replica.start()
        spec = f"xapian+tcp://{primary.name}|{replica.name}"
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("NEWSFACET_XAPIAN_STATE", str(folder / "state"))
            assert main(["index", "--quiet", "--backend", spec, str(DEMO)]) == 0
        yield primary, replica, spec
    finally:
        replica.stop()
        primary.stop()


def wait_for_copy(spec: str, documents: int) -> None:
    deadline = time.monotonic() + 30
    with SearchService(spec) as service:
        while service.count() != documents:
            assert time.monotonic() < deadline, "the replica did not catch up in 30 s"
            time.sleep(0.2)


def test_searches_fail_over_to_the_replica_and_come_back(
        pair: tuple[Shard, Shard, str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    primary, replica, spec = pair
    wait_for_copy(f"xapian+tcp://{replica.name}", 38)
    from newsfacet.api.xapian_engine import database  # after need_xapian: a skip, not an error

    monkeypatch.setattr(database, "PRIMARY_RETRY_SECONDS", 0.0)
    with SearchService(spec) as service:
        before = service.search("port", facets=["outlet", "speaker"])
        assert service.health()["shards"][0]["replicas"][0]["status"] == "ok"
        primary.stop()
        try:
            during = service.search("port", facets=["outlet", "speaker"])
            assert (during.total, [h.id for h in during.hits], during.facets) == (
                before.total, [h.id for h in before.hits], before.facets)
            assert service.get("lpr-0001").id == "lpr-0001"
            with pytest.raises(ShardUnavailable, match="reads on a replica"):
                service.health()
            monkeypatch.setenv("NEWSFACET_XAPIAN_STATE", str(tmp_path / "state"))
            with pytest.raises(ShardUnavailable, match=primary.name):
                service.add([{"id": "r1", "title": "t", "body": "words"}])
        finally:
            primary.start()
        assert service.search("port").total == before.total
        assert service.health()["status"] == "ok"


def test_the_spec_names_replicas_after_their_shard() -> None:
    from newsfacet.api.backend_spec import parse_spec

    spec = parse_spec("xapian+tcp://a:1|b:2|c:3,d:4")
    assert spec.shards == (("a", 1), ("d", 4))
    assert spec.endpoints(0) == (("a", 1), ("b", 2), ("c", 3)) and spec.endpoints(1) == (
        ("d", 4),)
    assert str(spec) == "xapian+tcp://a:1|b:2|c:3,d:4"
