"""`make index`: runs when DATA changed since its last run, and only then."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conftest import REPO, TINY_RECORDS


def make_index(index: Path, data: Path) -> str:
    done = subprocess.run(["make", "--no-print-directory", "index", f"INDEX={index}",
                           f"DATA={data}"], cwd=REPO, capture_output=True, text=True,
                          check=True)
    return done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("make") is None or not (REPO / ".venv/bin/newsfacet").exists(),
                    reason="needs make and the project's .venv (make install)")
def test_make_index_reruns_only_when_data_changed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    source = data / "wire.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in TINY_RECORDS),
                      encoding="utf-8")
    index = tmp_path / "index"
    assert "3 added" in make_index(index, data)
    assert "Nothing to be done" in make_index(index, data)
    later = time.time() + 10  # newer than the stamp however long the first runs took
    os.utime(source, (later, later))
    assert "3 unchanged" in make_index(index, data)
