"""Train the speaker model of indexer/speakers/learned.py on PolNeAR train (``make train``).

For every quote the rules leave to nobody, each person named nearby is a candidate; it is
a positive example when it names the quote's gold source. A logistic regression (L2,
Newton's method in numpy: deterministic, no other dependency) is fitted on them, the
threshold is chosen by cross-validation over train documents (the lowest, on a 0.01 grid,
at which the quotes it adds are right at least ``MIN_PRECISION`` of the time, with the
out-of-fold decisions of ``REPEATS`` different 5-fold splits pooled), and the
coefficients are written to indexer/speakers/attribution_model.json. Dev and test are
never read.

    .venv/bin/python evaluation/train_attribution.py
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from metrics import names_match, overlaps_half
from score_quotes import polnear_gold
from shared import DATA, REPO, read_jsonl

from newsfacet.indexer.clean import clean_text
from newsfacet.indexer.speakers.assignment import Assignment
from newsfacet.indexer.speakers.learned import FEATURES, MODEL_PATH, Candidate
from newsfacet.indexer.speakers.model import Source, Statement
from newsfacet.indexer.speakers.people import Resolver
from newsfacet.indexer.speakers.quotes import find_statements
from newsfacet.indexer.speakers.sentences import paragraphs

#: L2 penalty on the coefficients (not the bias).
L2 = 1.0
#: The quotes the model adds must be right this often in cross-validation.
MIN_PRECISION = 0.75
FOLDS = 5
#: Different 5-fold splits whose out-of-fold decisions are pooled. One split leaves the
#: precision at a threshold to the luck of which documents share a fold (0.72-0.76 at 0.55
#: from one rule change to the next); pooling ten averages that luck out.
REPEATS = 10
#: The thresholds tried: a 0.01 grid, so a small change of the curve moves the choice by
#: a small step rather than a 0.05 jump.
GRID = tuple(round(0.30 + 0.01 * i, 2) for i in range(66))

#: One quote's candidates: (document index, features per candidate, labels per candidate).
Example = tuple[int, list[list[float]], list[int]]


def examples(split: str = "train") -> list[Example]:
    """The candidates of every quote the rules leave to nobody, labelled from the gold."""
    path = DATA / "polnear-attribution" / "annotations.jsonl.xz"
    out: list[Example] = []
    docs = sorted((d for d in read_jsonl(path) if d["compartment"] == split),
                  key=lambda d: d["id"])
    for di, doc in enumerate(docs):
        gold = polnear_gold(doc)
        cleaned = clean_text(doc["text"], read_header=False)
        text = cleaned.body
        seen: list[tuple[Statement, list[Candidate]]] = []

        def record(item: Statement, found: list[Candidate],
                   seen: list[tuple[Statement, list[Candidate]]] = seen) -> Source | None:
            seen.append((item, found))
            return None

        paras = paragraphs(text)
        Assignment(text, paras, Resolver(text), learned=record).run(
            find_statements(text, paras))
        for item, found in seen:
            if not found:
                continue
            span = [(cleaned.to_source(item.start), cleaned.to_source(item.end - 1) + 1)]
            hits = [g for g in gold if overlaps_half(span, g.content)]
            people = [g for g in hits if g.cls == "person"]
            if hits and not people and not any(g.cls == "other" for g in hits):
                continue  # an unnamed source ("a spokesman"): scoring ignores it either way
            labels = [int(any(names_match(c.source.name, g.name) for g in people))
                      for c in found]
            out.append((di, [c.features for c in found], labels))
    return out


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2) -> np.ndarray:
    """Logistic regression by Newton's method with an L2 penalty (bias unpenalised)."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def _matrix(exs: list[Example]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([f for _, feats, _ in exs for f in feats], dtype=float)
    y = np.array([lab for _, _, labels in exs for lab in labels], dtype=float)
    return x, y


def decisions(w: np.ndarray, exs: list[Example]) -> list[tuple[float, int, int]]:
    """(best probability, right, has a right candidate) per quote."""
    out = []
    for _, feats, labels in exs:
        p = 1.0 / (1.0 + np.exp(-(np.array(feats) @ w)))
        i = int(np.argmax(p))
        out.append((float(p[i]), labels[i], int(any(labels))))
    return out


def cross_validate(exs: list[Example], repeats: int = REPEATS,
                   seed: int = 0) -> list[tuple[float, int, int]]:
    """Out-of-fold decisions of ``repeats`` 5-fold splits by document, pooled (each quote
    appears once per split). The splits are seeded shuffles: deterministic."""
    docs = sorted({e[0] for e in exs})
    out: list[tuple[float, int, int]] = []
    for r in range(repeats):
        order = docs[:]
        random.Random(seed + r).shuffle(order)
        fold = {d: i % FOLDS for i, d in enumerate(order)}
        for k in range(FOLDS):
            train = [e for e in exs if fold[e[0]] != k]
            test = [e for e in exs if fold[e[0]] == k]
            out.extend(decisions(fit(*_matrix(train)), test))
    return out


def choose_threshold(decided: list[tuple[float, int, int]],
                     repeats: int = REPEATS) -> tuple[float, dict]:
    """The lowest threshold of :data:`GRID` whose added quotes are right at least
    MIN_PRECISION of the time; the table reports counts per split (pooled / repeats)."""
    table = {}
    chosen = 0.95
    recoverable = sum(h for _, _, h in decided)
    for t in GRID:
        taken = [right for p, right, _ in decided if p >= t]
        right = sum(taken)
        precision = right / len(taken) if taken else 1.0
        if precision >= MIN_PRECISION and t < chosen:
            chosen = t
        table[t] = {"added": round(len(taken) / repeats, 1),
                    "right": round(right / repeats, 1),
                    "precision": round(precision, 3),
                    "recall_of_recoverable": round(right / max(1, recoverable), 3)}
    shown = {t: row for t, row in table.items() if round(t * 100) % 5 == 0 or t == chosen}
    return chosen, shown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"training needs the shared data at {DATA} (absent on this machine)",
              file=sys.stderr)
        return 2
    exs = examples("train")
    decided = cross_validate(exs)
    threshold, table = choose_threshold(decided)
    w = fit(*_matrix(exs))
    source = DATA / "polnear-attribution" / "annotations.jsonl.xz"
    model = {
        "about": "Speaker of quotes the rules leave to nobody: logistic regression over "
                 "(quote, nearby person) pairs; see indexer/speakers/learned.py.",
        "trained_on": "PolNeAR train split (840 articles), "
                      f"sha256 {hashlib.sha256(source.read_bytes()).hexdigest()[:16]}",
        "features": list(FEATURES),
        "coefficients": [round(float(c), 6) for c in w],
        "threshold": threshold,
        "l2": L2,
        "quotes": len(exs),
        "pairs": sum(len(f) for _, f, _ in exs),
        "cross_validation": {str(t): row for t, row in table.items()},
    }
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    rel = args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out
    print(f"{len(exs)} quotes, {model['pairs']} pairs; threshold {threshold} "
          f"({REPEATS}x 5-fold CV, per split: {table[threshold]}); wrote {rel}")
    for name, c in zip(FEATURES, w, strict=True):
        print(f"  {name:20s} {c:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
