"""Plugs the triggered moment into the window: the Moment page, `steady now`, Breathe now,
Ctrl+B, Get help now (Ctrl+H and a side-bar button), and the gentle check-in.

`install` plugs in through the window's declared points only: the page, the breathe-now handler
(Breathe now, Ctrl+B and a `now` request call it; `steady breathe` is unchanged), a side-bar
button, Ctrl+H, and each new flow's pacer announced with `window.note_pacer_shown`. The feature
registers itself in `window.features`. The check-in timer belongs here, not to a flow, so it
outlives the flow; it comes from the context's timer factory, so tests fire it by hand.

The check-in was promised for a time of day ("at about 2:20 pm"), so it is kept by the wall
clock. A QTimer counts on the monotonic clock, which stands still while the computer sleeps:
after a suspend it alone would come late by the length of the sleep. So a coarse re-check runs
once a minute while (and only while) a check-in is pending and compares the wall clock with the
due time; the single-shot timer still brings it on time when nothing unusual happened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QPushButton

from app.logs import log

if TYPE_CHECKING:
    from app.gui.context import AppContext
    from app.gui.help_now import HelpNowDialog
    from app.gui.main_window import MainWindow
    from app.gui.moment.page import FlowView, MomentPage

MS_PER_MINUTE = 60_000
#: How often a pending check-in compares the wall clock with its due time (after a sleep).
CHECKIN_RECHECK_MS = 60_000
#: A check-in this much later than promised says "a while ago" rather than the minutes chosen.
CHECKIN_LATE_SECONDS = 300.0


class MomentFeature(QObject):
    """The triggered moment in one window: its page, Get help now, and the pending check-in."""

    def __init__(self, window: "MainWindow", context: "AppContext") -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self._page: MomentPage | None = None
        self._help: HelpNowDialog | None = None
        self.checkin = context.timers(self._check_in, single_shot=True, owner=self)
        self.checkin_recheck = context.timers(self._recheck_checkin, single_shot=False, owner=self)
        self._checkin_minutes = 0
        self._checkin_due: float | None = None
        window.add_page("moment", "Moment", self.page)
        window.set_breathe_now_handler(self.start)
        self.help_button = QPushButton("Get help now")
        self.help_button.setObjectName("helpNow")
        self.help_button.setAccessibleName("Get help now")
        self.help_button.setToolTip("Crisis lines, if it feels like too much (Ctrl+H)")
        self.help_button.clicked.connect(self.show_help)
        window.add_side_button(self.help_button)
        window.add_shortcut("Ctrl+H", self.show_help)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._quitting)

    def page(self) -> "MomentPage":
        if self._page is None:
            from app.gui.moment.page import MomentPage

            self._page = MomentPage(self.context, self.schedule_checkin, self.show_help)
            self._page.flowStarted.connect(self._flow_started)
        return self._page

    def _flow_started(self, view: FlowView) -> None:
        self.window.note_pacer_shown(view.pacer)

    def start(self) -> None:
        """Breathe now / `steady now`: start the flow, or bring an open one forward."""
        page = self.page()
        page.start_flow()
        self.window.show_page("moment")
        if page.view is not None:
            page.view.current.enter()

    def show_help(self) -> None:
        from app.gui.help_now import HelpNowDialog

        if self._help is None:
            self._help = HelpNowDialog(self.context, self.window)
        self._help.show()
        self._help.raise_()
        self._help.activateWindow()

    # -- check-in ------------------------------------------------------------------------
    def schedule_checkin(self, minutes: int) -> str:
        from app.gui.moment.draft_pad import clock_words

        self._checkin_minutes = minutes
        at = self.context.wall_clock.now() + minutes * 60
        self._checkin_due = at
        self.checkin.start(minutes * MS_PER_MINUTE)
        self.checkin_recheck.start(CHECKIN_RECHECK_MS)
        log.info("check-in in %d minutes", minutes)
        return (
            f"Steady will check in at about {clock_words(at)}, here in this window. "
            "If you close Steady before then, the check-in is dropped."
        )

    def _recheck_checkin(self) -> None:
        """Once a minute while one is pending: has the wall clock reached the promised time?"""
        if self._checkin_due is None:
            self.checkin_recheck.stop()
        elif self.context.wall_clock.now() >= self._checkin_due:
            log.info("check-in due by the wall clock (the computer slept, or the clock moved)")
            self._check_in()

    def _check_in(self) -> None:
        self.checkin.stop()
        self.checkin_recheck.stop()
        minutes = self._checkin_minutes
        due, self._checkin_due = self._checkin_due, None
        late = due is not None and self.context.wall_clock.now() - due > CHECKIN_LATE_SECONDS
        chose = "You chose to wait a while ago." if late else f"You chose to wait, {minutes} minutes ago."
        self.context.notify(
            f"{chose} How are you now? Whatever you feel, it makes sense. "
            "You can breathe again, or simply carry on.",
            "info",
            actions=[("Breathe now", self.window.breathe_now)],
            key="moment-checkin",
        )

    def _quitting(self) -> None:
        if self.checkin.is_active() or self.checkin_recheck.is_active():
            log.info("Steady quit before the check-in; it is dropped, as the user was told")
            self.checkin.stop()
            self.checkin_recheck.stop()
            self._checkin_due = None


def install(window: "MainWindow", context: "AppContext") -> MomentFeature:
    feature = MomentFeature(window, context)
    window.features.add(feature)
    return feature
