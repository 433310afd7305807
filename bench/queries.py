"""The fixed benchmark query set: 200 queries derived from allsides-news title vocabulary.

Generated deterministically (seed :data:`SEED`) and stored as ``bench/queries.json``
(query words only, no article text); the benchmark reads the stored file, so every
run and every engine sees the same queries. Regenerate with::

    python bench/queries.py --write

Mix: 70 single words, 90 of two or three words from one title (so AND matches),
20 two-word phrases that occur in titles, 20 one- or two-word queries filtered to one
of the 12 most frequent outlets. Shuffled, so a prefix (``--queries N``) is a mix too.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

from corpora import read_corpus
from whoosh.analysis import STOP_WORDS

SEED = 20261123
VERSION = 1
QUERIES_FILE = Path(__file__).with_name("queries.json")
#: Words that mean something to a query parser, plus news boilerplate.
EXCLUDE = frozenset(STOP_WORDS) | {"and", "or", "not", "near", "to", "new", "says", "said",
                                   "over", "after", "more", "than", "about", "into", "just"}
WORD = re.compile(r"[a-z]+")


def _words(title: str) -> list[str]:
    return [w for w in WORD.findall(title.lower()) if len(w) >= 3 and w not in EXCLUDE]


def generate(seed: int = SEED) -> dict[str, Any]:
    """Build the query set from allsides titles and outlets."""
    rng = random.Random(seed)
    titles: list[list[str]] = []
    outlets: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    for record in read_corpus("allsides"):
        title = record["title"] or ""
        titles.append(_words(title))
        if record["outlet"]:
            outlets[record["outlet"]] += 1
        raw = [w for w in WORD.findall(title.lower()) if len(w) >= 2]
        for a, b in itertools.pairwise(raw):
            if a not in EXCLUDE and b not in EXCLUDE and len(a) >= 3 and len(b) >= 3:
                bigrams[(a, b)] += 1
    df: Counter[str] = Counter(w for words in titles for w in set(words))
    common = sorted(w for w, n in df.items() if n >= 20)
    known = {w for w, n in df.items() if n >= 5}
    queries: list[dict[str, Any]] = []
    used: set[tuple[str, ...]] = set()

    def add(kind: str, terms: list[str], outlet: str | None = None) -> bool:
        key = (kind, *terms, outlet or "")
        if key in used:
            return False
        used.add(key)
        queries.append({"kind": kind, "terms": terms, "phrase": kind == "phrase",
                        "outlet": outlet})
        return True

    while len(queries) < 70:
        add("word", [rng.choice(common)])
    while len(queries) < 160:
        words = [w for w in dict.fromkeys(rng.choice(titles)) if w in known]
        k = rng.choice((2, 2, 3))
        if len(words) >= k:
            picked = sorted(rng.sample(range(len(words)), k))
            add("words", [words[i] for i in picked])
    phrases = sorted(pair for pair, n in bigrams.items() if n >= 5)
    for pair in rng.sample(phrases, 20):
        add("phrase", list(pair))
    top_outlets = sorted(o for o, _ in outlets.most_common(12))
    while len(queries) < 200:
        if rng.random() < 0.5:
            terms = [rng.choice(common)]
        else:
            words = [w for w in dict.fromkeys(rng.choice(titles)) if w in known]
            if len(words) < 2:
                continue
            terms = [words[i] for i in sorted(rng.sample(range(len(words)), 2))]
        add("outlet", terms, rng.choice(top_outlets))
    rng.shuffle(queries)
    for n, query in enumerate(queries, start=1):
        query["id"] = f"q{n:03d}"
    return {"version": VERSION, "seed": seed, "source": "allsides-news titles",
            "counts": dict(Counter(q["kind"] for q in queries)), "queries": queries}


def load_queries(limit: int | None = None) -> list[dict[str, Any]]:
    """The stored query set (a prefix of ``limit`` queries if given)."""
    data = json.loads(QUERIES_FILE.read_text(encoding="utf-8"))
    queries: list[dict[str, Any]] = data["queries"]
    return queries[:limit] if limit else queries


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate the benchmark query set.")
    parser.add_argument("--write", action="store_true", help=f"write {QUERIES_FILE.name}")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    data = generate(args.seed)
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    if args.write:
        QUERIES_FILE.write_text(text, encoding="utf-8")
        print(f"wrote {QUERIES_FILE} ({data['counts']})")
    else:
        print(text)


if __name__ == "__main__":
    main()
