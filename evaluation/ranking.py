"""Ranking quality on classic test collections: nDCG@10 and MAP through newsfacet's own
indexing and search path; prints one table.

    .venv/bin/python evaluation/ranking.py                 # TIME, CISI, Cranfield
    .venv/bin/python evaluation/ranking.py --only time     # one collection
    .venv/bin/python evaluation/ranking.py --backend xapian   # the Xapian backend

Each collection (``../shared/data/{time-magazine-ir,cisi-ir,cranfield-ir}``, see their
READMEs) is written as JSON Lines to a temporary directory and indexed with
``index_paths`` (extraction and all, as any corpus); each query goes through
``SearchService`` as a user's words: lower-cased with punctuation removed (so TIME's
upper-case "NOT" is a word, not an operator), ``operator="or"``, relevance order, 1,000
results deep. nDCG@10 uses the judged grades (Cranfield's 1-4, binary elsewhere) and
MAP the judged-relevant documents, as trec_eval computes them. Queries without
judgments are left out. The peer figures are the best default-BM25 engine per
collection measured for issue 8 (SQLite FTS5, tantivy, Whoosh).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from metrics import average_precision, ndcg_at
from shared import DATA, read_jsonl

from newsfacet.api import SearchService
from newsfacet.api.models import SearchRequest
from newsfacet.indexer.pipeline import index_paths
from newsfacet.indexer.store import IndexStore

DEPTH = 1000
PAGE = 100
#: Query syntax (quotes, parentheses, fields, wildcards, fuzziness, boosts, ranges) and
#: stray punctuation; an apostrophe or a full stop inside a word stays, as the analyzer
#: keeps "nam's" and "u.s" whole in the documents.
_SYNTAX = re.compile(r"""["()\[\]{}:*?~^+!<>=/\\]|(?<!\w)['’.]|['’.](?!\w)|-""")


@dataclass(frozen=True)
class Collection:
    name: str
    folder: str
    #: nDCG@10 of the best peer engine with its default BM25 (the bar to reach).
    best_peer: float
    peer: str
    goal: float


#: The goal (issue 18) is the best untuned peer of ../shared/reference/peer-bench.md:
#: never below it, on any collection.
COLLECTIONS = {
    "time": Collection("TIME", "time-magazine-ir", 0.716, "SQLite FTS5 (Porter)", 0.716),
    "cisi": Collection("CISI", "cisi-ir", 0.361, "SQLite FTS5 (Porter)", 0.361),
    "cranfield": Collection("Cranfield", "cranfield-ir", 0.381, "Whoosh (stemming)", 0.381),
}


@dataclass
class Scores:
    ndcg10: float
    map: float
    queries: int
    seconds: float


def plain_query(text: str) -> str:
    """A query as words only: no operators, quotes or field syntax."""
    return " ".join(_SYNTAX.sub(" ", text).lower().split())


def _read_tsv(path: Path) -> list[list[str]]:
    return [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8")
            .splitlines() if line.strip()]


def _index(collection: Collection, folder: Path, backend: str = "whoosh") -> str:
    source = folder / "docs.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for record in read_jsonl(DATA / collection.folder / "docs.jsonl.xz"):
            doc = {"id": str(record["id"]), "title": record.get("title") or None,
                   "body": record.get("body") or "", "published": record.get("published")}
            out.write(json.dumps(doc) + "\n")
    if backend == "xapian":
        from newsfacet.api.backend_spec import parse_spec
        from newsfacet.api.xapian_engine import Cluster, indexing

        spec = f"xapian:{folder / 'xapian'}"
        report = indexing.index_paths(Cluster(parse_spec(spec)), [source], progress=False)
        return spec
    index = folder / "index"
    report = index_paths(IndexStore(index), [source], progress=False)
    if report.problems:
        print(f"  {len(report.problems)} documents not indexed, e.g. {report.problems[0]}",
              file=sys.stderr)
    return str(index)


def ranked_ids(service: SearchService, text: str) -> list[str]:
    """The first ``DEPTH`` document ids for ``text``, best first."""
    q = plain_query(text)
    if not q:
        return []
    ids: list[str] = []
    for page in range(1, DEPTH // PAGE + 1):
        results = service.run(SearchRequest(q=q, operator="or", per_page=PAGE, page=page,
                                             highlight=False))
        ids += [hit.id for hit in results.hits]
        if page * PAGE >= results.total:
            break
    return ids


def score(collection: Collection, backend: str = "whoosh") -> Scores:
    folder = DATA / collection.folder
    queries = dict((qid, text) for qid, text in _read_tsv(folder / "queries.tsv"))
    gains: dict[str, dict[str, float]] = defaultdict(dict)
    for qid, _, doc, grade in _read_tsv(folder / "qrels.tsv"):
        if float(grade) > 0:
            gains[qid][doc] = float(grade)
    with tempfile.TemporaryDirectory(prefix=f"ranking-{collection.name}-") as tmp:
        index = _index(collection, Path(tmp), backend)
        began = time.perf_counter()
        ndcgs, aps = [], []
        with SearchService(index) as service:
            for qid, judged in sorted(gains.items(), key=lambda item: int(item[0])):
                ranked = ranked_ids(service, queries[qid])
                ndcgs.append(ndcg_at(ranked, judged, 10))
                aps.append(average_precision(ranked, judged))
        seconds = time.perf_counter() - began
    return Scores(statistics.fmean(ndcgs), statistics.fmean(aps), len(ndcgs), seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(COLLECTIONS), action="append",
                        help="score only this collection (repeatable)")
    parser.add_argument("--backend", choices=("whoosh", "xapian"), default="whoosh",
                        help="the engine to index and search with (xapian: one local "
                             "database; needs newsfacet[xapian])")
    args = parser.parse_args(argv)
    chosen = args.only or list(COLLECTIONS)
    missing = [COLLECTIONS[c].folder for c in chosen if not (DATA / COLLECTIONS[c].folder)
               .is_dir()]
    if missing:
        print(f"needs {', '.join(missing)} in {DATA} (absent on this machine)", file=sys.stderr)
        return 2
    print(f"{'collection':10} {'queries':>7} {'nDCG@10':>8} {'MAP':>6} {'goal':>6} "
          f"{'best peer':>9}  {'met':4} peer")
    for name in chosen:
        collection = COLLECTIONS[name]
        result = score(collection, args.backend)
        met = "yes" if result.ndcg10 >= collection.goal else "no"
        print(f"{collection.name:10} {result.queries:7d} {result.ndcg10:8.3f} "
              f"{result.map:6.3f} {collection.goal:6.3f} {collection.best_peer:9.3f}  "
              f"{met:4} {collection.peer} ({result.seconds:.1f} s of queries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
