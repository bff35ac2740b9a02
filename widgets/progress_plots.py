"""The Progress page's plots: minutes per day (bars) and distress before and after (pairs).

pyqtgraph is imported here at module level on purpose: only app/gui/progress/page.py imports
this module, and only when the Progress page is first opened (its import costs ~400 ms).

The plots only draw what they are given. Colours come from the Qt palette, so they follow the
light and dark themes (`apply_palette` is called again when the palette changes). Zooming and
panning are off: a person looking at their week does not need a plot that slides away.
Values appear on hover as tool tips, and every number is also in the page's tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

BAR_WIDTH = 0.75


def month_ticks(days: Sequence[date]) -> list[tuple[int, str]]:
    """A few readable date labels: weekly for a month, then the first of each month."""
    count = len(days)
    if count == 0:
        return []
    if count <= 31:
        return [(i, f"{d.day} {d:%b}") for i, d in enumerate(days) if (count - 1 - i) % 7 == 0]
    firsts = [(i, d) for i, d in enumerate(days) if d.day == 1]
    if count <= 120:
        return [(i, f"1 {d:%b}") for i, d in firsts]
    return [(i, f"{d:%b}") for i, d in firsts]


class _CalmPlot(pg.PlotWidget):
    """A PlotWidget with mouse interaction, menus and buttons off, themed from a palette."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        item = self.getPlotItem()
        item.setMouseEnabled(x=False, y=False)
        item.setMenuEnabled(False)
        item.hideButtons()
        item.getViewBox().setDefaultPadding(0.02)
        item.setContentsMargins(4, 8, 22, 4)  # room for the last date label under today
        self.setMinimumHeight(160)

    def apply_palette(self, palette: QPalette) -> None:
        self.setBackground(palette.color(QPalette.ColorRole.Window))
        axis_pen = pg.mkPen(palette.color(QPalette.ColorRole.Mid), width=1)
        text_pen = pg.mkPen(palette.color(QPalette.ColorRole.WindowText))
        for name in ("left", "bottom"):
            axis = self.getPlotItem().getAxis(name)
            axis.setPen(axis_pen)
            axis.setTextPen(text_pen)


class MinutesPlot(_CalmPlot):
    """Minutes practised on each day of the period, one bar per day (at most 365 bars)."""

    hovered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Minutes practised each day (bar chart)")
        item = self.getPlotItem()
        item.setLabel("left", "minutes")
        item.getAxis("bottom").setStyle(hideOverlappingLabels=False)
        self.days: tuple[date, ...] = ()
        self.minutes: tuple[float, ...] = ()
        self.labels: tuple[str, ...] = ()
        self.hover_text = ""
        self._bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH, pen=None)
        self._highlight = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH, brush=None)
        self._highlight.setZValue(1)
        item.addItem(self._bars)
        item.addItem(self._highlight)
        self.scene().sigMouseMoved.connect(self._mouse_moved)
        self._bar_colour = QColor("#3f8c84")
        self._hover_pen = pg.mkPen("#2f7169", width=2)

    def apply_palette(self, palette: QPalette) -> None:
        super().apply_palette(palette)
        self._bar_colour = palette.color(QPalette.ColorRole.Highlight)
        self._hover_pen = pg.mkPen(palette.color(QPalette.ColorRole.WindowText), width=1.5)
        self._bars.setOpts(brush=pg.mkBrush(self._bar_colour), pen=None)
        self._highlight.setOpts(pen=self._hover_pen, brush=None)

    def set_data(self, days: Sequence[date], minutes: Sequence[float], labels: Sequence[str]) -> None:
        """One bar per day; `labels` are the hover texts, one per day."""
        self.days, self.minutes, self.labels = tuple(days), tuple(minutes), tuple(labels)
        count = len(self.days)
        self._bars.setOpts(x=list(range(count)), height=list(self.minutes), width=BAR_WIDTH)
        self._clear_hover()
        item = self.getPlotItem()
        item.getAxis("bottom").setTicks([month_ticks(self.days)])
        top = max([5.0, *self.minutes]) * 1.1
        item.setXRange(-0.6, max(count, 1) - 0.4, padding=0)
        item.setYRange(0, top, padding=0)

    def bar_heights(self) -> list[float]:
        """What the bars show (for tests that compare plot and table)."""
        heights = self._bars.opts.get("height")
        return [float(h) for h in (heights if heights is not None else [])]

    def text_at(self, index: int) -> str:
        return self.labels[index] if 0 <= index < len(self.labels) else ""

    def hover_index(self, index: int) -> None:
        """Show the value of one bar, as the mouse does."""
        text = self.text_at(index)
        if not text:
            self._clear_hover()
            return
        self.hover_text = text
        self.getPlotItem().getViewBox().setToolTip(text)
        self._highlight.setOpts(x=[index], height=[max(self.minutes[index], 0.0)], width=BAR_WIDTH)
        self.hovered.emit(text)

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        box = self.getPlotItem().getViewBox()
        if not box.sceneBoundingRect().contains(scene_pos):
            self._clear_hover()
            return
        self.hover_index(round(box.mapSceneToView(scene_pos).x()))

    def _clear_hover(self) -> None:
        if self.hover_text:
            self.hover_text = ""
            self.getPlotItem().getViewBox().setToolTip("")
            self.hovered.emit("")
        self._highlight.setOpts(x=[], height=[])


