"""A reindex with an unchanged extractor starts from a copy of the live generation and
extracts only what changed, and answers exactly as a rebuild from scratch."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import DEMO, TINY_RECORDS
from newsfacet.api.service import SearchService
from newsfacet.indexer import pipeline
from newsfacet.indexer.pipeline import index_paths, reindex
from newsfacet.indexer.store import IndexStore

QUERIES = ["", "port strike", "minister", '"said on"', "the", "ship* OR harbour"]


def _answers(path: Path) -> list[Any]:
    """Everything a reader sees: hits with scores, all facets, quotes, stories, bodies."""
    seen: list[Any] = []
    with SearchService(path) as service:
        for q in QUERIES:
            results = service.search(q, per_page=100, facets=["outlet", "speaker", "location",
                                                                "date", "story"])
            seen.append((q, results.total,
                         [(h.id, h.score and round(h.score, 9), h.story, h.story_size)
                          for h in results.hits],
                         {k: [(v.value, v.count) for v in vs] for k, vs in results.facets.items()}))
            quotes = service.search_quotes(q, per_page=100)
            seen.append([(h.speaker, h.text, h.document.id) for h in quotes.hits])
        for hit in service.search("", per_page=100).hits:
            seen.append(service.get(hit.id).to_json())
    return seen


def _refuse_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(article: Any) -> Any:
        raise AssertionError(f"{article.id} was extracted again")

    monkeypatch.setattr(pipeline, "extract", refuse)


def test_an_unchanged_corpus_is_reindexed_without_extracting(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(DEMO, corpus)
    reused, fresh = IndexStore(tmp_path / "reused"), IndexStore(tmp_path / "fresh")
    first = index_paths(reused, [corpus], progress=False)
    index_paths(fresh, [corpus], progress=False)
    with monkeypatch.context() as patch:
        _refuse_extraction(patch)
        report = reindex(reused, progress=False)
    assert (report.added, report.unchanged, report.documents) == (0, first.added, first.added)
    assert reused.current_path().name == "gen-000002"
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "reusable", lambda store, gen: False)
        rebuilt = reindex(fresh, progress=False)
    assert rebuilt.added == first.added
    assert _answers(reused.path) == _answers(fresh.path)
    assert reused.verify() > 0


def test_only_changed_records_are_extracted(tmp_path: Path, tiny_jsonl: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    store = IndexStore(tmp_path / "index")
    index_paths(store, [tiny_jsonl], progress=False)
    changed = [dict(r) for r in TINY_RECORDS]
    changed[1]["title"] = "Flood warnings lifted"
    tiny_jsonl.write_text("\n".join(json.dumps(r) for r in changed) + "\n", encoding="utf-8")
    extracted: list[str] = []
    real = pipeline.extract

    def counting(article: Any) -> Any:
        extracted.append(article.id)
        return real(article)

    monkeypatch.setattr(pipeline, "extract", counting)
    report = reindex(store, progress=False)
    assert extracted == ["t2"]
    assert (report.added, report.unchanged, report.documents) == (1, 2, 3)
    with SearchService(store.path) as service:
        assert service.search("lifted").total == 1
        assert service.get("t2").title == "Flood warnings lifted"
        assert service.count() == 3


def test_another_extractor_version_extracts_everything(tmp_path: Path, tiny_jsonl: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    store = IndexStore(tmp_path / "index")
    index_paths(store, [tiny_jsonl], progress=False)
    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", "a-newer-one")
    assert not pipeline.reusable(store, store.current_path())
    report = reindex(store, progress=False)
    assert (report.added, report.documents) == (3, 3)


def test_a_half_done_commit_is_not_copied(tmp_path: Path, tiny_jsonl: Path) -> None:
    store = IndexStore(tmp_path / "index")
    index_paths(store, [tiny_jsonl], progress=False)
    (store.current_path() / "pending-commit.json").write_text('["t1"]', encoding="utf-8")
    assert not pipeline.reusable(store, store.current_path())
