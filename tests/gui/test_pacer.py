"""The pacer widget: what it draws for each state, at any size, with and without motion."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QFontInfo, QImage, QPalette

from app.core.describe import duration_words
from app.core.engine import BreathState
from app.core.model import Exercise, Phase, PhaseKind, Stage
from app.gui.session_panel.controller import PacerController
from tests.helpers.stubs import FakeClock, FakeTimers
from widgets.pacer import PAUSED_TEXT, PacerWidget, describe
from widgets.pacer_geometry import (
    PacerLayout,
    clock_text,
    ease_in_out_sine,
    eased_level,
    phase_word,
    shape_radius,
    whole_seconds_left,
)

SIDE = 300
WINDOW = QColor("#f4f4f2")


def box_breath() -> Exercise:
    """In 4, hold 4, out 4, rest 4, twice: every kind of phase, 32 s in all."""
    phases = (
        Phase(PhaseKind.INHALE, 4.0),
        Phase(PhaseKind.HOLD, 4.0),
        Phase(PhaseKind.EXHALE, 4.0),
        Phase(PhaseKind.HOLD, 4.0),
    )
    return Exercise(id="box", name="Box", stages=(Stage(phases=phases, cycles=2),))


def light_palette() -> QPalette:
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, WINDOW)
    pal.setColor(QPalette.ColorRole.WindowText, QColor("#2b2f33"))
    pal.setColor(QPalette.ColorRole.Highlight, QColor("#308cc6"))
    return pal


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def rig(qtbot, clock):
    """A 300x300 pacer attached to a box-breath session on a fake clock (not yet started)."""
    controller = PacerController(box_breath(), clock, FakeTimers(clock))
    pacer = PacerWidget()
    pacer.setPalette(light_palette())
    pacer.resize(SIDE, SIDE)
    qtbot.addWidget(pacer)
    controller.attach(pacer)
    yield controller, pacer
    controller.stop()


def at(controller: PacerController, clock: FakeClock, elapsed: float) -> BreathState:
    """Start if needed and move the fake clock so the session is `elapsed` seconds in."""
    if controller.session.status == "ready":
        controller.start()
    clock.advance(elapsed - controller.session.elapsed())
    return controller.poll()


def differs(image: QImage, x: int, y: int, threshold: int = 10) -> bool:
    c = image.pixelColor(x, y)
    return abs(c.red() - WINDOW.red()) + abs(c.green() - WINDOW.green()) + abs(c.blue() - WINDOW.blue()) > threshold


def drawn_radius(pacer: PacerWidget) -> int:
    """The filled shape's radius on the centre row: thin rings (< 6 px runs) are skipped."""
    image = pacer.grab().toImage()
    cy = image.height() // 2
    cx = image.width() // 2
    x = 0
    while x < cx:
        if differs(image, x, cy):
            run = 0
            while x + run < cx and differs(image, x + run, cy):
                run += 1
            if run >= 6:
                return cx - x
            x += run
        x += 1
    return 0


# -- pure helpers ---------------------------------------------------------------------------
def test_easing_is_slow_at_the_turns_and_exact_at_the_ends() -> None:
    assert ease_in_out_sine(0.0) == 0.0
    assert ease_in_out_sine(1.0) == pytest.approx(1.0)
    assert ease_in_out_sine(0.5) == pytest.approx(0.5)
    assert ease_in_out_sine(0.05) < 0.05 < ease_in_out_sine(0.95) - 0.9
    assert eased_level(0.5, 0.0, 0.6) == pytest.approx(0.3)
    assert eased_level(1.0, 0.6, 1.0) == pytest.approx(1.0)


def test_words_and_numbers() -> None:
    assert phase_word(PhaseKind.INHALE, 0.3) == "Breathe in"
    assert phase_word(PhaseKind.EXHALE, 0.3) == "Breathe out"
    assert phase_word(PhaseKind.HOLD, 1.0) == "Hold"
    assert phase_word(PhaseKind.HOLD, 0.0) == "Rest"
    assert whole_seconds_left(3.2) == 4
    assert whole_seconds_left(4.0000000001) == 4
    assert whole_seconds_left(0.01) == 1
    assert whole_seconds_left(0.0) == 0
    assert clock_text(238.0) == "3:58"
    assert clock_text(59.5) == "1:00"
    assert clock_text(0.0) == "0:00"
    assert duration_words(190.2) == "3 min 10 s"
    assert duration_words(180.0) == "3 min"
    assert duration_words(45.0) == "45 s"


def test_layout_scales_with_the_short_side() -> None:
    wide = PacerLayout(1920.0, 1080.0)
    assert wide.side == 1080.0
    assert wide.center == (960.0, 540.0)
    assert wide.full_radius < wide.ring_radius < wide.side / 2
    assert shape_radius(0.0, 100.0) < shape_radius(0.5, 100.0) < shape_radius(1.0, 100.0) == 100.0


