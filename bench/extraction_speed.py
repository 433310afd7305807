"""Time extraction per document, in process, and print the figures (no assertions).

Reads the articles first (not timed), builds the gazetteer once, then runs every stage
over all documents ``--repeat`` times and prints the best pass: whole ``extract()``,
speakers on the cleaned bodies, places on the cleaned bodies. CPU time is printed beside
wall time because the two cores are often shared; compare CPU time across commits.

    .venv/bin/python bench/extraction_speed.py ../shared/seeds demo/corpus --repeat 5
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from newsfacet.indexer.extract import extract
from newsfacet.indexer.places import extract_places
from newsfacet.indexer.readers import read_articles
from newsfacet.indexer.speakers import extract_speakers
from newsfacet.schema.document import Article, Extraction


def _best_pass(run: Callable[[], None], repeat: int) -> tuple[float, float, float]:
    """(first pass CPU, best CPU, best wall) seconds of ``run`` over ``repeat`` passes."""
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        run()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return cpu[0], min(cpu), min(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    articles = [a for a in read_articles(args.paths) if isinstance(a, Article)]
    if not articles:
        raise SystemExit("no articles read")
    extract(articles[0])  # builds the gazetteer: a one-off, not per-document cost
    done: list[Extraction] = [extract(a) for a in articles]
    #: Places run without the speakers' name spans that extract() passes: same work, near enough.
    bodies = [(x.body, x.provenance.get("dateline")) for x in done]

    def whole() -> None:
        for article in articles:
            extract(article)

    def speakers() -> None:
        for body, _ in bodies:
            extract_speakers(body)

    def places() -> None:
        for body, dateline in bodies:
            extract_places(body, dateline)

    n = len(articles)
    chars = sum(len(b) for b, _ in bodies)
    print(f"{n} documents, {chars / n:,.0f} characters of body each on average, "
          f"best of {args.repeat} passes")
    for label, run in (("extract()", whole), ("speakers", speakers), ("places", places)):
        first, cpu, wall = _best_pass(run, args.repeat)
        print(f"  {label:10s} {cpu / n * 1000:7.3f} ms/doc CPU  {wall / n * 1000:7.3f} ms/doc wall"
              f"  (first pass {first / n * 1000:.3f} ms/doc CPU)")


if __name__ == "__main__":
    main()
