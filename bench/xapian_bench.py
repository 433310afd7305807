"""The Xapian backend against the Whoosh one: one database and three shards, same data.

    .venv/bin/python bench/xapian_bench.py                       # the largest bench index
    .venv/bin/python bench/xapian_bench.py --whoosh var/bench/indexes/37.5k/newsfacet

``make bench`` runs it after ``bench/run.py``, over the newsfacet (Whoosh) indexes that
run built: each is copied into one Xapian database and into three shards served by
``newsfacet shard serve`` on 127.0.0.1 (``copy_from_whoosh``: the same extraction, no
second extraction), timed. Then each engine answers ``bench/queries.json`` in its own
process, in the three modes of ``bench/run.py`` ((a) top 10, (b) plus facet counts,
(c) plus snippets): one warm-up pass, ``--repeats`` timed passes, a query's latency its
median, p50 / p95 over queries; the process's RSS after them, and the shard servers'.
Prints a table and writes ``bench/results/xapian-<date>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "bench" / "queries.json"
SIZES = ("83k", "37.5k", "10k", "2.5k", "1k")
FACETS = ["outlet", "speaker", "location", "date"]


def requests(limit: int) -> list[dict[str, Any]]:
    found = []
    for query in json.loads(QUERIES.read_text(encoding="utf-8"))["queries"][:limit]:
        words = " ".join(query["terms"])
        found.append({"q": f'"{words}"' if query["phrase"] else words,
                      "outlet": [query["outlet"]] if query["outlet"] else []})
    return found


def child(spec: str, limit: int, repeats: int) -> None:
    """Run the queries against ``spec`` in this process; print JSON figures."""
    from newsfacet.api.service import SearchService

    modes = {"a": {"highlight": False}, "b": {"highlight": False, "facets": FACETS},
             "c": {"highlight": True, "facets": FACETS}}
    out: dict[str, Any] = {}
    with SearchService(spec, query_timeout=None) as service:
        for mode, options in modes.items():
            for query in requests(limit):  # warm-up, not timed
                service.search(query["q"], outlet=query["outlet"], **options)
            latencies = []
            for query in requests(limit):
                times = []
                for _ in range(repeats):
                    began = time.perf_counter()
                    service.search(query["q"], outlet=query["outlet"], **options)
                    times.append((time.perf_counter() - began) * 1000)
                latencies.append(statistics.median(times))
            latencies.sort()
            out[mode] = {"p50": round(latencies[len(latencies) // 2], 2),
                         "p95": round(latencies[int(len(latencies) * 0.95) - 1], 2)}
    # resident now, after every query: ru_maxrss would count the parent's peak from
    # before the fork (Linux keeps it across exec)
    import psutil

    out["rss_mb"] = round(psutil.Process().memory_info().rss / 2**20, 1)
    print(json.dumps(out))


def free_block(size: int = 5) -> int:
    import random

    for _ in range(200):
        base = random.randrange(20_000, 60_000, size)
        try:
            for port in range(base, base + size):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
    raise RuntimeError("no free ports")


def folder_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def server_rss_mb(folder: Path) -> float:
    import psutil

    total = 0
    for process in psutil.process_iter(["cmdline", "memory_info"]):
        cmdline = process.info["cmdline"] or []
        if cmdline and "xapian-tcpsrv" in cmdline[0] and str(folder) in " ".join(cmdline):
            total += process.info["memory_info"].rss
    return round(total / 2**20, 1)


def bench(whoosh: Path, limit: int, repeats: int) -> dict[str, Any]:
    from newsfacet.api.backend_spec import parse_spec
    from newsfacet.api.service import SearchService
    from newsfacet.api.xapian_engine import Cluster, indexing

    with SearchService(whoosh) as service:
        documents = service.count()
    figures: dict[str, Any] = {"whoosh_index": str(whoosh), "documents": documents,
                               "queries": limit, "repeats": repeats, "builds": {},
                               "queries_ms": {}}
    shards: list[subprocess.Popen[bytes]] = []
    with tempfile.TemporaryDirectory(prefix="xapian-bench-", dir=REPO / "var") as tmp:
        folder = Path(tmp)
        os.environ["NEWSFACET_XAPIAN_STATE"] = str(folder / "state")
        try:
            ports = [free_block() for _ in range(3)]
            for i, port in enumerate(ports):
                with (folder / f"shard{i}.log").open("ab") as log:
                    shards.append(subprocess.Popen(
                        [sys.executable, "-m", "newsfacet.api.cli", "shard", "serve",
                         "--db", str(folder / f"shard{i}"), "--host", "127.0.0.1",
                         "--port", str(port)], start_new_session=True, stdout=log,
                        stderr=log))
            time.sleep(1.5)
            specs = {"xapian, 1 database": f"xapian:{folder / 'single'}",
                     "xapian, 3 shards": "xapian+tcp://" + ",".join(
                         f"127.0.0.1:{p}" for p in ports)}
            for name, spec in specs.items():
                report = indexing.copy_from_whoosh(Cluster(parse_spec(spec)), whoosh,
                                                   progress=False)
                figures["builds"][name] = {
                    "seconds": round(report.seconds, 1),
                    "docs_per_s": round(report.added / report.seconds, 1)}
                print(f"copied {report.added} documents into {name}: {report.seconds:.1f} s "
                      f"({report.added / report.seconds:.0f} docs/s)", flush=True)
            figures["builds"]["xapian, 1 database"]["bytes"] = folder_bytes(folder / "single")
            figures["builds"]["xapian, 3 shards"]["bytes"] = sum(
                folder_bytes(folder / f"shard{i}") for i in range(3))
            for name, spec in {"whoosh": str(whoosh), **specs}.items():
                done = subprocess.run([sys.executable, __file__, "--child", spec,
                                       "--queries", str(limit), "--repeats", str(repeats)],
                                      capture_output=True, text=True, check=True)
                figures["queries_ms"][name] = json.loads(done.stdout.strip().splitlines()[-1])
                print(name, figures["queries_ms"][name], flush=True)
            figures["shard_servers_rss_mb"] = server_rss_mb(folder)
        finally:
            for process in shards:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(timeout=15)
                except ProcessLookupError:
                    pass
    return figures


def table(figures: dict[str, Any]) -> str:
    lines = [f"{figures['documents']:,} documents, {figures['queries']} queries, "
             f"{figures['repeats']} timed passes",
             "", "| engine | (a) p50 / p95 ms | (b) facets | (c) snippets | RSS MB after |",
             "|---|---:|---:|---:|---:|"]
    for name, found in figures["queries_ms"].items():
        cells = [f"{found[m]['p50']} / {found[m]['p95']}" for m in "abc"]
        lines.append(f"| {name} | {' | '.join(cells)} | {found['rss_mb']} |")
    lines += ["", "| build (copied from the Whoosh index) | s | docs/s | MB on disk |",
              "|---|---:|---:|---:|"]
    for name, found in figures["builds"].items():
        lines.append(f"| {name} | {found['seconds']} | {found['docs_per_s']} | "
                     f"{found['bytes'] / 1e6:.1f} |")
    lines.append(f"\nshard servers' RSS after the queries: {figures['shard_servers_rss_mb']} MB")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--whoosh", type=Path, help="a newsfacet (Whoosh) index to copy; "
                        "default: the largest var/bench/indexes/<size>/newsfacet")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.queries, args.repeats)
        return 0
    try:
        import xapian  # noqa: F401
    except ImportError:
        print("needs the xapian extra (make xapian)", file=sys.stderr)
        return 2
    whoosh = args.whoosh or next((REPO / "var" / "bench" / "indexes" / size / "newsfacet"
                                  for size in SIZES if (REPO / "var" / "bench" / "indexes"
                                                        / size / "newsfacet").is_dir()), None)
    if whoosh is None:
        print("no newsfacet bench index: run make bench (or bench/run.py) first, or name "
              "one with --whoosh", file=sys.stderr)
        return 2
    figures = bench(whoosh, args.queries, args.repeats)
    print(table(figures))
    out = REPO / "bench" / "results" / f"xapian-{dt.date.today().isoformat()}.json"
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
