"""The main window: a side bar with "Breathe now" always in view, pages, and notices.

Features plug in only through the extension points declared here, never by setting
attributes on the window or reaching into its layouts:

- ``add_page(key, title, factory)``: a page in the side bar, built on first open, so start-up
  pays only for the page it shows; Ctrl+1 … Ctrl+5 follow CONVENTIONS.md's order;
- ``add_side_button(button)``: a button under "Breathe now" (Get help now);
- ``add_shortcut(keys, slot)``: a key that works anywhere in the app (Ctrl+H);
- ``set_breathe_now_handler(handler)``: what Breathe now, Ctrl+B and ``steady now`` start;
- ``set_practice_handler(handler)``: who runs a practice session (the Breathe page's feature,
  app.gui.session.feature); features ask for one with ``start_breathing(exercise, source)``
  and show the list with ``show_exercise_list()``, never reaching into that page;
- ``features``: the installed features, found by type (``window.features[MomentFeature]``);
- ``pacerShown`` / ``showing_pacer()`` / ``note_pacer_shown(pacer)``: which pacer is on screen,
  announced by the Breathe page and by any feature that shows a pacer of its own (the flow);
- ``show_unlisted_page(widget)`` / ``remove_unlisted_page(widget)``: a screen outside the side
  bar's list (the first-run welcome).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from app.core.safety import pick_moment_exercise
from app.gui import DEFAULT_WINDOW_SIZE
from app.gui.context import AppContext
from app.gui.handover import LaunchRequest
from app.logs import log
from widgets.notice_area import NoticeArea
from widgets.pacer import PacerWidget
from widgets.side_nav import PillButton, SideNav

if TYPE_CHECKING:
    from app.core.model import Exercise

PAGE_ORDER = ("breathe", "moment", "progress", "patterns", "settings")

FeatureT = TypeVar("FeatureT")


class PageSpec:
    """A registered page: built by `factory` on first open (a plain class: a dataclass costs
    0.3 ms to create on the way to the first frame)."""

    __slots__ = ("key", "title", "factory", "widget")

    def __init__(self, key: str, title: str, factory: Callable[[], QWidget]) -> None:
        self.key = key
        self.title = title
        self.factory = factory
        self.widget: QWidget | None = None


class Features:
    """The features installed in one window, one of each type, found by their type.

    Instead of attributes that features set on the window (which no type checker sees), a
    feature registers itself and others look it up with a type: ``window.features[MomentFeature]``
    is a MomentFeature, ``window.features.get(RemindersFeature)`` one or None.
    """

    def __init__(self) -> None:
        self._by_type: dict[type, object] = {}

    def add(self, feature: object) -> None:
        kind = type(feature)
        if kind in self._by_type:
            raise ValueError(f"a {kind.__name__} is installed in this window already")
        self._by_type[kind] = feature

    def get(self, kind: type[FeatureT]) -> FeatureT | None:
        found = self._by_type.get(kind)
        return found if isinstance(found, kind) else None

    def __getitem__(self, kind: type[FeatureT]) -> FeatureT:
        found = self.get(kind)
        if found is None:
            raise KeyError(f"no {kind.__name__} is installed in this window")
        return found


class PracticeHandler(Protocol):
    """Runs practice sessions for the window (app.gui.session.feature.BreatheFeature does)."""

    def start(self, exercise: Exercise | str, source: str, on_recorded: Callable[[str], object] | None = None) -> bool:
        """Show a session of `exercise` (or of the library's exercise with that id) breathing;
        `on_recorded` gets the history's id for it once written. False if it could not start."""
        ...

    def show_choices(self) -> None:
        """Show the exercises to choose from."""
        ...


class MainWindow(QMainWindow):
    pageChanged = Signal(str)
    #: A pacer was put on screen (PacerWidget): a session on the Breathe page, or a new flow.
    pacerShown = Signal(object)

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setWindowTitle("Steady")
        self.resize(*DEFAULT_WINDOW_SIZE)
        self._pages: dict[str, PageSpec] = {}
        self.features = Features()
        self._breathe_now_handler: Callable[[], object] | None = None
        self._practice_handler: PracticeHandler | None = None
        self._pacer: PacerWidget | None = None

        central = QWidget()
        outer = QHBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        side = QWidget()
        side.setObjectName("sidebar")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(12, 12, 12, 12)
        self.breathe_now_button = PillButton("Breathe now")
        self.breathe_now_button.setObjectName("breatheNow")
        self.breathe_now_button.setToolTip("Start calming breaths right away (Ctrl+B)")
        self.breathe_now_button.setAccessibleName("Breathe now")
        self.breathe_now_button.clicked.connect(self.breathe_now)
        side_layout.addWidget(self.breathe_now_button)
        side_layout.addSpacing(6)
        self.nav = SideNav()
        self.nav.setFixedWidth(150)
        self.nav.pageChosen.connect(self.show_page)
        side_layout.addWidget(self.nav, 1)
        self._side_layout = side_layout
        #: Buttons above the page list, "Breathe now" first; added ones go below it, in order.
        self._side_button_count = 1
        outer.addWidget(side)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        self.notices = NoticeArea(context.notices)
        right.addWidget(self.notices)
        self.stack = QStackedWidget()
        right.addWidget(self.stack, 1)
        outer.addLayout(right, 1)
        self.setCentralWidget(central)

        self.add_shortcut("Ctrl+B", self.breathe_now)
        self.add_shortcut("F1", self.show_help)
        for index, key in enumerate(PAGE_ORDER, start=1):
            self.add_shortcut(f"Ctrl+{index}", partial(self.show_page, key))

    # -- extension points ----------------------------------------------------------------
    def add_side_button(self, button: QWidget) -> None:
        """A button in the side bar, under "Breathe now" and any added before it."""
        self._side_layout.insertWidget(self._side_button_count, button)
        self._side_button_count += 1

    def add_shortcut(self, keys: str, slot: Callable[[], object]) -> QShortcut:
        """A key that works anywhere in the app, whichever page or dialog of Steady has focus."""
        shortcut = QShortcut(QKeySequence(keys), self, context=Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    def set_breathe_now_handler(self, handler: Callable[[], object]) -> None:
        """What Breathe now, Ctrl+B and `steady now` start (the triggered-moment flow); without
        one they start the calm default exercise on the Breathe page."""
        self._breathe_now_handler = handler

    def set_practice_handler(self, handler: PracticeHandler) -> None:
        """Who runs the practice sessions that `start_breathing` asks for (the Breathe page)."""
        self._practice_handler = handler

    def note_pacer_shown(self, pacer: PacerWidget) -> None:
        """A pacer is going on screen: remember it and tell `pacerShown`'s listeners."""
        self._pacer = pacer
        self.pacerShown.emit(pacer)

    def showing_pacer(self) -> PacerWidget | None:
        """The pacer shown last, while it exists."""
        if self._pacer is not None and not shiboken6.isValid(self._pacer):
            self._pacer = None
        return self._pacer

    def show_unlisted_page(self, widget: QWidget) -> None:
        """Show a screen that is not in the side bar's list (the welcome), until removed."""
        self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)

    def remove_unlisted_page(self, widget: QWidget) -> None:
        self.stack.removeWidget(widget)
        widget.deleteLater()

    # -- pages ---------------------------------------------------------------------------
    def add_page(self, key: str, title: str, factory: Callable[[], QWidget]) -> None:
        """Register a page; its widget is built the first time it is shown."""
        self._pages[key] = PageSpec(key, title, factory)
        order = sorted(self._pages, key=lambda k: PAGE_ORDER.index(k) if k in PAGE_ORDER else len(PAGE_ORDER))
        self.nav.set_pages([(k, self._pages[k].title) for k in order])

    def page(self, key: str) -> QWidget | None:
        spec = self._pages.get(key)
        if spec is None:
            return None
        if spec.widget is None:
            spec.widget = spec.factory()
            self.stack.addWidget(spec.widget)
        return spec.widget

    def show_page(self, key: str) -> bool:
        widget = self.page(key)
        if widget is None:
            return False
        self.stack.setCurrentWidget(widget)
        self.nav.select(key)
        self.pageChanged.emit(key)
        return True

    def current_page_key(self) -> str | None:
        current = self.stack.currentWidget()
        for key, spec in self._pages.items():
            if spec.widget is current and current is not None:
                return key
        return None

    # -- actions -------------------------------------------------------------------------
    def breathe_now(self) -> None:
        """The calm default, with nothing to choose: the triggered-moment flow (when installed), breathing first."""
        if self._breathe_now_handler is not None:
            self._breathe_now_handler()
            return
        self.start_breathing(None, source="breathe")

    def start_breathing(
        self, exercise: Exercise | str | None, source: str = "breathe", on_recorded: Callable[[str], object] | None = None
    ) -> bool:
        """A practice session of `exercise` (an Exercise, a library id, or None for the calm
        default of Breathe now), recorded with `source`; see `PracticeHandler.start`."""
        if self._practice_handler is None:
            return False
        if exercise is None:
            chosen = pick_moment_exercise(self.context.library.exercises, self.context.settings.moment_exercise)
            exercise = chosen.id if chosen is not None else self.context.settings.moment_exercise
        return self._practice_handler.start(exercise, source, on_recorded)

    def show_exercise_list(self) -> None:
        """The exercises to choose from (the Breathe page's list)."""
        if self._practice_handler is not None:
            self._practice_handler.show_choices()

    def show_help(self) -> None:
        from app.gui.help_dialog import HelpDialog

        HelpDialog(self).exec()

    def handle_request(self, request: LaunchRequest) -> None:
        """What a start of Steady asked for, from this process or a later one."""
        log.info("request: %s %s", request.command, request.exercise_id or "")
        if request.command == "now" and self._breathe_now_handler is not None:
            self._breathe_now_handler()
        elif request.command in ("breathe", "now"):
            self.start_breathing(request.exercise_id)
        elif self.current_page_key() is None:
            self.show_exercise_list()
        self.bring_forward()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing never silently loses practice: unsaved history is retried, then the user asked."""
        history = self.context.peek_history()
        if history is not None and history.unsaved_count() and not history.flush_pending():
            if not self.confirm_losing_unsaved(history.unsaved_count()):
                event.ignore()
                return
        super().closeEvent(event)

    def confirm_losing_unsaved(self, count: int) -> bool:
        noun = "record" if count == 1 else "records"
        return self.context.prompts(self).confirm(
            "Practice not saved",
            f"{count} practice {noun} could not be saved, because Steady cannot write to its data folder "
            f"({self.context.paths.root}). If you close Steady now, {'it' if count == 1 else 'they'} will be lost.",
            "Close anyway",
            "Keep Steady open",
            warning=True,
        )

    def bring_forward(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
