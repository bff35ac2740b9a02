"""What every breathing session gets, wherever it runs: history records and sound cues.

The Breathe page, the triggered-moment flow and reminders all run a `PacerController`; each
calls `attach_session_services` once, so recording (checkpointed every 15 s, so a crash loses
at most that much) and cues are wired in one place. History writes and the sound probe
start after the pacer's first paint, so neither ever delays it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.engine import SessionStatus
from app.gui.context import AppContext
from app.logs import log
from app.gui.session.controller import PacerController
from widgets.first_paint import after_first_paint

CHECKPOINT_MS = 15_000


class SessionServices(QObject):
    """Records one session in the history and plays its cues; lives as long as its controller."""

    recorded = Signal(str)

    def __init__(self, controller: PacerController, context: AppContext, source: str) -> None:
        super().__init__(controller)
        self.controller = controller
        self.context = context
        self.source = source
        self.session_id: str | None = None
        self._started_at = context.wall_clock.now()
        self._ended = False
        self._checkpoints = QTimer(self)
        self._checkpoints.setInterval(CHECKPOINT_MS)
        self._checkpoints.timeout.connect(self.checkpoint)
        self._checkpoints.start()
        controller.finished.connect(self._on_finished)
        controller.statusChanged.connect(self._on_status)
        context.claim_session(self)
        self.cues = None
        if context.has_players() and self._wants_sound() and context.has_sound_player(self._sound_set()):
            self.cues = self._make_cue_driver()
        after_first_paint(controller.pacer, self._begin)

    def _sound_set(self) -> str:
        from app.audio.sets import resolve_sound_set

        return resolve_sound_set(self.controller.exercise.sound, self.context.settings.sound_set)

    def _wants_sound(self) -> bool:
        from app.audio.sets import NO_SOUND

        return self.context.settings.sound_enabled and self._sound_set() != NO_SOUND

    def _make_cue_driver(self):
        """Cues for this session; the first player is made after the first frame (it probes the system)."""
        from app.audio.cue_driver import CueDriver

        player = self.context.sound_player(self._sound_set())
        driver = CueDriver(self.controller.session, self.context.clock, player, parent=self)
        driver.start()
        if self.controller.state().status == SessionStatus.PAUSED:
            driver.pause()
        return driver

    def _begin(self) -> None:
        if self.controller.state().status == SessionStatus.READY:
            # Waiting for the user to begin (after reading a caution): nothing to record or cue yet.
            self.controller.statusChanged.connect(self._begin_once_running)
            return
        if self.cues is None and self._wants_sound() and not self.controller.state().ended:
            self.cues = self._make_cue_driver()
        if self.session_id is not None:
            return
        exercise = self.controller.exercise
        self.session_id = self.context.history.begin_session(
            exercise.id, exercise.name, exercise.planned_seconds, self.source, at=self._started_at
        )
        self.recorded.emit(self.session_id)
        if self._ended:
            self._write_end()

    def _begin_once_running(self, status: str) -> None:
        if status != SessionStatus.READY:
            self.controller.statusChanged.disconnect(self._begin_once_running)
            self._started_at = self.context.wall_clock.now()
            self._begin()

    def stop_for_another(self) -> None:
        """Another session started: end this one (it is recorded as stopped, with its time)."""
        try:
            if not self.controller.state().ended:
                self.controller.stop()
        except RuntimeError:  # its controller is already gone with its page
            pass

    def checkpoint(self) -> None:
        if self.session_id is not None and not self._ended:
            self.context.history.checkpoint(self.session_id, self.controller.state().elapsed)

    def _on_status(self, status: str) -> None:
        if self.cues is None:
            return
        if status == SessionStatus.PAUSED:
            self.cues.pause()
        elif status == SessionStatus.RUNNING:
            self.cues.resume()

    def keep_going(self) -> None:
        """The session carries on past its end: record it as running again, cues too."""
        self._ended = False
        self._checkpoints.start()
        if self.cues is not None:
            self.cues.resume()

    def _on_finished(self, _state: object) -> None:
        self._ended = True
        self._checkpoints.stop()
        if self.session_id is not None:
            self._write_end()

    def _write_end(self) -> None:
        state = self.controller.state()
        status = "finished" if state.status == SessionStatus.FINISHED else "stopped"
        try:
            self.context.history.end_session(self.session_id, state.elapsed, status)
        except ValueError as error:  # a programming error must not stop the user's practice
            log.error("could not record the end of session %s: %r", self.session_id, error)


def attach_session_services(controller: PacerController, context: AppContext, source: str) -> SessionServices:
    return SessionServices(controller, context, source)


class SessionControlsMixin:
    """Pause and keep going, the same for every view that runs a session with services.

    The view has `controller`, `services` and `_on_status(status)` (which shows its buttons).
    """

    controller: PacerController | None
    services: SessionServices | None

    def toggle_pause(self) -> None:
        if self.controller is not None and not self.controller.state().ended:
            self.controller.toggle_pause()

    def keep_going(self) -> None:
        if self.controller is not None:
            self.controller.keep_going()
            if self.services is not None:
                self.services.keep_going()
            self._on_status(self.controller.state().status)  # type: ignore[attr-defined]
