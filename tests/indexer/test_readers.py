"""Reading sources: JSON Lines (plain, gz, xz), text and HTML files, directories."""

from __future__ import annotations

import gzip
import json
import lzma
from pathlib import Path

import pytest

from conftest import TINY_RECORDS
from newsfacet.indexer.extract import extract
from newsfacet.indexer.readers import ReadProblem, read_articles
from newsfacet.schema.document import Article
from newsfacet.schema.errors import SourceError

HTML = """<!doctype html><html><head><title>Site | Cranes idle</title>
<meta property="og:site_name" content="Harbor Gazette">
<script>document.write("<p>injected</p>")</script></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article><h1>Cranes idle as strike spreads</h1><time datetime="2024-03-05">5 March</time>
<p>Cranes stood idle in Rotterdam on Tuesday.</p>
<figure><img src="x.jpg"><figcaption>Dockers, Sept. 6, 2021. (Photo: J. Doe)</figcaption></figure>
<p>&quot;We are not moving,&quot; said Ana Lindqvist.</p></article>
<footer>Call +1 (555) 010-2345 &copy; 2024</footer></body></html>"""


def _ids(items: list[Article | ReadProblem]) -> list[str]:
    return [i.id for i in items if isinstance(i, Article)]


@pytest.mark.parametrize("opener", [open, gzip.open, lzma.open], ids=["plain", "gz", "xz"])
def test_json_lines_in_every_compression(tmp_path: Path, opener: object) -> None:
    suffix = {open: "", gzip.open: ".gz", lzma.open: ".xz"}[opener]  # type: ignore[index]
    path = tmp_path / f"a.jsonl{suffix}"
    with opener(path, "wt", encoding="utf-8") as handle:  # type: ignore[operator]
        handle.write("\n".join(json.dumps(r) for r in TINY_RECORDS))
    items = list(read_articles([path]))
    assert _ids(items) == ["t1", "t2", "t3"]
    first = items[0]
    assert isinstance(first, Article) and first.metadata == {"section": "business"}
    assert str(first.published) == "2024-03-05"


def test_directories_are_read_recursively_skipping_other_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text("Title one\n\nBody one.", encoding="utf-8")
    (tmp_path / "two.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    assert sorted(_ids(list(read_articles([tmp_path])))) == ["one", "two"]


def test_html_drops_scripts_navigation_captions_and_footer(tmp_path: Path) -> None:
    path = tmp_path / "cranes.html"
    path.write_text(HTML, encoding="utf-8")
    (article,) = list(read_articles([path]))
    assert isinstance(article, Article)
    extraction = extract(article)
    assert extraction.title == "Cranes idle as strike spreads"
    assert extraction.outlet == "Harbor Gazette"
    assert str(extraction.published) == "2024-03-05"
    for junk in ("injected", "Home", "Photo", "555", "Sept. 6"):
        assert junk not in extraction.body
    assert '"We are not moving," said Ana Lindqvist.' in extraction.body


def test_binary_and_invalid_utf8_files_are_problems_not_crashes(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 ouvert".encode("latin-1"))
    problems = [i for i in read_articles([tmp_path]) if isinstance(i, ReadProblem)]
    assert sorted(p.message for p in problems) == ["binary file, not an article", "not valid UTF-8"]


def test_unknown_file_type_named_explicitly_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text("a,b", encoding="utf-8")
    with pytest.raises(SourceError, match="unsupported file type"):
        list(read_articles([path]))


def test_an_invalid_utf8_line_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        json.dumps(TINY_RECORDS[0]).encode() + b"\n"
        + b'{"id": "bad", "body": "caf\xe9"}\n'
        + json.dumps(TINY_RECORDS[1]).encode() + b"\n"
    )
    items = list(read_articles([path]))
    assert _ids(items) == ["t1", "t2"]
    (problem,) = [i for i in items if isinstance(i, ReadProblem)]
    assert (problem.line, problem.message) == (2, "not valid UTF-8")


def test_count_records_gives_the_progress_bar_its_total(tmp_path: Path) -> None:
    import lzma as xz

    from newsfacet.indexer.readers import count_records

    plain = tmp_path / "a.jsonl"
    plain.write_text('{"id": "1"}\n\n{"id": "2"}\n', encoding="utf-8")
    packed = tmp_path / "b.jsonl.xz"
    packed.write_bytes(xz.compress(b'{"id": "3"}\n{"id": "4"}\n{"id": "5"}'))
    text = tmp_path / "c.txt"
    text.write_text("A headline\n\nA body.", encoding="utf-8")
    assert count_records([plain, packed, text]) == 6
    broken = tmp_path / "d.jsonl.xz"
    broken.write_bytes(b"not xz at all")
    assert count_records([plain, broken]) is None


def test_non_standard_json_lines_are_problems_naming_file_and_line(tmp_path: Path) -> None:
    """NaN, 1e999, a lone surrogate escape and nesting past the limit: each line is a
    problem naming its file and line (no RecursionError), and the rest is read."""
    path = tmp_path / "strict.jsonl"
    lines = [json.dumps(TINY_RECORDS[0]),
             '{"id": "nan", "body": "x", "score": NaN}',
             '{"id": "big", "body": "x", "score": 1e999}',
             '{"id": "sur", "body": "caf\\ud800"}',
             '{"id": "deep", "body": "x", "tree": ' + "[" * 5000 + "]" * 5000 + "}",
             '{"id": "deep2", "body": "x", "tree": ' + "[" * 40 + "]" * 40 + "}",
             json.dumps(TINY_RECORDS[1])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_articles([path]))
    assert _ids(items) == ["t1", "t2"]
    problems = {p.line: str(p) for p in items if isinstance(p, ReadProblem)}
    assert sorted(problems) == [2, 3, 4, 5, 6]
    assert all(text.startswith(f"{path}:{line}: ") for line, text in problems.items())
    assert "NaN" in problems[2] and "1e999" in problems[3]
    assert "'body' contains a lone surrogate" in problems[4]
    assert "more than 32 levels" in problems[5] and "more than 32 levels" in problems[6]
