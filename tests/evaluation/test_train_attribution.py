"""``make train`` rebuilds the shipped speaker model byte for byte.

The model is data the package ships: if the extraction rules that make its features
change and nobody retrains, the file no longer says what ``make train`` would, and
nobody can tell which model the figures in docs/quality.md came from.
"""

from __future__ import annotations

import sys
from pathlib import Path

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
