"""Time one search over HTTP, repeatedly, against a running newsfacet server.

A first, reproducible figure for the closing note of the first slice; ``make bench``
(with peers measured in the same run) supersedes it.

    python bench/search_latency.py http://127.0.0.1:8000 \
        '/search?q=election&facets=outlet,speaker,location' 50
"""

from __future__ import annotations

import json
import statistics
import sys
import time
import urllib.request


def main() -> None:
    base, path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 50
    with urllib.request.urlopen(base + path, timeout=120) as response:  # warm-up, opens index
        first = json.load(response)
    wall: list[float] = []
    took: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        with urllib.request.urlopen(base + path, timeout=120) as response:
            body = json.load(response)
        wall.append((time.perf_counter() - started) * 1000)
        took.append(body["took_ms"])
    print(f"{path}: total={first['total']} runs={runs} "
          f"median wall {statistics.median(wall):.1f} ms, median took_ms "
          f"{statistics.median(took):.1f} ms, p95 wall "
          f"{sorted(wall)[int(0.95 * (runs - 1))]:.1f} ms")


if __name__ == "__main__":
    main()
