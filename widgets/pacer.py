"""The breathing pacer: a soft shape that grows on the in-breath and shrinks on the out-breath.

The widget draws; it decides nothing. It asks its state source for the engine's state inside
every paintEvent, so each frame shows where the session is at the moment of painting, however
late the frame is. Whoever runs the session (app.core.session.run.SessionRun) decides when to
repaint and tells the widget about phase changes so that screen readers can announce them.

Painting is kept cheap because a person may leave this running for an hour: everything that
depends only on size, palette and font (background, guide ring, track ring, the soft core,
fonts) is built once and reused, and text layouts are cached per string. The shape is a solid
disc (cheap at any size) with a fixed soft core blitted on top, rather than a radial gradient
that the raster engine would recompute per pixel every frame (8x the cost of the solid disc).
"""

from __future__ import annotations

import math
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontInfo,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QRadialGradient,
    QResizeEvent,
    QStaticText,
)
from PySide6.QtWidgets import QWidget

from app.core.describe import duration_words
from app.core.engine import BreathState, SessionStatus
from app.core.session.run import LevelSpan, StateSource
from widgets.announce import announce
from widgets.colours import mix
from widgets.pacer_geometry import (
    PacerLayout,
    clock_text,
    eased_level,
    phase_word,
    seconds_words,
    shape_radius,
    whole_seconds_left,
)

PAUSED_TEXT = "Paused — press Space to continue"
READY_TITLE = "Ready when you are"
READY_HINT = "Press Space to begin"
DONE_TITLE = "Well done."
DONE_HINT = "Stay here as long as you like."

#: How big the shape rests on the end screen and the placeholder (a calm half breath).
_RESTING_LEVEL = 0.5
#: Text layouts kept per string; the per-second texts of a long session stay well under this.
_TEXT_CACHE_LIMIT = 512


def practised_words(state: BreathState) -> str:
    return f"You breathed for {duration_words(state.elapsed)}."


def describe(state: BreathState | None) -> str:
    """The pacer's state in words, for the accessible description and announcements."""
    if state is None or state.status == SessionStatus.READY:
        return f"{READY_TITLE}. {READY_HINT}."
    if state.ended:
        return f"{DONE_TITLE} {practised_words(state)}"
    if state.status == SessionStatus.PAUSED:
        return PAUSED_TEXT
    return f"{phase_word(state.phase.kind, state.level)} for {seconds_words(state.phase.seconds)}"


class _Orb(NamedTuple):
    """The breathing shape's colours: a solid body and a pre-rendered soft core."""

    body: QColor
    core: QPixmap
    core_origin: QPointF


class _Look(NamedTuple):
    """Everything that depends only on size, palette and font; rebuilt when one changes.

    NamedTuples here rather than dataclasses: built in a tenth of the time, and this module
    loads on the way to the first frame.
    """

    layout: PacerLayout
    background: QPixmap
    #: The background with the progress arc drawn in; redrawn only when the arc's tip has moved
    #: about a pixel, because stroking an antialiased arc every frame costs as much as the disc
    #: (the span drawn into it is the widget's `_framed_span`).
    framed: QPixmap
    span_step: int
    center: QPointF
    full_radius: float
    reduced_radius: float
    ring_rect: QRectF
    text_width: float
    orb: _Orb
    #: Paused (and ready) colours; the soft core for them is drawn on first use (`_paused_orb`),
    #: since a session usually starts running and its first frame should not wait for it.
    paused_body: QColor
    paused_core: QColor
    core_radius: float
    progress_pen: QPen
    reduced_low: QColor
    reduced_high: QColor
    text: QColor
    muted: QColor
    focus_pen: QPen
    title_font: QFont
    count_font: QFont
    small_font: QFont
    gap: float


