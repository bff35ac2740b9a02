"""Animation: what the running pacer costs, against a bare 60 Hz circle.

Steady runs ``steady breathe calm-exhale --data-dir TMP`` (the session is minutes long, so it
never ends during a run) through ``python -m bench.launch --frame-log LOG``; the baseline runs
``bench/baselines/bare_circle.py`` with ``--frame-log``. Each run lasts RUN_SECONDS (10 s with
--quick); CPU time (utime + stime from /proc) is counted from a mark WARM_UP_SECONDS after the
spawn to the end, resident memory is read RSS_AT_SECONDS after the spawn. One short warm-up run
of each side, then Steady and the circle alternate.

Metrics: ``cpu_ratio`` (goal <= 1.5), ``rss_ratio`` (goal <= 1.5), ``frame_interval_p99_ms`` of
Steady's paints after the mark (goal <= 20), and informative ``cpu_percent`` (Steady, of one
core), ``bare_circle_cpu_percent`` and ``rss_mb``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from bench.common import (
    Budget,
    baseline_command,
    cpu_seconds,
    interleaved,
    median,
    paired_ratio,
    percentile,
    result,
    rss_bytes,
    sleep_until,
    spawn,
    steady_command,
    stop,
    tail,
)

BENCH = "animation"
EXERCISE = "calm-exhale"
RUN_SECONDS, QUICK_RUN_SECONDS = 20.0, 10.0
WARM_UP_SECONDS = 2.0
RSS_AT_SECONDS = 10.0
PAIRS, QUICK_PAIRS = 3, 1
#: The warm-up run only fills the page cache and the interpreter's bytecode caches.
WARM_UP_RUN_SECONDS = 2.0


@dataclass
class Run:
    cpu_seconds: float
    measured_seconds: float
    rss_bytes: int
    frame_times: list[float]

    @property
    def cpu_share(self) -> float:
        return self.cpu_seconds / self.measured_seconds


class Animation:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.steady_runs: list[Run] = []
        self.circle_runs: list[Run] = []

    def steady(self, seconds: float | None = None) -> float:
        data_dir = tempfile.mkdtemp(prefix="steady-bench-")
        try:
            log = os.path.join(data_dir, "frames.log")
            argv = steady_command("breathe", EXERCISE, "--data-dir", data_dir, frame_log=log)
            run = self._run(argv, None, log, seconds or self.seconds)
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)
        if seconds is None:
            self.steady_runs.append(run)
        return run.cpu_seconds

    def circle(self, seconds: float | None = None) -> float:
        scratch = tempfile.mkdtemp(prefix="steady-bench-")
        try:
            log = os.path.join(scratch, "frames.log")
            run = self._run(baseline_command("bare_circle", "--frame-log", log), None, log, seconds or self.seconds)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        if seconds is None:
            self.circle_runs.append(run)
        return run.cpu_seconds

    def _run(self, argv: list[str], env: dict[str, str] | None, log: str, seconds: float) -> Run:
        errors = tempfile.TemporaryFile(mode="w+")
        spawned = time.monotonic()
        proc = spawn(argv, env, stdout=errors, stderr=errors)
        try:
            mark = spawned + min(WARM_UP_SECONDS, seconds / 2)
            sleep_until(mark, proc)
            cpu_start, marked = cpu_seconds(proc.pid), time.monotonic()
            sleep_until(spawned + min(RSS_AT_SECONDS, seconds - 0.1), proc)
            rss = rss_bytes(proc.pid)
            sleep_until(spawned + seconds, proc)
            cpu_end, ended = cpu_seconds(proc.pid), time.monotonic()
        except (RuntimeError, OSError) as exc:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(argv[1:3])}: {exc}; output: {tail(errors.read())}") from None
        finally:
            stop(proc)
            errors.close()
        frames = _read_times(log)
        return Run(cpu_end - cpu_start, ended - marked, rss, [t for t in frames if marked <= t <= ended])


def _read_times(path: str) -> list[float]:
    try:
        with open(path, encoding="ascii") as lines:
            return [float(line) for line in lines if line.strip()]
    except FileNotFoundError:
        return []


def _intervals_ms(times: list[float]) -> list[float]:
    return [(b - a) * 1000 for a, b in pairwise(times)]


def run(quick: bool) -> Iterator[dict]:
    budget = Budget.for_run(quick, margin=1.0)
    bench = Animation(QUICK_RUN_SECONDS if quick else RUN_SECONDS)
    bench.steady(WARM_UP_RUN_SECONDS)
    bench.circle(WARM_UP_RUN_SECONDS)
    steady_cpu, circle_cpu = interleaved(
        bench.steady, bench.circle, QUICK_PAIRS if quick else PAIRS, budget=budget, warm_up=False
    )
    pairs = len(steady_cpu)
    yield result(BENCH, "cpu_ratio", paired_ratio(steady_cpu, circle_cpu), "x", 1.5, "lower", pairs=pairs)
    yield result(
        BENCH,
        "rss_ratio",
        paired_ratio([r.rss_bytes for r in bench.steady_runs], [r.rss_bytes for r in bench.circle_runs]),
        "x",
        1.5,
        "lower",
        pairs=pairs,
    )
    intervals = [i for r in bench.steady_runs for i in _intervals_ms(r.frame_times)]
    if len(intervals) < 100:
        raise RuntimeError(f"only {len(intervals)} frame intervals were logged by the app")
    yield result(BENCH, "frame_interval_p99_ms", percentile(intervals, 99), "ms", 20, "lower", frames=len(intervals))
    circle_intervals = [i for r in bench.circle_runs for i in _intervals_ms(r.frame_times)]
    if circle_intervals:
        yield result(BENCH, "bare_circle_frame_interval_p99_ms", percentile(circle_intervals, 99), "ms", None, "lower")
    yield result(BENCH, "cpu_percent", median(r.cpu_share for r in bench.steady_runs) * 100, "%", None, "lower")
    yield result(
        BENCH, "bare_circle_cpu_percent", median(r.cpu_share for r in bench.circle_runs) * 100, "%", None, "lower"
    )
    yield result(BENCH, "rss_mb", median(r.rss_bytes for r in bench.steady_runs) / 2**20, "MB", None, "lower")
    yield result(
        BENCH, "bare_circle_rss_mb", median(r.rss_bytes for r in bench.circle_runs) / 2**20, "MB", None, "lower"
    )
