"""Plugs the Breathe page into the window and makes it the window's practice handler.

`install(window, context)` is one line in app/gui/features.py, installed first (a `steady
breathe` start needs the page before the first frame). The page is built at once, without its
exercise list, so a direct start paints its pacer first. Every practice session the window is
asked for (`steady breathe`, Breathe now without the flow, a pattern's "Breathe with it", a
reminder's Start) comes here through `MainWindow.start_breathing`, so no feature reaches into
this page; it is registered in ``window.features`` for tests and tools.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.gui.session.page import BreathePage

if TYPE_CHECKING:
    from app.core.model import Exercise
    from app.gui.context import AppContext
    from app.gui.main_window import MainWindow


class BreatheFeature:
    """The Breathe page in one window (the window's `PracticeHandler`)."""

    def __init__(self, window: MainWindow, context: AppContext) -> None:
        self.window = window
        self.page = BreathePage(context)
        self.page.sessionStarted.connect(self._session_started)
        window.add_page("breathe", "Breathe", lambda: self.page)
        window.set_practice_handler(self)

    def _session_started(self, _controller: object) -> None:
        self.window.note_pacer_shown(self.page.session.pacer)

    def start(self, exercise: Exercise | str, source: str, on_recorded: Callable[[str], object] | None = None) -> bool:
        # The session first, then the page: showing an idle Breathe page would build the
        # exercise list, which a direct start does not need before its first frame.
        if isinstance(exercise, str):
            started = self.page.start_exercise(exercise, source, on_recorded)
        else:
            self.page.start(exercise, source, on_recorded)
            started = True
        self.window.show_page("breathe")
        if started:
            self.page.session.pacer.setFocus()  # it could not take focus while its page was hidden
        return started

    def show_choices(self) -> None:
        self.window.show_page("breathe")
        self.page.show_chooser()


def install(window: MainWindow, context: AppContext) -> BreatheFeature:
    feature = BreatheFeature(window, context)
    window.features.add(feature)
    return feature
