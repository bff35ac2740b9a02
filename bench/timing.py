"""Timing benchmarks: is a new phase painted on time, and does a long session drift?

- ``drift_ms`` (pure engine, no Qt): a 60-minute, three-stage, calm-exhale-like exercise is run
  on a FakeClock by ticks that jitter by +-8 ms, are sometimes up to 200 ms late and sometimes
  dropped. At every tick the phase the engine reports, the clock time of its next boundary, the
  phase and session time remaining, and the moment the session finishes are compared with exact
  rational arithmetic. Value: the largest error in ms. Goal <= 1 ms.
- ``phase_error_p99_ms`` (real Qt, offscreen): a PacerWidget driven by a PacerController runs a
  short exercise (0.3 s phases); an event filter notes the time of every paint and the phase
  shown; for each new phase, the lateness of its first paint after the phase's planned clock time
  is measured over at least 100 boundaries. Value: the 99th percentile in ms. Goal <= 5 ms.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from fractions import Fraction

from app.core.engine import BreathingSession, SessionStatus
from app.core.model import Exercise, Phase, PhaseKind, Stage
from bench.common import error_result, percentile, result
from tests.helpers.stubs import FakeClock

BENCH = "timing"

#: (phases as (kind, seconds as written), minutes): 5 + 50 + 5 minutes. Seconds such as 4.2 and
#: 6.1 have no exact binary form, so rounding errors would add up here if anything counted.
DRIFT_STAGES: tuple[tuple[tuple[tuple[PhaseKind, str], ...], str], ...] = (
    (((PhaseKind.INHALE, "4"), (PhaseKind.EXHALE, "4")), "5"),
    (((PhaseKind.INHALE, "4.2"), (PhaseKind.EXHALE, "6.1")), "50"),
    (((PhaseKind.INHALE, "3.3"), (PhaseKind.HOLD, "0.7"), (PhaseKind.EXHALE, "6.6")), "5"),
)
#: A monotonic clock reading after a few days of uptime: large values lose float precision first.
DRIFT_CLOCK_START = 285_123.456
TICK_SECONDS = 1 / 60
JITTER_SECONDS = 0.008
LATE_PROBABILITY, LATE_MAX_SECONDS = 0.02, 0.200
DROP_PROBABILITY = 0.03

#: The painted exercise: uneven short phases, so boundaries fall at every offset within a frame.
PAINT_PHASES = ((PhaseKind.INHALE, 0.17), (PhaseKind.HOLD, 0.11), (PhaseKind.EXHALE, 0.23))
PAINT_BOUNDARIES, QUICK_PAINT_BOUNDARIES = 400, 110


def run(quick: bool) -> Iterator[dict]:
    try:
        error_ms, boundaries = drift_error_ms(seed=20240611)
        yield result(BENCH, "drift_ms", error_ms, "ms", 1, "lower", boundaries=boundaries)
    except Exception as exc:  # noqa: BLE001
        yield error_result(BENCH, f"{type(exc).__name__}: {exc}", "drift_ms")
    try:
        lateness = phase_paint_lateness(boundaries=QUICK_PAINT_BOUNDARIES if quick else PAINT_BOUNDARIES)
        if len(lateness) < 100:
            raise RuntimeError(f"only {len(lateness)} phase boundaries were painted (need 100)")
        yield result(
            BENCH, "phase_error_p99_ms", percentile(lateness, 99) * 1000, "ms", 5, "lower", boundaries=len(lateness)
        )
    except Exception as exc:  # noqa: BLE001
        yield error_result(BENCH, f"{type(exc).__name__}: {exc}", "phase_error_p99_ms")


def drift_exercise() -> Exercise:
    stages = tuple(
        Stage(phases=tuple(Phase(kind, float(seconds)) for kind, seconds in phases), minutes=float(minutes))
        for phases, minutes in DRIFT_STAGES
    )
    return Exercise(id="drift-bench", name="Drift bench", stages=stages, staged=True)


def exact_plan() -> tuple[list[Fraction], list[tuple[int, int, int]]]:
    """Phase boundaries in elapsed seconds (exact) and the (stage, cycle, phase) between them.

    Minutes become whole cycles, rounded up, as the model promises.
    """
    bounds: list[Fraction] = [Fraction(0)]
    ids: list[tuple[int, int, int]] = []
    for stage_index, (phases, minutes) in enumerate(DRIFT_STAGES):
        seconds = [Fraction(s) for _, s in phases]
        cycles = max(1, math.ceil(Fraction(minutes) * 60 / sum(seconds)))
        for cycle in range(cycles):
            for phase_index, length in enumerate(seconds):
                ids.append((stage_index, cycle, phase_index))
                bounds.append(bounds[-1] + length)
    return bounds, ids


def drift_error_ms(seed: int) -> tuple[float, int]:
    """Run the simulated hour; return (largest error in ms, number of boundaries crossed)."""
    rng = random.Random(seed)
    bounds, ids = exact_plan()
    index_of = {identity: k for k, identity in enumerate(ids)}
    planned = bounds[-1]
    start = Fraction(DRIFT_CLOCK_START)
    clock = FakeClock(DRIFT_CLOCK_START)
    session = BreathingSession(drift_exercise(), clock)
    session.start()

    worst = abs(Fraction(session.timeline.planned_seconds) - planned)
    k = 0  # the exact phase index of the current tick
    crossed = 0
    nominal = DRIFT_CLOCK_START
    t = DRIFT_CLOCK_START
    last_running_t: float | None = None
    end_clock = start + planned
    while True:
        nominal += TICK_SECONDS
        if rng.random() < DROP_PROBABILITY:
            continue
        candidate = nominal + rng.uniform(-JITTER_SECONDS, JITTER_SECONDS)
        if rng.random() < LATE_PROBABILITY:
            candidate += rng.uniform(0.0, LATE_MAX_SECONDS)
        t = max(t, candidate)
        clock.set(t)
        state = session.state()
        exact_t = Fraction(t)
        elapsed = exact_t - start

        if state.status != SessionStatus.RUNNING:
            if state.status != SessionStatus.FINISHED:
                raise RuntimeError(f"unexpected status {state.status} at {float(elapsed):.3f} s")
            worst = max(worst, end_clock - exact_t if exact_t < end_clock else Fraction(0))
            if last_running_t is not None:
                worst = max(worst, Fraction(last_running_t) - end_clock if last_running_t >= end_clock else Fraction(0))
            break
        last_running_t = t

        while k + 1 < len(ids) and bounds[k + 1] <= elapsed:
            k += 1
            crossed += 1
        reported = index_of.get((state.stage_index, state.cycle_index, state.phase_index))
        if reported is None:
            raise RuntimeError(f"engine reported an unknown phase {state.stage_index, state.cycle_index, state.phase_index}")
        # Showing a neighbouring phase is an error as large as the distance to that phase.
        if elapsed < bounds[reported]:
            worst = max(worst, bounds[reported] - elapsed)
        elif elapsed >= bounds[reported + 1]:
            worst = max(worst, elapsed - bounds[reported + 1])
        phase_end = start + bounds[reported + 1]
        if state.next_boundary is None:
            raise RuntimeError("a running session reported no next boundary")
        worst = max(
            worst,
            abs(Fraction(state.next_boundary) - phase_end),
            abs(exact_t + Fraction(state.phase_remaining) - phase_end),
            abs(exact_t + Fraction(state.session_remaining) - end_clock),
        )
        if nominal > DRIFT_CLOCK_START + float(planned) + 60:
            raise RuntimeError("the session did not finish within a minute of its planned end")
    return float(worst) * 1000, crossed


def phase_paint_lateness(boundaries: int) -> list[float]:
    """Seconds from each planned phase boundary to the end of the first paint showing the new
    phase (a phase never painted counts from its boundary to the next phase's first paint).

    Runs a real PacerWidget + PacerController under this process's QApplication (created
    offscreen unless QT_QPA_PLATFORM says otherwise) with the clock the app uses.
    """
    import os
    import time

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.core.clock import MonotonicClock
    from app.gui.session_panel.controller import PacerController
    from app.timers import qt_timer
    from bench.baselines import WINDOW_SIZE
    from widgets.pacer import PacerWidget

    cycles = boundaries // len(PAINT_PHASES) + 2
    exercise = Exercise(
        id="timing-bench",
        name="Timing bench",
        stages=(Stage(phases=tuple(Phase(k, s) for k, s in PAINT_PHASES), cycles=cycles),),
    )
    app = QApplication.instance() or QApplication([])
    pacer = PacerWidget()
    pacer.resize(*WINDOW_SIZE)
    controller = PacerController(exercise, MonotonicClock(), qt_timer)
    controller.attach(pacer)
    timeline = controller.session.timeline

    painted: list[tuple[float, float]] = []  # (monotonic after the paint, elapsed it showed)
    pacer.framePainted.connect(lambda elapsed: painted.append((time.monotonic(), elapsed)))
    controller.finished.connect(lambda _state: QTimer.singleShot(50, app.quit))
    QTimer.singleShot(int(timeline.planned_seconds * 1000) + 5000, app.quit)  # a safety net

    pacer.show()
    QTimer.singleShot(200, controller.start)  # start once the window is up and painted
    app.exec()
    started = controller.session.clock_time_of(0.0)
    pacer.close()
    if started is None:
        # Finished: clock_time_of answers only while running; recompute from the first paint.
        started = controller.session._started_at
    assert started is not None

    # Planned start (elapsed) of every phase, in order, and the first paint showing each.
    phase_starts: list[float] = []
    for stage_index in range(timeline.stage_count):
        stl = timeline.stage(stage_index)
        for cycle in range(stl.cycles):
            for offset in stl.phase_offsets[:-1]:
                phase_starts.append(stl.start + cycle * stl.cycle_seconds + offset)
    first_paint: dict[int, float] = {}
    for painted_at, elapsed in painted:
        if 0.0 < elapsed < timeline.planned_seconds:
            index = _phase_number(phase_starts, elapsed)
            first_paint.setdefault(index, painted_at)

    lateness: list[float] = []
    next_seen: float | None = None
    for index in range(len(phase_starts) - 1, 0, -1):  # phase 0 starts the session: no boundary
        if index in first_paint:
            next_seen = first_paint[index]
        if next_seen is None:
            continue  # the end of the run, after the last painted phase
        lateness.append(next_seen - (started + phase_starts[index]))
    return lateness


def _phase_number(phase_starts: list[float], elapsed: float) -> int:
    import bisect

    return bisect.bisect_right(phase_starts, elapsed) - 1
