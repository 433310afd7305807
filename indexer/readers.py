"""Read articles from JSON Lines (plain, .gz, .xz), text and HTML files, and directories.

Reading never stops at a bad record: each one becomes a :class:`ReadProblem` naming
its file and line, and the rest of the source is still read.
"""

from __future__ import annotations

import gzip
import io
import lzma
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsfacet.schema import strict_json
from newsfacet.schema.document import Article, check_body_size
from newsfacet.schema.errors import InvalidDocument, SourceError

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".jsonl.xz", ".ndjson.xz")
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class ReadProblem:
    """A record or file that could not be read, and where it was."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


def file_format(path: Path) -> str | None:
    """"json", "text" or "html" by file name; None for files we do not read."""
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "json"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    return None


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The article files named by ``paths``, directories walked recursively, in sorted order.

    A named path that does not exist or a named file of an unknown type is an error;
    inside directories, hidden and unknown files are skipped.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and file_format(p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            if file_format(path) is None:
                raise SourceError(
                    f"{path}: unsupported file type (expected .jsonl[.gz|.xz], .txt or .html)"
                )
            files.append(path)
        else:
            raise SourceError(f"{path}: no such file or directory")
    return files


def _open_bytes(path: Path) -> io.BufferedIOBase:
    """Lines are decoded one at a time, so one bad line does not end the file."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rb")
    if name.endswith(".xz"):
        return lzma.open(path, "rb")
    return path.open("rb")


def count_records(paths: Iterable[Path]) -> int | None:
    """How many records the files hold (non-blank JSON lines; one per text or HTML file).

    For a progress bar's time left: one quick pass over the bytes, None if a file
    cannot be read (the reading pass reports it).
    """
    total = 0
    for path in paths:
        if file_format(path) != "json":
            total += 1
            continue
        try:
            with _open_bytes(path) as handle:
                for line in handle:
                    total += bool(line.strip())
        except (OSError, EOFError, lzma.LZMAError):
            return None
    return total


def _read_jsonl(path: Path) -> Iterator[Article | ReadProblem]:
    source = str(path.resolve())
    lineno = 0
    try:
        with _open_bytes(path) as handle:
            for lineno, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                try:
                    record = strict_json.loads(raw)
                    yield Article.from_record(record, source=source, line=lineno)
                except InvalidDocument as exc:  # InvalidJSON included
                    yield ReadProblem(str(path), lineno, str(exc))
    except (OSError, EOFError, lzma.LZMAError) as exc:
        yield ReadProblem(str(path), lineno or None, f"cannot read: {exc}")


#: Largest article file read. HTML pages carry scripts and styles, so the cap on raw
#: bytes is looser than the one on the body text (``MAX_BODY_CHARS``).
MAX_FILE_BYTES = 20_000_000


def _read_file(path: Path, fmt: str) -> Iterator[Article | ReadProblem]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield ReadProblem(str(path), None, f"file is {size / 1e6:.1f} MB; article files "
                              f"over {MAX_FILE_BYTES / 1e6:.0f} MB are not read")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadProblem(str(path), None, f"cannot read: {exc.strerror}")
        return
    if b"\x00" in data[:8192]:
        yield ReadProblem(str(path), None, "binary file, not an article")
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        yield ReadProblem(str(path), line, "not valid UTF-8")
        return
    if not text.strip():
        yield ReadProblem(str(path), None, "empty file")
        return
    if fmt == "text":
        try:
            check_body_size(text, path.stem)
        except InvalidDocument as exc:
            yield ReadProblem(str(path), None, str(exc))
            return
    yield Article(id=path.stem, body=text, source=str(path.resolve()), format=fmt)


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | ReadProblem]:
    """Every article in ``paths``, or a problem in its place."""
    for path in expand_paths(paths):
        fmt = file_format(path)
        if fmt == "json":
            yield from _read_jsonl(path)
        elif fmt is not None:
            yield from _read_file(path, fmt)
