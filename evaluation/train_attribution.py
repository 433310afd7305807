"""Train the speaker model of indexer/speakers/learned.py on PolNeAR train (``make train``).

For every quote the rules leave to nobody, each person named nearby is a candidate; it is
a positive example when it names the quote's gold source. A logistic regression (L2,
Newton's method in numpy: deterministic, no other dependency) is fitted on them, the
threshold is chosen by 5-fold cross-validation over train documents (the lowest at which
the quotes it adds are right at least ``MIN_PRECISION`` of the time), and the
coefficients are written to indexer/speakers/attribution_model.json. Dev and test are
never read.

    .venv/bin/python evaluation/train_attribution.py
"""

from __future__ import annotations

import argparse
import hashlib
import json
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


def cross_validate(exs: list[Example]) -> list[tuple[float, int, int]]:
    """Out-of-fold decisions, folds by document."""
    out: list[tuple[float, int, int]] = []
    for k in range(FOLDS):
        train = [e for e in exs if e[0] % FOLDS != k]
        test = [e for e in exs if e[0] % FOLDS == k]
        out.extend(decisions(fit(*_matrix(train)), test))
    return out


def choose_threshold(decided: list[tuple[float, int, int]]) -> tuple[float, dict]:
    """The lowest threshold whose added quotes are right at least MIN_PRECISION of the time."""
    table = {}
    chosen = 0.95
    for t in [round(0.30 + 0.05 * i, 2) for i in range(14)]:
        taken = [(right, has) for p, right, has in decided if p >= t]
        right = sum(r for r, _ in taken)
        precision = right / len(taken) if taken else 1.0
        recall = right / max(1, sum(h for _, _, h in decided))
        table[t] = {"added": len(taken), "right": right, "precision": round(precision, 3),
                    "recall_of_recoverable": round(recall, 3)}
        if precision >= MIN_PRECISION and t < chosen:
            chosen = t
    return chosen, table


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
          f"(5-fold CV: {table[threshold]}); wrote {rel}")
    for name, c in zip(FEATURES, w, strict=True):
        print(f"  {name:20s} {c:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
