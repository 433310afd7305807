"""Runs the model-based test of the index (``index_model.py``) for a fixed budget.

``make test`` runs a few examples; ``make soak`` runs many more, for a bounded time
(``NEWSFACET_SOAK_SECONDS``), and prints what it ran.
"""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from index_model import IndexModel

#: Examples (fresh indexes) and steps per example in ``make test``.
EXAMPLES = 8
STEPS = 16


def test_no_write_sequence_breaks_the_index() -> None:
    run_state_machine_as_test(IndexModel, settings=settings(
        max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))


@pytest.mark.soak
def test_soak_write_sequences() -> None:
    """Many more sequences, as long as ``NEWSFACET_SOAK_SECONDS`` allows (``make soak``)."""
    seconds = float(os.environ.get("NEWSFACET_SOAK_SECONDS", "0"))
    if seconds <= 0:
        pytest.skip("set NEWSFACET_SOAK_SECONDS (make soak does) to run the soak")
    deadline = time.monotonic() + seconds
    runs = examples = steps = 0
    counted: list[IndexModel] = []

    class Counted(IndexModel):
        bulk_rebuilds = True

        def teardown(self) -> None:
            counted.append(self)
            super().teardown()

    while time.monotonic() < deadline:
        runs += 1
        run_state_machine_as_test(Counted, settings=settings(
            max_examples=20, stateful_step_count=40, deadline=None, database=None,
            suppress_health_check=list(HealthCheck)))
        examples = len(counted)
        steps = sum(machine.steps for machine in counted)
    print(f"\nsoak: {examples} write sequences ({steps} checked steps) in {runs} runs, "
          f"{seconds:.0f} s, 0 failures")
    assert examples > 0
