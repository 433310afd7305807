"""The issue-16 check on real data: 3 shards, one Xapian database and Whoosh agree.

    .venv/bin/python bench/xapian_cluster.py            # 2,000 allsides-news articles
    .venv/bin/python bench/xapian_cluster.py --docs 500 --queries 50

Starts three shards with ``newsfacet shard serve`` on loopback ports; indexes the first
``--docs`` articles of ``../shared/data/allsides-news`` into them, into ``xapian:PATH``
and into ``whoosh:PATH`` with ``newsfacet index --backend``; serves each with
``newsfacet serve --backend``; runs ``--queries`` title words (seeded) with facets
outlet, speaker, location and date through each server and compares: sharded and
single-database answers (totals, top-10 ids, facet counts), sharded and Whoosh
(totals, facet counts, top-10 overlap). Then stops one shard (``/search`` must answer a
503 problem naming it within 5 s, ``/health`` not 200) and restarts it (``/search`` 200
again, API not restarted). Prints the figures and writes ``bench/results/xapian-cluster-*.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import lzma
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "allsides-news" / "corpus.jsonl.xz"
NEWSFACET = [sys.executable, "-m", "newsfacet.api.cli"]
FACETS = "outlet,speaker,location,date"


def free_block(size: int) -> int:
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


def start(command: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(command, start_new_session=True, stdout=out, stderr=out)


def stop(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def get(url: str, timeout: float = 30) -> tuple[int, dict[str, Any]]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            get(url, timeout=2)
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def wait_for_shard(port: int, seconds: float = 120) -> None:
    """Until the shard's read ports answer (a loaded machine starts it slowly)."""
    import xapian

    deadline = time.monotonic() + seconds
    while True:
        try:
            for offset in (0, 1, 2, 3):
                xapian.remote_open("127.0.0.1", port + offset, 1000, 1000).close()
            return
        except xapian.Error:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def shard_command(db: Path, port: int) -> list[str]:
    return [*NEWSFACET, "shard", "serve", "--db", str(db), "--host", "127.0.0.1",
            "--port", str(port)]