# -- drawing --------------------------------------------------------------------------------
def test_shape_grows_on_inhale_rests_on_hold_shrinks_on_exhale(rig, clock) -> None:
    controller, pacer = rig
    full = PacerLayout(SIDE, SIDE).full_radius
    at(controller, clock, 0.0)
    start = drawn_radius(pacer)
    at(controller, clock, 2.0)
    middle = drawn_radius(pacer)
    at(controller, clock, 3.999)
    top = drawn_radius(pacer)
    at(controller, clock, 6.0)
    hold = drawn_radius(pacer)
    at(controller, clock, 10.0)
    exhaling = drawn_radius(pacer)
    at(controller, clock, 14.0)
    rest = drawn_radius(pacer)
    assert start == pytest.approx(shape_radius(0.0, full), abs=2)
    assert top == pytest.approx(full, abs=2)
    assert start < middle < top
    assert hold == pytest.approx(top, abs=1)
    assert rest < exhaling < hold
    assert rest == pytest.approx(start, abs=1)


def test_motion_is_eased_within_a_phase(rig, clock) -> None:
    controller, pacer = rig
    state = at(controller, clock, 0.4)  # 10 % into the inhale
    assert state.level == pytest.approx(0.1)
    assert pacer.shape_level(state) == pytest.approx(ease_in_out_sine(0.1))
    assert pacer.shape_level(state) < state.level


