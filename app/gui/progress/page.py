"""The Progress page: lays out the figures of app.core.progress.model.ProgressModel.

Imported only when the page is first opened (it brings pyqtgraph in through
widgets.progress_plots). The model decides what to read and when, and what it means; this page
builds the plots, tables and buttons, redraws the parts the model says changed, and forwards
what the user does (the period, the tab in view, the chosen entry, export and delete, whose
questions are asked over this page through `context.prompts`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.progress import words
from app.core.progress.figures import PERIODS, MomentsFigures, PracticeFigures, Row
from app.core.progress.model import Changed, ProgressModel, Screen
from app.gui.context import AppContext
from app.gui.progress.history_source import HistorySource
from app.gui.progress.table_model import RowsModel, rows_table
from widgets.progress_plots import DistressPlot, MinutesPlot

if TYPE_CHECKING:
    from app.core.progress.actions import Outcome

DISTRESS_HEIGHT = 230


def _wrapped(text: str = "", name: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setAccessibleName(name)
    return label


def _heading(text: str, scale: float = 1.15) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


class ProgressPage(QWidget):
    def __init__(self, context: AppContext, breathe_now: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        source = HistorySource(context.paths, lambda: context.history, context.wall_clock)
        self.model = ProgressModel(source, self._redraw)
        self.setAccessibleName("Progress")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        top = QHBoxLayout()
        top.addWidget(_heading("Progress", 1.4))
        top.addStretch(1)
        self.period = QComboBox()
        self.period.setAccessibleName("Period")
        for days in PERIODS:
            self.period.addItem(words.period_choice(days), days)
        self.period.setCurrentIndex(PERIODS.index(self.model.period))
        self.period.currentIndexChanged.connect(lambda _i: self.model.set_period(int(self.period.currentData())))
        self.as_table = QCheckBox("Show as &table")
        self.as_table.setAccessibleName("Show as table")
        self.as_table.setToolTip("The same numbers as the charts, in tables you can read with the keyboard")
        self.as_table.toggled.connect(self._show_tables)
        self.export_button = QPushButton("&Export…")
        self.export_button.setAccessibleName("Export your history")
        self.export_button.setToolTip("Save your history as a CSV or JSON file")
        self.export_button.clicked.connect(lambda: self._tell(self.model.export(self.context.prompts(self))))
        self.controls = QWidget()
        controls = QHBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        for control in (self.period, self.as_table, self.export_button):
            controls.addWidget(control)
        top.addWidget(self.controls)
        outer.addLayout(top)

        self.states = QStackedWidget()
        outer.addWidget(self.states, 1)
        self.unavailable = self._build_unavailable()
        self.empty = self._build_empty(breathe_now)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Progress sections")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_practice(), "&Practice")
        self.moments_tab = QScrollArea()
        self.moments_tab.setWidgetResizable(True)
        self.moments_tab.setFrameShape(QFrame.Shape.NoFrame)
        self.tabs.addTab(self.moments_tab, "&Moments")
        self.tabs.addTab(self._build_entries(), "&Your entries")
        self.screens = {Screen.UNREADABLE: self.unavailable, Screen.EMPTY: self.empty, Screen.FIGURES: self.tabs}
        for screen in self.screens.values():
            self.states.addWidget(screen)
        self.distress_plot: DistressPlot | None = None
        self.tabs.currentChanged.connect(
            lambda _index: self.model.look_at_moments(self.tabs.currentWidget() is self.moments_tab))
        self._apply_palette()
        self._redraw(Changed.SCREEN)

    # -- building ------------------------------------------------------------------------------
    def _build_unavailable(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.unavailable_label = _wrapped(words.UNREADABLE_TEXT, "History unavailable")
        layout.addWidget(self.unavailable_label)
        layout.addStretch(1)
        return box

    def _build_empty(self, breathe_now: Callable[[], object]) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        title = _heading(words.EMPTY_TITLE, 1.3)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)
        text = _wrapped(words.EMPTY_TEXT, "No practice yet")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_breathe = QPushButton("Breathe now")
        self.empty_breathe.setAccessibleName("Breathe now")
        self.empty_breathe.setToolTip("Start calming breaths right away (Ctrl+B)")
        self.empty_breathe.clicked.connect(breathe_now)
        self.empty_breathe.setMinimumWidth(180)
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addWidget(text)
        layout.addSpacing(16)
        layout.addWidget(self.empty_breathe, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return box

    def _build_practice(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.practice_summary = _wrapped(name="Practice summary")
        self.streak_summary = _wrapped(name="Runs of practice")
        self.minutes_plot = MinutesPlot()
        self.minutes_table = rows_table(words.MINUTES_HEADERS, words.MINUTES_TABLE_NAME)
        self.minutes_views = QStackedWidget()
        self.minutes_views.addWidget(self.minutes_plot)
        self.minutes_views.addWidget(self.minutes_table)
        layout.addWidget(self.practice_summary)
        layout.addWidget(self.streak_summary)
        layout.addWidget(self.minutes_views, 1)
        return box

    def _build_moments(self) -> DistressPlot:
        """Built the first time the Moments tab is looked at, so opening the page stays quick."""
        box = QWidget()
        layout = QVBoxLayout(box)
        self.moments_summary = _wrapped(name="Moments summary")
        self.moments_empty = _wrapped(words.MOMENTS_EMPTY, "No moments yet")
        layout.addWidget(self.moments_summary)
        layout.addWidget(self.moments_empty)

        plot = DistressPlot()
        self.distress_legend = QLabel()
        self.distress_legend.setAccessibleName("Chart legend")
        plot_box = QWidget()
        plot_layout = QVBoxLayout(plot_box)
        plot_layout.setContentsMargins(0, 0, 0, 0)
        plot_layout.addWidget(plot, 1)
        plot_layout.addWidget(self.distress_legend)
        self.distress_table = rows_table(words.DISTRESS_HEADERS, words.DISTRESS_TABLE_NAME)
        self.distress_views = QStackedWidget()
        self.distress_views.addWidget(plot_box)
        self.distress_views.addWidget(self.distress_table)
        self.distress_views.setFixedHeight(DISTRESS_HEIGHT)
        self.distress_views.setCurrentIndex(1 if self.as_table.isChecked() else 0)
        layout.addWidget(self.distress_views)

        self.rankings: dict[str, tuple[QLabel, QTableView]] = {}
        for spec in words.RANKINGS:
            heading = QLabel(spec.title)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            table = rows_table(spec.headers, spec.title)
            table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            layout.addSpacing(6)
            layout.addWidget(heading)
            layout.addWidget(table)
            self.rankings[spec.key] = (heading, table)
        layout.addStretch(1)
        self.moments_tab.setWidget(box)
        self.distress_plot = plot
        self._apply_palette()
        return plot

    def _build_entries(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addWidget(_wrapped(words.ENTRIES_INTRO))
        self.entries = QListWidget()
        self.entries.setAccessibleName("Your entries")
        self.entries.currentRowChanged.connect(self.model.select)
        layout.addWidget(self.entries, 1)
        row = QHBoxLayout()
        self.delete_button = QPushButton("&Delete…")
        self.delete_button.setAccessibleName("Delete the selected entry")
        self.delete_button.setToolTip("Delete the selected entry, after asking (Delete)")
        self.delete_button.clicked.connect(self.delete_selected)
        self.delete_all_button = QPushButton("Delete &all history…")
        self.delete_all_button.setAccessibleName("Delete all history")
        self.delete_all_button.clicked.connect(lambda: self._tell(self.model.delete_all(self.context.prompts(self))))
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.delete_all_button)
        layout.addLayout(row)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.entries,
                             context=Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.delete_selected)
        return box

    # -- binding to the model ----------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        self.model.refresh()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)

    def _redraw(self, changed: Changed) -> None:
        model = self.model
        if Changed.PERIOD in changed:
            self.period.blockSignals(True)
            self.period.setCurrentIndex(PERIODS.index(model.period))
            self.period.blockSignals(False)
        if Changed.PRACTICE in changed and model.practice is not None:
            self._show_practice(model.practice)
        if Changed.ENTRIES in changed:
            self._show_entries()
        if Changed.SELECTION in changed:
            self.delete_button.setEnabled(model.can_delete)
        if Changed.MOMENTS in changed and model.moments is not None:
            self._show_moments(model.moments)
        if Changed.SCREEN in changed:
            self.states.setCurrentWidget(self.screens[model.screen])
            self.controls.setVisible(model.screen is Screen.FIGURES)

    def _show_practice(self, practice: PracticeFigures) -> None:
        self.practice_summary.setText(practice.summary)
        self.streak_summary.setText(practice.streaks)
        self.streak_summary.setVisible(bool(practice.streaks))
        self.minutes_plot.set_data(practice.days, practice.minutes, practice.bar_labels)
        self.minutes_plot.setAccessibleDescription(practice.summary)
        self._set_rows(self.minutes_table, practice.rows)
        self.minutes_table.scrollToBottom()

    def _show_moments(self, moments: MomentsFigures) -> None:
        plot = self.distress_plot or self._build_moments()
        self.moments_summary.setText(moments.summary)
        self.moments_summary.setVisible(moments.moment_count > 0)
        self.moments_empty.setVisible(moments.moment_count == 0)
        self.distress_views.setVisible(bool(moments.pairs))
        plot.set_pairs(moments.pairs, moments.pair_labels)
        self._set_rows(self.distress_table, moments.distress_rows)
        for ranking in moments.rankings:
            heading, table = self.rankings[ranking.spec.key]
            self._set_rows(table, ranking.rows)
            heading.setVisible(bool(ranking.rows))
            table.setVisible(bool(ranking.rows))
            self._fit_height(table)

    def _show_entries(self) -> None:
        """The list again, with the model's selection (the refill itself selects nothing)."""
        self.entries.blockSignals(True)
        self.entries.clear()
        self.entries.addItems([entry.description for entry in self.model.entries])
        index = self.model.selected_index
        self.entries.setCurrentRow(-1 if index is None else index)
        self.entries.blockSignals(False)
        self.delete_button.setEnabled(self.model.can_delete)

    @staticmethod
    def _set_rows(view: QTableView, rows: Sequence[Row]) -> None:
        model = view.model()
        assert isinstance(model, RowsModel)
        model.set_rows(rows)

    @staticmethod
    def _fit_height(table: QTableView) -> None:
        rows = table.model().rowCount()
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        height += rows * table.verticalHeader().defaultSectionSize()
        table.setFixedHeight(height)

    def _show_tables(self, on: bool) -> None:
        self.minutes_views.setCurrentIndex(1 if on else 0)
        if self.distress_plot is not None:
            self.distress_views.setCurrentIndex(1 if on else 0)

    def _apply_palette(self) -> None:
        palette = self.palette()
        self.minutes_plot.apply_palette(palette)
        if self.distress_plot is not None:
            self.distress_plot.apply_palette(palette)
            muted = palette.color(palette.ColorRole.PlaceholderText).name()
            strong = palette.color(palette.ColorRole.Highlight).name()
            self.distress_legend.setText(
                f'<span style="color:{muted}">○</span> before &nbsp; <span style="color:{strong}">●</span> after'
                " &nbsp; (0 calm, 10 most distressed)")

    # -- forwarding what the user does ---------------------------------------------------------------
    def delete_selected(self) -> None:
        self._tell(self.model.delete_selected(self.context.prompts(self)))

    def _tell(self, outcome: Outcome) -> None:
        if outcome.text:
            self.context.notify(outcome.text, outcome.level, key=outcome.key or None)
