"""Startup: how long `steady breathe calm-exhale` takes to paint the pacer, against a bare window.

Both sides are fresh processes with a fresh data folder (nothing cached by Steady itself); the
time runs from just before the spawn (``time.monotonic()`` in this process; it is system-wide
on Linux) to the ``first-frame`` time the child prints at its first real frame:

- Steady: ``python -m bench.launch --first-frame -- breathe calm-exhale --data-dir TMP``, that is
  ``steady breathe calm-exhale`` watched by the launcher's window hook, which prints at the
  pacer's ``firstFramePainted`` (bench/launch.py);
- baseline: ``bench/baselines/bare_window.py``.

Metrics: ``first_frame_ratio`` (median of paired ratios, goal <= 1.4), ``first_frame_ms``
(Steady's median, informative), ``bare_window_ms`` (informative), and
``pyqtgraph_before_first_frame`` (1 if pyqtgraph was imported before the first frame in any
run, goal 0).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator

from bench.common import (
    Budget,
    baseline_command,
    interleaved,
    median,
    paired_ratio,
    read_tagged_lines,
    result,
    spawn,
    steady_command,
    tail,
)

BENCH = "startup"
EXERCISE = "calm-exhale"
PAIRS, QUICK_PAIRS = 15, 8
CHILD_TIMEOUT_SECONDS = 30.0


class FirstFrame:
    """Measures one side; remembers whether pyqtgraph was loaded in any Steady run."""

    def __init__(self) -> None:
        self.pyqtgraph_loaded = 0

    def steady(self) -> float:
        data_dir = tempfile.mkdtemp(prefix="steady-bench-")
        try:
            argv = steady_command("breathe", EXERCISE, "--data-dir", data_dir, first_frame=True)
            tags = self._first_frame(argv, None)
            flag = tags.get("pyqtgraph-loaded")
            if flag not in ("0", "1"):
                raise RuntimeError("the launcher's hook did not print 'pyqtgraph-loaded 0|1'")
            self.pyqtgraph_loaded = max(self.pyqtgraph_loaded, int(flag))
            return float(tags["first-frame"]) - self._spawned_at
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)

    def bare_window(self) -> float:
        tags = self._first_frame(baseline_command("bare_window"), None)
        return float(tags["first-frame"]) - self._spawned_at

    def _first_frame(self, argv: list[str], env: dict[str, str] | None) -> dict[str, str]:
        self._spawned_at = time.monotonic()
        proc = spawn(argv, env)
        tags, err = read_tagged_lines(proc, CHILD_TIMEOUT_SECONDS)
        if "first-frame" not in tags:
            raise RuntimeError(f"{' '.join(argv[1:])} exited {proc.returncode} without a first frame: {tail(err)}")
        return tags


def run(quick: bool) -> Iterator[dict]:
    budget = Budget.for_run(quick)
    probe = FirstFrame()
    steady, bare = interleaved(probe.steady, probe.bare_window, QUICK_PAIRS if quick else PAIRS, budget=budget)
    n = len(steady)
    yield result(BENCH, "first_frame_ratio", paired_ratio(steady, bare), "x", 1.4, "lower", pairs=n)
    yield result(BENCH, "first_frame_ms", median(steady) * 1000, "ms", None, "lower", runs=n)
    yield result(BENCH, "bare_window_ms", median(bare) * 1000, "ms", None, "lower", runs=n)
    yield result(BENCH, "pyqtgraph_before_first_frame", probe.pyqtgraph_loaded, "bool", 0, "lower", runs=n)
