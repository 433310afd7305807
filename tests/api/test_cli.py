"""The newsfacet command: JSON Lines out of extract, one-line errors, exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsfacet.api.cli import main


def test_extract_prints_one_json_line_per_article(
    tiny_jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(tiny_jsonl)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["id"] for d in lines] == ["t1", "t2", "t3"]
    first = lines[0]
    assert set(first) >= {"id", "title", "outlet", "published", "event_dates", "speakers",
                          "locations"}
    assert first["speakers"][0]["name"] == "Ana Lindqvist"
    assert first["speakers"][0]["title"] == "Mayor"
    assert {p["label"] for p in lines[2]["locations"]} >= {"Rotterdam, The Netherlands"}


def test_index_then_search_as_json(tmp_path: Path, tiny_jsonl: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    index = str(tmp_path / "index")
    assert main(["index", "--quiet", "--index", index, str(tiny_jsonl)]) == 0
    capsys.readouterr()
    assert main(["search", "--index", index, "--json", "--facets", "outlet", "strike"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["total"] == 2
    assert body["facets"]["outlet"] == [{"value": "Harbor Test", "count": 2}]


def test_errors_are_one_line_with_a_non_zero_exit(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "newsfacet.api.cli", "search", "--index", str(tmp_path), "x"],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0
    assert run.stderr.startswith("newsfacet: no index at")
    assert "Traceback" not in run.stderr


def test_skipped_records_name_file_and_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text('{"id": "ok", "body": "fine"}\n{broken\n', encoding="utf-8")
    status = main(["index", "--quiet", "--index", str(tmp_path / "index"), str(source)])
    assert status == 1
    assert f"{source}:2: malformed JSON" in capsys.readouterr().err
