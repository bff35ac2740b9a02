"""`python -m bench durability`: 200 SIGKILLs of a writing process, counting what was lost.

Trial logic: bench/_durability_probe.py (also used by tests/unit/test_history_durability.py).
Always 200 trials, with or without --quick (about 15 s on the reference machine).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

from bench._durability_probe import run_trials
from bench.common import result

TRIALS = 200


def run(quick: bool) -> Iterable[dict]:
    with tempfile.TemporaryDirectory(prefix="steady-durability-") as folder:
        summary = run_trials(TRIALS, Path(folder))
    extra = {
        "trials": summary.trials,
        "acknowledged_writes": summary.acknowledged,
        "killed_mid_commit": summary.killed_mid_commit,
        "killed_after_ack": summary.killed_after_ack,
        "killed_at_open": summary.killed_at_open,
    }
    yield result("durability", "sessions_lost", summary.sessions_lost, "count", 0, "lower", **extra)
    yield result("durability", "integrity_failures", summary.integrity_failures, "count", 0,
                 "lower", **extra)
