"""Incremental indexing: unchanged is a no-op, changed replaces, --sync deletes, reindex swaps."""

from __future__ import annotations

import json
import random
import threading
from pathlib import Path
from typing import Any

import pytest

from conftest import TINY_RECORDS
from newsfacet.api.service import SearchService
from newsfacet.indexer import pipeline
from newsfacet.indexer.pipeline import index_paths, reindex
from newsfacet.indexer.store import IndexStore
from newsfacet.schema.errors import IndexNotFound, SourceError


def _write(path: Path, records: list[dict]) -> None:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")


def test_reindexing_unchanged_documents_is_a_no_op(tmp_path: Path, tiny_jsonl: Path) -> None:
    store = IndexStore(tmp_path / "index")
    first = index_paths(store, [tiny_jsonl], progress=False)
    files_before = sorted(p.name for p in store.current_path().iterdir())
    second = index_paths(store, [tiny_jsonl], progress=False)
    assert (first.added, first.unchanged) == (3, 0)
    assert (second.added, second.updated, second.unchanged) == (0, 0, 3)
    assert second.documents == 3
    segments_after = [p for p in store.current_path().iterdir() if p.suffix == ".seg"]
    assert len(segments_after) == len([f for f in files_before if f.endswith(".seg")])


def test_changed_document_replaces_the_old_one(tmp_path: Path, tiny_jsonl: Path) -> None:
    store = IndexStore(tmp_path / "index")
    index_paths(store, [tiny_jsonl], progress=False)
    changed = [dict(r) for r in TINY_RECORDS]
    changed[1]["title"] = "Flood warnings lifted"
    _write(tiny_jsonl, changed)
    report = index_paths(store, [tiny_jsonl], progress=False)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 2)
    with SearchService(store.path) as service:
        assert service.count() == 3
        assert service.get("t2").title == "Flood warnings lifted"
        assert service.search("lifted").total == 1
        assert service.search("warnings").total == 1


def test_sync_deletes_documents_gone_from_the_source(tmp_path: Path, tiny_jsonl: Path) -> None:
    store = IndexStore(tmp_path / "index")
    other = tmp_path / "other.jsonl"
    _write(other, [{"id": "o1", "title": "Elsewhere", "body": "Another source entirely."}])
    index_paths(store, [tiny_jsonl, other], progress=False)
    _write(tiny_jsonl, TINY_RECORDS[:1])
    without_sync = index_paths(store, [tiny_jsonl], progress=False)
    assert without_sync.deleted == 0 and without_sync.documents == 4
    report = index_paths(store, [tiny_jsonl], sync=True, progress=False)
    assert report.deleted == 2 and report.documents == 2
    with SearchService(store.path) as service:
        assert service.get("o1").title == "Elsewhere"  # another source: untouched


def test_reindex_builds_a_new_generation_and_switches(tmp_path: Path, tiny_jsonl: Path) -> None:
    store = IndexStore(tmp_path / "index")
    index_paths(store, [tiny_jsonl], progress=False)
    before = store.current_name()
    with SearchService(store.path) as service:
        assert service.search("strike").total == 2
        report = reindex(store, progress=False)
        assert store.current_name() != before
        assert report.documents == 3
        assert service.search("strike").total == 2  # the open service follows the switch
    assert IndexStore.read_meta(store.current_path())["whoosh_version"] == "3.54.0"


