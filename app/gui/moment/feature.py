"""Plugs the triggered moment into the window: the Moment page, `steady now`, Breathe now,
Ctrl+B, Get help now (Ctrl+H and a side-bar button), and the gentle check-in.

`install` plugs in through the window's declared points only: the page, the breathe-now handler
(Breathe now, Ctrl+B and a `now` request call it; `steady breathe` is unchanged), a side-bar
button, Ctrl+H, and each new flow's pacer announced with `window.note_pacer_shown`. The feature
registers itself in `window.features`. The check-in (app.core.moment.checkin) belongs here, not
to a flow, so it outlives the flow; its timers come from the context's timer factory, so tests
fire them by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QPushButton

if TYPE_CHECKING:
    from app.core.moment.checkin import CheckIn
    from app.gui.context import AppContext
    from app.gui.help_now import HelpNowDialog
    from app.gui.main_window import MainWindow
    from app.gui.moment.page import FlowView, MomentPage


class MomentFeature(QObject):
    """The triggered moment in one window: its page, Get help now, and the pending check-in."""

    def __init__(self, window: MainWindow, context: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self._page: MomentPage | None = None
        self._help: HelpNowDialog | None = None
        self._checkin: CheckIn | None = None
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

    def page(self) -> MomentPage:
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
    @property
    def checkin(self) -> CheckIn:
        """The check-in, made when first needed (no timers before anyone chose to wait)."""
        if self._checkin is None:
            from app.core.moment.checkin import CheckIn

            self._checkin = CheckIn(self.context.wall_clock, self.context.timers, self._check_in, owner=self)
        return self._checkin

    def schedule_checkin(self, minutes: int) -> str:
        return self.checkin.schedule(minutes)

    def _check_in(self, words: str) -> None:
        self.context.notify(words, "info", actions=[("Breathe now", self.window.breathe_now)], key="moment-checkin")

    def _quitting(self) -> None:
        if self._checkin is not None:
            self._checkin.drop()


def install(window: MainWindow, context: AppContext) -> MomentFeature:
    feature = MomentFeature(window, context)
    window.features.add(feature)
    return feature
