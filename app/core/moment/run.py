"""One run of the triggered-moment flow: which step, moving, what Esc saves, which keys are live.

The six steps always come in the order of app.core.flow.STEPS. `next` (Enter, Right) lets a step
that pages inside itself have the move first (grounding on the breathe step, the statements on
the anchor step), `back` (Left) likewise; `skip` (S) moves on at once. Every move first saves
what the step holds that is not saved as it changes (typed trigger words; the draft, if kept).
`leave` (Esc) saves what was entered and ends the run where it is; after the last step the run
is "done". Either way the breathing stops and the record notes where the user left
(`ended_step`).

Each step's part of the model is built the first time it is asked for (the view asks when it
first shows the step): `steady now` builds only this object on its way to the first frame, and
the anchors' files are read only when the anchor step comes.

The breathing itself is a session of its own (the app's breathe step; a fake in tests), reached
through :class:`Breathing`: the run asks whether it runs, stops it, turns to grounding, and lets
it page first.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from app.core.clock import WallClock
from app.core.flow import STEPS, Flow
from app.core.model import PhaseKind
from app.core.moment.events import Listeners
from app.core.moment.rating import clamped, stepped
from app.core.moment.record import MomentRecord
from app.core.timers import TimerFactory

if TYPE_CHECKING:
    from app.core.moment.anchor_deck import AnchorDeck
    from app.core.moment.lists import Edited
    from app.core.moment.notice import SignalTicks
    from app.core.moment.respond import Respond, ScheduleCheckIn
    from app.core.moment.trigger import TriggerPick


class KeyGroup(Enum):
    """The flow's keys, by when they are live (docs/keys.md)."""

    #: Enter/Right next, Left back, S skip, Esc leave: on every step.
    NAV = "nav"
    #: 0-9, Up and Down: on a step with a rating.
    RATING = "rating"
    #: G, grounding instead of breathing: on the breathe step.
    GROUNDING = "grounding"
    #: F, star the statement shown: on the anchor step.
    STAR = "star"


#: The steps with a 0-10 rating, and the moment field each fills.
RATED: dict[str, str] = {"breathe": "distress_before", "close": "distress_after"}


class Pager(Protocol):
    """A step that pages inside itself: True when it used the move."""

    def advance(self) -> bool: ...

    def retreat(self) -> bool: ...


class Breathing(Pager, Protocol):
    """The flow's breathing session (step 1): it carries on when the user moves on."""

    @property
    def breathing(self) -> bool:
        """Running now (not paused, not over)."""
        ...

    def stop(self) -> None: ...

    def show_grounding(self) -> None:
        """A senses exercise instead of breath focus; the breathing pauses."""
        ...


class FlowSetup(NamedTuple):
    """What a run needs from the app (all of it from the app's context)."""

    anchors_dir: Path
    flows_dir: Path
    wall_clock: WallClock
    timers: TimerFactory
    #: The setting "Hold a drafted message for", read when the respond step comes.
    draft_minutes: Callable[[], int]
    schedule_checkin: ScheduleCheckIn
    #: Bounds the lifetime of the run's timers (the view, in the app).
    owner: object = None


_NOT_BEGUN = object()