def test_writes_made_during_a_rebuild_are_carried_into_it(
        tmp_path: Path, tiny_jsonl: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = IndexStore(tmp_path / "index")
    index_paths(store, [tiny_jsonl], progress=False)
    reading, writes_done = threading.Event(), threading.Event()
    real_read = pipeline.read_articles

    def slow_read(paths: Any) -> Any:  # the rebuild pauses after its first article
        for n, item in enumerate(real_read(paths)):
            yield item
            if n == 0:
                reading.set()
                assert writes_done.wait(60)

    monkeypatch.setattr(pipeline, "read_articles", slow_read)
    outcome: list[Any] = []
    rebuild = threading.Thread(target=lambda: outcome.append(reindex(store, progress=False)))
    rebuild.start()
    assert reading.wait(60)
    with SearchService(store.path) as service:  # the live generation takes writes meanwhile
        added = {"id": "late", "title": "Late news", "body": "Cranes arrived at the port."}
        changed = {**TINY_RECORDS[2], "body": "Talks to end the strike collapsed again."}
        assert service.add([added, changed]).added == 1
        assert service.delete(["t2"]) == 1
        writes_done.set()
        rebuild.join(60)
        assert outcome, "the rebuild did not finish"
        assert {h.id for h in service.search("", per_page=20).hits} == {"t1", "t3", "late"}
        assert "collapsed" in service.get("t3").body  # the later write wins over the file
    assert outcome[0].deleted == 1


def test_reindex_keeps_documents_whose_source_is_gone(tmp_path: Path, tiny_jsonl: Path) -> None:
    store = IndexStore(tmp_path / "index")
    index_paths(store, [tiny_jsonl], progress=False)
    tiny_jsonl.unlink()
    report = reindex(store, progress=False)
    assert (report.added, report.unchanged, report.documents) == (0, 3, 3)
    with SearchService(store.path) as service:
        assert service.search("strike", facets=["outlet"]).facets["outlet"][0].count == 2


def test_bad_records_are_reported_by_line_and_the_rest_indexed(tmp_path: Path) -> None:
    source = tmp_path / "mixed.jsonl"
    source.write_text(
        json.dumps(TINY_RECORDS[0]) + "\n"
        "{not json\n"
        + json.dumps({"title": "no id", "body": "x"}) + "\n"
        + json.dumps({"id": "n1", "body": 42}) + "\n"
        + json.dumps({"id": "d1", "body": "x", "published": "32/13/2022"}) + "\n"
        + json.dumps(TINY_RECORDS[0]) + "\n"
        + json.dumps(TINY_RECORDS[2]) + "\n",
        encoding="utf-8",
    )
    report = index_paths(IndexStore(tmp_path / "index"), [source], progress=False)
    assert report.added == 2
    lines = sorted((p.line, p.message.split(":")[0]) for p in report.problems)
    assert [line for line, _ in lines] == [2, 3, 4, 5, 6]
    assert any("duplicate id 't1'" in p.message for p in report.problems)


def test_a_missing_path_fails_before_touching_the_index(tmp_path: Path, tiny_jsonl: Path) -> None:
    store = IndexStore(tmp_path / "index")
    index_paths(store, [tiny_jsonl], progress=False)
    with pytest.raises(SourceError, match="no such file"):
        index_paths(store, [tiny_jsonl, tmp_path / "missing.jsonl"], progress=False)
    with SearchService(store.path) as service:
        assert service.count() == 3


def test_searching_a_directory_without_an_index_is_a_clear_error(tmp_path: Path) -> None:
    with SearchService(tmp_path / "nothing") as service, pytest.raises(IndexNotFound):
        service.search("anything")


def test_reseeding_random_never_makes_a_write_reuse_a_segment_name(tmp_path: Path) -> None:
    # Whoosh named segments with the global random generator: reseeded between writes (as
    # Hypothesis does), the second write truncated the first one's files.
    with SearchService(tmp_path / "index") as service:
        for n in range(3):
            random.seed(0)
            report = service.add([{**TINY_RECORDS[0], "id": f"r{n}"}])
            assert report.added == 1 and not report.problems
        assert {h.id for h in service.search("", per_page=10).hits} == {"r0", "r1", "r2"}


def test_workers_read_ahead_of_the_writer_by_at_most_the_bound(monkeypatch: Any) -> None:
    """Memory stays bounded however slow the writer is: never more than ``IN_FLIGHT``
    documents are read but not yet handed to the writer."""
    from newsfacet.schema.document import Article

    # the bound is at least two of the chunks handed to a worker, or no chunk fills
    bound = 2 * pipeline._CHUNK
    monkeypatch.setattr(pipeline, "IN_FLIGHT", bound)
    read = 0

    def items() -> Any:
        nonlocal read
        for n in range(5 * bound):
            read += 1
            yield Article(id=f"d{n}", body=f"Port {n} reopened, officials said."), f"h{n}"

    ahead = []
    for consumed, (extraction, _, _) in enumerate(pipeline.extract_all(items(), True), 1):
        assert extraction.id == f"d{consumed - 1}"
        ahead.append(read - consumed)
        threading.Event().wait(0.01)  # a slow writer
    assert len(ahead) == 5 * bound and max(ahead) <= bound
    assert max(ahead) > pipeline._CHUNK  # the workers did read ahead
