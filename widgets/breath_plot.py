"""A still picture of a whole breathing session: lung level over time, stages marked.

pyqtgraph costs about 0.4 s to import, so it is imported inside `BreathPlot.__init__`, which
runs only when a page that shows the plot is first opened; importing this module is free.
The plot takes plain numbers (minutes, levels 0..1, stage starts) and knows no breathing
rules. It is a picture, not a control: no mouse zoom, no menu, no focus; its accessible
description carries the same facts in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget


class BreathPlot(QWidget):
    """Shows one session's breath shape; call `set_shape` whenever the pattern changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import pyqtgraph as pg  # here, not at module level: see the module docstring

        self._pg = pg
        self.setAccessibleName("Breath shape over the whole session")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.plot_widget = pg.PlotWidget(parent=self)
        self.plot_widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.plot_widget.setMenuEnabled(False)
        self.plot_widget.setMouseEnabled(x=False, y=False)
        self.plot_widget.hideButtons()
        item = self.plot_widget.getPlotItem()
        item.hideAxis("left")
        item.setLabel("bottom", "minutes")
        item.getViewBox().setDefaultPadding(0.0)
        layout.addWidget(self.plot_widget)
        self.setMinimumHeight(90)
        self._data: tuple[list[float], list[float], list[float], float] = ([], [], [], 0.0)
        self._items: list[Any] = []
        self._recolour()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        hint.setHeight(105)
        return hint

    def set_shape(self, minutes: Sequence[float], levels: Sequence[float], stage_starts: Sequence[float], total_minutes: float, description: str = "") -> None:
        """Draw a session: `levels` (0 empty .. 1 full) at `minutes`, a marker at each stage start."""
        self._data = (list(minutes), list(levels), list(stage_starts), float(total_minutes))
        self.setAccessibleDescription(description)
        self._draw()

    def curve_points(self) -> int:
        """How many points the curve holds (for tests and benches)."""
        return len(self._data[0])

    def stage_marker_count(self) -> int:
        return max(0, len(self._data[2]) - 1)

    # -- drawing -------------------------------------------------------------------------
    def _colours(self) -> dict[str, QColor]:
        palette = self.palette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        fill = QColor(accent)
        fill.setAlpha(60)
        band = QColor(palette.color(QPalette.ColorRole.Text))
        band.setAlpha(14)
        marker = QColor(palette.color(QPalette.ColorRole.Text))
        marker.setAlpha(110)
        return {
            "background": palette.color(QPalette.ColorRole.Base),
            "text": palette.color(QPalette.ColorRole.Text),
            "accent": accent,
            "fill": fill,
            "band": band,
            "marker": marker,
        }

    def _recolour(self) -> None:
        colours = self._colours()
        self.plot_widget.setBackground(colours["background"])
        axis = self.plot_widget.getPlotItem().getAxis("bottom")
        axis.setPen(colours["marker"])
        axis.setTextPen(colours["text"])
        self._draw()

    def _draw(self) -> None:
        pg = self._pg
        item = self.plot_widget.getPlotItem()
        for old in self._items:
            item.removeItem(old)
        self._items.clear()
        minutes, levels, starts, total = self._data
        if not minutes:
            return
        colours = self._colours()
        for index, start in enumerate(starts):
            end = starts[index + 1] if index + 1 < len(starts) else total
            if len(starts) > 1 and index % 2 == 1:
                band = pg.LinearRegionItem((start, end), movable=False, brush=colours["band"], pen=pg.mkPen(None))
                band.setZValue(-10)
                self._add(band)
            if index > 0:
                line = pg.InfiniteLine(
                    pos=start,
                    angle=90,
                    pen=pg.mkPen(colours["marker"], width=1, style=Qt.PenStyle.DashLine),
                    label=f"stage {index + 1}",
                    labelOpts={"position": 0.93, "color": colours["text"], "anchors": [(0, 0.5), (0, 0.5)]},
                )
                self._add(line)
        if len(starts) > 1:
            first = pg.TextItem("stage 1", color=colours["text"], anchor=(0, 0.5))
            first.setPos(0, 1.12)
            self._add(first)
        curve = pg.PlotDataItem(
            minutes,
            levels,
            pen=pg.mkPen(colours["accent"], width=2),
            fillLevel=0.0,
            fillBrush=colours["fill"],
            antialias=True,
        )
        self._add(curve)
        item.setXRange(0.0, max(total, 1e-6), padding=0.0)
        item.setYRange(-0.03, 1.2, padding=0.0)

    def _add(self, graphics_item: Any) -> None:
        self.plot_widget.getPlotItem().addItem(graphics_item)
        self._items.append(graphics_item)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._recolour()
        super().changeEvent(event)
