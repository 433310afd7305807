"""The examples of the README and docs/embedding.md run as written, against the demo corpus.

Every ``sh`` block runs in bash and every ``python`` block in this process, in a directory
whose ``var/index`` is a copy of the demo index, so the default paths work as written;
``curl`` reaches a real server on 127.0.0.1 (the README's ``http://127.0.0.1:8000`` is
rewritten to it) that has the README's API key, and fails on any HTTP error. A block
marked ``<!-- synopsis -->`` shows syntax and is not run.
A block marked ``<!-- output -->`` is what the example before it prints: it is compared
(JSON by value, ``took_ms`` and "(N ms)" aside), and ``NEWSFACET_UPDATE_DOCS=1`` rewrites
it from what the example printed now.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, LiveServer, serve

DOCUMENTS = ("README.md", "docs/embedding.md")
README_HOST = "http://127.0.0.1:8000"
#: The key the README's write example starts its server with.
README_KEY = "change-me"
UPDATE = os.environ.get("NEWSFACET_UPDATE_DOCS") == "1"
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)
_MARK = re.compile(r"<!--\s*(synopsis|output)\s*-->\s*\Z")
_MILLISECONDS = re.compile(r"\(\d+(?:\.\d+)? ms\)")


@dataclass
class Block:
    """One fenced block: where it is, its language, its text and its marker."""

    path: Path
    start: int
    end: int
    language: str
    text: str
    mark: str | None

    @property
    def name(self) -> str:
        line = self.path.read_text(encoding="utf-8")[: self.start].count("\n") + 1
        return f"{self.path.relative_to(REPO)}:{line}"


def blocks(path: Path) -> list[Block]:
    text = path.read_text(encoding="utf-8")
    found = []
    for match in _FENCE.finditer(text):
        before = text[: match.start()].rstrip() + "\n"
        mark = _MARK.search(before[-60:].rstrip())
        found.append(Block(path, match.start(), match.end(), match.group(1), match.group(2),
                           mark.group(1) if mark else None))
    return found


def examples() -> Iterator[Any]:
    for name in DOCUMENTS:
        found = blocks(REPO / name)
        for i, block in enumerate(found):
            if block.mark in ("synopsis", "output"):
                continue
            if block.language not in ("sh", "python", ""):
                continue
            if block.language == "" and not block.text.startswith("$ "):
                continue
            after = found[i + 1] if i + 1 < len(found) and found[i + 1].mark == "output" \
                else None
            yield pytest.param(block, after, id=block.name)


@pytest.fixture
def workdir(demo_index: Path, tmp_path: Path) -> Path:
    """A directory where ``var/index`` is a fresh copy of the demo index: examples that
    write must not change what the next one prints (a deletion shifts every score)."""
    shutil.copytree(demo_index, tmp_path / "var" / "index")
    return tmp_path


@pytest.fixture
def server(workdir: Path) -> Iterator[LiveServer]:
    yield from serve(workdir / "var" / "index", API_KEY=README_KEY)


#: Run before each shell example: curl fails on an HTTP error (so a 4xx is a failed
#: example) and says why; ``newsfacet`` is this checkout's.
_PRELUDE = """set -euo pipefail
curl() { command curl --silent --show-error --fail-with-body "$@"; }
"""


def _run_shell(block: Block, server: LiveServer, workdir: Path) -> str:
    script = block.text.split("\n")[0].removeprefix("$ ") if block.language == "" \
        else block.text
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    env.pop("NEWSFACET_INDEX", None)
    run = subprocess.run(["bash", "-c", _PRELUDE + script.replace(README_HOST, server.url)],
                         cwd=workdir, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"{block.name} failed:\n{script}\n{run.stdout}{run.stderr}"
    return run.stdout


def _run_python(block: Block) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block.text, block.name, "exec"), {"__name__": "__docs__"})
    return out.getvalue()


def _same(expected: str, printed: str, language: str) -> bool:
    if language == "json":
        def clean(text: str) -> Any:
            data = json.loads(text)
            if isinstance(data, dict):
                data.pop("took_ms", None)
            return data
        return bool(clean(expected) == clean(printed))
    return _MILLISECONDS.sub("(N ms)", expected.strip()) == \
        _MILLISECONDS.sub("(N ms)", printed.strip())


def _compact(value: Any, indent: int = 0, width: int = 96) -> str:
    """JSON as people lay it out: a value on one line when it fits, else one item a line."""
    flat = json.dumps(value, ensure_ascii=False)
    if len(flat) + indent <= width or not isinstance(value, (dict, list)) or not value:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k)}: {_compact(v, indent + 2, width)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + _compact(v, indent + 2, width) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def _update(block: Block, output: Block, printed: str) -> None:
    """Rewrite ``output`` (found by its text: an earlier update may have moved it)."""
    body = printed if output.language != "json" else _compact(json.loads(printed)) + "\n"
    if block.language == "":  # command and output share the block
        body = block.text.split("\n")[0] + "\n" + printed
        output = block
    text = output.path.read_text(encoding="utf-8")
    old = f"```{output.language}\n{output.text}```\n"
    assert text.count(old) == 1, f"{output.name}: cannot find the block to update"
    output.path.write_text(text.replace(old, f"```{output.language}\n{body}```\n"),
                           encoding="utf-8")


@pytest.mark.parametrize(("block", "output"), list(examples()))
def test_example_runs_as_written(block: Block, output: Block | None, workdir: Path,
                                 server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workdir)
    monkeypatch.delenv("NEWSFACET_INDEX", raising=False)
    printed = (_run_python(block) if block.language == "python"
               else _run_shell(block, server, workdir))
    if block.language == "":  # "$ command" then its output, in one block
        expected = block.text.split("\n", 1)[1]
        if UPDATE and not _same(expected, printed, "text"):
            _update(block, block, printed)
        else:
            assert _same(expected, printed, "text"), printed
    elif output is not None:
        if UPDATE and not _same(output.text, printed, output.language):
            _update(block, output, printed)
        else:
            assert _same(output.text, printed, output.language), printed


def test_every_block_is_run_or_marked() -> None:
    """No example silently escapes: a block is run, is output, or says it is syntax."""
    for name in DOCUMENTS:
        for block in blocks(REPO / name):
            runnable = block.language in ("sh", "python") or block.text.startswith("$ ")
            assert runnable or block.mark or block.language in ("json", "text"), block.name
