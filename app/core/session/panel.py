"""The session panel's rules: the caution gate, pause, keep going, Esc, grounding, and the controls.

One panel runs sessions on the Breathe page and in the flow's breathe step; each screen says
what it offers with a :class:`PanelSpec`, and :class:`SessionPanelModel` decides the rest:

- a new session replaces the one before; a pattern that needs a caution waits in READY, its
  caution in view, until the user begins (Space or Begin); any other starts at once;
- Space begins, pauses or continues (nothing once the session has ended); Keep going carries on
  past the planned end;
- Esc stops a running session; in overtime it ends it as finished, with the time really
  breathed; on the end screen (or with no session) it leaves the screen; on the grounding card
  it goes back to the pacer;
- G (or the grounding button) pauses the breathing and shows the grounding card; going back
  shows the paused pacer, or leaves the screen when the session is over;
- :meth:`SessionPanelModel.controls` says what each control shows for the current status.

The panel view (app.gui.session_panel.panel) draws :class:`Controls` and forwards input here; it is
told of every change through the `on_change` callback.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import NamedTuple

from app.core.engine import BreathState, SessionStatus
from app.core.session.run import SessionRun


class PauseOffer(StrEnum):
    """What the pause button offers, in its own words."""

    BEGIN = "Begin"
    PAUSE = "Pause"
    CONTINUE = "Continue"


class Focus(StrEnum):
    """Where keyboard focus belongs, so that Space keeps working on this session."""

    PACER = "pacer"
    DONE = "done"
    GROUNDING = "grounding"


class PanelSpec(NamedTuple):
    """What one screen's session panel offers."""

    #: The exercise's name above the pacer (the flow's step has a title of its own).
    title: bool = True
    #: Stop while running and Done at the end (the flow has its own Leave).
    stop_and_done: bool = True
    #: Words shown under the pacer once the planned end is reached ("" for none).
    ended_note: str = ""
    #: Space, Esc and G work on the panel itself; False inside a flow that routes its own keys.
    own_keys: bool = True
    #: The grounding card fills the panel; False: it takes only the pacer's place and the rest
    #: (the flow's rating, the buttons) stays in view.
    grounding_fills: bool = True


class Controls(NamedTuple):
    """What the panel shows now."""

    #: The pause button's offer, or None when it is hidden (the session has ended).
    pause: PauseOffer | None
    stop: bool
    keep_going: bool
    done: bool
    ended_note: bool
    #: The grounding card is shown instead of the pacer.
    grounding: bool
    #: The title, the caution and the control row are in view.
    chrome: bool
    #: Space and G answer (not on the grounding card, whose buttons take Space).
    pacer_keys: bool
    focus: Focus


def controls_for(status: SessionStatus, grounding: bool, spec: PanelSpec) -> Controls:
    """The controls for a session in `status` (READY when there is none)."""
    ended = status in (SessionStatus.FINISHED, SessionStatus.STOPPED)
    pause = None if ended else {SessionStatus.PAUSED: PauseOffer.CONTINUE, SessionStatus.READY: PauseOffer.BEGIN}.get(
        status, PauseOffer.PAUSE
    )
    done = spec.stop_and_done and ended
    return Controls(
        pause=pause,
        stop=spec.stop_and_done and not ended,
        keep_going=status == SessionStatus.FINISHED,
        done=done,
        ended_note=bool(spec.ended_note) and status == SessionStatus.FINISHED,
        grounding=grounding,
        chrome=not (grounding and spec.grounding_fills),
        pacer_keys=not grounding,
        focus=Focus.GROUNDING if grounding else Focus.DONE if done else Focus.PACER,
    )


class SessionPanelModel:
    """The session shown on one panel and the screen's state; see the module docstring."""

    def __init__(self, spec: PanelSpec, on_change: Callable[[], object]) -> None:
        self.spec = spec
        self.run: SessionRun | None = None
        #: The caution read before this session begins ("" for none).
        self.caution = ""
        self.grounding = False
        self._on_change = on_change

    # -- the session -----------------------------------------------------------------------
    def open(self, run: SessionRun, caution: str | None) -> None:
        """Show `run` here (the one before must be closed); it starts unless it has a caution."""
        self.run = run
        self.caution = caution or ""
        self.grounding = False
        run.observe(on_status=lambda _state: self._changed_if_shown(run), on_end=lambda _state: self._changed_if_shown(run))
        if not self.caution:
            run.start()
        self._on_change()

    def close(self) -> None:
        """Stop the session shown here (it keeps its time) and let go of its view."""
        run, self.run = self.run, None
        if run is not None:
            run.stop()
            run.detach()

    def status(self) -> SessionStatus:
        return self.run.state().status if self.run is not None else SessionStatus.READY

    def state(self) -> BreathState | None:
        return self.run.state() if self.run is not None else None

    @property
    def breathing(self) -> bool:
        return self.run is not None and self.run.running

    @property
    def ended(self) -> bool:
        return self.run is not None and self.run.state().ended

    def controls(self) -> Controls:
        return controls_for(self.status(), self.grounding, self.spec)

    # -- what the user does ------------------------------------------------------------------
    def toggle_pause(self) -> None:
        """Space, Begin, Pause, Continue."""
        if self.run is not None and not self.run.state().ended:
            self.run.toggle_pause()

    def keep_going(self) -> None:
        if self.run is not None:
            self.run.keep_going()

    def stop(self) -> None:
        """End a session that has not ended (leaving the screen); its time is kept."""
        if self.run is not None and not self.run.state().ended:
            self.run.stop()

    def escape(self) -> bool:
        """Esc; True when the screen should be left."""
        if self.grounding:
            return self.leave_grounding()
        if self.run is None or self.run.state().ended:
            return True
        if self.run.session.overtime:
            self.run.finish_now()
        else:
            self.run.stop()
        return False

    def ground(self) -> None:
        """G: senses instead of breath focus; the breathing pauses (G again keeps the card's place)."""
        if self.grounding:
            return
        if self.run is not None and self.run.running:
            self.run.pause()
        self.grounding = True
        self._on_change()

    def leave_grounding(self) -> bool:
        """Back to the (paused) pacer; True when the session is over, so the screen should be left."""
        self.grounding = False
        self._on_change()
        return self.run is None or self.run.state().ended

    def _changed_if_shown(self, run: SessionRun) -> None:
        if run is self.run:
            self._on_change()
