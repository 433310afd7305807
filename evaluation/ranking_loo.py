"""Choose k1, b, the proximity weight and the title weight by leave-one-collection-out.

    .venv/bin/python evaluation/ranking_loo.py --grid > F   # score every setting (~1 h)
    .venv/bin/python evaluation/ranking_loo.py --load F     # the table from those lines
    .venv/bin/python evaluation/ranking_loo.py --grid --load F  # resume: skip what F has

Each collection (TIME, CISI, Cranfield) is indexed once; each setting of the grid is
then scored on it through ``SearchService`` (nDCG@10 only, so one page of 10 per
query), with the settings swapped in where the engine reads them. For each held-out
collection the setting chosen is the one with the best *worst* ratio to the best peer
on the two others (never far behind beats winning most), and its figure on the held
-out collection is reported: that is what a collection we never saw can expect.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ranking as rk
from metrics import ndcg_at
from shared import DATA

from newsfacet.api import SearchService
from newsfacet.api.engine import query as engine_query
from newsfacet.api.engine import ranking as engine_ranking
from newsfacet.api.engine import searchers as engine_searchers
from newsfacet.api.models import SearchRequest

K1S = (1.2, 1.8)
BS = (0.75, 0.85)
PROXIMITY = (0.0, 0.1)
TITLE_WEIGHTS = (0.5, 1.0)

Setting = tuple[float, float, float, float]


def apply(setting: Setting) -> None:
    """Swap a setting (k1, b, proximity weight, title query weight) into the engine."""
    k1, b, proximity, title = setting
    weighting = engine_ranking.NewsBM25F(B=b, K1=k1, title_B=engine_ranking.TITLE_B)
    engine_searchers.WEIGHTING = weighting
    engine_query.PROXIMITY_BOOST = proximity
    engine_query.TITLE_QUERY_WEIGHT = title


def ndcg10(service: SearchService, queries: dict[str, str],
           gains: dict[str, dict[str, float]]) -> float:
    """Mean nDCG@10 over the judged queries."""
    scores = []
    for qid, judged in sorted(gains.items(), key=lambda item: int(item[0])):
        q = rk.plain_query(queries[qid])
        ids = [] if not q else [h.id for h in service.run(
            SearchRequest(q=q, operator="or", per_page=10, highlight=False)).hits]
        scores.append(ndcg_at(ids, judged, 10))
    return statistics.fmean(scores)


def grid_scores(settings: list[Setting], only: list[str],
                done: dict[str, dict[Setting, float]]) -> dict[str, dict[Setting, float]]:
    """nDCG@10 of every setting on every collection; each line printed as it comes."""
    out: dict[str, dict[Setting, float]] = defaultdict(dict)
    for name, collection in rk.COLLECTIONS.items():
        if name not in only:
            continue
        folder = DATA / collection.folder
        queries = dict((qid, text) for qid, text in rk._read_tsv(folder / "queries.tsv"))
        gains: dict[str, dict[str, float]] = defaultdict(dict)
        for qid, _, doc, grade in rk._read_tsv(folder / "qrels.tsv"):
            if float(grade) > 0:
                gains[qid][doc] = float(grade)
        with tempfile.TemporaryDirectory(prefix=f"loo-{name}-") as tmp:
            index = rk._index(collection, Path(tmp))
            for setting in settings:
                if setting in done.get(name, {}):
                    continue
                apply(setting)
                with SearchService(index, query_timeout=None) as service:
                    out[name][setting] = ndcg10(service, queries, gains)
                print(json.dumps([name, list(setting), out[name][setting]]), flush=True)
    return out


def choose(scores: dict[str, dict[Setting, float]], train: list[str]) -> Setting:
    """The setting whose worst ratio to the best peer over ``train`` is highest (never far
    behind, rather than winning most); between equals, the one nearest standard BM25."""
    common = set.intersection(*(set(scores[c]) for c in train))

    def worst(setting: Setting) -> float:
        return min(scores[c][setting] / rk.COLLECTIONS[c].best_peer for c in train)

    def nearness(setting: Setting) -> float:
        return -abs(setting[0] - STANDARD[0]) - abs(setting[1] - STANDARD[1])

    return max(sorted(common), key=lambda s: (round(worst(s), 3), nearness(s)))


#: Standard BM25's k1 and b.
STANDARD = (1.2, 0.75)


def report(scores: dict[str, dict[Setting, float]]) -> None:
    """The leave-one-out table: per held-out collection, the setting chosen on the other
    two and its held-out nDCG@10, beside the best peer."""
    names = list(rk.COLLECTIONS)
    print("| held out | chosen on | k1 | b | proximity | title weight | nDCG@10 held out "
          "| best peer | best setting in hindsight |")
    print("|---|---|---|---|---|---|---|---|---|")
    for held in names:
        train = [n for n in names if n != held]
        s = choose(scores, train)
        best = max(scores[held].values())
        print(f"| {rk.COLLECTIONS[held].name} | {' + '.join(rk.COLLECTIONS[t].name for t in train)}"
              f" | {s[0]} | {s[1]} | {s[2]} | {s[3]} | {scores[held][s]:.3f} "
              f"| {rk.COLLECTIONS[held].best_peer:.3f} | {best:.3f} |")
    final = choose(scores, names)
    print("\n| k1 | b | proximity | title weight | TIME | CISI | Cranfield | worst / best peer |")
    print("|---|---|---|---|---|---|---|---|")
    for s in sorted(set.intersection(*(set(scores[n]) for n in names))):
        worst = min(scores[n][s] / rk.COLLECTIONS[n].best_peer for n in names)
        print(f"| {s[0]} | {s[1]} | {s[2]} | {s[3]} | "
              + " | ".join(f"{scores[n][s]:.3f}" for n in names) + f" | {worst:.3f} |")
    print("\nchosen on all three:", final,
          {rk.COLLECTIONS[n].name: round(scores[n][final], 3) for n in names})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", action="store_true", help="score the whole grid")
    parser.add_argument("--load", type=Path, nargs="+",
                        help="report from the lines that --grid printed (files)")
    parser.add_argument("--only", choices=sorted(rk.COLLECTIONS), action="append",
                        help="score only this collection (repeatable)")
    args = parser.parse_args(argv)
    scores: dict[str, dict[Setting, float]] = defaultdict(dict)
    for path in args.load or ():
        for line in path.read_text().splitlines():
            if line.startswith("["):
                name, setting, value = json.loads(line)
                scores[name][tuple(setting)] = value  # type: ignore[index]
    if args.grid:
        settings = list(itertools.product(K1S, BS, PROXIMITY, TITLE_WEIGHTS))
        for name, new in grid_scores(settings, args.only or list(rk.COLLECTIONS),
                                     scores).items():
            scores[name].update(new)
    report(scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
