"""Which cue plays at which breath boundary, and when to start it: Qt-free scheduling logic.

A boundary is identified by the phase that starts there, ``(stage, cycle, phase_index)``;
keys compare in time order. The scheduler only ever plays a key greater than the last one it
played, so a cue never fires twice (not even when a pause lands between starting a cue early
and reaching its boundary), and it only plays the phase that is next, or one that began less
than ``late_tolerance`` ago: phases that went by while the process was stalled or asleep
stay silent instead of being played late in a burst.

Player programs take time to make their first sound, so a cue is due ``lead_seconds`` before
its boundary. Everything is computed from the session (and so from its clock) at the moment
of asking; a timer that fires late or early costs nothing but that one decision.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from app.core.engine import BreathingSession, SessionStatus
from app.core.model import PhaseKind

#: A key sorts after every phase of the session: the end of the session.
PhaseKey = tuple[int, int, int]


class Cue(StrEnum):
    INHALE = "inhale"
    HOLD = "hold"
    EXHALE = "exhale"
    END = "end"


def cue_for_phase(kind: PhaseKind) -> Cue:
    return {PhaseKind.INHALE: Cue.INHALE, PhaseKind.HOLD: Cue.HOLD, PhaseKind.EXHALE: Cue.EXHALE}[kind]


@dataclass(frozen=True)
class PlannedCue:
    """A cue and the boundary it marks; times are on the session's clock."""

    cue: Cue
    key: PhaseKey | None  # None for the end of the session
    boundary: float
    play_at: float


class CueScheduler:
    """Answers "which cue next, and when?" for one session; remembers what it has played."""

    #: A timer that fires this much before `play_at` still counts as on time.
    early_slack = 0.002

    def __init__(self, session: BreathingSession, lead_seconds: float = 0.0, late_tolerance: float = 0.25) -> None:
        self.session = session
        self.lead_seconds = max(0.0, lead_seconds)
        self.late_tolerance = late_tolerance
        self._last_key: PhaseKey | None = None
        self._end_played = False
        self._end_boundary = math.nan

    @property
    def end_played(self) -> bool:
        return self._end_played

    def _played(self, key: PhaseKey) -> bool:
        return self._last_key is not None and key <= self._last_key

    def _next_key(self, key: PhaseKey) -> PhaseKey | None:
        """The phase after `key`, or None when `key` is the last phase of the plan (no overtime)."""
        timeline = self.session.timeline
        stage, cycle, phase = key
        tl = timeline.stage(stage)
        if phase + 1 < len(tl.stage.phases):
            return stage, cycle, phase + 1
        last_stage = stage == timeline.stage_count - 1
        if cycle + 1 < tl.cycles or (last_stage and self.session.overtime):
            return stage, cycle + 1, 0
        if not last_stage:
            return stage + 1, 0, 0
        return None

    def _start_of(self, key: PhaseKey) -> float:
        """Active (elapsed) seconds at which the phase `key` starts."""
        stage, cycle, phase = key
        tl = self.session.timeline.stage(stage)
        return tl.start + cycle * tl.cycle_seconds + tl.phase_offsets[phase]

    def _planned(self, cue: Cue, key: PhaseKey | None, elapsed_at: float) -> PlannedCue | None:
        boundary = self.session.clock_time_of(elapsed_at)
        if boundary is None:
            return None
        return PlannedCue(cue, key, boundary, boundary - self.lead_seconds)

    def next(self) -> PlannedCue | None:
        """The next cue to play and when, or None while nothing is due (ready, paused, stopped, done)."""
        session = self.session
        status = session.status
        if status == SessionStatus.FINISHED:
            if self._end_played or session.overtime:
                return None
            # Finished: due now. The boundary is the one planned while running, if any (the
            # session no longer answers clock_time_of), else unknown (nan).
            return PlannedCue(Cue.END, None, self._end_boundary, float("-inf"))
        if status != SessionStatus.RUNNING:
            return None
        state = session.state()
        current: PhaseKey = (state.stage_index, state.cycle_index, state.phase_index)
        if not self._played(current) and state.elapsed - self._start_of(current) <= self.late_tolerance:
            return self._planned(cue_for_phase(state.phase.kind), current, self._start_of(current))
        key: PhaseKey | None = current
        while key is not None:
            key = self._next_key(key)
            if key is not None and not self._played(key):
                kind = session.timeline.stage(key[0]).stage.phases[key[2]].kind
                return self._planned(cue_for_phase(kind), key, self._start_of(key))
        if self._end_played:
            return None
        planned = self._planned(Cue.END, None, session.timeline.planned_seconds)
        if planned is not None:
            self._end_boundary = planned.boundary
        return planned

    def take_due(self, now: float) -> PlannedCue | None:
        """The cue to play at `now`, marked as played; None if nothing is due yet."""
        planned = self.next()
        if planned is None or now < planned.play_at - self.early_slack:
            return None
        if planned.key is None:
            self._end_played = True
        else:
            self._last_key = planned.key
        return planned