class FlowRun:
    def __init__(self, flow: Flow, record: MomentRecord, breath: Breathing, setup: FlowSetup) -> None:
        self.flow = flow
        self.record = record
        self._breath = breath
        self._setup = setup
        self.index = 0
        self.ended = False
        self._notice: SignalTicks | None = None
        self._trigger: TriggerPick | None = None
        self._anchors: AnchorDeck | None = None
        self._respond: Respond | None = None
        self._anchor_tag: object = _NOT_BEGUN
        #: Told after the current step changed (not when the run ends).
        self.step_changed: Listeners[[]] = Listeners()
        #: Told (step, value) after a step's rating changed.
        self.rating_changed: Listeners[[str, int]] = Listeners()
        #: Told how the run ended: "done", or the step the user left from.
        self.finished: Listeners[[str]] = Listeners()

    # -- where the user is ----------------------------------------------------------------------
    @property
    def current(self) -> str:
        return STEPS[self.index]

    @property
    def is_last(self) -> bool:
        return self.index == len(STEPS) - 1

    def live_keys(self) -> frozenset[KeyGroup]:
        step = self.current
        live = {KeyGroup.NAV}
        if step in RATED:
            live.add(KeyGroup.RATING)
        if step == "breathe":
            live.add(KeyGroup.GROUNDING)
        if step == "anchor":
            live.add(KeyGroup.STAR)
        return frozenset(live)

    # -- moving ------------------------------------------------------------------------------
    def next(self) -> None:
        pager = self._pager()
        if self.ended or (pager is not None and pager.advance()):
            return
        self._go(self.index + 1)

    def back(self) -> None:
        pager = self._pager()
        if self.ended or (pager is not None and pager.retreat()):
            return
        if self.index > 0:
            self._go(self.index - 1)

    def skip(self) -> None:
        if not self.ended:
            self._go(self.index + 1)

    def leave(self) -> None:
        """Esc: save what was entered so far and end here (a draft only if the user kept it)."""
        if self.ended:
            return
        self._save_step()
        self._end(self.current)

    def finish(self) -> None:
        """After the close step: saved, breathing stopped."""
        if not self.ended:
            self._end("done")

    def _pager(self) -> Pager | None:
        if self.current == "breathe":
            return self._breath
        if self.current == "anchor":
            return self._anchors
        return None

    def _go(self, index: int) -> None:
        self._save_step()
        if index >= len(STEPS):
            self._end("done")
            return
        self.index = index
        if self.current == "anchor":
            tag = self.flow.tag_for(self.record.entered.trigger)
            if tag != self._anchor_tag:
                self._anchor_tag = tag
                self.anchors.begin(tag, self._breath.breathing)
        self.record.update(ended_step=self.current)
        self.step_changed()

    def _save_step(self) -> None:
        """What a step holds that is not saved as it changes."""
        if self.current == "trigger" and self._trigger is not None:
            self._trigger.commit()
        elif self.current == "respond" and self._respond is not None:
            self._respond.leave()

    def _end(self, how: str) -> None:
        self.ended = True
        self._breath.stop()
        self.record.start()
        self.record.update(ended_step=how)
        self.finished(how)

    # -- keys that act on the step shown ------------------------------------------------------
    def rating(self, step: str) -> int | None:
        value: int | None = getattr(self.record.entered, RATED[step])
        return value

    def set_rating(self, step: str, value: int) -> None:
        """A rating chosen on `step` (a click; digits and arrows come through `rate`)."""
        value = clamped(value)
        if value == self.rating(step):
            return
        self.record.update(**{RATED[step]: value})
        self.rating_changed(step, value)

    def rate(self, value: int) -> None:
        if self.current in RATED:
            self.set_rating(self.current, value)

    def step_rating(self, delta: int) -> None:
        if self.current in RATED:
            self.set_rating(self.current, stepped(self.rating(self.current), delta))

    def ground(self) -> None:
        if self.current == "breathe":
            self._breath.show_grounding()

    def star(self) -> None:
        if self.current == "anchor":
            self.anchors.toggle_star()

    def on_breath_phase(self, kind: PhaseKind) -> None:
        """The breathing from step 1 moved to a new phase: it paces the anchors while they show."""
        if not self.ended and self.current == "anchor" and self._anchors is not None:
            self._anchors.on_phase(kind)

    def acknowledgement(self) -> str:
        """The close step's words: one of the flow's, the same one for the same moment."""
        words = self.flow.acknowledgements
        return words[zlib.crc32((self.record.moment_id or "").encode()) % len(words)]

    # -- each step's part, built when first asked for --------------------------------------------
    @property
    def notice(self) -> SignalTicks:
        if self._notice is None:
            from app.core.moment.notice import SignalTicks

            self._notice = SignalTicks(self.flow.signal_groups, self.record)
        return self._notice

    @property
    def trigger(self) -> TriggerPick:
        if self._trigger is None:
            from app.core.moment.trigger import TriggerPick

            self._trigger = TriggerPick(self.flow.triggers, self.record)
        return self._trigger

    @property
    def anchors(self) -> AnchorDeck:
        if self._anchors is None:
            from app.core.moment.anchor_deck import AnchorDeck

            self._anchors = AnchorDeck(self._setup.anchors_dir, self.flow.anchor_count, self.record)
        return self._anchors

    @property
    def respond(self) -> Respond:
        if self._respond is None:
            from app.core.moment.draft import Draft
            from app.core.moment.respond import Respond

            setup = self._setup
            draft = Draft(self.record, setup.wall_clock, setup.timers, setup.draft_minutes(), setup.owner)
            self._respond = Respond(self.flow, self.record, setup.schedule_checkin, draft)
        return self._respond

    # -- the user's lists ----------------------------------------------------------------------
    def list_text(self, section: str, key: str) -> Edited:
        from app.core.moment.lists import list_text

        return list_text(self.flow, section, key)

    def save_list(self, section: str, key: str, edited: Edited) -> str | None:
        """Write an edited list into the user's flow file and show it; None, or why it was not saved."""
        from app.core.flow_files import load_flow
        from app.core.moment.lists import save_list

        problem = save_list(self._setup.flows_dir, self.flow, section, key, edited)
        if problem is None:
            self.flow = load_flow(self._setup.flows_dir).flow
            if self._trigger is not None:
                self._trigger.set_choices(self.flow.triggers)
            if self._respond is not None:
                self._respond.set_flow(self.flow)
        return problem
