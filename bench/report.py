"""Turn a benchmark run (``bench/results/*.json``) into goal ratios and Markdown tables.

    python bench/report.py bench/results/<run>.json     # print the tables again
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path
from typing import Any

import numpy as np
from corpora import FULL_SIZES

MODES = ("a", "b", "c")


def percentile(values: list[float], p: float) -> float:
    """numpy's percentile (linear interpolation between closest ranks); NaN when empty.

    The one percentile of the benchmark: run.py, load.py and these tables share it.
    """
    return float(np.percentile(values, 100 * p)) if values else float("nan")


def _ms(x: float | None) -> str:
    if x is None or x != x:
        return "–"
    return f"{x:,.0f}" if x >= 100 else f"{x:.2f}" if x < 10 else f"{x:.1f}"


def _prefix_latency(q: dict[str, Any], ids: list[str], mode: str) -> tuple[float, float]:
    vals = [q["medians_ms"][mode][i] for i in ids if i in q["medians_ms"][mode]]
    return percentile(vals, 0.5), percentile(vals, 0.95)


def _goal(name: str, target: str, measured: str, ratio: float | None, ok: bool | None,
          where: str) -> dict[str, Any]:
    return {"goal": name, "target": target, "measured": measured, "ratio": ratio,
            "met": ok, "where": where}


def summarize(run: dict[str, Any]) -> dict[str, Any]:
    """The issue's goals with their measured ratios, and the scaling of newsfacet's p95."""
    sizes = run["sizes"]
    labels = list(sizes)
    goals: list[dict[str, Any]] = []
    both = [s for s in labels if {"newsfacet", "fts5"} <= set(sizes[s]["queries"])]
    if both:
        s = both[-1]
        nf, fts = sizes[s]["queries"]["newsfacet"], sizes[s]["queries"]["fts5"]
        r95 = nf["latency"]["c"]["p95"] / fts["latency"]["c"]["p95"]
        r50 = nf["latency"]["c"]["p50"] / fts["latency"]["c"]["p50"]
        goals.append(_goal("(c) p95 vs SQLite FTS5 (c) p95", "≤ 0.3×",
                           f"{_ms(nf['latency']['c']['p95'])} vs "
                           f"{_ms(fts['latency']['c']['p95'])} ms", r95, r95 <= 0.3, s))
        goals.append(_goal("(c) p50 vs SQLite FTS5 (c) p50", "≤ 1×",
                           f"{_ms(nf['latency']['c']['p50'])} vs "
                           f"{_ms(fts['latency']['c']['p50'])} ms", r50, r50 <= 1.0, s))
    with_whoosh = [s for s in labels if {"newsfacet", "whoosh"} <= set(sizes[s]["queries"])]
    for s in with_whoosh:
        nf, wh = sizes[s]["queries"]["newsfacet"], sizes[s]["queries"]["whoosh"]
        ids = list(wh["medians_ms"]["a"])
        nf50, _ = _prefix_latency(nf, ids, "a")
        wh50, _ = _prefix_latency(wh, ids, "a")
        goals.append(_goal("(a) top 10 p50 vs naive Whoosh (a) p50 (same query prefix)",
                           "≤ 0.5×", f"{_ms(nf50)} vs {_ms(wh50)} ms ({len(ids)} queries)",
                           nf50 / wh50, nf50 / wh50 <= 0.5, s))
    if with_whoosh:
        s = with_whoosh[-1]
        nf, wh = sizes[s]["queries"]["newsfacet"], sizes[s]["queries"]["whoosh"]
        ids = list(wh["medians_ms"]["c"])
        _, nf95 = _prefix_latency(nf, ids, "c")
        _, wh95 = _prefix_latency(wh, ids, "c")
        speedup = wh95 / nf95
        goals.append(_goal("(c) p95 speed-up over naive Whoosh (same query prefix)", "≥ 10×",
                           f"{_ms(wh95)} vs {_ms(nf95)} ms ({len(ids)} queries)", speedup,
                           speedup >= 10, s))
    built = [s for s in labels if {"newsfacet", "whoosh"} <= set(sizes[s]["builds"])]
    if built:
        s = built[-1]
        nf, wh = sizes[s]["builds"]["newsfacet"], sizes[s]["builds"]["whoosh"]
        nf_rate = nf["documents"] / nf["wall_s"]
        wh_rate = wh["documents"] / wh["wall_s"]
        goals.append(_goal("indexing rate with extraction vs naive Whoosh (no extraction)",
                           "≥ 3×", f"{nf_rate:,.0f} vs {wh_rate:,.0f} docs/s",
                           nf_rate / wh_rate, nf_rate / wh_rate >= 3, s))
    reindexed = [s for s in labels if sizes[s].get("reindex") and "whoosh" in sizes[s]["builds"]]
    for s in reindexed:
        r, wh = sizes[s]["reindex"], sizes[s]["builds"]["whoosh"]
        rate, wh_rate = r["documents"] / r["wall_s"], wh["documents"] / wh["wall_s"]
        goals.append(_goal("reindex, extractor unchanged (stored extraction reused) vs naive "
                           "Whoosh's build", "≥ 10×",
                           f"{rate:,.0f} vs {wh_rate:,.0f} docs/s ({r['re_extracted']} "
                           "re-extracted)", rate / wh_rate, rate / wh_rate >= 10, s))
    nf_built = [s for s in labels if "newsfacet" in sizes[s]["builds"]]
    if nf_built:
        s = nf_built[-1]
        peak = sizes[s]["builds"]["newsfacet"]["peak_tree_mb"]
        goals.append(_goal("peak memory while indexing", "< 2 GB", f"{peak:,.0f} MB",
                           peak / 2000, peak < 2000, s))
    nf_served = [s for s in labels if "newsfacet" in sizes[s]["queries"]]
    if nf_served:
        s = nf_served[-1]
        rss = sizes[s]["queries"]["newsfacet"]["serving_rss_mb"]
        goals.append(_goal("peak memory of a serving process", "< 300 MB", f"{rss:,.0f} MB",
                           rss / 300, rss < 300, s))
    for s in nf_served:
        q = sizes[s]["queries"]["newsfacet"]
        pairs = [(q["medians_ms"]["c"][i], a["total"]) for i, a in q["answers"].items()
                 if a.get("total") is not None and i in q["medians_ms"]["c"]]
        ref = sizes[s]["queries"].get("fts5")
        if len(pairs) > 2:
            r = float(np.corrcoef([t for t, _ in pairs], [n for _, n in pairs])[0, 1])
            note = ""
            if ref:
                ref_pairs = [(ref["medians_ms"]["c"][i], a["total"])
                             for i, a in ref["answers"].items()
                             if a.get("total") is not None and i in ref["medians_ms"]["c"]]
                if len(ref_pairs) > 2:
                    fr = float(np.corrcoef([t for t, _ in ref_pairs],
                                           [n for _, n in ref_pairs])[0, 1])
                    note = f" (FTS5 {fr:.2f})"
            shown = [(q["medians_ms"]["c"][i], a["shown_chars"]) for i, a in q["answers"].items()
                     if a.get("shown_chars") is not None and i in q["medians_ms"]["c"]]
            if len(shown) > 2:  # what the time follows instead: the bodies snippets read
                rc = float(np.corrcoef([t for t, _ in shown], [n for _, n in shown])[0, 1])
                note += f"; with the ten shown bodies' characters {rc:.2f}"
            goals.append(_goal("(c) time grows with the result set: correlation of time and "
                               "result-set size over the queries", "high, as FTS5's",
                               f"{r:.2f}{note}", None, None, s))
    cold = run.get("cold_start")
    if cold:
        goals.append(_goal("cold start: newsfacet search on the demo index, CPU s", "< 0.8 s",
                           f"{cold['search_cpu_s']:.2f} s", cold["search_cpu_s"] / 0.8,
                           cold["search_cpu_s"] < 0.8, "demo"))
        goals.append(_goal("cold start: newsfacet index of one document into a new index, "
                           "CPU s", "< 1.5 s", f"{cold['index_one_cpu_s']:.2f} s",
                           cold["index_one_cpu_s"] / 1.5, cold["index_one_cpu_s"] < 1.5,
                           "one document"))
        goals.append(_goal("a one-document index on disk", "< 2 MB",
                           f"{cold['one_document_index_mb']:.2f} MB",
                           cold["one_document_index_mb"] / 2,
                           cold["one_document_index_mb"] < 2, "one document"))
    scaling = []
    for s in nf_served:
        q = sizes[s]["queries"]["newsfacet"]
        totals = [a["total"] for a in q["answers"].values() if a.get("total") is not None]
        scaling.append({"size": s, "documents": sizes[s]["corpus"]["documents"],
                        "c_p95": q["latency"]["c"]["p95"], "b_p95": q["latency"]["b"]["p95"],
                        "median_total": statistics.median(totals) if totals else 0,
                        "mean_total": statistics.fmean(totals) if totals else 0})
    return {"goals": goals, "scaling": scaling}


def _partial(run: dict[str, Any]) -> str | None:
    o = run["options"]
    why = []
    if o["sizes"] != FULL_SIZES:
        why.append(f"sizes {', '.join(o['sizes'])} only")
    if o["queries"] < 200:
        why.append(f"{o['queries']} of the 200 queries")
    if o["repeats"] < 3:
        why.append(f"{o['repeats']} timed repeat(s)")
    return "; ".join(why) or None


def render(run: dict[str, Any], source: str) -> str:
    """Markdown: machine, versions, indexing, latency, goals, scaling, profile."""
    m = run["machine"]
    out: list[str] = []
    partial = _partial(run)
    if partial:
        out.append(f"> **Partial run** ({partial}): not the full benchmark; read ratios, "
                   "not absolute figures, and do not judge the goals on it.\n")
    out.append(f"Run {run['started']} ({run['wall_minutes']:.1f} min) · `{source}` · nproc "
               f"{m['nproc']} · CPU {m['cpu']} · RAM {m['ram_gib']} GiB · Python {m['python']}"
               f" · load average at start {m['load_at_start']}\n")
    versions: dict[str, str] = {}
    for size in run["sizes"].values():
        for engine, b in size["builds"].items():
            versions[engine] = b.get("version", "")
    out.append("Versions: " + "; ".join(f"{k}: {v}" for k, v in versions.items()) + "\n")
    out.append("Corpora: " + "; ".join(
        f"{label} = {s['corpus']['documents']:,} docs, {s['corpus']['body_chars'] / 1e6:.0f} M "
        "body chars" for label, s in run["sizes"].items()) + "\n")
    out.append("### Indexing\n")
    out.append("| size | engine | docs | build s | docs/s | docs/s, extraction excluded "
               "| index MB | peak memory MB | CPU % |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, size in run["sizes"].items():
        for engine, b in size["builds"].items():
            rate = b["documents"] / b["wall_s"]
            excl = (f"{b['documents'] / b['writer_seconds']:,.0f}" if b.get("writer_seconds")
                    else "(no extraction)")
            out.append(f"| {label} | {engine} | {b['documents']:,} | {b['wall_s']:,.1f} | "
                       f"{rate:,.0f} | {excl} | {b['index_mb']:,.0f} | "
                       f"{b['peak_tree_mb']:,.0f} | {100 * b['cpu_s'] / b['wall_s']:.0f} |")
        r = size.get("reindex")
        if r:
            out.append(f"| {label} | newsfacet reindex, unchanged ({r['re_extracted']} "
                       f"re-extracted) | {r['documents']:,} | {r['wall_s']:,.1f} | "
                       f"{r['documents'] / r['wall_s']:,.0f} | – | – | "
                       f"{r['peak_tree_mb']:,.0f} | {100 * r['cpu_s'] / r['wall_s']:.0f} |")
    out.append("\n### Query latency (ms, p50 / p95 of per-query medians)\n")
    out.append("| size | engine | queries | (a) top 10 | (b) + facets | (c) + snippets | "
               "median total | serving RSS MB | open + first query ms |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, size in run["sizes"].items():
        for engine, q in size["queries"].items():
            lat = q["latency"]
            totals = [a["total"] for a in q["answers"].values() if a.get("total") is not None]
            cells = " | ".join(f"{_ms(lat[md]['p50'])} / {_ms(lat[md]['p95'])}" for md in MODES)
            cold = q["cold"]["open_ms"] + q["cold"]["first_query_ms"]
            errors = f" ({len(q['errors'])} errors)" if q["errors"] else ""
            out.append(f"| {label} | {engine} | {q['queries']}{errors} | {cells} | "
                       f"{statistics.median(totals) if totals else 0:,.0f} | "
                       f"{q['serving_rss_mb']:,.0f} | {_ms(cold)} |")
    prefix_rows = []
    for label, size in run["sizes"].items():
        if "whoosh" not in size["queries"]:
            continue
        ids = list(size["queries"]["whoosh"]["medians_ms"]["a"])
        for engine, q in size["queries"].items():
            cells = " | ".join("{} / {}".format(*map(_ms, _prefix_latency(q, ids, md)))
                               for md in MODES)
            prefix_rows.append(f"| {label} | {len(ids)} | {engine} | {cells} |")
    if prefix_rows:
        out.append("\n### Same query prefix as the capped naive Whoosh run (p50 / p95 ms)\n")
        out.append("| size | N | engine | (a) | (b) | (c) |\n|---|---:|---|---:|---:|---:|")
        out.extend(prefix_rows)
    out.append("\n### Same answers: whole-result-set size in (b) against SQLite FTS5\n")
    out.append("| size | engine | queries compared | identical totals | within 10 % |")
    out.append("|---|---|---:|---:|---:|")
    for label, size in run["sizes"].items():
        ref = size["queries"].get("fts5")
        if ref is None:
            continue
        for engine, q in size["queries"].items():
            if engine == "fts5":
                continue
            pairs = [(a["total"], ref["answers"][i]["total"]) for i, a in q["answers"].items()
                     if i in ref["answers"] and a.get("total") is not None]
            same = sum(x == y for x, y in pairs)
            near = sum(abs(x - y) <= 0.1 * max(x, y) for x, y in pairs)
            out.append(f"| {label} | {engine} | {len(pairs)} | {same} | {near} |")
    summary = run["summary"]
    out.append("\n### Goals\n")
    out.append("| goal | target | measured | ratio | met | at |\n|---|---|---|---:|---|---|")
    for g in summary["goals"]:
        met = "–" if g["met"] is None else ("yes" if g["met"] else "**no**")
        ratio = f"{g['ratio']:.2f}×" if g["ratio"] is not None else "–"
        out.append(f"| {g['goal']} | {g['target']} | {g['measured']} | {ratio} | {met} | "
                   f"{g['where']} |")
    if summary["scaling"]:
        first = summary["scaling"][0]
        out.append("\n### newsfacet scaling: (c) p95 against the result-set size\n")
        out.append("| size | docs | (b) p95 ms | (c) p95 ms | mean result set | "
                   "(c) p95 growth | result-set growth |")
        out.append("|---|---:|---:|---:|---:|---:|---:|")
        for row in summary["scaling"]:
            growth = row["c_p95"] / first["c_p95"]
            sets = row["mean_total"] / first["mean_total"] if first["mean_total"] else 0
            out.append(f"| {row['size']} | {row['documents']:,} | {_ms(row['b_p95'])} | "
                       f"{_ms(row['c_p95'])} | {row['mean_total']:,.0f} | {growth:.2f}× | "
                       f"{sets:.2f}× |")
    for label, size in run["sizes"].items():
        nf = size["queries"].get("newsfacet", {})
        if nf.get("http"):
            h = nf["http"]
            out.append(f"\nHTTP ({label}, mode c, {h['queries']} queries, Flask on a local "
                       f"werkzeug server): p50 {_ms(h['http_p50_ms'])} ms against "
                       f"{_ms(h['inprocess_p50_ms'])} ms in process; overhead p50 "
                       f"{_ms(h['overhead_p50_ms'])} ms.")
        if nf.get("profile"):
            p = nf["profile"]
            q = p["query"]
            out.append(f"\n### Profile: one full (c) newsfacet query at {label}\n")
            out.append(f"Query {q['id']} `{' '.join(q['terms'])}`"
                       f"{' (phrase)' if q['phrase'] else ''}"
                       f"{' outlet=' + q['outlet'] if q['outlet'] else ''}: "
                       f"{p['total']:,} results, median {_ms(p['median_ms'])} ms (the query "
                       f"nearest the (c) p95); cProfile over {p['runs']} runs, top 15 by "
                       "cumulative time:\n")
            out.append("```\n" + "\n".join(p["top15"]) + "\n```")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(render(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")), sys.argv[1]))
