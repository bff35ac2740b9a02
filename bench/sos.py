"""SOS: how fast `steady now` puts a running pacer in front of someone, cold and warm.

Metrics:

- ``sos_first_frame_ratio``: a cold ``steady now --data-dir FRESH`` until the first frame of the
  flow's pacer (``python -m bench.launch --first-frame``: the launcher's hook prints the time and
  quits), against the bare window baseline, interleaved, median of paired ratios. Goal <= 1.5.
- ``handover_ms``: Steady already running (started plainly, through ``python -m bench.launch
  --handover-log FILE``: the launcher's hook appends the monotonic time of each later pacer's
  first frame, then leaves that flow so the next `now` starts a new one); from spawning
  ``steady now`` to that frame in the running instance. Median, goal <= 150 ms.
- ``instances_after_burst``: 20 ``steady now`` started at once on one fresh data folder; once
  they settle, how many are still running. Goal: exactly 1.

``time.monotonic()`` is system-wide on Linux, so times from the children compare with ours.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench.common import (
    Budget,
    baseline_command,
    error_result,
    interleaved,
    median,
    paired_ratio,
    read_tagged_lines,
    result,
    spawn,
    steady_command,
    stop,
    tail,
)

BENCH = "sos"
PAIRS, QUICK_PAIRS = 12, 6
HANDOVERS, QUICK_HANDOVERS = 15, 8
BURST = 20
CHILD_TIMEOUT_SECONDS = 30.0


def _first_frame(argv: list[str], env: dict[str, str] | None) -> float:
    started = time.monotonic()
    proc = spawn(argv, env)
    tags, err = read_tagged_lines(proc, CHILD_TIMEOUT_SECONDS)
    if "first-frame" not in tags:
        raise RuntimeError(f"{' '.join(argv[1:])} exited {proc.returncode} without a first frame: {tail(err)}")
    return float(tags["first-frame"]) - started


def cold_now() -> float:
    data_dir = tempfile.mkdtemp(prefix="steady-bench-sos-")
    try:
        return _first_frame(steady_command("now", "--data-dir", data_dir, first_frame=True), None)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def bare_window() -> float:
    return _first_frame(baseline_command("bare_window"), None)


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text().split()
    except FileNotFoundError:
        return []


def _wait_for_line(path: Path, count: int, proc: subprocess.Popen, timeout: float) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = _lines(path)
        if len(lines) >= count:
            return float(lines[count - 1])
        if proc.poll() is not None:
            raise RuntimeError(f"the running Steady exited with status {proc.returncode}")
        time.sleep(0.002)
    raise RuntimeError("no pacer frame was logged after a `now` request")


def handovers(count: int, budget: Budget) -> list[float]:
    """Milliseconds from spawning `steady now` to the running instance's new pacer frame."""
    data_dir = Path(tempfile.mkdtemp(prefix="steady-bench-handover-"))
    log = data_dir / "handover.log"
    server = spawn(
        steady_command("--data-dir", str(data_dir / "data"), handover_log=str(log)),
        None,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    times: list[float] = []
    try:
        # A first request, retried until the instance listens; it also warms the page up.
        deadline = time.monotonic() + CHILD_TIMEOUT_SECONDS
        while not _lines(log):
            subprocess.run(steady_command("now", "--data-dir", str(data_dir / "data")), env=None, capture_output=True, timeout=CHILD_TIMEOUT_SECONDS, cwd=str(Path(__file__).resolve().parent.parent))
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the running Steady never showed a flow")
            try:
                _wait_for_line(log, 1, server, 2.0)
            except RuntimeError:
                continue
        seen = len(_lines(log))
        for _ in range(count):
            if times and budget.remaining() < 2.0:
                break
            time.sleep(0.3)  # let the previous flow close and the instance go idle
            seen = len(_lines(log))
            started = time.monotonic()
            client = spawn(steady_command("now", "--data-dir", str(data_dir / "data")), None, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            frame = _wait_for_line(log, seen + 1, server, CHILD_TIMEOUT_SECONDS)
            client.wait(CHILD_TIMEOUT_SECONDS)
            times.append((frame - started) * 1000.0)
    finally:
        stop(server)
        shutil.rmtree(data_dir, ignore_errors=True)
    return times


def burst(count: int = BURST) -> int:
    """How many of `count` simultaneous `steady now` are still running once the others exit."""
    data_dir = tempfile.mkdtemp(prefix="steady-bench-burst-")
    procs = [
        spawn(steady_command("now", "--data-dir", data_dir), None, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(count)
    ]
    try:
        deadline = time.monotonic() + CHILD_TIMEOUT_SECONDS
        while time.monotonic() < deadline and sum(p.poll() is None for p in procs) > 1:
            time.sleep(0.05)
        time.sleep(1.0)  # settled: nothing else should exit or start now
        return sum(p.poll() is None for p in procs)
    finally:
        for proc in procs:
            stop(proc)
        shutil.rmtree(data_dir, ignore_errors=True)


def run(quick: bool) -> Iterator[dict]:
    budget = Budget.for_run(quick)
    steady, bare = interleaved(cold_now, bare_window, QUICK_PAIRS if quick else PAIRS, budget=Budget(budget.remaining() * 0.5))
    n = len(steady)
    yield result(BENCH, "sos_first_frame_ratio", paired_ratio(steady, bare), "x", 1.5, "lower", pairs=n)
    yield result(BENCH, "sos_first_frame_ms", median(steady) * 1000, "ms", None, "lower", runs=n)
    try:
        times = handovers(QUICK_HANDOVERS if quick else HANDOVERS, Budget(budget.remaining() - 6.0))
        yield result(BENCH, "handover_ms", median(times), "ms", 150, "lower", runs=len(times), slowest=round(max(times), 1))
    except RuntimeError as error:
        yield error_result(BENCH, str(error), "handover_ms")
    yield result(BENCH, "instances_after_burst", burst(), "count", 1, "lower", started=BURST)
