"""What every page shares: the data folder, settings, the exercise library, and the services.

Pages get this one object instead of reaching for globals, and tests build it around a
temporary folder and fake services. The services (clocks, timers, sound players, prompts, the
time zone, the notices) come in at construction, built once by the bootstrap
(app.gui.services), and are read-only here: nothing swaps one after the app is wired. Changing
a setting goes through `update_settings`, which saves atomically and tells the user (once) if
the data folder cannot be written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from app.core.clock import MonotonicClock, WallClock
from app.core.library import ExerciseLibrary, load_library
from app.core.notices import Notice, NoticeAction, Notices
from app.core.settings import Settings, save_settings
from app.core.timers import Timer, TimerFactory
from app.gui.services import PromptsFactory, Services, ZoneSource
from app.gui.theme import reduced_motion_for
from app.paths import DataPaths

if TYPE_CHECKING:
    from app.audio import Player
    from app.history import ResilientHistory


#: Remembered in settings.yaml once the user was told that this machine plays no sound.
TOLD_NO_SOUND = "told_no_sound"

#: How often unsaved history is retried while the data folder cannot be written (timer runs only then).
HISTORY_RETRY_MS = 30_000


class AppContext(QObject):
    settingsChanged = Signal(object)
    libraryChanged = Signal()

    def __init__(
        self, paths: DataPaths, settings: Settings, library: ExerciseLibrary, services: Services, writable: bool = True
    ) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.library = library
        self.writable = writable
        self.services = services
        self._history: ResilientHistory | None = None
        #: Settings changed in memory whose write waits for quitting (see _sound_unavailable).
        self._settings_unsaved = False
        self._retry_timer: Timer | None = None
        self._active_session: Any = None
        self._players: dict[str, Player] = {}
        self._players_volume = settings.volume
        #: Why sound cues are off on this machine, once a player found out (Settings shows it).
        self.sound_problem: str | None = None

    # -- the services, read-only -----------------------------------------------------------
    @property
    def clock(self) -> MonotonicClock:
        """Monotonic time: breathing and intervals."""
        return self.services.clock

    @property
    def wall_clock(self) -> WallClock:
        """Seconds since the epoch: history, reminders, check-ins."""
        return self.services.wall_clock

    @property
    def timers(self) -> TimerFactory:
        return self.services.timers

    @property
    def zone(self) -> ZoneSource:
        return self.services.zone

    @property
    def prompts(self) -> PromptsFactory:
        """`context.prompts(parent)` asks the user something over `parent` (app.gui.prompts)."""
        return self.services.prompts

    @property
    def notices(self) -> Notices:
        return self.services.notices

    def notify(
        self, text: str, level: str = "info", actions: Sequence[NoticeAction] = (), key: str | None = None
    ) -> Notice:
        """Tell the user something without stopping them (see app.core.notices)."""
        return self.services.notices.show(text, level, actions, key)

    def claim_session(self, services: Any) -> None:
        """Make `services` the one session that breathes; the one before it (anywhere) stops.

        Two pacers at different paces, each with its own cues, would be the opposite of calm:
        a reminder's Start, Breathe now or `steady breathe` always replaces what was running.
        """
        previous, self._active_session = self._active_session, services
        if previous is not None and previous is not services:
            previous.stop_for_another()

    def has_players(self) -> bool:
        """Whether any player was made yet (cheap: answers before any sound module is imported)."""
        return bool(self._players)

    def has_sound_player(self, sound_set: str) -> bool:
        return sound_set in self._players and self._players_volume == self.settings.volume

    def sound_player(self, sound_set: str) -> Player:
        """One player per sound set (made again when the volume changed); silent when no sound is possible."""
        if self._players_volume != self.settings.volume:
            self._close_players()
            self._players_volume = self.settings.volume
        if sound_set not in self._players:
            self._players[sound_set] = self.services.player_factory(sound_set, self.settings.volume, self._sound_unavailable)
        return self._players[sound_set]

    def _close_players(self) -> None:
        for player in self._players.values():
            close = getattr(player, "close", None)
            if close is not None:
                close()
        self._players.clear()

    def _sound_unavailable(self, text: str) -> None:
        """Say once per data folder (not at every start, and never again in a hard moment) why cues are off."""
        self.sound_problem = text
        if not self.settings.extra.get(TOLD_NO_SOUND):
            self.notify(text, "info", key="sound")
            # Remembered now, written when Steady closes (or with the next settings change):
            # writing settings.yaml loads the YAML writer and reader (about 5 MB) into a session
            # that otherwise never needs them. Lost only if Steady is killed: then the note shows once more.
            self.settings = self.settings.with_changes(extra={**self.settings.extra, TOLD_NO_SOUND: True})
            self._settings_unsaved = True

    @property
    def history(self) -> ResilientHistory:
        """The practice history, opened on first use so that it never delays the first frame.

        Storage failures never reach the caller: writes are kept in memory and the user is told
        once (see app.history.resilient).
        """
        if self._history is None:
            from app.history import ResilientHistory

            self._history = ResilientHistory.open(
                self.paths,
                self.wall_clock,
                on_unavailable=self._history_unavailable,
                on_available=self._history_available,
                on_notice=self._history_recovered,
            )
        return self._history

    def peek_history(self) -> ResilientHistory | None:
        """The history if it was opened; never opens it (for quitting)."""
        return self._history

    def _history_recovered(self, text: str) -> None:
        self.notify(text, "warning", key="history-recovery")

    def _history_unavailable(self, text: str) -> None:
        self.notify(text, "warning", key="history")
        if self._retry_timer is None:
            self._retry_timer = self.timers(self._retry_history, single_shot=False, owner=self)
        self._retry_timer.start(HISTORY_RETRY_MS)

    def _retry_history(self) -> None:
        if self._history is not None:
            self._history.flush_pending()

    def _history_available(self, text: str) -> None:
        self.notify(text, "info", key="history")
        if self._retry_timer is not None:
            self._retry_timer.stop()

    def close(self) -> int:
        """Steady is quitting: write what was kept for later, close the history; returns how many
        history records could not be written."""
        try:
            if self._settings_unsaved:
                self.update_settings()
        finally:
            unsaved = self.close_history()  # whatever happened above
        return unsaved

    def close_history(self) -> int:
        """Save what can be saved; returns how many records could not be written."""
        if self._history is None:
            return 0
        unsaved = self._history.close()
        self._history = None
        return unsaved

    @property
    def reduced_motion(self) -> bool:
        return reduced_motion_for(self.settings.motion)

    def update_settings(self, **changes: Any) -> bool:
        """Apply and save; False (and a notice) when the file could not be written."""
        self.settings = self.settings.with_changes(**changes)
        self._settings_unsaved = False
        self.settingsChanged.emit(self.settings)
        try:
            self.paths.root.mkdir(mode=0o700, parents=True, exist_ok=True)
            saved = save_settings(self.paths.settings, self.settings)
        except (OSError, ValueError) as error:  # ValueError: text Steady could not read back (a bug)
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            self.notify(
                f"Your settings apply now but could not be saved ({reason}). They will be lost when Steady closes.",
                "warning",
                key="settings-unsaved",
            )
            return False
        self.settings = saved.settings
        if saved.set_aside_as is not None:
            self.notify(
                f"Your settings file could not be read, so Steady kept it as {saved.set_aside_as.name} "
                "beside the new one, which has your change.",
                "info",
                key="settings-set-aside",
            )
        return True

    def reload_library(self) -> None:
        self.library = load_library(self.paths.exercises)
        self.libraryChanged.emit()