def test_reduced_motion_keeps_one_size_and_changes_colour_slowly(rig, clock) -> None:
    controller, pacer = rig
    pacer.set_reduced_motion(True)
    at(controller, clock, 0.0)
    empty_radius = drawn_radius(pacer)
    probe = (SIDE // 2, SIDE // 2 + int(PacerLayout(SIDE, SIDE).reduced_motion_radius * 0.75))
    empty_colour = pacer.grab().toImage().pixelColor(*probe)
    at(controller, clock, 3.999)
    assert drawn_radius(pacer) == empty_radius
    full_colour = pacer.grab().toImage().pixelColor(*probe)
    assert full_colour != empty_colour

    # Frame by frame (60 Hz) across a whole cycle, the fill never jumps: no flashing.
    image_side = 64
    pacer.resize(image_side, image_side)  # cheap grabs; the widget clamps nothing at paint time
    previous = None
    biggest_step = 0
    for frame in range(16 * 60):
        at(controller, clock, 16.0 + frame / 60.0)
        colour = pacer.grab().toImage().pixelColor(image_side // 2, image_side // 2 + 12)
        if previous is not None:
            step = max(abs(colour.red() - previous.red()), abs(colour.green() - previous.green()), abs(colour.blue() - previous.blue()))
            biggest_step = max(biggest_step, step)
        previous = colour
    assert biggest_step <= 2


def test_text_for_each_state(rig, clock) -> None:
    controller, pacer = rig
    assert pacer.lines_for(None)[0][1] == "Ready when you are"
    state = at(controller, clock, 1.2)
    assert pacer.lines_for(state) == ((0, "Breathe in"), (1, "3"), (2, "0:31 left"))
    state = at(controller, clock, 13.0)
    assert pacer.lines_for(state)[0] == (0, "Rest")
    controller.pause()
    assert [text for _, text in pacer.lines_for(controller.state())] == ["Paused", "Press Space to continue"]
    assert pacer.accessibleDescription() == PAUSED_TEXT
    pacer.grab()  # paints
    controller.resume()
    assert pacer.lines_for(controller.state())[0] == (0, "Rest")


def test_end_state_thanks_the_user(qtbot) -> None:
    clock = FakeClock()
    phases = (Phase(PhaseKind.INHALE, 4.0), Phase(PhaseKind.EXHALE, 6.0))
    exercise = Exercise(id="calm", name="Calm", stages=(Stage(phases=phases, minutes=5.0),))
    controller = PacerController(exercise, clock, FakeTimers(clock))
    pacer = PacerWidget()
    qtbot.addWidget(pacer)
    pacer.resize(SIDE, SIDE)
    controller.attach(pacer)
    controller.start()
    clock.advance(190.0)
    controller.stop()
    lines = [text for _, text in pacer.lines_for(controller.state())]
    assert lines[:2] == ["Well done.", "You breathed for 3 min 10 s."]
    assert pacer.accessibleDescription() == "Well done. You breathed for 3 min 10 s."
    assert not pacer.grab().isNull()


def test_the_pacer_takes_its_state_source_only_by_name(qtbot) -> None:
    """A parent passed first must not become the state source (painting that crashed the process)."""
    from PySide6.QtWidgets import QWidget

    host = QWidget()
    qtbot.addWidget(host)
    with pytest.raises(TypeError):
        PacerWidget(host)  # type: ignore[misc]
    pacer = PacerWidget(parent=host)
    assert pacer.parent() is host and pacer.current_state() is None


def test_first_frame_signal_waits_for_a_real_state(qtbot, clock) -> None:
    pacer = PacerWidget()
    qtbot.addWidget(pacer)
    pacer.resize(SIDE, SIDE)
    with qtbot.assertNotEmitted(pacer.firstFramePainted):
        pacer.grab()
    controller = PacerController(box_breath(), clock, FakeTimers(clock))
    controller.attach(pacer)
    with qtbot.waitSignal(pacer.firstFramePainted, timeout=1000):
        pacer.grab()
    with qtbot.assertNotEmitted(pacer.firstFramePainted):
        pacer.grab()


@pytest.mark.parametrize("size", [(200, 200), (480, 480), (1920, 1080), (260, 900)])
@pytest.mark.parametrize("dark", [False, True])
def test_paints_at_any_size_and_palette_with_readable_fonts(qtbot, clock, size, dark) -> None:
    controller = PacerController(box_breath(), clock, FakeTimers(clock))
    pacer = PacerWidget()
    qtbot.addWidget(pacer)
    if dark:
        pal = QPalette()
        pal.setColor(QPalette.ColorRole.Window, QColor("#1e2227"))
        pal.setColor(QPalette.ColorRole.WindowText, QColor("#dfe3e8"))
        pal.setColor(QPalette.ColorRole.Highlight, QColor("#5fa3d6"))
        pacer.setPalette(pal)
    pacer.resize(*size)
    controller.attach(pacer)
    controller.start()
    clock.advance(2.0)
    image = pacer.grab().toImage()
    assert image.width() == size[0]
    corner = image.pixelColor(3, 3) if not pacer.hasFocus() else None
    assert corner is None or corner == pacer.palette().color(QPalette.ColorRole.Window)
    look = pacer._look
    system_px = QFontInfo(pacer.font()).pixelSize()
    for font in (look.title_font, look.count_font, look.small_font):
        assert font.pixelSize() >= system_px


def test_accessibility_and_focus(rig, clock, qtbot) -> None:
    controller, pacer = rig
    assert pacer.accessibleName() == "Breathing pacer"
    assert pacer.focusPolicy() == Qt.FocusPolicy.StrongFocus
    iface = QAccessible.queryAccessibleInterface(pacer)
    assert iface.text(QAccessible.Text.Name) == "Breathing pacer"
    descriptions = []
    controller.phaseChanged.connect(lambda _s: descriptions.append(pacer.accessibleDescription()))
    at(controller, clock, 0.5)
    at(controller, clock, 4.5)
    at(controller, clock, 8.5)
    assert descriptions == ["Breathe in for 4 seconds", "Hold for 4 seconds", "Breathe out for 4 seconds"]
    assert iface.text(QAccessible.Text.Description) == "Breathe out for 4 seconds"
    assert describe(None).startswith("Ready")


def test_visible_focus_frame(qtbot, rig, clock) -> None:
    controller, pacer = rig
    at(controller, clock, 1.0)
    pacer.show()
    qtbot.waitExposed(pacer)
    without = pacer.grab().toImage().pixelColor(SIDE // 2, 2)
    pacer.activateWindow()
    pacer.setFocus()
    qtbot.waitUntil(pacer.hasFocus, timeout=1000)
    with_focus = pacer.grab().toImage().pixelColor(SIDE // 2, 2)
    assert without == WINDOW
    assert with_focus != without


def test_space_asks_to_toggle(rig, qtbot) -> None:
    controller, pacer = rig
    with qtbot.waitSignal(controller.statusChanged, timeout=1000) as blocker:
        qtbot.keyClick(pacer, Qt.Key.Key_Space)
    assert blocker.args == ["running"]
    qtbot.keyClick(pacer, Qt.Key.Key_Space)
    assert controller.session.status == "paused"


def test_phase_change_math_is_cheap_to_draw(rig, clock) -> None:
    """Text layouts are cached: a minute of frames adds only the strings that changed."""
    controller, pacer = rig
    pacer.resize(120, 120)
    for frame in range(0, 60 * 30, 15):
        at(controller, clock, frame / 60.0)
        pacer.grab()
    assert len(pacer._texts) < 3 + 2 * 31
    assert math.isfinite(pacer.shape_level(controller.state()))


def test_phase_changes_are_spoken_once_the_pacer_is_on_screen(rig, clock, qtbot, monkeypatch) -> None:
    """The start is spoken after the first paint (the picture first), later changes at once."""
    import widgets.announce

    spoken: list[str] = []
    monkeypatch.setattr(widgets.announce, "speak", lambda _source, text: spoken.append(text))
    controller, pacer = rig
    at(controller, clock, 0.5)
    assert spoken == [] and pacer.last_announcement == "Breathe in for 4 seconds"
    pacer.show()
    qtbot.waitUntil(lambda: spoken == ["Breathe in for 4 seconds"])
    at(controller, clock, 4.5)
    assert spoken[-1] == pacer.last_announcement == "Hold for 4 seconds"