class DistressPlot(_CalmPlot):
    """Each rated moment as a pair: distress before (hollow) joined to after (filled), 0 to 10."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Distress before and after each moment (chart)")
        item = self.getPlotItem()
        item.setLabel("left", "distress")
        item.getAxis("left").setTicks([[(0, "0"), (5, "5"), (10, "10")]])
        self.pairs: tuple[tuple[date, int, int], ...] = ()
        self._lines = pg.PlotDataItem(x=[], y=[], connect="pairs", antialias=True)
        self._before = pg.ScatterPlotItem(size=9, hoverable=True, tip=self._tip, antialias=True)
        self._after = pg.ScatterPlotItem(size=9, hoverable=True, tip=self._tip, antialias=True)
        for part in (self._lines, self._before, self._after):
            item.addItem(part)

    @staticmethod
    def _tip(x: float, y: float, data: object) -> str:
        return str(data)

    def apply_palette(self, palette: QPalette) -> None:
        super().apply_palette(palette)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        strong = palette.color(QPalette.ColorRole.Highlight)
        self._lines.setPen(pg.mkPen(palette.color(QPalette.ColorRole.Mid), width=1.5))
        self._before.setPen(pg.mkPen(muted, width=1.5))
        self._before.setBrush(pg.mkBrush(palette.color(QPalette.ColorRole.Window)))
        self._after.setPen(pg.mkPen(strong, width=1.5))
        self._after.setBrush(pg.mkBrush(strong))

    def set_pairs(self, pairs: Sequence[tuple[date, int, int]], labels: Sequence[str]) -> None:
        """`pairs`: (day, before, after), oldest first; `labels`: each pair's hover text."""
        self.pairs = tuple(pairs)
        xs = list(range(len(self.pairs)))
        befores = [float(b) for _d, b, _a in self.pairs]
        afters = [float(a) for _d, _b, a in self.pairs]
        line_x = [x for x in xs for _ in (0, 1)]
        line_y = [v for b, a in zip(befores, afters, strict=True) for v in (b, a)]
        self._lines.setData(x=line_x, y=line_y, connect="pairs")
        self._before.setData(x=xs, y=befores, data=list(labels))
        self._after.setData(x=xs, y=afters, data=list(labels))
        item = self.getPlotItem()
        item.getAxis("bottom").setTicks([_pair_ticks([d for d, _b, _a in self.pairs])])
        item.setXRange(-0.8, max(len(xs), 1) - 0.2, padding=0)
        item.setYRange(-0.5, 10.5, padding=0)


def _pair_ticks(days: Sequence[date]) -> list[tuple[int, str]]:
    """At most about six date labels under the moments, evenly spread."""
    if not days:
        return []
    step = max(1, round(len(days) / 6))
    return [(i, f"{d.day} {d:%b}") for i, d in enumerate(days) if i % step == 0]
