"""What every breathing session gets, wherever it runs: its history record and its sound cues.

The session panel (the Breathe page, the flow's breathe step, a reminder's start) builds one
SessionServices per run, so recording (app.core.session.recording) and cues are wired in one
place, and the run becomes the one session that breathes (`AppContext.claim_session`: another
start stops it). History writes and the sound probe start after the pacer's first paint, so
neither ever delays it; the checkpoint timer and the cue driver's timer come from
`context.timers`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.core.engine import BreathState, SessionStatus
from app.core.session.recording import SessionRecording
from app.gui.context import AppContext
from app.gui.session_panel.controller import PacerController
from widgets.first_paint import after_first_paint

if TYPE_CHECKING:
    from app.audio.cue_driver import CueDriver


class SessionServices(QObject):
    """Records one run in the history and plays its cues; lives as long as its controller.

    Signals:
        recorded(str): the history's id for this session, once it is written.
    """

    recorded = Signal(str)

    def __init__(self, controller: PacerController, context: AppContext, source: str) -> None:
        super().__init__(controller)
        self.controller = controller
        self.context = context
        self.recording = SessionRecording(
            controller.run,
            lambda: context.history,
            context.wall_clock,
            context.timers,
            source,
            owner=self,
            on_begin=self._start_cues,
            on_recorded=self.recorded.emit,
        )
        self.cues: CueDriver | None = None
        context.claim_session(self)
        if context.has_players() and self._wants_sound() and context.has_sound_player(self._sound_set()):
            self.cues = self._make_cue_driver()
        controller.run.observe(on_status=self._follow_status)
        after_first_paint(controller.pacer, self.recording.first_frame)

    @property
    def session_id(self) -> str | None:
        return self.recording.session_id

    def when_recorded(self, callback: Callable[[str], object]) -> None:
        """Call `callback` with the history's id for this session: now if it is written, else once it is."""
        if self.session_id is not None:
            callback(self.session_id)
        else:
            self.recorded.connect(callback)

    def stop_for_another(self) -> None:
        """Another session started: end this one (it is recorded as stopped, with its time)."""
        try:
            if not self.controller.state().ended:
                self.controller.stop()
        except RuntimeError:  # its controller is already gone with its page
            pass

    # -- cues ------------------------------------------------------------------------------
    def _sound_set(self) -> str:
        from app.audio.sets import resolve_sound_set

        return resolve_sound_set(self.controller.exercise.sound, self.context.settings.sound_set)

    def _wants_sound(self) -> bool:
        from app.audio.sets import NO_SOUND

        return self.context.settings.sound_enabled and self._sound_set() != NO_SOUND

    def _start_cues(self) -> None:
        """The session begins: its cues too, unless they run already or sound is off."""
        if self.cues is None and self._wants_sound() and not self.controller.state().ended:
            self.cues = self._make_cue_driver()

    def _make_cue_driver(self) -> CueDriver:
        """Cues for this session; the first player is made after the first frame (it probes the system)."""
        from app.audio.cue_driver import CueDriver

        player = self.context.sound_player(self._sound_set())
        driver = CueDriver(self.controller.session, self.context.clock, player, parent=self, timers=self.context.timers)
        driver.start()
        if self.controller.state().status == SessionStatus.PAUSED:
            driver.pause()
        return driver

    def _follow_status(self, state: BreathState) -> None:
        """Pause and resume the cues with the session (keep going resumes them too)."""
        if self.cues is None:
            return
        if state.status == SessionStatus.PAUSED:
            self.cues.pause()
        elif state.status == SessionStatus.RUNNING:
            self.cues.resume()