class PacerWidget(QWidget):
    """Draws a BreathState from its state source; see the module docstring.

    Signals:
        firstFramePainted(): once, on the first paint that shows a real state.
        framePainted(float): after every paint, with the elapsed session seconds shown.
        toggleRequested(): Space was pressed while the pacer had focus.
    """

    firstFramePainted = Signal()
    framePainted = Signal(float)
    toggleRequested = Signal()

    def __init__(
        self,
        *,
        parent: QWidget | None = None,
        state_source: StateSource | None = None,
        level_span: LevelSpan | None = None,
    ) -> None:
        """Every argument by name: a parent passed first once became the state source, and
        painting it ended the process."""
        super().__init__(parent)
        self._state_source: StateSource | None = state_source
        self._level_span: LevelSpan | None = level_span
        self._reduced_motion = False
        self._look: _Look | None = None
        self._framed_span = -1
        self._paused: tuple[_Look, _Orb] | None = None
        self._texts: dict[tuple[int, str, float], QStaticText] = {}
        self._first_frame_done = False
        self._plan_lines: tuple[tuple[int, str], ...] = ()
        self._plan_look: _Look | None = None
        self._plan: list[tuple[QPointF, QStaticText, QColor, QFont]] = []
        self.last_announcement = ""
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(200, 200)
        self.setAccessibleName("Breathing pacer")
        self.setAccessibleDescription(describe(None))

    # -- configuration -------------------------------------------------------------------
    def set_state_source(self, source: StateSource | None, level_span: LevelSpan | None = None) -> None:
        """Where each frame's state comes from; `level_span` (optional) enables eased motion."""
        self._state_source = source
        self._level_span = level_span
        self.update()

    def set_reduced_motion(self, reduced: bool) -> None:
        """Nothing scales or moves: a fixed shape whose colour deepens slowly with the breath."""
        if reduced != self._reduced_motion:
            self._reduced_motion = reduced
            self.update()

    def reduced_motion(self) -> bool:
        return self._reduced_motion

    def current_state(self) -> BreathState | None:
        return self._state_source() if self._state_source is not None else None

    def announce(self, state: BreathState | None, aloud: bool = True) -> None:
        """Put the state into words for assistive technology: the description, and unless
        `aloud` is False a spoken announcement (a session's start is only described: the screen
        reader reads the focused pacer's description anyway)."""
        text = describe(state)
        self.setAccessibleDescription(text)  # Qt sends DescriptionChanged itself
        self.last_announcement = text
        if aloud:
            announce(self, text)

    # -- Qt overrides --------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(480, 480)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 200)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._look = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._look = None
            self._texts.clear()
            self.update()
        super().changeEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.toggleRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        state = self._state_source() if self._state_source is not None else None
        look = self._look if self._look is not None else self._build_look()
        painter = QPainter(self)
        if state is None or state.status == SessionStatus.READY:
            painter.drawPixmap(0, 0, look.background)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            self._paint_orb(painter, look, _RESTING_LEVEL, self._paused_orb(look))
        elif state.ended:
            painter.drawPixmap(0, 0, self._framed(look, 1.0))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            self._paint_orb(painter, look, _RESTING_LEVEL, look.orb)
        else:
            painter.drawPixmap(0, 0, self._framed(look, state.session_fraction))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            paused = state.status == SessionStatus.PAUSED
            self._paint_orb(painter, look, self.shape_level(state), self._paused_orb(look) if paused else look.orb)
        self._paint_lines(painter, look, self.lines_for(state))
        if self.hasFocus():
            painter.setPen(look.focus_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            inset = look.focus_pen.widthF()
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 8.0, 8.0)
        painter.end()
        if state is not None:
            if not self._first_frame_done:
                self._first_frame_done = True
                self.firstFramePainted.emit()
            self.framePainted.emit(state.elapsed)
        else:
            self.framePainted.emit(0.0)

    # -- painting ------------------------------------------------------------------------
    def shape_level(self, state: BreathState) -> float:
        """The lung level the shape shows: eased within the phase when levels are known."""
        if self._level_span is None:
            return state.level
        start, end = self._level_span(state)
        return eased_level(state.phase_fraction, start, end)

    @staticmethod
    def lines_for(state: BreathState | None) -> tuple[tuple[int, str], ...]:
        """The centred lines drawn for a state: (role, text); role 0 title, 1 count, 2 small."""
        if state is None or state.status == SessionStatus.READY:
            return ((0, READY_TITLE), (2, READY_HINT))
        if state.ended:
            return ((0, DONE_TITLE), (2, practised_words(state)), (2, DONE_HINT))
        if state.status == SessionStatus.PAUSED:
            title, _, hint = PAUSED_TEXT.partition(" — ")
            return ((0, title), (2, hint[:1].upper() + hint[1:]))
        if state.overtime:
            left = f"{clock_text(state.elapsed - state.planned_seconds)} extra"
        else:
            left = f"{clock_text(state.session_remaining)} left"
        count = str(whole_seconds_left(state.phase_remaining))
        return ((0, phase_word(state.phase.kind, state.level)), (1, count), (2, left))

    def _paint_orb(self, painter: QPainter, look: _Look, level: float, orb: _Orb) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        if self._reduced_motion:
            painter.setBrush(mix(look.reduced_low, look.reduced_high, min(1.0, max(0.0, level))))
            painter.drawEllipse(look.center, look.reduced_radius, look.reduced_radius)
            return
        painter.setBrush(orb.body)
        radius = shape_radius(level, look.full_radius)
        painter.drawEllipse(look.center, radius, radius)
        painter.drawPixmap(orb.core_origin, orb.core)

    def _framed(self, look: _Look, fraction: float) -> QPixmap:
        """The background with the session progress arc, redrawn only when the arc has grown."""
        full = 360 * 16
        span = full if fraction >= 1.0 else int(fraction * full) // look.span_step * look.span_step
        if span != self._framed_span:
            self._framed_span = span
            painter = QPainter(look.framed)
            painter.drawPixmap(0, 0, look.background)
            if span > 0:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                painter.setPen(look.progress_pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                if span >= full:
                    painter.drawEllipse(look.ring_rect)
                else:
                    painter.drawArc(look.ring_rect, 90 * 16, -span)
            painter.end()
        return look.framed

    def _paint_lines(self, painter: QPainter, look: _Look, lines: tuple[tuple[int, str], ...]) -> None:
        """Centre a small stack of lines: role 0 is the title, 1 the count, 2 small print."""
        if self._plan_lines != lines or self._plan_look is not look:
            self._plan_lines, self._plan_look = lines, look
            self._plan = self._plan_for(look, lines)
        for origin, static, pen, font in self._plan:
            painter.setPen(pen)
            painter.setFont(font)
            painter.drawStaticText(origin, static)

    def _plan_for(self, look: _Look, lines: tuple[tuple[int, str], ...]) -> list[tuple[QPointF, QStaticText, QColor, QFont]]:
        statics = [self._static_text(look, role, text) for role, text in lines]
        sizes = [st.size() for st in statics]
        total = sum(size.height() for size in sizes) + look.gap * (len(sizes) - 1)
        cx, cy = look.center.x(), look.center.y()
        y = cy - total / 2.0
        plan = []
        for (role, _), st, size in zip(lines, statics, sizes, strict=True):
            plan.append((QPointF(cx - size.width() / 2.0, y), st, look.text if role == 0 else look.muted, self._font(look, role)))
            y += size.height() + look.gap
        return plan

    @staticmethod
    def _font(look: _Look, role: int) -> QFont:
        return look.title_font if role == 0 else look.count_font if role == 1 else look.small_font

    def _static_text(self, look: _Look, role: int, text: str) -> QStaticText:
        key = (role, text, look.text_width)
        st = self._texts.get(key)
        if st is None:
            if len(self._texts) >= _TEXT_CACHE_LIMIT:
                self._texts.clear()
            st = QStaticText(text)
            st.setTextFormat(Qt.TextFormat.PlainText)
            st.setTextWidth(look.text_width)
            option = st.textOption()
            option.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            st.setTextOption(option)
            font = self._font(look, role)
            st.prepare(font=font)
            # Shrink the layout box to the text so that centring is exact.
            st.setTextWidth(min(look.text_width, st.size().width()))
            st.prepare(font=font)
            self._texts[key] = st
        return st

    # -- the cached look -----------------------------------------------------------------
    def _build_look(self) -> _Look:
        layout = PacerLayout(float(self.width()), float(self.height()))
        pal = self.palette()
        window = pal.color(QPalette.ColorRole.Window)
        text = pal.color(QPalette.ColorRole.WindowText)
        accent = pal.color(QPalette.ColorRole.Highlight)
        dark = window.lightnessF() < 0.5
        # Soft tints: the accent is only ever a wash over the window colour, never full strength.
        soft_accent = mix(window, accent, 0.55 if dark else 0.6)

        # The core glows gently lighter than the body; in a dark palette that means toward the
        # text colour, so the shape looks lit from within rather than hollow.
        core_radius = shape_radius(0.0, layout.full_radius)
        cx, cy = layout.center
        core_origin = QPointF(cx - core_radius, cy - core_radius)
        body = mix(window, accent, 0.40)
        orb = _Orb(
            body=body,
            core=self._paint_core(core_radius, mix(body, text, 0.10) if dark else mix(window, accent, 0.20)),
            core_origin=core_origin,
        )
        grey = mix(window, text, 0.5)

        ring_width = layout.ring_width
        progress_pen = QPen(soft_accent, ring_width)
        progress_pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        focus_pen = QPen(mix(window, accent, 0.8), 2.0)

        base_px = max(1, QFontInfo(self.font()).pixelSize())
        side = layout.side
        title_font = QFont(self.font())
        title_font.setPixelSize(max(round(base_px * 1.25), round(side * 0.062)))
        count_font = QFont(self.font())
        count_font.setPixelSize(max(round(base_px * 1.1), round(side * 0.058)))
        small_font = QFont(self.font())
        small_font.setPixelSize(max(base_px, round(side * 0.032)))

        background = self._paint_background(layout, window, text, accent)
        ring = layout.ring_radius
        framed = QPixmap(background.size())
        framed.setDevicePixelRatio(background.devicePixelRatio())
        self._framed_span = -1  # the new `framed` pixmap has no arc in it yet
        self._look = _Look(
            layout=layout,
            background=background,
            framed=framed,
            span_step=max(1, int(math.degrees(1.0 / max(1.0, ring)) * 16)),
            center=QPointF(cx, cy),
            full_radius=layout.full_radius,
            reduced_radius=layout.reduced_motion_radius,
            ring_rect=QRectF(cx - ring, cy - ring, 2 * ring, 2 * ring),
            text_width=layout.text_width,
            orb=orb,
            paused_body=mix(window, mix(accent, grey, 0.5), 0.24),
            paused_core=mix(window, grey, 0.10),
            core_radius=core_radius,
            progress_pen=progress_pen,
            reduced_low=mix(window, accent, 0.10 if dark else 0.12),
            reduced_high=mix(window, accent, 0.42),
            text=mix(window, text, 0.92),
            muted=mix(window, text, 0.62),
            focus_pen=focus_pen,
            title_font=title_font,
            count_font=count_font,
            small_font=small_font,
            gap=max(2.0, side * 0.012),
        )
        return self._look

    def _paused_orb(self, look: _Look) -> _Orb:
        if self._paused is None or self._paused[0] is not look:
            core = self._paint_core(look.core_radius, look.paused_core)
            self._paused = (look, _Orb(body=look.paused_body, core=core, core_origin=look.orb.core_origin))
        return self._paused[1]

    def _paint_core(self, radius: float, colour: QColor) -> QPixmap:
        """A soft glow that fades to nothing at `radius`; it stays put while the body moves."""
        ratio = self.devicePixelRatioF()
        side = max(1, math.ceil(2 * radius * ratio))
        pixmap = QPixmap(side, side)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        centre = QPointF(radius, radius)
        gradient = QRadialGradient(centre, radius, QPointF(radius, radius * 0.8))
        clear = QColor(colour)
        clear.setAlphaF(0.0)
        gradient.setColorAt(0.0, colour)
        half = QColor(colour)
        half.setAlphaF(0.5)
        gradient.setColorAt(0.5, half)
        gradient.setColorAt(1.0, clear)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(gradient)
        painter.drawEllipse(centre, radius, radius)
        painter.end()
        return pixmap

    def _paint_background(self, layout: PacerLayout, window: QColor, text: QColor, accent: QColor) -> QPixmap:
        """The parts that never move: window colour, progress track and the full-breath guide."""
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(max(1, round(layout.width * ratio)), max(1, round(layout.height * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(window)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        cx, cy = layout.center
        track = QPen(mix(window, text, 0.07), layout.ring_width)
        painter.setPen(track)
        r = layout.ring_radius
        painter.drawEllipse(QPointF(cx, cy), r, r)
        guide = QPen(mix(window, accent, 0.22), max(1.0, layout.side * 0.003))
        painter.setPen(guide)
        painter.drawEllipse(QPointF(cx, cy), layout.full_radius, layout.full_radius)
        painter.end()
        return pixmap
