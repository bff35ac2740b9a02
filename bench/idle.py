"""`python -m bench idle`: what Steady costs while it waits, window hidden, nothing running.

Steady is started as a user would leave it running for reminders: ``steady --data-dir FRESH``
(offscreen unless QT_QPA_PLATFORM says otherwise) with one daily reminder set, so the reminder
timers are armed, through ``python -m bench.launch --hide`` (bench/launch.py), which hides the
window once the event loop runs. Where a system tray exists this is the same as Steady sitting
in the tray; offscreen there is none, and the hidden window is the closest equivalent. After a
settling pause the process is left alone for 60 s (20 s with --quick) and measured from /proc:

- idle_cpu_percent: (utime + stime) over the window / wall time, in % of one core; goal <= 0.2.
- idle_wakeups_per_min: voluntary + nonvoluntary context switches of all its threads
  (/proc/PID/task/*/status) per minute; informative (each one is the process waking up).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

from bench.common import cpu_seconds, error_result, result, spawn, steady_command, stop, tail

NAME = "idle"
GOAL_CPU_PERCENT = 0.2


def context_switches(pid: int) -> int:
    """Voluntary + nonvoluntary context switches summed over every thread of `pid`."""
    total = 0
    for status in Path(f"/proc/{pid}/task").glob("*/status"):
        try:
            text = status.read_text()
        except OSError:  # a thread that just ended
            continue
        for line in text.splitlines():
            if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")):
                total += int(line.split(":", 1)[1])
    return total


def write_settings(folder: Path) -> None:
    """A daily reminder a few hours from now: armed timers, but nothing due during the run."""
    later = datetime.now() + timedelta(hours=3)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.yaml").write_text(
        "version: 1\n"
        "sound_enabled: false\n"
        "reminders:\n"
        f'  - {{id: r-bench, time: "{later:%H:%M}", exercise: calm-exhale, minutes: 5}}\n',
        encoding="utf-8",
    )


def run(quick: bool) -> Iterable[dict]:
    measure = 20.0 if quick else 60.0
    settle = 3.0 if quick else 5.0
    with tempfile.TemporaryDirectory(prefix="steady-idle-") as tmp:
        data = Path(tmp) / "data"
        write_settings(data)
        proc = spawn(steady_command("--data-dir", str(data), hide=True), {"STEADY_HOME": None})
        try:
            time.sleep(settle)
            if proc.poll() is not None:
                _out, err = proc.communicate()
                yield error_result(NAME, f"Steady exited early ({proc.returncode}): {tail(err)}")
                return
            cpu_before, switches_before, wall_before = cpu_seconds(proc.pid), context_switches(proc.pid), time.monotonic()
            time.sleep(measure)
            if proc.poll() is not None:
                _out, err = proc.communicate()
                yield error_result(NAME, f"Steady exited while measured ({proc.returncode}): {tail(err)}")
                return
            cpu_after, switches_after, wall_after = cpu_seconds(proc.pid), context_switches(proc.pid), time.monotonic()
        finally:
            stop(proc)
    seconds = wall_after - wall_before
    cpu_percent = 100.0 * (cpu_after - cpu_before) / seconds
    wakeups = (switches_after - switches_before) * 60.0 / seconds
    yield result(NAME, "idle_cpu_percent", cpu_percent, "%", GOAL_CPU_PERCENT, "lower", seconds=round(seconds, 1))
    yield result(NAME, "idle_wakeups_per_min", wakeups, "count", None, "lower")
