"""Columns read segment by segment: an index whose segments differ in what they hold.

Regression (issue 14, item 1): an undated document committed before a dated one left a
first segment without a ``published`` column, and every read of the index failed.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsfacet.api.cli import main
from newsfacet.api.engine.facet_table import NO_DATE, _day_ordinal
from newsfacet.api.service import SearchService
from newsfacet.indexer.store import IndexStore
from newsfacet.schema.columns import read_column

UNDATED = "Ferry service resumes\n\nThe ferry service resumed after a strike by crews.\n"


def _dated(doc_id: str, day: str) -> str:
    return json.dumps({"id": doc_id, "title": f"Ferry {doc_id}", "outlet": "Wire",
                       "published": day, "body": f"The ferry {doc_id} sailed again."}) + "\n"


def _index(index: Path, source: Path) -> None:
    assert main(["index", "--quiet", "--index", str(index), str(source)]) == 0


@pytest.mark.parametrize("order", [("undated", "dated", "dated2"), ("dated", "undated"),
                                   ("undated", "undated2", "dated")])
def test_every_commit_order_reads_back(tmp_path: Path, order: tuple[str, ...],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """One commit per source, so each source is a segment of its own."""
    sources = {
        "undated": ("a.txt", UNDATED),
        "undated2": ("b.txt", UNDATED.replace("resumed", "restarted")),
        "dated": ("d.jsonl", _dated("d1", "2021-05-03")),
        "dated2": ("e.jsonl", _dated("e1", "2022-01-09")),
    }
    index = tmp_path / "index"
    for name in order:
        filename, text = sources[name]
        (tmp_path / filename).write_text(text, encoding="utf-8")
        _index(index, tmp_path / filename)
    expected = {"undated": ("a", None), "undated2": ("b", None),
                "dated": ("d1", dt.date(2021, 5, 3)), "dated2": ("e1", dt.date(2022, 1, 9))}
    with SearchService(index) as service:
        results = service.search("ferry", facets=["date", "outlet"], per_page=10)
        assert {h.id: h.published for h in results.hits} == dict(expected[n] for n in order)
        dated = [n for n in order if expected[n][1] is not None]
        assert sum(v.count for v in results.facets["date"]) == len(dated)
        assert sum(v.count for v in results.facets["outlet"]) == len(dated)
        by_date = service.search(sort="date:asc").hits
        assert [h.id for h in by_date][: len(dated)] == sorted(
            (expected[n][0] for n in dated), key=lambda i: str(dict(expected.values())[i]))
        assert service.health()["documents"] == len(order)
        assert service.stats().documents == len(order)
    capsys.readouterr()
    assert main(["search", "--index", str(index), "--json", "ferry"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == len(order)


def test_read_column_aligns_values_with_document_numbers(tmp_path: Path) -> None:
    index = tmp_path / "index"
    (tmp_path / "a.txt").write_text(UNDATED, encoding="utf-8")
    (tmp_path / "d.jsonl").write_text(_dated("d1", "2021-05-03"), encoding="utf-8")
    _index(index, tmp_path / "a.txt")
    _index(index, tmp_path / "d.jsonl")
    with IndexStore(index).open().reader() as reader:
        assert len(reader.leaf_readers()) == 2  # the case Whoosh's own reader gets wrong
        ids = read_column(reader, "id")
        published = [_day_ordinal(raw) for raw in read_column(reader, "published",
                                                               translate=False)]
        assert len(ids) == len(published) == reader.doc_count_all()
        by_id = dict(zip(ids, published, strict=True))
        assert by_id == {"a": NO_DATE, "d1": dt.date(2021, 5, 3).toordinal()}
