"""What every page shares: the data folder, settings, the exercise library, and notices.

Pages get this one object instead of reaching for globals, and tests build it around a
temporary folder. Changing a setting goes through `update_settings`, which saves atomically and
tells the user (once) if the data folder cannot be written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.clock import Clock, MonotonicClock
from app.core.library import ExerciseLibrary, load_library
from app.core.settings import Settings, save_settings
from app.gui.theme import reduced_motion_for
from app.paths import DataPaths

Notify = Callable[..., Any]


class AppContext(QObject):
    settingsChanged = Signal(object)
    libraryChanged = Signal()

    def __init__(self, paths: DataPaths, settings: Settings, library: ExerciseLibrary, writable: bool = True, clock: Clock | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.library = library
        self.writable = writable
        self.clock: Clock = clock or MonotonicClock()
        self.notify: Notify = lambda *args, **kwargs: None

    @property
    def reduced_motion(self) -> bool:
        return reduced_motion_for(self.settings.motion)

    def update_settings(self, **changes: Any) -> bool:
        """Apply and save; False (and a notice) when the file could not be written."""
        self.settings = self.settings.with_changes(**changes)
        self.settingsChanged.emit(self.settings)
        try:
            self.paths.root.mkdir(mode=0o700, parents=True, exist_ok=True)
            save_settings(self.paths.settings, self.settings)
        except OSError as error:
            self.notify(
                f"Your settings apply now but could not be saved ({error.strerror or error}). They will be lost when Steady closes.",
                "warning",
                key="settings-unsaved",
            )
            return False
        return True

    def reload_library(self) -> None:
        self.library = load_library(self.paths.exercises)
        self.libraryChanged.emit()
