"""Writing to Xapian: bulk runs (a process pool extracting), incremental runs, --sync,
reindex, and the command line's --backend."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfacet.api.cli import main
from newsfacet.api.service import SearchService
from newsfacet.indexer import pipeline
from shard_cluster import need_xapian

DEMO = Path(__file__).resolve().parents[2] / "demo" / "corpus"


@pytest.fixture(autouse=True)
def _xapian() -> None:
    need_xapian(server=False)


def test_a_bulk_run_indexes_what_a_serial_run_does(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    serial, bulk = f"xapian:{tmp_path / 'serial'}", f"xapian:{tmp_path / 'bulk'}"
    assert main(["index", "--quiet", "--backend", serial, str(DEMO)]) == 0
    monkeypatch.setattr(pipeline, "PARALLEL_BYTES", 0)
    from newsfacet.api.xapian_engine import indexing

    monkeypatch.setattr(indexing, "PARALLEL_BYTES", 0)
    assert main(["index", "--quiet", "--backend", bulk, str(DEMO)]) == 0
    with SearchService(serial) as one, SearchService(bulk) as other:
        for q in ("", "port", "strike OR satellite"):
            a = one.search(q, facets=["outlet", "speaker", "story"], per_page=50)
            b = other.search(q, facets=["outlet", "speaker", "story"], per_page=50)
            assert (a.total, [h.id for h in a.hits], a.facets) == (
                b.total, [h.id for h in b.hits], b.facets)


def test_incremental_runs_skip_unchanged_and_sync_deletes(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    spec = f"xapian:{tmp_path / 'db'}"
    source = tmp_path / "in.jsonl"
    records = [{"id": f"d{i}", "title": f"Harbour note {i}", "body": f"Ships came in {i}.",
                "outlet": "Note Wire", "published": f"2024-01-0{i + 1}"} for i in range(3)]
    source.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    assert main(["index", "--quiet", "--backend", spec, str(source)]) == 0
    assert main(["index", "--quiet", "--backend", spec, str(source)]) == 0
    assert "0 added, 0 updated, 3 unchanged" in capsys.readouterr().err
    source.write_text("\n".join(json.dumps(r) for r in records[:2]) + "\n", encoding="utf-8")
    assert main(["index", "--quiet", "--sync", "--backend", spec, str(source)]) == 0
    assert "1 deleted" in capsys.readouterr().err
    with SearchService(spec) as service:
        assert service.count() == 2
    assert main(["reindex", "--quiet", "--backend", spec]) == 0
    with SearchService(spec) as service:
        assert service.count() == 2
        assert service.search("harbour").total == 2


def test_the_command_line_takes_the_backend_from_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    spec = f"xapian:{tmp_path / 'db'}"
    monkeypatch.setenv("NEWSFACET_BACKEND", spec)
    assert main(["index", "--quiet", str(DEMO)]) == 0
    capsys.readouterr()
    assert main(["search", "strike", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 9
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == 38


@pytest.mark.parametrize("spec", ["nosuch:x", "xapian+tcp://", "xapian+tcp://h:99999",
                                  "xapian:", "xapian+tcp://a:1,a:1"])
def test_a_bad_backend_is_one_line(spec: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "x", "--backend", spec]) == 2
    err = capsys.readouterr().err
    assert err.startswith("newsfacet: backend") and err.count("\n") == 1
