"""``make load``: throughput and latency of the production set-up under concurrent clients.

Starts gunicorn on 127.0.0.1 (a free port) serving ``newsfacet.api.http:create_app()`` over
the 37,554-article allsides-news index, then runs ``--clients`` real HTTP clients (threads,
one ``http.client`` connection each, kept alive when the server allows it; no think time)
for ``--duration`` seconds
and reports throughput (requests/s), p50 / p99 latency and errors. Any error makes the run
fail (exit 1). The server is started by this script and always stopped, also on Ctrl-C.

    .venv/bin/python bench/load.py                          # 16 clients, 60 s (make load)
    .venv/bin/python bench/load.py --duration 10 --clients 4
    .venv/bin/python bench/load.py --workers 3 --worker-class gthread   # another set-up
    .venv/bin/python bench/load.py --index var/index        # any index of the current schema

Index: ``--index PATH`` if given; otherwise the benchmark's ``var/bench/indexes/37.5k`` if
it has the current schema version and all 37,554 documents, else ``var/load/indexes/37.5k``,
built here first (from scratch) when missing, incomplete or of an older schema version
(``newsfacet index`` on the benchmark's corpus file, at ``nice 10``; ~8-10 min on 2 idle
cores). Only building needs ``../shared/data``: without it the run stops (exit 2).

Requests (a fixed, seeded plan over ``bench/queries.json``, so every run sends the same
mix): 45 % plain searches (``q`` only: top 10 with snippets, the API's default), 40 % with
``facets=outlet,speaker,location,date``, 10 % filtered to an outlet (the query set's 20
outlet queries, with the facets) and 5 % page 2 of a faceted search. Before the clock
starts, a warm-up sends every query once with the facets (not counted); it also learns
which queries have a second page.

Latency is from sending a request to having read and parsed its whole JSON body, queueing
in the server included. Throughput counts requests completed inside the timed window.
Writes ``bench/results/load-<UTC timestamp>.json`` and prints a table.

Costly queries (``--costly-clients``, 1 by default; 0 skips): after the timed window
above, a second window of the same length runs the same clients plus that many clients
sending the costly queries of ``bench/costly.py`` back to back (fuzzy, wildcards,
ranges, long OR queries, internal fields: answered or refused with a 400, both fine).
It reports the other clients' p95 in both windows: the query governor should keep the
second under twice the first.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import datetime as dt
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import procstats
from corpora import DATA, SIZES, corpus_file, write_size
from costly import QUERIES as COSTLY_QUERIES
from costly import WEB_PARAMS
from queries import load_queries
from report import percentile

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
WORKDIR = ROOT / "var" / "bench"
LOAD_DIR = ROOT / "var" / "load"
SIZE = "37.5k"
#: Documents of :data:`SIZE`: an index with fewer is an interrupted build, not reused.
SIZE_DOCS = 37_554
APP = "newsfacet.api.http:create_app()"
#: gunicorn settings shipped in the package (the README's production command).
CONFIG = "python:newsfacet.api.gunicorn_conf"
FACETS = "outlet,speaker,location,date"
#: Share of each kind of request in the plan (percent).
MIX = {"plain": 45, "facets": 40, "filter": 10, "page2": 5}
SEED = 20261123
PLAN_SIZE = 4_000
#: Gunicorn set-up for a 2-core machine; see :func:`gunicorn_command` for why.
WORKERS = 2
#: More than 1 adds no parallel search (one search at a time per process).
THREADS = 1
WORKER_CLASS = "sync"


class LoadError(Exception):
    """A run that could not proceed: one line for stderr, exit status 2."""


# -- index ------------------------------------------------------------------------------------


def index_state(path: Path) -> tuple[str, dict[str, Any]]:
    """("current" | "outdated" | "missing", metadata) of the index at ``path``."""
    from newsfacet.indexer.store import IndexStore
    from newsfacet.schema.errors import IndexNotFound, IndexOutdated

    store = IndexStore(path)
    try:
        meta = store.read_meta(store.current_path())
        store.check_schema()
    except IndexNotFound:
        return "missing", {}
    except IndexOutdated:
        return "outdated", meta
    return "current", meta


def choose_index(explicit: Path | None) -> tuple[Path, dict[str, Any]]:
    """The index to serve: explicit, the benchmark's if current and complete, else ours.

    Never rebuilds an index the caller named or the benchmark owns (``make bench`` deletes
    and rebuilds its own); ours lives under ``var/load`` so the two do not collide.
    """
    if explicit is not None:
        state, meta = index_state(explicit)
        if state != "current":
            raise LoadError(f"{explicit}: index {state}"
                            + (" (run 'newsfacet reindex --index PATH')"
                               if state == "outdated" else ""))
        return explicit, meta
    bench_index = WORKDIR / "indexes" / SIZE / "newsfacet"
    ours = LOAD_DIR / "indexes" / SIZE
    notes = []
    for candidate in (bench_index, ours):
        state, meta = index_state(candidate)
        if state == "current" and meta.get("documents") == SIZE_DOCS:
            return candidate, meta
        if state != "missing":
            notes.append(f"load: {_short(candidate)}: {state}, schema version "
                         f"{meta.get('schema_version')}, {meta.get('documents')} documents: "
                         "not used")
    missing = [str(corpus_file(name)) for name, _ in SIZES[SIZE] if not corpus_file(name).exists()]
    if missing:
        raise LoadError(f"no data at {DATA} (missing {', '.join(missing)}): "
                        f"cannot build the {SIZE} index")
    print("\n".join(notes), file=sys.stderr)
    return ours, build_index(ours)


def build_index(path: Path) -> dict[str, Any]:
    """``newsfacet index`` on the benchmark's corpus file (the code path users run).

    Built fresh into ``<path>.building`` and moved to ``path`` only when complete, so an
    outdated or half-built index is never patched in place (a reindex depends on the old
    generation's files, which an older newsfacet wrote) nor served. At nice 10: it takes
    both cores for minutes.
    """
    if not (WORKDIR / "corpora" / f"{SIZE}.stats.json").exists():
        print(f"load: writing the {SIZE} corpus file under {_short(WORKDIR)} (once)",
              file=sys.stderr)
    corpus = write_size(SIZE, WORKDIR)
    work = path.with_name(path.name + ".building")
    shutil.rmtree(work, ignore_errors=True)
    newsfacet = Path(sys.executable).with_name("newsfacet")
    command = ["nice", "-n", "10", str(newsfacet), "index", "--index", str(work),
               corpus["path"]]
    print(f"load: building the {SIZE} index ({corpus['documents']:,} documents) at "
          f"{_short(path)}: roughly 8-10 min on 2 idle cores\n  $ {' '.join(command)}",
          file=sys.stderr, flush=True)
    started = time.monotonic()
    done = threading.Event()

    def heartbeat() -> None:
        """Progress when stderr is not a terminal (tqdm then shows no bar)."""
        while not done.wait(60):
            print(f"load: still building, {(time.monotonic() - started) / 60:.0f} min",
                  file=sys.stderr, flush=True)

    if not sys.stderr.isatty():
        threading.Thread(target=heartbeat, daemon=True).start()
    try:
        code = subprocess.call(command, cwd=ROOT)
    finally:
        done.set()
    if code != 0:
        raise LoadError(f"building the index failed (exit {code}); partial build left at "
                        f"{_short(work)}")
    state, meta = index_state(work)
    if state != "current" or meta.get("documents") != SIZE_DOCS:
        raise LoadError(f"{work}: built but {state} with {meta.get('documents')} documents")
    shutil.rmtree(path, ignore_errors=True)
    work.rename(path)
    minutes = (time.monotonic() - started) / 60
    print(f"load: index built in {minutes:.1f} min", file=sys.stderr)
    return {**meta, "built_minutes": round(minutes, 2)}


# -- server -----------------------------------------------------------------------------------


def free_port() -> int:
    """A port the kernel reports free on 127.0.0.1 (gunicorn binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def gunicorn_command(port: int, workers: int, threads: int, worker_class: str) -> list[str]:
    """What the README recommends for a 2-core machine, bound to 127.0.0.1: gunicorn with
    newsfacet's config (``-c python:newsfacet.api.gunicorn_conf``), whose worker class is
    gunicorn's sync worker answering its own errors as JSON problems. ``--worker-class
    gthread`` swaps in gunicorn's threaded worker for comparison.

    Why ``-w 2`` sync workers:

    - A search is CPU-bound Python (numpy for the counts), so one worker process per core
      is what uses both cores; more processes add memory (each opens its own index,
      ~160 MB RSS at 37.5k) and context switches, not throughput.
    - One request at a time per process: a worker searches with one Whoosh searcher,
      and Whoosh reads its segment files by seek() then read() on shared file objects,
      so newsfacet lets one search at a time into the index per process (a lock in
      ``Searchers.reading``, ``api/engine/searchers.py``; before that lock, threads of
      one worker read at each other's positions and answered HTTP 500, see
      docs/performance.md, Load). Threads therefore add no parallel search, only a
      queue inside the worker.
    - Sync rather than gthread with one thread: a sync worker accepts a connection only
      when it is idle, so all requests wait in one shared queue (the listen backlog) and
      go to whichever worker frees up first. gthread keeps each client's keep-alive
      connection on the worker that accepted it, and the split is uneven (16 clients
      over 3 workers once went 1 / 5 / 10): in a 30 s run per-client p50 spread from 110
      to 1,060 ms (p99 1.3 s) against 422-450 ms (p99 0.9 s) with sync, at about the
      same throughput.
      The price, a new loopback connection per request, is small next to a search.
      Sync workers expect a buffering reverse proxy (nginx) in front for slow clients.

    No ``--preload``: each worker opens the index after the fork, so no open file is
    shared between processes. No control socket (the config turns it off): gunicorn 27's
    defaults to one fixed path per user, which two servers on one machine fight over.
    """
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "-c", CONFIG, "--workers", str(workers), "--threads",
               str(threads), "--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    if worker_class != "sync":  # sync: the config's class, gunicorn's sync worker + problems
        command += ["--worker-class", worker_class]
    return [*command, APP]


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when this script dies, even by SIGKILL (Linux)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG


class Server:
    """gunicorn in its own process group, stopped (group and all) by :meth:`stop`."""

    def __init__(self, command: list[str], index: Path, log: Path) -> None:
        self.command = command
        self.log = log
        env = {**os.environ, "NEWSFACET_INDEX": str(index.resolve())}
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("wb") as handle:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle,
                                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                            start_new_session=True,
                                            preexec_fn=_die_with_parent)

    def pids(self) -> list[int]:
        """The master and its workers."""
        return procstats.tree(self.process.pid)

    def cpu_seconds(self) -> float:
        """User + system CPU of the master and live workers so far."""
        return sum(procstats.cpu_seconds(pid) for pid in self.pids())

    def rss_mb(self) -> dict[str, float]:
        """Resident memory (VmRSS) per process, MB; pages shared after fork count twice."""
        return {str(pid): procstats.rss_mb(pid) for pid in self.pids()}

    def log_tail(self, lines: int = 20) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def wait_healthy(self, port: int, timeout: float = 120.0) -> dict[str, Any]:
        """Poll ``/health`` until it answers 200; LoadError if gunicorn exits or times out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise LoadError(f"gunicorn exited ({self.process.returncode}):\n"
                                f"{self.log_tail()}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                try:
                    conn.request("GET", "/health")
                    response = conn.getresponse()
                    body = response.read()
                    if response.status == 200:
                        return dict(json.loads(body))
                finally:
                    conn.close()
            time.sleep(0.25)
        raise LoadError(f"/health did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> int | None:
        """SIGTERM to the group (graceful), SIGKILL after 15 s; the master's exit status."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)  # a worker left behind, if any
        return self.process.returncode


# -- requests ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    kind: str
    path: str


def query_text(query: dict[str, Any]) -> str:
    """The query as a user types it: terms, quoted when the set marks it a phrase."""
    terms = " ".join(query["terms"])
    return f'"{terms}"' if query["phrase"] else terms


def search_path(query: dict[str, Any], facets: bool, page: int = 1) -> str:
    params: list[tuple[str, str]] = [("q", query_text(query))]
    if query["outlet"]:
        params.append(("outlet", query["outlet"]))
    if facets:
        params.append(("facets", FACETS))
    if page > 1:
        params.append(("page", str(page)))
    return "/search?" + urllib.parse.urlencode(params)


def costly_plan() -> list[Request]:
    """The costly queries of ``bench/costly.py``, as the web page asks them."""
    plan = []
    for _, q, extra in COSTLY_QUERIES:
        params = [("q", q), *((k, v) for k, vs in {**WEB_PARAMS, **extra}.items() for v in vs)]
        plan.append(Request("costly", "/search?" + urllib.parse.urlencode(params)))
    return plan


def make_plan(queries: list[dict[str, Any]], totals: dict[str, int]) -> list[Request]:
    """:data:`PLAN_SIZE` requests in the :data:`MIX`, drawn with a fixed seed.

    Page 2 is asked only of queries with more than 10 results (past the last page the
    API rightly answers 400, which would be the plan's fault, not the server's).
    """
    rng = random.Random(SEED)
    unfiltered = [q for q in queries if not q["outlet"]]
    filtered = [q for q in queries if q["outlet"]]
    paged = [q for q in unfiltered if totals.get(q["id"], 0) > 10]
    kinds = rng.choices(list(MIX), weights=list(MIX.values()), k=PLAN_SIZE)
    plan = []
    for kind in kinds:
        if kind == "filter":
            plan.append(Request(kind, search_path(rng.choice(filtered), facets=True)))
        elif kind == "page2":
            plan.append(Request(kind, search_path(rng.choice(paged), facets=True, page=2)))
        else:
            plan.append(Request(kind, search_path(rng.choice(unfiltered), kind == "facets")))
    return plan


@dataclass
class Sample:
    kind: str
    end: float
    ms: float
    ok: bool
    #: A costly query the server refused with a 400 problem (an answer, not an error).
    refused: bool = False


@dataclass
class Client:
    """One keep-alive connection sending requests back to back."""

    port: int
    timeout: float
    samples: list[Sample] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    reconnects: int = 0
    #: Result-set size per path, noted in the warm-up (for the page-2 choice).
    totals: dict[str, int] = field(default_factory=dict)
    conn: http.client.HTTPConnection | None = None

    def get(self, path: str) -> tuple[int, bytes]:
        """GET over the kept connection; once more on a fresh one if the server had closed it.

        A server may close an idle keep-alive connection just as the next request is sent;
        HTTP clients (browsers, urllib3) retry an idempotent request once on a new
        connection then, so this does too, and counts it in ``reconnects``.
        """
        for attempt in (1, 2):
            reused = self.conn is not None
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port,
                                                       timeout=self.timeout)
            try:
                self.conn.request("GET", path)
                response = self.conn.getresponse()
                body = response.read()
                if response.will_close:
                    self.close()
                return response.status, body
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if not reused or attempt == 2:
                    raise
                self.reconnects += 1
            except BaseException:
                self.close()
                raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def run(self, requests: Iterator[Request], stop: threading.Event) -> None:
        """Send requests until ``stop`` is set; every failure is recorded, none raised."""
        for req in requests:
            if stop.is_set():
                break
            started = time.perf_counter()
            ok, problem, refused = True, "", False
            try:
                status, body = self.get(req.path)
                if req.kind == "costly" and status == 400 and b'"title"' in body:
                    refused = True
                elif status != 200:
                    ok, problem = False, f"HTTP {status}: {body[:300].decode(errors='replace')}"
                else:
                    answer = json.loads(body)
                    if "hits" not in answer:
                        ok, problem = False, "200 without hits"
                    elif req.kind == "warmup":
                        self.totals[req.path] = int(answer["total"])
            except Exception as exc:
                ok, problem = False, f"{type(exc).__name__}: {exc}"
            end = time.perf_counter()
            self.samples.append(Sample(req.kind, end, (end - started) * 1000, ok, refused))
            if not ok:
                self.errors.append({"kind": req.kind, "path": req.path, "error": problem,
                                    "at": end})
        self.close()


