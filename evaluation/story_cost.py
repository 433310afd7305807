"""What story detection (indexer/stories.py) costs per document at benchmark sizes.

    .venv/bin/python evaluation/story_cost.py                # the 83k benchmark corpus
    .venv/bin/python evaluation/story_cost.py --size 10k     # a faster run
    .venv/bin/python evaluation/story_cost.py --db var/stories.sqlite --keep

Reads a size of ``bench/corpora.py`` (from ../shared/data, in its fixed order) and runs
each body through the code the indexer uses: ``clean_text`` (the cleaned body is what is
signed), ``sketch`` (computed in the extraction worker processes), and
``StoryIndex.add_sketch`` into a SQLite file on disk (the single writer's share), all in
one transaction committed at the end, as the indexer does for a run. Each step is timed
on its own; reading the corpus is not timed.

Printed every 10,000 documents: mean sketch and add_sketch ms/doc and the add_sketch p99
over the last window (does adding slow down as the index grows?). At the end: mean cost
per step, commit time, file size, what the stories look like, and how many documents had
at least one LSH candidate (counted after each timed add, on the index's own connection,
so the count costs the timed steps nothing).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from corpora import DATA, SIZES, corpus_file, iter_size

from newsfacet.indexer.clean import clean_text
from newsfacet.indexer.stories import MIN_SHINGLES, StoryIndex, sketch

CHECKPOINT = 10_000
#: Extraction workers the indexer starts (indexer/pipeline.py: one per core, at most 8).
WORKERS = max(1, min(len(os.sched_getaffinity(0)), 8))


@dataclass
class Totals:
    """Seconds spent per step, and what the documents looked like."""

    docs: int = 0
    clean: float = 0.0
    sketch: float = 0.0
    add: float = 0.0
    short: int = 0  # fewer than MIN_SHINGLES shingles: never looked up
    with_candidate: int = 0
    candidates: int = 0
    joined: int = 0
    window_sketch: list[float] = field(default_factory=list)
    window_add: list[float] = field(default_factory=list)


def count_candidates(index: StoryIndex, doc_id: str) -> int:
    """Other documents sharing an LSH band key with ``doc_id`` (already added).

    Uses the index's private connection: the transaction is not committed yet, so a
    second connection would not see it. Documents are added in order, so the others
    found are exactly those ``add_sketch`` saw.
    """
    db = index._db
    row = db.execute("SELECT member, bands FROM members WHERE id = ?", (doc_id,)).fetchone()
    member, blob = row
    keys = np.frombuffer(blob, dtype=np.int64).tolist()
    if not keys:
        return 0
    marks = ",".join("?" * len(keys))
    return int(db.execute(
        f"SELECT count(DISTINCT member) FROM bands WHERE key IN ({marks}) AND member != ?",
        [*keys, member]).fetchone()[0])


def checkpoint(totals: Totals) -> None:
    """Print the window's sketch and add_sketch cost, then start a new window."""
    sketch_ms = np.array(totals.window_sketch) * 1000
    add_ms = np.array(totals.window_add) * 1000
    print(f"{totals.docs:8,d} docs  last {add_ms.size:6,d}: sketch {sketch_ms.mean():6.2f} ms/doc"
          f"  add_sketch {add_ms.mean():6.2f} ms/doc (p99 {np.percentile(add_ms, 99):6.2f})",
          flush=True)
    totals.window_sketch.clear()
    totals.window_add.clear()


def run(label: str, index: StoryIndex) -> tuple[Totals, float]:
    """Clean, sketch and add every document of size ``label``; totals and commit seconds."""
    totals = Totals()
    for record in iter_size(label):
        doc_id = record["id"]
        began = time.perf_counter()
        body = clean_text(record["body"] or "", read_header=False).body
        cleaned = time.perf_counter()
        sketched = sketch(body)
        sketched_at = time.perf_counter()
        story = index.add_sketch(doc_id, sketched)
        added = time.perf_counter()
        totals.clean += cleaned - began
        totals.sketch += sketched_at - cleaned
        totals.add += added - sketched_at
        totals.window_sketch.append(sketched_at - cleaned)
        totals.window_add.append(added - sketched_at)
        totals.docs += 1
        if sketched.hashes.size < MIN_SHINGLES:
            totals.short += 1
        else:
            found = count_candidates(index, doc_id)
            totals.with_candidate += found > 0
            totals.candidates += found
        totals.joined += not (story == doc_id or story.startswith(f"{doc_id}~"))
        if totals.docs % CHECKPOINT == 0:
            checkpoint(totals)
    if totals.window_add:
        checkpoint(totals)
    began = time.perf_counter()
    index.commit()
    return totals, time.perf_counter() - began


def report(totals: Totals, index: StoryIndex, commit_s: float, db_path: Path) -> None:
    """Print the per-document cost, the file size and the shape of the stories."""
    n = max(totals.docs, 1)
    size = db_path.stat().st_size
    print(f"\ndocuments            {totals.docs:,d}")
    print(f"clean                {totals.clean / n * 1000:7.2f} ms/doc")
    print(f"sketch               {totals.sketch / n * 1000:7.2f} ms/doc CPU "
          f"(≈ {totals.sketch / n * 1000 / WORKERS:.2f} ms/doc of wall time over "
          f"{WORKERS} workers)")
    print(f"add_sketch           {totals.add / n * 1000:7.2f} ms/doc (single writer)")
    print(f"commit               {commit_s:7.2f} s")
    print(f"SQLite file          {size / 1e6:7.1f} MB, {size / n:,.0f} bytes/doc")
    sizes = index.story_sizes()
    multi = {story: k for story, k in sizes.items() if k > 1}
    print(f"stories              {len(sizes):,d}; {len(multi):,d} with more than one "
          f"document, holding {sum(multi.values()):,d} documents; "
          f"{totals.joined:,d} documents joined an earlier one")
    if multi:
        largest = max(multi, key=lambda story: multi[story])
        first = ", ".join(index.members_of(largest)[:3])
        print(f"largest story        {multi[largest]:,d} documents: {first}, ...")
    looked = totals.docs - totals.short
    print(f"LSH candidates       {totals.with_candidate:,d} of {totals.docs:,d} documents "
          f"({totals.with_candidate / n:.1%}) had at least one; "
          f"{totals.candidates / max(looked, 1):.2f} per looked-up document; "
          f"{totals.short:,d} under {MIN_SHINGLES} shingles never looked up")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="83k", choices=sorted(SIZES),
                        help="a size of bench/corpora.py (default 83k)")
    parser.add_argument("--db", type=Path, help="the SQLite file (default: in a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file")
    args = parser.parse_args(argv)
    missing = [name for name, _ in SIZES[args.size] if not corpus_file(name).is_file()]
    if missing:
        print(f"needs the shared data at {DATA} ({', '.join(missing)} absent on this machine)",
              file=sys.stderr)
        return 2
    tmp = None
    if args.db is None:
        tmp = Path(tempfile.mkdtemp(prefix="story-cost-"))
        db_path = tmp / "stories.sqlite"
    else:
        db_path = args.db
        if db_path.exists():
            parser.error(f"{db_path} exists: story cost is measured from an empty index")
    began = time.monotonic()
    index = StoryIndex(db_path)
    try:
        totals, commit_s = run(args.size, index)
        report(totals, index, commit_s, db_path)
        print(f"wall time            {time.monotonic() - began:7.0f} s (size {args.size})")
    finally:
        index.close()
        if not args.keep:
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                db_path.unlink(missing_ok=True)
        elif tmp is not None:
            print(f"kept {db_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
