"""Sound cues on time: `python -m bench audio`.

cue_onset_ms: p95 over every cue of |first sound - scheduled phase boundary|, heard in the
recording of a private PulseAudio null sink (parec), with Steady's real CueDriver and
CommandPlayer running a pattern of 0.6 s phases (44 boundaries and the end; fewer with
--quick). Player start-up is measured first (player_start_ms: median play() to first sound),
and the driver starts each cue that much early. Absolute error, so early cues count too.

Recording time is mapped to the monotonic clock by the lower envelope of parec's chunk
arrival times (tests/helpers/null_sink.py); its remaining error (record_delay_ms) makes cues look
late, never early.

Where no null sink can be started, it says why on stderr and reports player_spawn_ms instead:
p95 of |moment the player process was running + lead - boundary|, which leaves out the
program's own start-up and output.
"""

from __future__ import annotations

import math
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator

PHASE_SECONDS = 0.6
GOAL_MS = 30.0
THRESHOLD = 300  # about -40 dBFS; the cues peak at -12 dBFS and pass this within 3 ms
SOUND_SET = "soft"


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _line(metric: str, value: float, unit: str, goal: float | None = None, better: str = "lower") -> dict:
    line = {"bench": "audio", "metric": metric, "value": round(value, 2), "unit": unit, "better": better}
    if goal is not None:
        line["goal"] = goal
    return line


def _exercise(cycles: int):
    from app.core.model import Exercise, Phase, PhaseKind, Stage

    phases = tuple(Phase(kind, PHASE_SECONDS) for kind in (PhaseKind.INHALE, PhaseKind.HOLD, PhaseKind.EXHALE))
    return Exercise(id="bench-audio", name="bench audio", stages=(Stage(phases, cycles=cycles),))


