"""Costly queries: the slowest single request of each kind, and what the governor answered.

Each query runs in a child process of its own through ``SearchService`` as the web page
calls it (snippets, the outlet, speaker, location and date facets, 120 values each), after
one warm-up search; its latency is the worst of ``--repeats`` runs. A child still working
after ``--timeout`` seconds is killed and reported as ``>N s``: that is how long the
same request would hold a gunicorn worker before any limit existed.

    .venv/bin/python bench/costly.py                            # the 37.5k index
    .venv/bin/python bench/costly.py --index var/index --repeats 1
    /tmp/main/.venv/bin/python bench/costly.py --index ...      # another checkout's code

``make bench`` runs it on the 37.5k index (``bench/run.py``); the kinds and queries are
the list :data:`QUERIES`, which ``bench/load.py``'s costly client sends too.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
#: The web page's request: snippets and four facets of up to 120 values.
WEB_PARAMS = {"facets": ["outlet,speaker,location,date"], "facet_size": ["120"]}


def _words(count: int) -> str:
    """``count`` query words of the benchmark's fixed query set (title vocabulary)."""
    queries = json.loads((BENCH / "queries.json").read_text(encoding="utf-8"))["queries"]
    words = list(dict.fromkeys(w for q in queries for w in q["terms"]))
    return " ".join(words[:count])


TEN_FUZZY = " ".join(f"{w}~2" for w in ("senate", "vote", "budget", "president", "congress",
                                        "election", "economy", "immigration", "border",
                                        "climate"))
#: (kind, query, extra parameters). Kinds group what ``docs/performance.md`` reports.
QUERIES: list[tuple[str, str, dict[str, list[str]]]] = [
    ("fuzzy ~1, short word", "vote~1", {}),
    ("fuzzy ~1, long word", "impeachment~1", {}),
    ("fuzzy ~2, short word", "vote~2", {}),
    ("fuzzy ~2, long word", "impeachment~2", {}),
    ("fuzzy ~2, one letter", "a~2", {}),
    ("fuzzy ~9", "a~9", {}),
    ("ten words ~2", TEN_FUZZY, {}),
    ("ten words ~2, OR", TEN_FUZZY, {"operator": ["or"]}),
    ("prefix a*", "a*", {}),
    ("prefix e*", "e*", {}),
    ("prefix elect*", "elect*", {}),
    ("two one-letter prefixes", "s* OR t*", {}),
    ("ten rare prefixes", "zy* zo* zu* qu* kn* oz* ux* yu* ev* ja*", {"operator": ["or"]}),
    ("ten two-letter prefixes", "fl* gr* br* cr* dr* tr* pl* bl* cl* gl*", {}),
    ("wildcard *", "*", {}),
    ("wildcard *:*", "*:*", {}),
    ("wildcard a*b*", "a*b*", {}),
    ("leading *tion", "*tion", {}),
    ("leading ?ab", "?ab", {}),
    ("range body:[a TO zzzz]", "body:[a TO zzzz]", {}),
    ("range title:[a TO zzzz]", "title:[a TO zzzz]", {}),
    ("phrase, largest slop (100)", '"senate vote"~100', {}),
    ("phrase, slop 1000000", '"senate vote"~1000000', {}),
    ("NOT one word", "NOT trump", {}),
    ("long OR, 30 words", _words(30), {"operator": ["or"]}),
    ("long OR, 100 words", _words(100), {"operator": ["or"]}),
    ("long OR, 300 words", _words(300), {"operator": ["or"]}),
    ("long AND, 100 words", _words(100), {}),
    ("ten prefixes OR", " OR ".join(f"{c}*" for c in "abcdefghij"), {}),
    ("facet field speaker:*", "speaker:*", {}),
    ("facet field location:*", "location:*", {}),
    ("facet field speaker:J*", "speaker:J*", {}),
    ("facet field outlet:[A TO Z]", "outlet:[A TO Z]", {}),
    ("internal field source:/tmp*", "source:/tmp*", {}),
    ("internal field extraction:*", "extraction:*", {}),
    ("unknown field nofield:strike", "nofield:strike", {}),
]


