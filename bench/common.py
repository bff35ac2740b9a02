"""Helpers shared by every benchmark; the contract is in docs/BENCHMARKS.md.

The API, kept small on purpose:

- :func:`result` builds one output line (``bench, metric, value, unit, goal, better``).
- :func:`paired_ratio` / :func:`interleaved` implement the ``*_ratio`` rule: one warm-up run of
  each side, then A B A B ..., reported as the median of the per-pair ratios A/B.
- :func:`child_env`, :func:`python_command`, :func:`spawn`: start a child with this interpreter
  and virtual environment, the caller's environment, ``QT_QPA_PLATFORM=offscreen`` unless already
  set, and bytecode cached in PYCACHE_DIR.
- :func:`steady_command`, :func:`baseline_command`: the argv of Steady started through the
  launcher (``python -m bench.launch [WATCH] -- ARGS``, see bench/launch.py) and of a baseline
  script in ``bench/baselines``.
- :func:`cpu_seconds`, :func:`rss_bytes`: a process's CPU time (utime + stime) and resident
  memory, read from ``/proc``.
- :func:`read_tagged_lines`: collect ``tag value`` lines (``first-frame 123.4``) from a child.
- :func:`median`, :func:`percentile`, :class:`Budget` (a time budget, 30 s with ``--quick``).
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

#: The repository root: the folder that holds ``app/`` and ``bench/``.
ROOT = Path(__file__).resolve().parent.parent
BASELINES = Path(__file__).resolve().parent / "baselines"
#: Where children keep their bytecode (see :func:`child_env`); the warm-up runs fill it.
PYCACHE_DIR = Path(tempfile.gettempdir()) / "steady-bench-pycache"
#: With ``--quick`` each benchmark gets at most this many seconds.
QUICK_SECONDS = 30.0

_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


# -- output ------------------------------------------------------------------------------------
def result(
    bench: str,
    metric: str,
    value: float | int | None,
    unit: str,
    goal: float | int | None,
    better: str,
    **extra: Any,
) -> dict[str, Any]:
    """One benchmark line. ``better`` is ``"lower"`` or ``"higher"``; ``goal=None`` means
    the figure is informative only. Floats keep 4 significant digits, for readability."""
    if better not in ("lower", "higher"):
        raise ValueError(f"better must be 'lower' or 'higher', not {better!r}")
    if isinstance(value, float):
        value = float(f"{value:.4g}")
    line: dict[str, Any] = {
        "bench": bench,
        "metric": metric,
        "value": value,
        "unit": unit,
        "goal": goal,
        "better": better,
    }
    line.update(extra)
    return line


def error_result(bench: str, message: str, metric: str | None = None) -> dict[str, Any]:
    """The line for a benchmark (or one metric of it) that could not be measured."""
    line: dict[str, Any] = {"bench": bench}
    if metric is not None:
        line["metric"] = metric
    line["error"] = message
    return line


def goal_met(line: Mapping[str, Any]) -> bool:
    """False for an error line or a missed goal; True when met or when there is no goal."""
    if "error" in line:
        return False
    goal, value = line.get("goal"), line.get("value")
    if goal is None:
        return True
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    return value <= goal if line.get("better", "lower") == "lower" else value >= goal


# -- statistics --------------------------------------------------------------------------------
def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def percentile(values: Iterable[float], p: float) -> float:
    """The p-th percentile (0..100), linear interpolation between closest ranks."""
    data = sorted(values)
    if not data:
        raise ValueError("percentile of no values")
    if not 0 <= p <= 100:
        raise ValueError("p must be within 0..100")
    rank = (len(data) - 1) * p / 100.0
    low = math.floor(rank)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (rank - low)


def paired_ratio(a_values: Sequence[float], b_values: Sequence[float]) -> float:
    """The median of a[i] / b[i]: Steady (A) over its baseline (B), pair by pair.

    Pairing cancels slow drifts of the machine (another process, thermal state) that a ratio of
    two medians would keep.
    """
    if len(a_values) != len(b_values) or not a_values:
        raise ValueError("paired_ratio needs two equally long, non-empty sequences")
    return statistics.median(a / b for a, b in zip(a_values, b_values, strict=True))


def interleaved(
    measure_a: Callable[[], float],
    measure_b: Callable[[], float],
    pairs: int,
    *,
    budget: Budget | None = None,
    min_pairs: int = 1,
    warm_up: bool = True,
) -> tuple[list[float], list[float]]:
    """Run one warm-up of A and of B (results dropped), then A B A B ... for ``pairs`` pairs.

    Stops early, after at least ``min_pairs`` pairs, when ``budget`` would be exceeded by one
    more pair (estimated from the slowest pair so far). Returns the two lists of measurements;
    feed them to :func:`paired_ratio`.
    """
    if warm_up:
        measure_a()
        measure_b()
    a_values: list[float] = []
    b_values: list[float] = []
    slowest = 0.0
    for _ in range(pairs):
        if budget is not None and len(a_values) >= min_pairs and budget.remaining() < slowest:
            break
        started = time.monotonic()
        a_values.append(measure_a())
        b_values.append(measure_b())
        slowest = max(slowest, time.monotonic() - started)
    return a_values, b_values


class Budget:
    """How long a benchmark may still take: unlimited, or QUICK_SECONDS with ``quick``."""

    def __init__(self, seconds: float | None) -> None:
        self._deadline = None if seconds is None else time.monotonic() + seconds

    @classmethod
    def for_run(cls, quick: bool, margin: float = 3.0) -> Budget:
        """The budget of one benchmark; ``margin`` seconds are kept back for clean-up."""
        return cls(QUICK_SECONDS - margin if quick else None)

    def remaining(self) -> float:
        return math.inf if self._deadline is None else self._deadline - time.monotonic()


# -- child processes ---------------------------------------------------------------------------
def child_env(overrides: Mapping[str, str | None] | None = None) -> dict[str, str]:
    """This process's environment for a child: ``QT_QPA_PLATFORM=offscreen`` unless set, then
    ``overrides`` applied (a ``None`` value removes)."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # An installed wheel has its bytecode compiled; a tree run with PYTHONDONTWRITEBYTECODE would
    # recompile every module at every start (about 30 ms for Steady). Cache it outside the tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PYTHONPYCACHEPREFIX", str(PYCACHE_DIR))
    for key, value in (overrides or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def python_command(*args: str) -> list[str]:
    """``[sys.executable, *args]``: the same interpreter and so the same virtual environment."""
    return [sys.executable, *args]


def steady_command(
    *args: str,
    first_frame: bool = False,
    frame_log: str | None = None,
    hide: bool = False,
    handover_log: str | None = None,
) -> list[str]:
    """``python -m bench.launch [WATCH] -- ARGS``: Steady's command line as ``steady ARGS`` runs
    it (the launcher calls ``app.cli.main(ARGS)``), watched as asked: ``first_frame`` prints the
    first real pacer frame's time and quits, ``frame_log`` logs every pacer paint, ``hide``
    hides the window, ``handover_log`` logs each later flow's first frame (bench/launch.py)."""
    watch: list[str] = []
    if first_frame:
        watch.append("--first-frame")
    if frame_log is not None:
        watch += ["--frame-log", frame_log]
    if hide:
        watch.append("--hide")
    if handover_log is not None:
        watch += ["--handover-log", handover_log]
    return python_command("-m", "bench.launch", *watch, "--", *args)


def baseline_command(name: str, *args: str) -> list[str]:
    """A baseline program from bench/baselines, e.g. ``baseline_command("bare_circle", "10")``."""
    return python_command(str(BASELINES / f"{name}.py"), *args)


def spawn(
    argv: Sequence[str],
    env: Mapping[str, str | None] | None = None,
    *,
    stdout: Any = subprocess.PIPE,
    stderr: Any = subprocess.PIPE,
    **popen_kwargs: Any,
) -> subprocess.Popen:
    """Start ``argv`` from the repository root with :func:`child_env` (``env`` = overrides).

    Text mode; stdout and stderr are pipes unless given.
    """
    return subprocess.Popen(
        list(argv),
        cwd=popen_kwargs.pop("cwd", ROOT),
        env=child_env(env),
        stdout=stdout,
        stderr=stderr,
        text=True,
        **popen_kwargs,
    )


def read_tagged_lines(proc: subprocess.Popen, timeout: float) -> tuple[dict[str, str], str]:
    """Wait for ``proc`` to exit (killing it after ``timeout`` s) and return its ``tag value``
    stdout lines as a dict (the first of each tag wins) and its stderr.

    Raises RuntimeError with the tail of stderr if it timed out.
    """
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise RuntimeError(f"timed out after {timeout:g} s; stderr: {tail(err)}") from None
    tags: dict[str, str] = {}
    for raw in (out or "").splitlines():
        tag, _, value = raw.strip().partition(" ")
        if tag and tag not in tags:
            tags[tag] = value
    return tags, err or ""


def tail(text: str | None, lines: int = 5) -> str:
    """The last few lines of a child's output, for an error message."""
    return " | ".join((text or "").strip().splitlines()[-lines:])


def stop(proc: subprocess.Popen, timeout: float = 5.0) -> None:
    """Terminate a child (SIGTERM, then SIGKILL) and reap it."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# -- /proc -------------------------------------------------------------------------------------
def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds used so far by process ``pid`` (all its threads)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    # The command name (field 2) may hold spaces and parentheses: split after its last ")".
    fields = stat[stat.rindex(")") + 2 :].split()
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
    return (utime + stime) / _CLOCK_TICKS


def rss_bytes(pid: int) -> int:
    """Resident memory of process ``pid`` in bytes (VmRSS of /proc/PID/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    statm = Path(f"/proc/{pid}/statm").read_text().split()
    return int(statm[1]) * _PAGE_SIZE


def sleep_until(deadline: float, proc: subprocess.Popen | None = None) -> None:
    """Sleep until ``time.monotonic()`` reaches ``deadline``; RuntimeError if ``proc`` dies."""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited early with status {proc.returncode}")
        time.sleep(min(left, 0.05))