def run_clients(port: int, n: int, plan: list[Request], seconds: float | None,
                timeout: float, costly: int = 0) -> tuple[list[Client], float, float]:
    """``n`` clients over ``plan`` for ``seconds`` (or each request once if None), and
    ``costly`` more sending :func:`costly_plan` (the last clients returned).

    Each client starts at its own offset into the plan, so they do not send the same
    request at the same moment. The (start, end) returned are perf_counter times.
    """
    clients = [Client(port, timeout) for _ in range(n + costly)]
    stop = threading.Event()
    if seconds is None:
        shared = iter(plan)
        lock = threading.Lock()

        def once() -> Iterator[Request]:
            while True:
                with lock:
                    item = next(shared, None)
                if item is None:
                    return
                yield item

        streams = [once() for _ in clients]
    else:
        def cycle(offset: int) -> Iterator[Request]:
            k = offset
            while True:
                yield plan[k % len(plan)]
                k += 1

        hard = costly_plan()

        def cycle_costly(offset: int) -> Iterator[Request]:
            k = offset
            while True:
                yield hard[k % len(hard)]
                k += 1

        streams = [*(cycle(i * len(plan) // n) for i in range(n)),
                   *(cycle_costly(i * len(hard) // max(costly, 1)) for i in range(costly))]
    threads = [threading.Thread(target=c.run, args=(s, stop), daemon=True, name=f"client-{i}")
               for i, (c, s) in enumerate(zip(clients, streams, strict=True))]
    start = time.perf_counter()
    for t in threads:
        t.start()
    try:
        if seconds is not None:
            stop.wait(seconds)
            stop.set()
        for t in threads:
            t.join()
    finally:
        stop.set()
    return clients, start, time.perf_counter()


# -- report -----------------------------------------------------------------------------------


def summarize(samples: list[Sample], seconds: float) -> dict[str, Any]:
    ok = [s.ms for s in samples if s.ok]
    return {"requests": len(samples), "errors": sum(not s.ok for s in samples),
            "throughput_rps": len(samples) / seconds if seconds else float("nan"),
            "p50_ms": percentile(ok, 0.5), "p90_ms": percentile(ok, 0.9),
            "p95_ms": percentile(ok, 0.95),
            "p99_ms": percentile(ok, 0.99), "max_ms": max(ok, default=float("nan")),
            "mean_ms": sum(ok) / len(ok) if ok else float("nan")}


def table(result: dict[str, Any]) -> str:
    """The figures as an aligned text table, the whole run first, then by kind."""
    rows = [("all", result["overall"]), *result["by_kind"].items()]
    header = f"{'requests':<10}{'count':>8}{'share':>8}{'req/s':>9}{'p50 ms':>9}" \
             f"{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}"
    total = result["overall"]["requests"] or 1
    lines = [header, "-" * len(header)]
    for name, s in rows:
        lines.append(f"{name:<10}{s['requests']:>8,}{100 * s['requests'] / total:>7.0f}%"
                     f"{s['throughput_rps']:>9.1f}{s['p50_ms']:>9.1f}{s['p90_ms']:>9.1f}"
                     f"{s['p99_ms']:>9.1f}{s['max_ms']:>9.0f}{s['errors']:>8}")
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    cpu = "unknown"
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as handle:
        cpu = next((ln.split(":", 1)[1].strip() for ln in handle
                    if ln.startswith("model name")), cpu)
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": sys.version.split()[0],
            "load_average": [round(x, 2) for x in os.getloadavg()]}


# -- main -------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, help="timed seconds (60)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (16)")
    parser.add_argument("--index", type=Path, help="serve this index instead (current schema)")
    parser.add_argument("--workers", type=int, default=WORKERS, help=f"gunicorn workers "
                        f"({WORKERS})")
    parser.add_argument("--threads", type=int, default=THREADS, help=f"threads per worker "
                        f"({THREADS})")
    parser.add_argument("--worker-class", choices=("sync", "gthread"), default=WORKER_CLASS,
                        help=f"gunicorn worker class ({WORKER_CLASS}; sync takes --threads 1)")
    parser.add_argument("--timeout", type=float, default=30.0,
                        help="client timeout per request, s (30)")
    parser.add_argument("--costly-clients", type=int, default=1,
                        help="clients sending costly queries in a second window (1; 0: none)")
    args = parser.parse_args(argv)
    if args.worker_class == "sync" and args.threads != 1:
        parser.error("--worker-class sync runs one thread per worker: use --threads 1")
    if args.duration <= 0 or args.clients < 1 or args.workers < 1 or args.threads < 1:
        parser.error("--duration, --clients, --workers and --threads must be positive")
    if args.costly_clients < 0:
        parser.error("--costly-clients must be 0 or more")
    return args


def _terminate(signum: int, _frame: Any) -> None:
    """SIGTERM/SIGHUP end the run like Ctrl-C does, so ``finally`` stops the server."""
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _terminate)
    started = dt.datetime.now(dt.timezone.utc)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    index, meta = choose_index(args.index)
    queries = load_queries()
    port = free_port()
    command = gunicorn_command(port, args.workers, args.threads, args.worker_class)
    shown = " ".join(c if c != APP else f"'{APP}'" for c in command)
    print(f"load: NEWSFACET_INDEX={_short(index)} {shown}", file=sys.stderr)
    server = Server(command, index, LOAD_DIR / f"gunicorn-{stamp}.log")
    try:
        health = server.wait_healthy(port)
        print(f"load: serving {health.get('documents'):,} documents (schema version "
              f"{health.get('schema_version')}); warming up", file=sys.stderr)
        warm_plan = [Request("warmup", search_path(q, facets=True)) for q in queries]
        warm, w0, w1 = run_clients(port, args.clients, warm_plan, None, args.timeout)
        seen = {path: total for c in warm for path, total in c.totals.items()}
        totals = {q["id"]: seen.get(req.path, 0) for q, req in zip(queries, warm_plan,
                                                                    strict=True)}
        warm_errors = [e for c in warm for e in c.errors]
        plan = make_plan(queries, totals)
        print(f"load: warm-up {len(warm_plan)} requests in {w1 - w0:.1f} s; "
              f"{args.clients} clients for {args.duration:g} s", file=sys.stderr)
        cpu0, load0 = server.cpu_seconds(), os.getloadavg()[0]
        clients, t0, t1 = run_clients(port, args.clients, plan, args.duration, args.timeout)
        cpu1 = server.cpu_seconds()
        rss = server.rss_mb()
        hurt: tuple[list[Client], float, float] | None = None
        if args.costly_clients:
            print(f"load: again for {args.duration:g} s with {args.costly_clients} more "
                  "client(s) sending costly queries", file=sys.stderr)
            hurt = run_clients(port, args.clients, plan, args.duration, args.timeout,
                               costly=args.costly_clients)
    finally:
        code = server.stop()
    window_end = t0 + args.duration
    timed = [s for c in clients for s in c.samples if s.end <= window_end]
    late = [s for c in clients for s in c.samples if s.end > window_end]
    errors = [e for c in clients for e in c.errors]
    result: dict[str, Any] = {
        "started": started.isoformat(timespec="seconds"),
        "machine": {**machine(), "load_average_at_start": round(load0, 2)},
        "server": {"command": shown, "env": {"NEWSFACET_INDEX": str(index)},
                   "workers": args.workers, "threads": args.threads,
                   "worker_class": args.worker_class,
                   "gunicorn": _version("gunicorn"), "newsfacet": _version("newsfacet"),
                   "cpu_seconds": cpu1 - cpu0, "cpu_percent": 100 * (cpu1 - cpu0) / (t1 - t0),
                   "rss_mb": rss, "exit_status": code, "log": str(server.log)},
        "index": {"path": str(index), "documents": health.get("documents"),
                  "schema_version": health.get("schema_version"),
                  "generation": health.get("generation"),
                  **({"built_minutes": meta["built_minutes"]} if "built_minutes" in meta
                     else {})},
        "options": {"clients": args.clients, "duration_s": args.duration,
                    "timeout_s": args.timeout, "mix_percent": MIX, "facets": FACETS,
                    "plan_size": len(plan), "seed": SEED},
        "warmup": {"requests": len(warm_plan), "seconds": w1 - w0,
                   "errors": len(warm_errors)},
        "overall": summarize(timed, args.duration),
        "by_kind": {kind: summarize([s for s in timed if s.kind == kind], args.duration)
                    for kind in MIX},
        "after_window": {"requests": len(late), "errors": sum(not s.ok for s in late)},
        "reconnects": sum(c.reconnects for c in clients),
        # gthread keeps a connection on the worker that accepted it: an uneven split shows here.
        "per_client": [{"requests": len(mine), "p50_ms": percentile([s.ms for s in mine], 0.5)}
                       for mine in ([s for s in c.samples if s.end <= window_end]
                                    for c in clients)],
        "errors": len(errors) + len(warm_errors),
        "error_samples": (warm_errors + errors)[:20],
    }
    if hurt is not None:
        result["costly"] = costly_effect(hurt, args, result["overall"])
        result["errors"] += result["costly"]["errors"]
        result["error_samples"] += result["costly"]["error_samples"]
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"load-{stamp}.json"
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    o = result["overall"]
    print(f"\n{args.clients} clients, {args.duration:g} s, gunicorn -w {args.workers} "
          f"-k {args.worker_class} --threads {args.threads}, "
          f"{result['index']['documents']:,} documents; server CPU "
          f"{result['server']['cpu_percent']:.0f} % of one core\n")
    print(table(result))
    print(f"\nthroughput {o['throughput_rps']:.1f} req/s · p50 {o['p50_ms']:.1f} ms · "
          f"p99 {o['p99_ms']:.1f} ms · errors {result['errors']} · "
          f"reconnects {result['reconnects']}")
    per = sorted(c["p50_ms"] for c in result["per_client"])
    print(f"per-client p50 {per[0]:.0f}-{per[-1]:.0f} ms")
    if "costly" in result:
        c = result["costly"]
        print(f"\nwith {c['clients']} costly client(s): other clients' p95 "
              f"{c['others_p95_without_ms']:.0f} ms without, {c['others_p95_with_ms']:.0f} ms "
              f"with ({c['p95_ratio']:.2f}x; p50 {c['others']['p50_ms']:.0f} ms, "
              f"{c['others']['throughput_rps']:.1f} req/s); costly requests "
              f"{c['costly']['requests']} ({c['refused']} refused), p50 "
              f"{c['costly']['p50_ms']:.0f} ms, max {c['costly']['max_ms']:.0f} ms")
    print(f"wrote {out.relative_to(ROOT)}", file=sys.stderr)
    if result["errors"]:
        for e in result["error_samples"][:5]:
            print(f"load: error on {e['path']}: {e['error']}", file=sys.stderr)
        print(f"load: {result['errors']} errors (server log: {server.log})", file=sys.stderr)
        return 1
    return 0


def costly_effect(run: tuple[list[Client], float, float], args: argparse.Namespace,
                  baseline: dict[str, Any]) -> dict[str, Any]:
    """The second window's figures: the other clients' latency next to the baseline's,
    and what the costly clients got."""
    clients, t0, _ = run
    window_end = t0 + args.duration
    others = [s for c in clients[:args.clients] for s in c.samples if s.end <= window_end]
    hard = [s for c in clients[args.clients:] for s in c.samples if s.end <= window_end]
    errors = [e for c in clients for e in c.errors]
    summary = summarize(others, args.duration)
    return {"clients": args.costly_clients, "others": summary,
            "others_p95_without_ms": baseline["p95_ms"],
            "others_p95_with_ms": summary["p95_ms"],
            "p95_ratio": summary["p95_ms"] / baseline["p95_ms"] if baseline["p95_ms"] else
            float("nan"),
            "costly": summarize(hard, args.duration),
            "refused": sum(s.refused for s in hard), "errors": len(errors),
            "error_samples": errors[:20]}


def _short(path: Path) -> Path:
    """``path`` relative to the repository when it is inside it."""
    path = path.resolve()
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def _version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


if __name__ == "__main__":
    try:
        sys.exit(main())
    except LoadError as exc:
        print(f"load: {exc}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("load: interrupted; server stopped", file=sys.stderr)
        sys.exit(130)
