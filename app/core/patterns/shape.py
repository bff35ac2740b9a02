"""The breath shape over a whole session, as points for a plot: time against lung level.

The level between a phase's start and end follows the pacer's own easing, so the plot shows
what the pacer will do. That easing is a drawing choice of the pacer widget (in
widgets.pacer_geometry), and the core imports no widget, so the view passes it in as
`level_at`. Long sessions of short breaths would need hundreds of thousands of points at a
fixed number per phase; instead a point budget is shared out, never fewer than the two ends
of each phase, which is all a few pixels per breath can show anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.core.model import Exercise, PhaseKind

#: Points aimed for over the whole session (each phase still gets its two ends).
POINT_BUDGET = 6000
#: Points within one moving phase at most; enough for a smooth curve at any width.
MAX_POINTS_PER_PHASE = 16

#: (fraction of the phase 0..1, level at its start, level at its end) -> the level then.
LevelAt = Callable[[float, float, float], float]


@dataclass(frozen=True)
class SessionShape:
    """Minutes and levels (0 empty .. 1 full), and where each stage starts (minutes)."""

    minutes: list[float]
    levels: list[float]
    stage_starts: list[float]
    total_minutes: float


def session_shape(exercise: Exercise, level_at: LevelAt, budget: int = POINT_BUDGET) -> SessionShape:
    """The points of `exercise`'s breath, each phase eased by `level_at` as the pacer eases it."""
    phase_count = sum(s.planned_cycles * len(s.phases) for s in exercise.stages)
    per_phase = max(2, min(MAX_POINTS_PER_PHASE, budget // max(1, phase_count)))
    minutes: list[float] = []
    levels: list[float] = []
    stage_starts: list[float] = []
    t = 0.0
    for stage in exercise.stages:
        stage_starts.append(t / 60.0)
        spans = stage.phase_levels()
        for _cycle in range(stage.planned_cycles):
            for phase, (start, end) in zip(stage.phases, spans, strict=True):
                steps = 1 if phase.kind == PhaseKind.HOLD or start == end else per_phase - 1
                for i in range(steps + 1):
                    fraction = i / steps
                    minutes.append((t + fraction * phase.seconds) / 60.0)
                    levels.append(level_at(fraction, start, end))
                t += phase.seconds
    return SessionShape(minutes, levels, stage_starts, t / 60.0)
