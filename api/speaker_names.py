"""One name per person across the whole index, for the speaker facet.

Extraction makes names canonical within a document; across documents the same person
still appears as "Donald Trump", "Donald J. Trump" and, where an article never gives
the full name, "Trump". The facet merges them when the evidence is clear: same first
name, surname and suffix (middle initials aside), and a bare surname only when one
full name holds most of the documents with that surname.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from newsfacet.indexer.lexicon import NAME_SUFFIXES

_INITIAL = re.compile(r"^[A-Z]\.?$")
#: A bare surname joins a full name only when that name holds this share of its documents.
DOMINANT_SHARE = 0.75

Key = tuple[str, str, str]


def _key(name: str) -> Key | None:
    """(first name, surname, suffix) lower-cased; None for a one-word name."""
    tokens = name.replace(",", " ").split()
    suffix = ""
    if tokens and tokens[-1].lower().rstrip(".") in NAME_SUFFIXES:
        suffix = tokens.pop().lower().rstrip(".")
    tokens = [t for t in tokens if not _INITIAL.match(t)] or tokens
    if len(tokens) < 2:
        return None
    return tokens[0].lower(), tokens[-1].lower(), suffix


def merge_names(document_counts: Counter[str]) -> dict[str, str]:
    """Map every name to the name the facet shows; ``document_counts`` counts documents."""
    groups: dict[Key, Counter[str]] = defaultdict(Counter)
    bare: list[str] = []
    for name, count in document_counts.items():
        key = _key(name)
        if key is None:
            bare.append(name)
        else:
            groups[key][name] += count
    shown: dict[str, str] = {}
    by_surname: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for key, variants in groups.items():
        best = max(variants, key=lambda v: (variants[v], len(v), v))
        for variant in variants:
            shown[variant] = best
        if not key[2]:
            by_surname[key[1]].append((sum(variants.values()), best))
    for name in bare:
        candidates = sorted(by_surname.get(name.lower().strip("."), []), reverse=True)
        total = sum(n for n, _ in candidates)
        if candidates and candidates[0][0] >= DOMINANT_SHARE * total:
            shown[name] = candidates[0][1]
        else:
            shown[name] = name
    return shown
