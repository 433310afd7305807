"""Checks the places tests share: labels in order, places by label, the seeds."""

from __future__ import annotations

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


def read_seed(name: str) -> str:
    """A seed document, or skip when the shared folder is not beside the repo."""
    path = SEEDS / name
    if not path.exists():
        pytest.skip("needs ../shared/seeds")
    return path.read_text(encoding="utf-8")
