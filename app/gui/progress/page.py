"""The Progress page: minutes per day, kind streaks, what eases hard moments, your entries.

Imported only when the page is first opened (it brings pyqtgraph in through
widgets.progress_plots). It reads through `context.history` only, refreshes when shown if the
history changed since the last look (a change counter, so a session that just ended, a moment
from the flow or a reminder all show up, and an unchanged history costs nothing), and shows a
plain message instead of failing when the history cannot be read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.gui.context import AppContext
from app.gui.progress.data import (
    DEFAULT_PERIOD,
    EMPTY_TEXT,
    EMPTY_TITLE,
    MOMENTS_EMPTY,
    PERIODS,
    Entry,
    ProgressData,
    count_rows,
    day_label,
    distress_rows,
    format_minutes,
    helpful_rows,
    history_fingerprint,
    load_moments,
    load_progress,
    minutes_rows,
    moments_summary,
    practice_summary,
    streak_summary,
)
from app.gui.progress.table_model import RowsModel, rows_table
from app.history.records import MomentStats
from app.logs import log
from widgets.progress_plots import DistressPlot, MinutesPlot

if TYPE_CHECKING:
    from app.gui.progress.actions import Outcome
    from app.gui.prompts import Prompts

DISTRESS_HEIGHT = 230
UNAVAILABLE_TEXT = (
    "Your history can't be read right now, so there is nothing to show here. "
    "Your practice still counts: Steady keeps what you do in memory and saves it as soon as it can."
)


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
    def __init__(
        self,
        context: AppContext,
        breathe_now: Callable[[], object],
        prompts: "Prompts | None" = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._prompts = prompts
        self.data: ProgressData | None = None
        self._fingerprint: object = None
        self._moments_shown_for: ProgressData | None = None
        self.setAccessibleName("Progress")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        top = QHBoxLayout()
        top.addWidget(_heading("Progress", 1.4))
        top.addStretch(1)
        self.period = QComboBox()
        self.period.setAccessibleName("Period")
        for days in PERIODS:
            self.period.addItem(f"Last {days} days", days)
        self.period.setCurrentIndex(PERIODS.index(DEFAULT_PERIOD))
        self.period.currentIndexChanged.connect(lambda _i: self.refresh(force=True))
        self.as_table = QCheckBox("Show as &table")
        self.as_table.setAccessibleName("Show as table")
        self.as_table.setToolTip("The same numbers as the charts, in tables you can read with the keyboard")
        self.as_table.toggled.connect(self._show_tables)
        self.export_button = QPushButton("&Export…")
        self.export_button.setAccessibleName("Export your history")
        self.export_button.setToolTip("Save your history as a CSV or JSON file")
        self.export_button.clicked.connect(self.export)
        self.controls = QWidget()
        controls = QHBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        for widget in (self.period, self.as_table, self.export_button):
            controls.addWidget(widget)
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
        for widget in (self.unavailable, self.empty, self.tabs):
            self.states.addWidget(widget)
        self.distress_plot: DistressPlot | None = None
        self.tabs.currentChanged.connect(lambda _index: self._show_moments_if_looked_at())
        self._apply_palette()

    # -- building ------------------------------------------------------------------------------
    def _build_unavailable(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.unavailable_label = _wrapped(UNAVAILABLE_TEXT, "History unavailable")
        layout.addWidget(self.unavailable_label)
        layout.addStretch(1)
        return box

    def _build_empty(self, breathe_now: Callable[[], object]) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        title = _heading(EMPTY_TITLE, 1.3)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)
        text = _wrapped(EMPTY_TEXT, "No practice yet")
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
        self.minutes_table = rows_table(("Date", "Minutes"), "Minutes practised each day")
        self.minutes_views = QStackedWidget()
        self.minutes_views.addWidget(self.minutes_plot)
        self.minutes_views.addWidget(self.minutes_table)
        layout.addWidget(self.practice_summary)
        layout.addWidget(self.streak_summary)
        layout.addWidget(self.minutes_views, 1)
        return box

    def _build_moments(self) -> None:
        """Built the first time the Moments tab is looked at, so opening the page stays quick."""
        box = QWidget()
        layout = QVBoxLayout(box)
        self.moments_summary = _wrapped(name="Moments summary")
        self.moments_empty = _wrapped(MOMENTS_EMPTY, "No moments yet")
        layout.addWidget(self.moments_summary)
        layout.addWidget(self.moments_empty)

        self.distress_plot = DistressPlot()
        self.distress_legend = QLabel()
        self.distress_legend.setAccessibleName("Chart legend")
        plot_box = QWidget()
        plot_layout = QVBoxLayout(plot_box)
        plot_layout.setContentsMargins(0, 0, 0, 0)
        plot_layout.addWidget(self.distress_plot, 1)
        plot_layout.addWidget(self.distress_legend)
        self.distress_table = rows_table(("Date", "Before", "After", "Eased by"), "Distress before and after each moment")
        self.distress_views = QStackedWidget()
        self.distress_views.addWidget(plot_box)
        self.distress_views.addWidget(self.distress_table)
        self.distress_views.setFixedHeight(DISTRESS_HEIGHT)
        self.distress_views.setCurrentIndex(1 if self.as_table.isChecked() else 0)
        layout.addWidget(self.distress_views)

        self.rankings: dict[str, tuple[QLabel, QTableView]] = {}
        specs = (
            ("exercises", "Exercises that eased it most", ("Exercise", "Moments", "Eased by")),
            ("anchors", "Anchors that eased it most", ("Anchor", "Moments", "Eased by")),
            ("triggers", "What set it off most often", ("Trigger", "Times")),
            ("signals", "Signals you noticed most often", ("Signal", "Times")),
        )
        for key, title, headers in specs:
            heading = QLabel(title)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            table = rows_table(headers, title)
            table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            layout.addSpacing(6)
            layout.addWidget(heading)
            layout.addWidget(table)
            self.rankings[key] = (heading, table)
        layout.addStretch(1)
        self.moments_tab.setWidget(box)
        self._apply_palette()

    def _build_entries(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addWidget(_wrapped(
            "Your most recent sessions and moments. Deleting one removes it from this computer for good."
        ))
        self.entries = QListWidget()
        self.entries.setAccessibleName("Your entries")
        self.entries.currentRowChanged.connect(lambda _row: self._update_entry_buttons())
        layout.addWidget(self.entries, 1)
        row = QHBoxLayout()
        self.delete_button = QPushButton("&Delete…")
        self.delete_button.setAccessibleName("Delete the selected entry")
        self.delete_button.setToolTip("Delete the selected entry, after asking (Delete)")
        self.delete_button.clicked.connect(self.delete_selected)
        self.delete_all_button = QPushButton("Delete &all history…")
        self.delete_all_button.setAccessibleName("Delete all history")
        self.delete_all_button.clicked.connect(self.delete_all)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.delete_all_button)
        layout.addLayout(row)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.entries,
                             context=Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.delete_selected)
        return box

    # -- showing data ------------------------------------------------------------------------------
    @property
    def period_days(self) -> int:
        return int(self.period.currentData())

    def set_period(self, days: int) -> None:
        self.period.setCurrentIndex(PERIODS.index(days))

    def showEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        self.refresh()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)

    def refresh(self, force: bool = False) -> None:
        """Read the history again if it changed (or `force`), and show it."""
        try:
            history = self.context.history
            fingerprint = (history_fingerprint(history), self.period_days)
            if not force and fingerprint == self._fingerprint:
                return
            if history.store is None:
                self._show_state(self.unavailable)
                self._fingerprint = None
                return
            data = load_progress(history, self.period_days)
        except Exception:  # noqa: BLE001 - the page must never take the window down
            log.exception("the Progress page could not read the history")
            self._fingerprint = None
            self._show_state(self.unavailable)
            return
        self._fingerprint = fingerprint
        self.data = data
        if data.is_empty:
            self._show_state(self.empty)
            return
        self._show_practice(data)
        self._show_entries(data)
        self._show_state(self.tabs)
        self._show_moments_if_looked_at()

    def _show_state(self, widget: QWidget) -> None:
        self.states.setCurrentWidget(widget)
        self.controls.setVisible(widget is self.tabs)

    def _show_practice(self, data: ProgressData) -> None:
        self.practice_summary.setText(practice_summary(data))
        streaks = streak_summary(data.streaks)
        self.streak_summary.setText(streaks)
        self.streak_summary.setVisible(bool(streaks))
        days = [d.day for d in data.days]
        minutes = [d.minutes for d in data.days]
        labels = [f"{day_label(d.day)}: {format_minutes(d.minutes)} min" for d in data.days]
        self.minutes_plot.set_data(days, minutes, labels)
        self.minutes_plot.setAccessibleDescription(practice_summary(data))
        self._set_rows(self.minutes_table, minutes_rows(data))
        self.minutes_table.scrollToBottom()

    def _show_moments_if_looked_at(self) -> None:
        data = self.data
        if data is None or self.tabs.currentWidget() is not self.moments_tab or self._moments_shown_for is data:
            return
        if self.distress_plot is None:
            self._build_moments()
        try:
            stats = load_moments(self.context.history, data)
        except Exception:  # noqa: BLE001 - the page must never take the window down
            log.exception("the Progress page could not read moment statistics")
            self._show_state(self.unavailable)
            return
        self._moments_shown_for = data
        self._show_moments(data, stats)

    def _show_moments(self, data: ProgressData, stats: MomentStats) -> None:
        self.moments_summary.setText(moments_summary(stats, data.period))
        self.moments_summary.setVisible(stats.total_moments > 0)
        self.moments_empty.setVisible(stats.total_moments == 0)
        self.distress_views.setVisible(bool(stats.pairs))
        rows = distress_rows(stats)
        labels = [f"{day}: before {before}, after {after}" for day, before, after, _drop in rows]
        self.distress_plot.set_pairs([(p.day, p.before, p.after) for p in stats.pairs], labels)
        self._set_rows(self.distress_table, rows)
        for key, rows in (("exercises", helpful_rows(stats.by_exercise)),
                          ("anchors", helpful_rows(stats.by_anchor)),
                          ("triggers", count_rows(stats.top_triggers)),
                          ("signals", count_rows(stats.top_signals))):
            heading, table = self.rankings[key]
            self._set_rows(table, rows)
            heading.setVisible(bool(rows))
            table.setVisible(bool(rows))
            self._fit_height(table)

    def _show_entries(self, data: ProgressData) -> None:
        current = self.selected_entry()
        self.entries.clear()
        for entry in data.entries:
            item = QListWidgetItem(entry.description)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            self.entries.addItem(item)
            if current is not None and entry.id == current.id:
                self.entries.setCurrentItem(item)
        self._update_entry_buttons()

    @staticmethod
    def _set_rows(view: QTableView, rows: list) -> None:
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

    # -- actions -----------------------------------------------------------------------------------
    def selected_entry(self) -> Entry | None:
        item = self.entries.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_entry_buttons(self) -> None:
        self.delete_button.setEnabled(self.selected_entry() is not None)

    @property
    def prompts(self) -> "Prompts":
        """The questions asked before export and delete (dialogs unless a test set its own)."""
        if self._prompts is None:
            from app.gui.prompts import DialogPrompts

            self._prompts = DialogPrompts(self)
        return self._prompts

    @prompts.setter
    def prompts(self, prompts: "Prompts") -> None:
        self._prompts = prompts

    def export(self) -> None:
        from app.gui.progress import actions

        today = self.data.days[-1].day.isoformat() if self.data and self.data.days else "export"
        self._tell(actions.export_history(self.context, self.prompts, today), "progress-export")

    def delete_selected(self) -> None:
        from app.gui.progress import actions

        entry = self.selected_entry()
        if entry is not None:
            self._tell(actions.delete_entry(self.context, self.prompts, entry), "progress-delete")

    def delete_all(self) -> None:
        from app.gui.progress import actions

        self._tell(actions.delete_everything(self.context, self.prompts), "progress-delete")

    def _tell(self, outcome: "Outcome", key: str) -> None:
        if outcome.changed:
            self.refresh(force=True)
        if outcome.text:
            self.context.notify(outcome.text, outcome.level, key=key)