def _run_session(player, lead: float, cycles: int):
    """Run a real CueDriver on a Qt event loop until the end cue; returns the cues it played."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from app.audio.cue_driver import CueDriver
    from app.core.clock import MonotonicClock
    from app.core.engine import BreathingSession
    from app.timers import qt_timer

    app = QCoreApplication.instance() or QCoreApplication([])
    clock = MonotonicClock()
    session = BreathingSession(_exercise(cycles), clock)
    driver = CueDriver(session, clock, player, timers=qt_timer, lead_seconds=lead)
    played = []
    driver.cuePlayed.connect(played.append)
    loop = QEventLoop()
    driver.finished.connect(loop.quit)
    QTimer.singleShot(int((session.timeline.planned_seconds + 5) * 1000), loop.quit)
    session.start()
    driver.start()
    loop.exec()
    driver.stop()
    del app
    return played


def _first_sound(samples, zero: float, rate: int, start: float, end: float, quiet: float = 0.01) -> float | None:
    """The first loud sample in [start, end) after at least `quiet` seconds of quiet.

    The quiet gap keeps the tail of the previous cue (which may reach into the window) from
    being taken for the start of this one.
    """
    first = max(0, int((start - zero) * rate))
    last = min(len(samples), int((end - zero) * rate))
    gap = int(quiet * rate)
    last_loud = -gap - 1
    for index in range(max(0, first - gap), last):
        if abs(samples[index]) > THRESHOLD:
            if index >= first and index - last_loud > gap:
                return zero + index / rate
            last_loud = index
    return None


def _with_null_sink(quick: bool) -> Iterator[dict]:
    from app.audio import CommandPlayer, Cue, detect_sound_support
    from tests.helpers.null_sink import PrivatePulse

    pulse = PrivatePulse()
    try:
        pulse.start()
        with pulse.routed():
            support = detect_sound_support()
            if not support.ok:
                raise RuntimeError(support.message)
            player = CommandPlayer(SOUND_SET, 1.0, program=support.program)
            recording = pulse.record(latency_ms=5)
            # Start-up: play() (as the app calls it) to the first sound, with silence between.
            calls = []
            for _ in range(5 if quick else 12):
                calls.append(time.monotonic())
                player.play(Cue.INHALE)
                time.sleep(0.7)
            _run_session(player, lead=0.0, cycles=1)  # warm up the Qt path; not measured
            time.sleep(1.6)  # until the end chord has faded
            samples, zero, rate = recording.samples, recording.sample_zero_time(), recording.rate
            starts = [s - c for c in calls if (s := _first_sound(samples, zero, rate, c - 0.02, c + 0.5)) is not None]
            if not starts:
                raise RuntimeError(f"no cue was heard in the null sink (player {support.program})")
            lead = statistics.median(starts)
            yield _line("player_start_ms", lead * 1000, "ms")
            history = _run_session(player, lead=lead, cycles=5 if quick else 15)
            time.sleep(1.6)  # let the end chord reach the recording
            samples, zero = recording.samples, recording.sample_zero_time()
            errors, missed = [], 0
            for planned in history:
                boundary = planned.boundary
                if not math.isfinite(boundary):  # the end, reached before its timer fired
                    boundary = history[-2].boundary + PHASE_SECONDS
                onset = _first_sound(samples, zero, rate, boundary - 0.1 - lead, boundary + 0.3)
                if onset is None:
                    missed += 1
                    print(f"audio: no sound found for {planned.cue.value} at {boundary:.3f}", file=sys.stderr)
                else:
                    errors.append((onset - boundary) * 1000)
            delay = recording.delivery_delay_ms()
            recording.stop()
            print(f"audio: player {support.program}, {len(history)} cues, lead {lead * 1000:.1f} ms, "
                  f"onset error median {statistics.median(errors):+.1f} ms, min {min(errors):+.1f}, "
                  f"max {max(errors):+.1f}", file=sys.stderr)
            yield _line("cue_onset_ms", _p95([abs(e) for e in errors]), "ms", GOAL_MS)
            yield _line("cue_onset_median_ms", statistics.median(errors), "ms")
            yield _line("cue_missed", missed, "count", 0)
            yield _line("record_delay_ms", delay, "ms")
    finally:
        pulse.stop()


def _measure_start_latency(program: str | None, repeats: int = 5) -> float:
    """Seconds a player program takes to start: the median time to run `program --version`.

    A proxy that makes no sound: it times what a cue waits for before the program can open its
    output (fork/exec, dynamic linking). In a PulseAudio null sink the real play()-to-first-sound
    time of aplay and paplay came out within a few milliseconds of it (docs/sound.md). Takes a
    few milliseconds per run, so the app does not: it starts cues DEFAULT_LEAD_SECONDS early,
    a figure this bench keeps honest.
    """
    from app.audio.player import DEFAULT_LEAD_SECONDS

    if program is None or shutil.which(program) is None:
        return DEFAULT_LEAD_SECONDS
    times = []
    for _ in range(repeats):
        started = time.monotonic()
        try:
            subprocess.run([program, "--version"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            return DEFAULT_LEAD_SECONDS
        times.append(time.monotonic() - started)
    return sorted(times)[len(times) // 2]


def _without_null_sink(quick: bool) -> Iterator[dict]:
    from app.audio import CommandPlayer, detect_sound_support
    from app.audio.player import start_program

    support = detect_sound_support()
    if support.program is None:
        print("audio: no player program either; nothing to measure", file=sys.stderr)
        return
    lead = _measure_start_latency(support.program)
    yield _line("player_version_ms", lead * 1000, "ms")
    spawned: list[float] = []

    def timed_start(argv: list[str]):
        process = start_program(argv)
        spawned.append(time.monotonic())
        return process

    player = CommandPlayer(SOUND_SET, 1.0, program=support.program, spawn=timed_start)
    history = _run_session(player, lead=lead, cycles=5 if quick else 15)
    time.sleep(0.2)
    errors = [abs(t + lead - planned.boundary) * 1000 for planned, t in zip(history, spawned, strict=False) if math.isfinite(planned.boundary)]
    yield _line("player_spawn_ms", _p95(errors), "ms", GOAL_MS)


def run(quick: bool) -> Iterable[dict]:
    from tests.helpers.null_sink import PulseUnavailable

    try:
        yield from _with_null_sink(quick)
    except PulseUnavailable as why:
        print(f"audio: no PulseAudio null sink ({why}); measuring to the player process start instead "
              "(player_spawn_ms), which leaves out the player's own start-up", file=sys.stderr)
        yield from _without_null_sink(quick)


if __name__ == "__main__":
    import json

    for result in run("--quick" in sys.argv):
        print(json.dumps(result))
