"""Measure story detection (indexer/stories.py) on pairs built from ../shared/data; print a table.

    .venv/bin/python evaluation/stories.py            # grid, chosen setting, cost per document
    .venv/bin/python evaluation/stories.py --quick    # fewer pairs, for a smoke run

Gold pairs are built at run time from the shared data (no text is copied into the
repository), each labelled by a rule that does not use shingles or MinHash:

* ``seeds``: the press release and the article rewritten from it: positive (hand gold).
* ``allsides-url``: different ids with the same URL: positive (the same page crawled twice).
* ``allsides-week``: articles from different outlets sharing an AllSides topic and ISO week.
  Labelled by word alignment (difflib, runs of >= 8 words): aligned share of the shorter
  text >= 0.5 is republished copy (positive), <= 0.1 is independent writing (negative; the
  hard negatives: same topic, same week, same vocabulary), in between is left out.
* ``allsides-outlet``: two articles of one outlet in one ISO week, labelled the same way:
  the outlet's page chrome (CNN's "replay more videos") must not make them one story.
* ``reuters-title``: Reuters stories with the same title within 3 days, labelled the same way
  (updated and corrected versions of one wire story, or a recurring headline).
* ``synthetic-rewrite``: an allsides article with ~8 % of its words dropped, its paragraphs
  trimmed to the first 70 %, and a new lead paragraph from an unrelated article: the shape
  of a release rewritten into an article. Positive.

Texts are the cleaned body (``clean_text``), as the indexer will sign them: raw newspaper3k
bodies carry site chrome that alone gives two CNN articles a containment near 0.4.
A pair is predicted positive when both documents land in the same story after all gold
documents are added in publication order. Pair precision, recall and F1 per setting.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import itertools
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shared import DATA, SEEDS, read_jsonl

from newsfacet.indexer import stories
from newsfacet.indexer.clean import clean_text
from newsfacet.indexer.extract import extract
from newsfacet.indexer.readers import read_articles
from newsfacet.schema.document import Article

SIZES = (3, 4, 5)
LSH_THRESHOLDS = (0.1, 0.15, 0.2, 0.3)
CONFIRM_THRESHOLDS = (0.3, 0.4, 0.5, 0.7)
MIN_RUN = 8  # words in an aligned run that counts as copied text


@dataclass
class Doc:
    id: str
    text: str
    published: str | None
    outlet: str | None = None


def aligned_share(a: str, b: str) -> float:
    """Share of the shorter text covered by aligned runs of >= MIN_RUN words (difflib)."""
    wa, wb = stories.words(a)[:2500], stories.words(b)[:2500]
    if not wa or not wb:
        return 0.0
    blocks = difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks()
    return sum(m.size for m in blocks if m.size >= MIN_RUN) / min(len(wa), len(wb))


def label(share: float) -> bool | None:
    return True if share >= 0.5 else False if share <= 0.1 else None


def _week(published: str | None) -> tuple[int, int] | None:
    try:
        return dt.date.fromisoformat((published or "")[:10]).isocalendar()[:2]
    except ValueError:
        return None


def cleaned(body: str) -> str:
    """The body the indexer will sign: site chrome, captions and "Read More" removed."""
    return clean_text(body, read_header=False).body


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def build_gold(quick: bool) -> tuple[dict[str, Doc], dict[tuple[str, str], tuple[bool, str]]]:
    """Documents and labelled pairs ``(a, b) -> (same story?, source)``."""
    rng = random.Random(6)
    docs: dict[str, Doc] = {}
    gold: dict[tuple[str, str], tuple[bool, str]] = {}

    def pair(a: Doc, b: Doc, same: bool, source: str) -> None:
        docs[a.id], docs[b.id] = a, b
        gold[tuple(sorted((a.id, b.id)))] = (same, source)  # type: ignore[index]

    seeds = {x.id: extract(x) for x in read_articles([SEEDS]) if isinstance(x, Article)}
    release, article = seeds["press-release"], seeds["news-article"]
    pair(Doc(release.id, release.body, _iso(release.published), release.outlet),
         Doc(article.id, article.body, _iso(article.published), article.outlet), True, "seeds")

    allsides = [r for r in read_jsonl(DATA / "allsides-news" / "corpus.jsonl.xz") if r["body"]]
    for r in allsides:
        r["body"] = cleaned(r["body"])
    as_doc = {r["id"]: Doc("as:" + r["id"], r["body"], r["published"], r.get("outlet"))
              for r in allsides}
    by_outlet: dict[tuple, list[dict]] = defaultdict(list)
    by_url: dict[str, list[str]] = defaultdict(list)
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in allsides:
        by_url[r["url"].rstrip("/")].append(r["id"])
        week = _week(r["published"])
        if week and r["topic"]:
            groups[(r["topic"], week)].append(r)
        if week:
            by_outlet[(r["outlet"], week)].append(r)
    for ids in by_url.values():
        for a, b in itertools.combinations(ids, 2):
            pair(as_doc[a], as_doc[b], True, "allsides-url")

    candidates = [(a, b) for g in groups.values() for a, b in itertools.combinations(g, 2)
                  if a["outlet"] != b["outlet"]]
    rng.shuffle(candidates)
    for a, b in candidates[: 600 if quick else 3000]:
        same = label(aligned_share(a["body"], b["body"]))
        if same is not None:
            pair(as_doc[a["id"]], as_doc[b["id"]], same, "allsides-week")

    same_outlet = [(a, b) for g in by_outlet.values() for a, b in itertools.combinations(g, 2)]
    rng.shuffle(same_outlet)
    for a, b in same_outlet[: 200 if quick else 1000]:
        same = label(aligned_share(a["body"], b["body"]))
        if same is not None:
            pair(as_doc[a["id"]], as_doc[b["id"]], same, "allsides-outlet")

    reuters = [r for r in read_jsonl(DATA / "reuters21578" / "corpus.jsonl.xz")
               if r["body"] and r["title"] and r["published"]]
    by_title: dict[str, list[dict]] = defaultdict(list)
    for r in reuters:
        by_title[r["title"].lower()].append(r)
    titled = [(a, b) for g in by_title.values() if len(g) < 20
              for a, b in itertools.combinations(g, 2)
              if abs((dt.datetime.fromisoformat(a["published"][:19])
                      - dt.datetime.fromisoformat(b["published"][:19])).days) <= 3]
    rng.shuffle(titled)
    for a, b in titled[: 300 if quick else 1500]:
        same = label(aligned_share(a["body"], b["body"]))
        if same is not None:
            pair(Doc("rt:" + a["id"], cleaned(a["body"]), a["published"], "Reuters"),
                 Doc("rt:" + b["id"], cleaned(b["body"]), b["published"], "Reuters"), same,
                 "reuters-title")

    pool = [r for r in allsides if len(r["body"]) > 1500]
    for source in rng.sample(pool, 50 if quick else 200):
        lead = rng.choice(pool)["body"].split("\n")[0]
        paragraphs = [p for p in source["body"].split("\n") if p.strip()]
        kept = paragraphs[: max(1, int(len(paragraphs) * 0.7))]
        edited = [" ".join(w for w in p.split() if rng.random() > 0.08) for p in kept]
        rewrite = Doc("syn:" + source["id"], "\n".join([lead, *edited]), None)
        pair(as_doc[source["id"]], rewrite, True, "synthetic-rewrite")
    return docs, gold


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(docs: dict[str, Doc], gold: dict, size: int, lsh: float, confirm: float,
             prepared: dict[str, stories.Sketch]) -> tuple[Score, dict[str, Score]]:
    index = stories.StoryIndex(threshold=lsh, confirm=confirm, shingle_size=size)
    order = sorted(docs.values(), key=lambda d: (d.published or "9999", d.id))
    for doc in order:
        index.add_sketch(doc.id, prepared[doc.id], doc.outlet)
    total, by_source = Score(), defaultdict(Score)
    for (a, b), (same, source) in gold.items():
        predicted = index.story_of(a) == index.story_of(b)
        for score in (total, by_source[source]):
            if predicted and same:
                score.tp += 1
            elif predicted:
                score.fp += 1
            elif same:
                score.fn += 1
    return total, by_source


def _margin(gold: dict, prepared: dict) -> tuple[float, float, float]:
    """Highest containment of a negative pair, 5th percentile of positives, the seeds pair.

    Pairs with a text too short to join a story (``MIN_SHINGLES``) are left out.
    """
    negatives, positives, seeds = [0.0], [], 0.0
    for (a, b), (same, source) in gold.items():
        if min(prepared[a].hashes.size, prepared[b].hashes.size) < stories.MIN_SHINGLES:
            continue  # never joined by StoryIndex, whatever the containment
        value = prepared[a].containment(prepared[b])
        (positives if same else negatives).append(value)
        if source == "seeds":
            seeds = value
    positives.sort()
    return max(negatives), positives[len(positives) // 20] if positives else 0.0, seeds


def cost_per_document(n: int) -> float:
    """Milliseconds to sign and add one cleaned allsides article (default settings)."""
    records = itertools.islice(read_jsonl(DATA / "allsides-news" / "corpus.jsonl.xz"), n)
    texts = [(r["id"], cleaned(r["body"] or ""), r["published"]) for r in records]
    index = stories.StoryIndex()
    began = time.perf_counter()
    for doc_id, text, _ in texts:
        index.add(doc_id, text)
    elapsed = time.perf_counter() - began
    multi = index.story_sizes()
    print(f"\ncost: {len(texts)} allsides articles signed and added in {elapsed:.1f} s = "
          f"{1000 * elapsed / len(texts):.2f} ms/doc; "
          f"{sum(1 for c in multi.values() if c > 1)} stories with more than one document")
    return 1000 * elapsed / len(texts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer pairs and documents")
    args = parser.parse_args(argv)
    if not DATA.is_dir() or not SEEDS.is_dir():
        print(f"needs the shared data at {DATA.parent} (absent on this machine)", file=sys.stderr)
        return 2
    began = time.monotonic()
    docs, gold = build_gold(args.quick)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for same, source in gold.values():
        counts[source][0 if same else 1] += 1
    print(f"gold: {len(gold)} pairs over {len(docs)} documents "
          f"({time.monotonic() - began:.0f} s to build)")
    for source, (pos, neg) in sorted(counts.items()):
        print(f"  {source:18s} {pos:5d} positive {neg:5d} negative")

    print(f"\n{'size':>4} {'lsh':>5} {'confirm':>7} {'P':>6} {'R':>6} {'F1':>6}  "
          "recall: seeds / url / week / reuters / synthetic; false positives")
    results = []
    margins: dict[int, tuple[float, float, float]] = {}
    for size in SIZES:
        prepared = {doc.id: stories.sketch(doc.text, size) for doc in docs.values()}
        margins[size] = _margin(gold, prepared)
        for lsh, confirm in itertools.product(LSH_THRESHOLDS, CONFIRM_THRESHOLDS):
            total, by = evaluate(docs, gold, size, lsh, confirm, prepared)
            parts = " / ".join(f"{by[s].recall:.2f}" if by[s].tp + by[s].fn else "-" for s in
                               ("seeds", "allsides-url", "allsides-week", "reuters-title",
                                "synthetic-rewrite"))
            fps = sum(by[s].fp for s in ("allsides-week", "allsides-outlet", "reuters-title"))
            print(f"{size:4d} {lsh:5.2f} {confirm:7.2f} {total.precision:6.3f} "
                  f"{total.recall:6.3f} {total.f1:6.3f}  {parts}; FP {fps}")
            results.append((total.f1, by["seeds"].recall, size, lsh, confirm))
    best = max(results, key=lambda r: (r[1], r[0]))
    print(f"\nbest F1 with the seeds pair joined: size {best[2]}, LSH {best[3]}, "
          f"confirm {best[4]} (F1 {best[0]:.3f}); shipped defaults: size "
          f"{stories.SHINGLE_SIZE}, LSH {stories.LSH_THRESHOLD}, "
          f"confirm {stories.CONFIRM_THRESHOLD}")
    print("\ncontainment margin per shingle size (exact, no LSH, both texts >= MIN_SHINGLES): "
          "max over negatives, 5th percentile of positives, seeds pair")
    for size, (negative, positive, seeds) in margins.items():
        print(f"  size {size}: negatives max {negative:.3f}, positives p5 {positive:.3f}, "
              f"seeds {seeds:.3f}")
    cost_per_document(1000 if args.quick else 10_000)
    print(f"total {time.monotonic() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
