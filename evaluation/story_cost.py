"""What story detection (indexer/stories.py) costs per document at benchmark sizes.

    .venv/bin/python evaluation/story_cost.py                # the 83k benchmark corpus
    .venv/bin/python evaluation/story_cost.py --size 10k     # a faster run
    .venv/bin/python evaluation/story_cost.py --db var/stories.sqlite --keep

Reads a size of ``bench/corpora.py`` (from ../shared/data, in its fixed order) and runs
each body through the code the indexer uses: ``clean_text`` (the cleaned body is what is
signed), ``sketch`` (computed in the extraction worker processes), and
``StoryIndex.add_sketch`` into a SQLite file on disk (the single writer's share), all in
one transaction committed at the end, as the indexer does for a run. Each step is timed
on its own, in CPU time of this process (robust when other jobs share the cores) and in
wall time (which adds SQLite's I/O waits, and any time the process was not scheduled);
reading the corpus is not timed.

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
class Step:
    """CPU and wall seconds spent in one step, over all documents."""

    cpu: float = 0.0
    wall: float = 0.0

    def ms(self, docs: int) -> str:
        """Mean per document, CPU and wall."""
        n = max(docs, 1)
        return f"{self.cpu / n * 1000:6.2f} ms/doc CPU, {self.wall / n * 1000:6.2f} wall"


@dataclass
class Totals:
    """Seconds spent per step, and what the documents looked like."""

    docs: int = 0
    clean: Step = field(default_factory=Step)
    sketch: Step = field(default_factory=Step)
    add: Step = field(default_factory=Step)
    short: int = 0  # fewer than MIN_SHINGLES shingles: never looked up
    with_candidate: int = 0
    candidates: int = 0
    joined: int = 0
    window_sketch: list[float] = field(default_factory=list)  # CPU seconds per document
    window_add: list[float] = field(default_factory=list)  # CPU seconds per document
    window_add_wall: list[float] = field(default_factory=list)


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
    wall_ms = np.array(totals.window_add_wall) * 1000
    print(f"{totals.docs:8,d} docs  last {add_ms.size:6,d}: sketch {sketch_ms.mean():5.2f} ms/doc"
          f"  add_sketch {add_ms.mean():5.2f} ms/doc (p99 {np.percentile(add_ms, 99):6.2f})"
          f"  CPU; add_sketch wall {wall_ms.mean():5.2f} (p99 {np.percentile(wall_ms, 99):6.2f})",
          flush=True)
    totals.window_sketch.clear()
    totals.window_add.clear()
    totals.window_add_wall.clear()


def _now() -> tuple[float, float]:
    return time.process_time(), time.perf_counter()


def _spent(step: Step, start: tuple[float, float], end: tuple[float, float]) -> float:
    """Add ``end - start`` to ``step``; the CPU seconds."""
    cpu = end[0] - start[0]
    step.cpu += cpu
    step.wall += end[1] - start[1]
    return cpu


def run(label: str, index: StoryIndex,
        titles: dict[str, str]) -> tuple[Totals, float]:
    """Clean, sketch and add every document of size ``label``; totals and commit seconds.

    ``titles`` collects each document's title, to show what the largest stories hold.
    """
    totals = Totals()
    for record in iter_size(label):
        doc_id = record["id"]
        titles[doc_id] = record.get("title") or ""
        began = _now()
        body = clean_text(record["body"] or "", read_header=False).body
        cleaned = _now()
        sketched = sketch(body)
        sketched_at = _now()
        story = index.add_sketch(doc_id, sketched, record.get("outlet"))
        added = _now()
        _spent(totals.clean, began, cleaned)
        totals.window_sketch.append(_spent(totals.sketch, cleaned, sketched_at))
        totals.window_add.append(_spent(totals.add, sketched_at, added))
        totals.window_add_wall.append(added[1] - sketched_at[1])
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


def report(totals: Totals, index: StoryIndex, commit_s: float, db_path: Path,
           titles: dict[str, str]) -> None:
    """Print the per-document cost, the file size and the shape of the stories."""
    n = max(totals.docs, 1)
    size = db_path.stat().st_size
    counters = Path(f"{db_path}.counts")
    counts_size = counters.stat().st_size if counters.exists() else 0
    print(f"\ndocuments            {totals.docs:,d}")
    print(f"clean                {totals.clean.ms(n)}")
    print(f"sketch               {totals.sketch.ms(n)} (in the workers: ≈ "
          f"{totals.sketch.cpu / n * 1000 / WORKERS:.2f} ms/doc of wall time over {WORKERS})")
    print(f"add_sketch           {totals.add.ms(n)} (the single writer)")
    print(f"commit               {commit_s:7.2f} s")
    print(f"SQLite file          {size / 1e6:7.1f} MB, {size / n:,.0f} bytes/doc; "
          f"shingle counters {counts_size / 1e6:.1f} MB")
    sizes = index.story_sizes()
    multi = {story: k for story, k in sizes.items() if k > 1}
    print(f"stories              {len(sizes):,d}; {len(multi):,d} with more than one "
          f"document, holding {sum(multi.values()):,d} documents; "
          f"{totals.joined:,d} documents joined an earlier one")
    print("largest stories (size, distinct titles among members: many distinct titles "
          "suggest a false join; copies mostly share one):")
    for story in sorted(multi, key=lambda story: -multi[story])[:10]:
        members = index.members_of(story)
        distinct = len({titles.get(m, "").strip().lower() for m in members})
        print(f"  {multi[story]:4d} docs, {distinct:4d} titles  {story}: "
              f"{titles.get(members[0], '')[:70]!r}")
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
        titles: dict[str, str] = {}
        totals, commit_s = run(args.size, index, titles)
        report(totals, index, commit_s, db_path, titles)
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