def title_words(records: list[dict[str, Any]], count: int, seed: int) -> list[str]:
    words = sorted({w.lower() for r in records for w in re.findall(r"[A-Za-z]{5,}",
                                                                    r.get("title") or "")})
    return random.Random(seed).sample(words, count)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"needs {CORPUS} (../shared is absent on this machine)", file=sys.stderr)
        return 2
    with lzma.open(CORPUS, "rt", encoding="utf-8") as source:
        records = [json.loads(line) for line in itertools.islice(source, args.docs)]
    figures: dict[str, Any] = {"documents": len(records), "queries": args.queries}
    processes: list[subprocess.Popen[bytes]] = []
    with tempfile.TemporaryDirectory(prefix="xapian-cluster-") as tmp:
        folder = Path(tmp)
        sample = folder / "sample.jsonl"
        sample.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
        env = {**os.environ, "NEWSFACET_XAPIAN_STATE": str(folder / "state")}
        try:
            ports = [free_block(5) for _ in range(3)]
            shards = []
            for i, port in enumerate(ports):
                shards.append(start(shard_command(folder / f"shard{i}", port),
                                    folder / f"shard{i}.log"))
            processes += shards
            for port in ports:
                wait_for_shard(port)
            specs = {"sharded": "xapian+tcp://" + ",".join(f"127.0.0.1:{p}" for p in ports),
                     "single": f"xapian:{folder / 'single'}",
                     "whoosh": f"whoosh:{folder / 'whoosh'}"}
            for name, spec in specs.items():
                began = time.perf_counter()
                subprocess.run([*NEWSFACET, "index", "--quiet", "--backend", spec,
                                str(sample)], check=False, env=env)
                seconds = time.perf_counter() - began
                figures[f"index_{name}_s"] = round(seconds, 1)
                print(f"indexed {len(records)} into {name}: {seconds:.1f} s "
                      f"({len(records) / seconds:.0f} docs/s)", flush=True)
            servers = {}
            for name, spec in specs.items():
                port = free_block(1)
                processes.append(start([*NEWSFACET, "serve", "--backend", spec, "--port",
                                        str(port)], folder / f"serve-{name}.log"))
                servers[name] = f"http://127.0.0.1:{port}"
            for url in servers.values():
                wait_for(url + "/health")
            words = title_words(records, args.queries, args.seed)
            same_single = same_whoosh_counts = 0
            overlaps: list[float] = []
            latency: dict[str, list[float]] = {name: [] for name in servers}
            for word in words:
                answers = {}
                for name, url in servers.items():
                    began = time.perf_counter()
                    status, answer = get(f"{url}/search?" + urllib.parse.urlencode(
                        {"q": word, "facets": FACETS, "per_page": 10, "highlight": "false"}))
                    latency[name].append((time.perf_counter() - began) * 1000)
                    assert status == 200, (name, word, answer)
                    answers[name] = answer
                sharded, single, whoosh = (answers[n] for n in ("sharded", "single", "whoosh"))
                ids = {n: [h["id"] for h in a["hits"]] for n, a in answers.items()}
                if (sharded["total"], ids["sharded"], sharded["facets"]) == (
                        single["total"], ids["single"], single["facets"]):
                    same_single += 1
                if (sharded["total"], sharded["facets"]) == (whoosh["total"],
                                                               whoosh["facets"]):
                    same_whoosh_counts += 1
                if ids["whoosh"]:
                    overlaps.append(len(set(ids["sharded"]) & set(ids["whoosh"]))
                                    / len(ids["whoosh"]))
            figures.update({
                "sharded_equals_single": f"{same_single}/{len(words)}",
                "sharded_equals_whoosh_totals_and_facets": f"{same_whoosh_counts}/{len(words)}",
                "top10_overlap_with_whoosh_mean": round(sum(overlaps) / len(overlaps), 3),
                "top10_overlap_with_whoosh_min": round(min(overlaps), 3),
                "p50_ms": {n: round(sorted(v)[len(v) // 2], 1) for n, v in latency.items()},
            })
            api = servers["sharded"]
            stop(shards[1])
            began = time.perf_counter()
            status, problem = get(f"{api}/search?q={words[0]}&facets={FACETS}")
            figures["shard_down_search"] = {"status": status, "seconds": round(
                time.perf_counter() - began, 2), "detail": problem.get("detail")}
            figures["shard_down_health"] = get(f"{api}/health")[0]
            shards[1] = start(shard_command(folder / "shard1", ports[1]),
                              folder / "shard1.log")
            processes.append(shards[1])
            began = time.perf_counter()
            while True:  # the shard process takes a moment to start its servers
                status, answer = get(f"{api}/search?q={words[0]}&facets={FACETS}")
                if status == 200 or time.perf_counter() - began > 60:
                    break
                time.sleep(0.5)
            figures["shard_back_search"] = status
            figures["shard_back_after_s"] = round(time.perf_counter() - began, 1)
            figures["shard_back_health"] = get(f"{api}/health")[0]
        finally:
            for process in reversed(processes):
                stop(process)
    print(json.dumps(figures, indent=2))
    out = REPO / "bench" / "results" / f"xapian-cluster-{dt.date.today().isoformat()}.json"
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    ok = (figures["sharded_equals_single"] == f"{len(words)}/{len(words)}"
          and figures["sharded_equals_whoosh_totals_and_facets"] == f"{len(words)}/{len(words)}"
          and figures["top10_overlap_with_whoosh_mean"] >= 0.8
          and figures["shard_down_search"]["status"] == 503
          and figures["shard_down_search"]["seconds"] <= 5
          and figures["shard_down_health"] != 200 and figures["shard_back_search"] == 200)
    print("check:", "passed" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
