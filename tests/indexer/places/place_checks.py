"""Checks the places tests share: labels in order, places by label, the seeds."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from newsfacet.indexer.places import extract_places
from newsfacet.schema.document import Place

SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"


def labels(text: str) -> list[str]:
    """The facet labels extracted from ``text``, in first-mention order."""
    return [p.label for p in extract_places(text)]


def by_label(places: list[Place]) -> dict[str, Place]:
    """Index places by facet label."""
    return {p.label: p for p in places}


def haversine_km(lat1: float | None, lon1: float | None, lat2: float | None,
                 lon2: float | None) -> float:
    """Great-circle distance in kilometres (infinite when a position is missing)."""
    if None in (lat1, lon1, lat2, lon2):
        return math.inf
    p1, p2 = math.radians(lat1), math.radians(lat2)  # type: ignore[arg-type]
    dp, dl = p2 - p1, math.radians(lon2 - lon1)  # type: ignore[operator]
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def read_seed(name: str) -> str:
    """A seed document, or skip when the shared folder is not beside the repo."""
    path = SEEDS / name
    if not path.exists():
        pytest.skip("needs ../shared/seeds")
    return path.read_text(encoding="utf-8")
