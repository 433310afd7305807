"""Deterministic benchmark corpora from ``../shared/data`` (xz JSON Lines).

Sizes (documents in the order given, each corpus read sorted by id):

- ``10k``: the first 10,000 allsides-news articles by id;
- ``37.5k``: all of allsides-news (37,554);
- ``83k``: allsides-news + doj-press-releases + senate-press-releases + reuters21578 (82,963);
- ``1k`` and ``2.5k`` (mixed: 1,000 allsides + 500 of each other corpus) for ``--quick`` runs.

Each size is written once as plain JSON Lines into the work directory (never into the
repository), keeping only the fields every engine indexes.

    python bench/corpora.py 10k --workdir var/bench
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DATA = Path(os.environ.get("NEWSFACET_SHARED_DATA",
                           Path(__file__).resolve().parents[2] / "shared" / "data"))
#: Short name -> folder under ``DATA``.
CORPORA = {
    "allsides": "allsides-news",
    "doj": "doj-press-releases",
    "senate": "senate-press-releases",
    "reuters": "reuters21578",
}
#: Size label -> (corpus, how many documents or None for all), concatenated in order.
SIZES: dict[str, list[tuple[str, int | None]]] = {
    "1k": [("allsides", 1_000)],
    "2.5k": [("allsides", 1_000), ("doj", 500), ("senate", 500), ("reuters", 500)],
    "10k": [("allsides", 10_000)],
    "37.5k": [("allsides", None)],
    "83k": [("allsides", None), ("doj", None), ("senate", None), ("reuters", None)],
}
FULL_SIZES = ["10k", "37.5k", "83k"]
QUICK_SIZES = ["1k", "2.5k"]
#: The fields written for the engines; other metadata is left out.
KEEP = ("id", "title", "body", "outlet", "published", "author", "url")


def corpus_file(name: str) -> Path:
    """The xz JSON Lines file of corpus ``name``."""
    return DATA / CORPORA[name] / "corpus.jsonl.xz"


def read_corpus(name: str) -> Iterator[dict[str, Any]]:
    """The records of one corpus, sorted by id (string order), trimmed to :data:`KEEP`."""
    with lzma.open(corpus_file(name), "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    records.sort(key=lambda r: str(r["id"]))
    for record in records:
        out = {key: record.get(key) for key in KEEP}
        out["id"] = str(out["id"])
        yield out


def iter_size(label: str) -> Iterator[dict[str, Any]]:
    """The documents of size ``label``, in a fixed order."""
    for name, limit in SIZES[label]:
        for n, record in enumerate(read_corpus(name)):
            if limit is not None and n >= limit:
                break
            yield record


def write_size(label: str, workdir: Path) -> dict[str, Any]:
    """Write size ``label`` to ``workdir/corpora/<label>.jsonl`` once; its path and counts."""
    out_dir = workdir / "corpora"
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{label}.jsonl"
    stats_path = out_dir / f"{label}.stats.json"
    if path.exists() and stats_path.exists():
        return dict(json.loads(stats_path.read_text(encoding="utf-8")))
    seen: set[str] = set()
    docs = chars = 0
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        for record in iter_size(label):
            if record["id"] in seen:
                raise ValueError(f"duplicate id {record['id']!r} in size {label}")
            seen.add(record["id"])
            docs += 1
            chars += len(record["body"] or "")
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp.replace(path)
    stats = {"label": label, "path": str(path), "documents": docs, "body_chars": chars,
             "parts": [[name, limit] for name, limit in SIZES[label]]}
    stats_path.write_text(json.dumps(stats), encoding="utf-8")
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="+", choices=sorted(SIZES))
    parser.add_argument("--workdir", type=Path, default=Path("var/bench"))
    args = parser.parse_args()
    for label in args.sizes:
        print(json.dumps(write_size(label, args.workdir)))


if __name__ == "__main__":
    main()