def child(index: str, spec: dict[str, Any], repeats: int) -> dict[str, Any]:
    """One query, ``repeats`` times (fewer if a run is slow), through ``SearchService``."""
    from newsfacet.api.params import request_from_params
    from newsfacet.api.service import SearchService
    from newsfacet.schema.errors import NewsfacetError

    params: dict[str, list[str]] = {"q": [spec["q"]], **WEB_PARAMS, **spec["params"]}
    with SearchService(index) as service:
        service.search("strike", facets=["outlet", "speaker", "location", "date"])
        worst, answer = 0.0, ""
        for n in range(repeats):
            started = time.perf_counter()
            try:
                results = service.run(request_from_params(lambda k: params.get(k, [])))
                answer = f"{results.total:,} hits"
            except NewsfacetError as exc:
                answer = f"{exc.status} {exc.title}: {exc}"
            elapsed = time.perf_counter() - started
            worst = max(worst, elapsed)
            if elapsed > 10 and n + 1 < repeats:  # slow enough to show; do not repeat
                break
    return {"seconds": worst, "answer": answer}


def run(index: Path, timeout: float, repeats: int, python: str = sys.executable,
        only: str | None = None) -> list[dict[str, Any]]:
    """Every query of :data:`QUERIES` in its own child process; a row per query."""
    rows = []
    for kind, q, params in QUERIES:
        if only and only not in kind:
            continue
        spec = json.dumps({"q": q, "params": params})
        print(f"  {kind} ...", end="", flush=True, file=sys.stderr)
        row: dict[str, Any] = {"kind": kind, "q": q if len(q) < 70 else q[:67] + "...",
                               "params": params}
        try:
            done = subprocess.run([python, __file__, "--child", str(index), spec, str(repeats)],
                                  capture_output=True, text=True, timeout=timeout + 30,
                                  cwd=ROOT, check=False)
            if done.returncode != 0:
                row.update(seconds=None, answer=f"child failed: {done.stderr.strip()[-300:]}")
            else:
                row.update(json.loads(done.stdout.strip().splitlines()[-1]))
        except subprocess.TimeoutExpired:
            row.update(seconds=None, answer=f"stopped after {timeout:g} s")
        if row["seconds"] is not None and row["seconds"] > timeout:
            row.update(seconds=None, answer=f"stopped after {timeout:g} s")
        shown = f"{row['seconds']:.2f} s" if row["seconds"] is not None else f">{timeout:g} s"
        print(f" {shown}: {row['answer'][:90]}", file=sys.stderr)
        rows.append(row)
    return rows


def table(rows: list[dict[str, Any]], timeout: float) -> str:
    """A Markdown table: kind, query, worst latency, answer."""
    lines = ["| query kind | q | worst latency | answer |", "|---|---|---:|---|"]
    for row in rows:
        q = row["q"].replace("|", "\\|")
        seconds = (f"{row['seconds']:.2f} s" if row["seconds"] is not None
                   else f"> {timeout:g} s")
        answer = row["answer"].replace("|", "\\|")
        lines.append(f"| {row['kind']} | `{q}` | {seconds} | {answer[:110]} |")
    return "\n".join(lines)


def default_index() -> Path:
    """The 37.5k index ``bench/run.py`` or ``bench/load.py`` built, whichever exists."""
    for candidate in (ROOT / "var" / "bench" / "indexes" / "37.5k" / "newsfacet",
                      ROOT / "var" / "load" / "indexes" / "37.5k"):
        if (candidate / "CURRENT").exists() or any(candidate.glob("gen-*")):
            return candidate
    raise SystemExit("costly: no 37.5k index; run bench/run.py --sizes 37.5k or "
                     "bench/load.py first, or pass --index")


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        print(json.dumps(child(argv[1], json.loads(argv[2]), int(argv[3]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, help="index directory (default: the 37.5k one)")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="seconds before a query's child is stopped (120)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per query (3)")
    parser.add_argument("--only", help="only the kinds containing this text")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    opts = parser.parse_args(argv)
    index = opts.index or default_index()
    rows = run(index, opts.timeout, opts.repeats, only=opts.only)
    if opts.json:
        opts.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    print(table(rows, opts.timeout))


if __name__ == "__main__":
    main()
