"""Cold start: CPU seconds of fresh ``newsfacet`` processes, and a one-document index's size.

What a user waits for before the first answer: a new process imports, opens the index
(or creates one) and does one thing. CPU seconds (user + system of the process and its
children, from ``wait4``) are robust to a shared machine where wall time is not; each
figure is the median of ``repeats`` runs.

    .venv/bin/python bench/cold_start.py            # prints the three figures as JSON
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo" / "corpus"
NEWSFACET = Path(sys.executable).parent / "newsfacet"
#: One short article, as a user's first file would be.
ONE_DOCUMENT = ("Port reopens after strike\n\nROTTERDAM - The port reopened on Monday after a "
                "week-long strike, officials said. \"We are back to work,\" said Joris "
                "Vermeulen, a spokesman for the union, in Rotterdam.\n")


def _cpu_seconds(argv: list[str], cwd: Path) -> float:
    """CPU seconds of one fresh process (children included); it must succeed."""
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {proc.stderr.read().decode()[-500:]}")
    proc.stderr.close()
    return usage.ru_utime + usage.ru_stime


def _tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure(repeats: int = 3) -> dict[str, Any]:
    """The three cold-start figures of the benchmark's goals."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        demo = work / "demo-index"
        subprocess.run([str(NEWSFACET), "index", "--quiet", "--index", str(demo), str(DEMO)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        source = work / "one.txt"
        source.write_text(ONE_DOCUMENT, encoding="utf-8")
        # a first run of each, untimed, fills per-user caches (the gazetteer's) as any
        # install's first run does
        search = [str(NEWSFACET), "search", "--index", str(demo), "port", "strike"]
        _cpu_seconds(search, work)
        searches = [_cpu_seconds(search, work) for _ in range(repeats)]
        indexes, sizes = [], []
        for n in range(repeats + 1):
            target = work / f"one-{n}"
            seconds = _cpu_seconds([str(NEWSFACET), "index", "--quiet", "--index", str(target),
                                    str(source)], work)
            if n:
                indexes.append(seconds)
            sizes.append(_tree_bytes(target))
            shutil.rmtree(target)
    return {"search_cpu_s": statistics.median(searches),
            "index_one_cpu_s": statistics.median(indexes),
            "one_document_index_mb": max(sizes) / 1e6, "repeats": repeats}


if __name__ == "__main__":
    print(json.dumps(measure(), indent=1))
