"""``make train`` rebuilds the shipped speaker model byte for byte, and chooses its
threshold by the rule it states.

The model is data the package ships: if the extraction rules that make its features
change and nobody retrains, the file no longer says what ``make train`` would, and
nobody can tell which model the figures in docs/quality.md came from.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA, need

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "evaluation"))
import train_attribution

from newsfacet.indexer.speakers.learned import MODEL_PATH


def test_make_train_rebuilds_the_shipped_model(tmp_path: Path) -> None:
    need(DATA / "polnear-attribution")
    rebuilt = tmp_path / "model.json"
    assert train_attribution.main(["--out", str(rebuilt)]) == 0
    assert rebuilt.read_bytes() == MODEL_PATH.read_bytes(), (
        "the shipped speaker model is not what 'make train' builds: run 'make train' "
        "and report the dev figures it gives")


@given(st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 1)), max_size=60))
def test_the_threshold_is_the_lowest_of_the_grid_that_keeps_precision(
    scored: list[tuple[float, int]],
) -> None:
    """Whatever the pooled decisions, the chosen threshold keeps the precision floor and
    no lower threshold of the grid does (0.95 when none does)."""
    decided = [(p, right, right) for p, right in scored]
    chosen, _ = train_attribution.choose_threshold(decided, repeats=1)

    def precision(t: float) -> float:
        taken = [r for p, r, _ in decided if p >= t]
        return sum(taken) / len(taken) if taken else 1.0

    keeps = [t for t in train_attribution.GRID if precision(t) >= train_attribution.MIN_PRECISION]
    assert chosen == (min(keeps) if keeps else 0.95)


@given(st.integers(0, 1000))
def test_cross_validation_pools_every_quote_once_per_split(seed: int) -> None:
    """Each repeat is a full split: every quote is decided once per repeat, out of fold."""
    exs = [(d, [[1.0, float(d % 3)], [1.0, float(q % 2)]], [q % 2, 1 - q % 2])
           for d in range(12) for q in range(2)]
    decided = train_attribution.cross_validate(exs, repeats=3, seed=seed)
    assert len(decided) == 3 * len(exs)
    assert decided == train_attribution.cross_validate(exs, repeats=3, seed=seed)
