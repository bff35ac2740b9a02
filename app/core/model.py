"""The exercise model: what a breathing pattern is, independent of files and screens.

An exercise is one or more stages; each stage repeats a breath cycle (a list of phases) for a
number of cycles. A stage given in minutes is turned into whole cycles, rounded up, so a timed
session always ends on a complete breath. Every later part (engine, pacer, editor, plots)
reads these frozen objects, so nothing can change a pattern under a running session.
"""

from __future__ import annotations

import math
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

#: Slack for float sums such as 0.1 + 0.2 when turning minutes into whole cycles.
_ROUNDING_SLACK = 1e-9


class PhaseKind(StrEnum):
    """What the body does in a phase. A hold after an exhale is also a hold."""

    INHALE = "inhale"
    HOLD = "hold"
    EXHALE = "exhale"


class Phase(NamedTuple):
    """One part of a breath cycle, in seconds (a NamedTuple: cheap to create at start-up)."""

    kind: PhaseKind
    seconds: float


class _StageFields(NamedTuple):
    phases: tuple[Phase, ...]
    cycles: int | None = None
    minutes: float | None = None


class Stage(_StageFields):
    """A breath cycle repeated; exactly one of `cycles` and `minutes` was given by the author.

    Immutable records built on NamedTuple rather than frozen dataclasses: the dataclasses module
    and the classes it builds cost about 2 ms on the way to the pacer's first frame. `__new__`
    checks what a dataclass's `__post_init__` would; `replace` makes a checked copy.
    """

    __slots__ = ()

    def __new__(cls, phases: tuple[Phase, ...], cycles: int | None = None, minutes: float | None = None) -> Stage:
        if (cycles is None) == (minutes is None):
            raise ValueError("a stage needs exactly one of cycles or minutes")
        if not phases:
            raise ValueError("a stage needs at least one phase")
        return super().__new__(cls, phases, cycles, minutes)

    def replace(self, **changes: Any) -> Stage:
        return Stage(**{**self._asdict(), **changes})

    @property
    def cycle_seconds(self) -> float:
        return math.fsum(p.seconds for p in self.phases)

    @property
    def planned_cycles(self) -> int:
        """Whole cycles to breathe: `cycles`, or `minutes` rounded up to a complete breath."""
        if self.cycles is not None:
            return self.cycles
        assert self.minutes is not None
        return max(1, math.ceil(self.minutes * 60.0 / self.cycle_seconds - _ROUNDING_SLACK))

    @property
    def planned_seconds(self) -> float:
        return self.planned_cycles * self.cycle_seconds

    @property
    def breaths_per_minute(self) -> float:
        return 60.0 / self.cycle_seconds

    def seconds_of(self, kind: PhaseKind) -> float:
        return math.fsum(p.seconds for p in self.phases if p.kind == kind)

    @property
    def longest_hold(self) -> float:
        return max((p.seconds for p in self.phases if p.kind == PhaseKind.HOLD), default=0.0)

    def phase_levels(self) -> tuple[tuple[float, float], ...]:
        """How full the lungs are (0 empty .. 1 full) at the start and end of each phase.

        A run of inhales fills from empty to full in proportion to each inhale's length (so
        cyclic sighing's long inhale fills most and the short top-up the rest); a run of
        exhales empties likewise; a hold keeps the level. The pacer draws this level, so the
        shape's motion follows the pattern without knowing its name.
        """
        first_moving = next((p.kind for p in self.phases if p.kind != PhaseKind.HOLD), PhaseKind.INHALE)
        level = 0.0 if first_moving == PhaseKind.INHALE else 1.0
        runs = _run_lengths(self.phases)
        levels: list[tuple[float, float]] = []
        for phase, run_seconds in zip(self.phases, runs, strict=True):
            start = level
            if phase.kind == PhaseKind.INHALE:
                level = min(1.0, level + phase.seconds / run_seconds)
            elif phase.kind == PhaseKind.EXHALE:
                level = max(0.0, level - phase.seconds / run_seconds)
            levels.append((start, level))
        return tuple(levels)


def _run_lengths(phases: tuple[Phase, ...]) -> list[float]:
    """For each phase, the total seconds of the run of same-kind phases it belongs to."""
    result: list[float] = []
    i = 0
    while i < len(phases):
        j = i
        while j < len(phases) and phases[j].kind == phases[i].kind:
            j += 1
        total = math.fsum(p.seconds for p in phases[i:j])
        result.extend([total] * (j - i))
        i = j
    return result


class _ExerciseFields(NamedTuple):
    id: str
    name: str
    stages: tuple[Stage, ...]
    summary: str = ""
    caution: str | None = None
    sound: str | None = None
    #: True when the file used `stages:`; False for the flat `phases:` form (kept for round trips).
    staged: bool = False
    #: Where it was read from, and whether it ships with Steady: not part of what it *is*, so
    #: equality and hashing leave these two out.
    source: Path | None = None
    builtin: bool = False


_COMPARED = len(_ExerciseFields._fields) - 2


class Exercise(_ExerciseFields):
    """A named breathing pattern, as loaded from a YAML file (built-in or the user's).

    An immutable record like Stage; two exercises are equal when they breathe and read the
    same, wherever they came from.
    """

    __slots__ = ()

    def __new__(
        cls,
        id: str,
        name: str,
        stages: tuple[Stage, ...],
        summary: str = "",
        caution: str | None = None,
        sound: str | None = None,
        staged: bool = False,
        source: Path | None = None,
        builtin: bool = False,
    ) -> Exercise:
        if not stages:
            raise ValueError("an exercise needs at least one stage")
        return super().__new__(cls, id, name, stages, summary, caution, sound, staged, source, builtin)

    def replace(self, **changes: Any) -> Exercise:
        return Exercise(**{**self._asdict(), **changes})

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Exercise):
            return NotImplemented
        return self[:_COMPARED] == other[:_COMPARED]

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self[:_COMPARED])

    @property
    def planned_seconds(self) -> float:
        return math.fsum(s.planned_seconds for s in self.stages)

    @property
    def breaths_per_minute(self) -> float:
        """The pace the exercise settles into: its last stage's."""
        return self.stages[-1].breaths_per_minute

    @property
    def max_breaths_per_minute(self) -> float:
        return max(s.breaths_per_minute for s in self.stages)

    @property
    def longest_hold(self) -> float:
        return max(s.longest_hold for s in self.stages)
