"""50 SIGKILLs of a writing process: every acknowledged write survives, the file stays intact.

The kill points come from the seed and the writer's own messages (see the probe), never from a
clock, so the test means the same on a loaded machine as on an idle one.

The trial logic lives in bench/_durability_probe.py (shared with `python -m bench durability`,
which runs 200 trials).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench._durability_probe import run_trials  # noqa: E402


@pytest.mark.slow
def test_no_acknowledged_write_is_lost_when_the_writer_is_killed(tmp_path: Path) -> None:
    summary = run_trials(50, tmp_path, seed=20240501)
    assert summary.trials == 50
    # Kills are placed by the child's own messages, not by timers: the writer reaches every
    # planned point however slow the machine is, so this holds on any machine.
    assert summary.acknowledged >= summary.planned_acknowledged
    assert summary.problems == []
    assert summary.sessions_lost == 0
    assert summary.integrity_failures == 0


def test_the_probe_would_notice_a_lost_write(tmp_path: Path) -> None:
    """A writer that acknowledges writes it never made must be caught, or the test above proves nothing."""
    summary = run_trials(12, tmp_path, seed=7, lying_writer=True)
    assert summary.planned_acknowledged > 0
    assert summary.sessions_lost > 0
