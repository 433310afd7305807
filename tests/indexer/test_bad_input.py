"""Hostile input on the command line: huge files and bodies, binary files, markup. Each is a
one-line message naming the file (and line), the rest is indexed, the exit status is 1,
and nothing indexed before is lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import TINY_RECORDS
from newsfacet.api import SearchService
from newsfacet.api.cli import main
from newsfacet.schema.document import MAX_BODY_CHARS


def test_oversized_binary_and_markup_inputs(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    index = str(tmp_path / "index")
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps(TINY_RECORDS[0]) + "\n", encoding="utf-8")
    assert main(["index", "--quiet", "--index", index, str(first)]) == 0

    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "huge.txt").write_bytes(b"word " * (10 * 1024 * 1024))  # 50 MB
    (batch / "long.txt").write_text("word " * (MAX_BODY_CHARS // 4), encoding="utf-8")
    (batch / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (batch / "page.html").write_text(
        "<html><head><title>Dock &amp; harbour</title><script>alert('x')</script></head>"
        "<body><p>The <b>harbour</b> reopened on Monday &lt;script&gt; after repairs."
        "<script>document.write('<img src=x onerror=alert(1)>')</script></p></body></html>",
        encoding="utf-8")
    records = [json.dumps({"id": "big", "body": "x" * (50 * 1024 * 1024)}),
               json.dumps(TINY_RECORDS[2])]
    (batch / "records.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["index", "--quiet", "--index", index, str(batch)]) == 1
    problems = [line for line in capsys.readouterr().err.splitlines() if "skipped" in line]
    assert len(problems) == 4, problems
    by_file = {Path(line.split("skipped ")[1].split(":")[0]).name: line for line in problems}
    assert "not read" in by_file["huge.txt"] and "52.4 MB" in by_file["huge.txt"]
    assert "at most 2,000,000" in by_file["long.txt"]
    assert "binary" in by_file["binary.txt"]
    assert "records.jsonl" in by_file and ":1:" in by_file["records.jsonl"]

    with SearchService(index) as service:
        assert {h.id for h in service.search("", per_page=50).hits} == {"t1", "t3", "page"}
        page = service.get("page")
        assert "alert" not in page.body and "document.write" not in page.body
        hit = service.search("harbour reopened").hits[0]
        snippet = " ".join(hit.snippets)
        assert "<mark>harbour</mark>" in snippet
        assert "<script" not in snippet.replace("&lt;script&gt;", "")
        assert "<b>" not in snippet
