"""CueDriver on real (short) phases: cues in order, on time, once, with or without a visible window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.audio import Cue, RecorderPlayer
from app.audio.cue_driver import CueDriver
from app.core.clock import MonotonicClock
from app.core.engine import BreathingSession
from app.core.model import Exercise, Phase, PhaseKind, Stage

PHASE = 0.2


def short_exercise(cycles: int = 2) -> Exercise:
    phases = (Phase(PhaseKind.INHALE, PHASE), Phase(PhaseKind.HOLD, PHASE), Phase(PhaseKind.EXHALE, PHASE))
    return Exercise(id="short", name="short", stages=(Stage(phases, cycles=cycles),))


def make_driver(qtbot, cycles: int = 2, lead: float = 0.0) -> tuple[CueDriver, BreathingSession, RecorderPlayer]:
    clock = MonotonicClock()
    session = BreathingSession(short_exercise(cycles), clock)
    recorder = RecorderPlayer(clock)
    driver = CueDriver(session, clock, recorder, lead_seconds=lead)
    return driver, session, recorder


def test_cues_fire_in_order_on_time_and_once(qtbot) -> None:
    driver, session, recorder = make_driver(qtbot, lead=0.0)
    session.start()
    started = session.clock_time_of(0.0)
    with qtbot.waitSignal(driver.finished, timeout=5000):
        driver.start()
    assert recorder.cues == [Cue.INHALE, Cue.HOLD, Cue.EXHALE] * 2 + [Cue.END]
    lateness = [t - (started + i * PHASE) for i, (_, t) in enumerate(recorder.played)]
    assert all(-0.003 <= late < 0.05 for late in lateness), lateness
    assert not driver.active


def test_lead_time_starts_cues_early(qtbot) -> None:
    driver, session, recorder = make_driver(qtbot, cycles=1, lead=0.05)
    session.start()
    started = session.clock_time_of(0.0)
    with qtbot.waitSignal(driver.finished, timeout=5000):
        driver.start()
    offsets = [t - (started + i * PHASE) for i, (_, t) in enumerate(recorder.played)]
    assert all(-0.053 <= off < -0.0 for off in offsets[1:]), offsets


def test_cues_keep_coming_with_the_window_hidden(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    window.hide()
    driver, session, recorder = make_driver(qtbot, cycles=2)
    driver.setParent(window)
    session.start()
    with qtbot.waitSignal(driver.finished, timeout=5000):
        driver.start()
    assert not window.isVisible()
    assert recorder.cues == [Cue.INHALE, Cue.HOLD, Cue.EXHALE] * 2 + [Cue.END]


def test_pause_and_resume_neither_repeat_nor_skip(qtbot) -> None:
    driver, session, recorder = make_driver(qtbot, cycles=2)
    session.start()
    driver.start()
    qtbot.waitUntil(lambda: len(recorder.played) == 2, timeout=2000)  # inhale, hold
    session.pause()
    driver.pause()
    paused_with = list(recorder.cues)
    with qtbot.assertNotEmitted(driver.cuePlayed, wait=400):
        pass
    assert recorder.cues == paused_with
    session.resume()
    with qtbot.waitSignal(driver.finished, timeout=5000):
        driver.resume()
    assert recorder.cues == [Cue.INHALE, Cue.HOLD, Cue.EXHALE] * 2 + [Cue.END]


def test_a_pause_nobody_reports_is_noticed_by_polling(qtbot) -> None:
    driver, session, recorder = make_driver(qtbot, cycles=2)
    driver.poll_interval_ms = 20
    session.start()
    driver.start()
    qtbot.waitUntil(lambda: len(recorder.played) == 1, timeout=2000)
    session.pause()
    with qtbot.assertNotEmitted(driver.cuePlayed, wait=450):
        pass
    session.resume()
    with qtbot.waitSignal(driver.finished, timeout=5000):
        pass
    assert recorder.cues == [Cue.INHALE, Cue.HOLD, Cue.EXHALE] * 2 + [Cue.END]


def test_stop_silences_the_driver(qtbot) -> None:
    driver, session, recorder = make_driver(qtbot, cycles=3)
    session.start()
    driver.start()
    qtbot.waitUntil(lambda: len(recorder.played) == 1, timeout=2000)
    driver.stop()
    with qtbot.assertNotEmitted(driver.cuePlayed, wait=500):
        pass
    assert recorder.cues == [Cue.INHALE]
