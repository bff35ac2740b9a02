"""Reminders in the real window, driven by fake wall and monotonic clocks and fast real timers.

What a user does and sees: set a reminder one minute ahead in Settings, see the notice arrive
with Start / Snooze 10 minutes / Skip, start the session from it, and find the practice in the
history the Progress page reads. Offscreen there is no system tray, so every test here also shows
the no-tray path: everything works from the window.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QTime

from app.audio import Cue
from app.core.reminders.schedule import Reminder, SchedulerState
from app.core.reminders.store import load_state, save_state, state_path
from app.core.settings import Settings, load_settings, save_settings
from app.gui.reminders.feature import RemindersFeature
from app.gui.single_instance import LaunchRequest
from tests.gui.conftest import breathe_page
from tests.helpers.stubs import FakeClock

LONDON = ZoneInfo("Europe/London")


def at(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON).timestamp()


@pytest.fixture
def clocks(fake_clock, fake_timers, monkeypatch):
    """(wall, monotonic, the fake event loop on the monotonic clock)."""
    monkeypatch.setenv("TZ", "Europe/London")  # what app.history.timefmt.system_zone reads first
    return FakeClock(at("2024-05-06 09:59:00")), fake_clock, fake_timers


def reminder_window(make_window, clocks, qtbot, **services):
    """The real window whose reminder service reads the fake clocks and runs on fake timers."""
    wall, _mono, _timers = clocks
    window = make_window(wall_clock=wall, zone=lambda: LONDON, **services)
    reminders(window).service.check()
    return window


def reminders(window) -> RemindersFeature:
    return window.features[RemindersFeature]


def advance(clocks, seconds: float) -> None:
    """Both clocks move together; each timer fires when they reach its due time, as in a real run."""
    wall, mono, timers = clocks
    end = mono.now() + seconds
    while True:
        due = timers.next_due()
        step_to = due.due if due is not None and due.due is not None and due.due <= end else end
        step = max(0.0, step_to - mono.now())
        wall.advance(step)
        timers.advance(step)
        if step_to >= end:
            return


def reminder_notice(window):
    found = [n for n in window.notices.notices() if any(b.text() == "Skip" for b in n.buttons)]
    return found[0] if found else None


def click(qtbot, notice, title: str) -> None:
    button = next(b for b in notice.buttons if b.text() == title)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def events(window):
    return sorted((e.slot_id, e.outcome, e.merged_into, e.session_id is not None) for e in window.context.history.list_reminder_events())


def add_reminder_in_settings(window, qtbot, hour: int, minute: int, minutes: int = 2, exercise: str = "calm-exhale"):
    window.show_page("settings")
    section = window.page("settings").reminders
    dialog = section.add()
    dialog.time.setTime(QTime(hour, minute))
    dialog.exercise.setCurrentIndex(dialog.exercise.findData(exercise))
    dialog.minutes.setValue(minutes)
    dialog.accept()
    return section


def with_a_due_reminder(make_window, clocks, qtbot, **services):
    """A window with a 10:00 reminder added in Settings at 09:59, and its notice showing."""
    window = reminder_window(make_window, clocks, qtbot, **services)
    add_reminder_in_settings(window, qtbot, 10, 0)
    advance(clocks, 61)
    qtbot.waitUntil(lambda: reminder_notice(window) is not None)
    return window


def test_a_reminder_one_minute_ahead_arrives_and_starts_a_recorded_session(make_window, clocks, qtbot, data_paths):
    window = reminder_window(make_window, clocks, qtbot)
    section = add_reminder_in_settings(window, qtbot, 10, 0, minutes=2)
    assert section.list.count() == 1
    assert section.list.item(0).text() == "Every day at 10:00: Calm exhale, 2 min"
    assert "Next reminder: today at 10:00" in section.status.text()
    saved = load_settings(data_paths.settings).settings.reminders
    assert [(r.hour, r.minute, r.minutes, r.exercise_id) for r in saved] == [(10, 0, 2, "calm-exhale")]

    advance(clocks, 30)
    reminders(window).service.check()
    assert reminder_notice(window) is None, "nothing before its time"
    advance(clocks, 31)
    qtbot.waitUntil(lambda: reminder_notice(window) is not None)
    notice = reminder_notice(window)
    assert notice.text.startswith("Time for your practice: Calm exhale, 2 minutes.")
    assert [b.text() for b in notice.buttons] == ["Start", "Snooze 10 minutes", "Skip"]
    assert window.context.sound_player(window.context.settings.sound_set).cues == [Cue.END]
    assert reminders(window).tray is None

    with qtbot.waitSignal(reminders(window).presenter.sessionStarted) as started:
        click(qtbot, notice, "Start")
    session_id = started.args[0]
    controller = breathe_page(window).session.controller
    assert window.current_page_key() == "breathe"
    assert controller.exercise.id == "calm-exhale" and abs(controller.exercise.planned_seconds - 120) < 12
    assert reminder_notice(window) is None
    slot = f"{saved[0].id}@2024-05-06"
    assert events(window) == [(slot, "fired", None, False), (slot, "started", None, True)]

    clocks[1].advance(90)
    breathe_page(window).session.escape()
    history = window.context.history
    rows = [s for s in history.list_sessions() if s.id == session_id]
    assert rows and rows[0].source == "reminder" and rows[0].status == "stopped"
    assert history.daily_minutes(1, today=date(2024, 5, 6))[-1].minutes == pytest.approx(1.5, abs=0.05)
    if window.page("progress") is not None:  # the Progress page reads this same history
        window.show_page("progress")


def test_snooze_brings_the_reminder_back_after_ten_minutes(make_window, clocks, qtbot):
    window = with_a_due_reminder(make_window, clocks, qtbot)
    click(qtbot, reminder_notice(window), "Snooze 10 minutes")
    assert reminder_notice(window) is None
    advance(clocks, 599)
    reminders(window).service.check()
    assert reminder_notice(window) is None
    advance(clocks, 2)
    qtbot.waitUntil(lambda: reminder_notice(window) is not None)
    assert reminder_notice(window).text.startswith("Here is your practice reminder again")
    click(qtbot, reminder_notice(window), "Skip")
    outcomes = [e[1] for e in events(window)]
    assert sorted(outcomes) == ["fired", "skipped", "snoozed"]


def test_skip_is_recorded_and_nothing_comes_again_that_day(make_window, clocks, qtbot):
    window = with_a_due_reminder(make_window, clocks, qtbot)
    click(qtbot, reminder_notice(window), "Skip")
    advance(clocks, 6 * 3600)
    reminders(window).service.check()
    assert reminder_notice(window) is None
    assert [e[1] for e in events(window)] == ["fired", "skipped"]


def test_reminders_missed_while_closed_give_one_catch_up_30_s_after_start(make_window, data_paths, clocks, qtbot):
    data_paths.root.mkdir(parents=True)
    reminder = Reminder("r-daily", hour=8, minute=0, exercise_id="box", minutes=3)
    save_settings(data_paths.settings, Settings(reminders=(reminder,)))
    save_state(state_path(data_paths.root), SchedulerState({"r-daily": date(2024, 5, 2)}))
    window = reminder_window(make_window, clocks, qtbot)
    assert reminder_notice(window) is None, "a catch-up waits 30 s after starting"
    advance(clocks, 29)
    reminders(window).service.check()
    assert reminder_notice(window) is None
    advance(clocks, 2)
    qtbot.waitUntil(lambda: reminder_notice(window) is not None)
    text = reminder_notice(window).text
    assert text.startswith("4 practice times passed while Steady was closed or asleep. That is fine.")
    assert "Box breathing, 3 minutes" in text or "3 minutes" in text
    assert events(window) == [
        ("r-daily@2024-05-03", "merged", "r-daily@2024-05-06", False),
        ("r-daily@2024-05-04", "merged", "r-daily@2024-05-06", False),
        ("r-daily@2024-05-05", "merged", "r-daily@2024-05-06", False),
        ("r-daily@2024-05-06", "fired", None, False),
    ]
    assert load_state(state_path(data_paths.root)).state.accounted == {"r-daily": date(2024, 5, 6)}


def test_a_restart_does_not_show_a_reminder_twice(make_window, clocks, qtbot):
    with_a_due_reminder(make_window, clocks, qtbot)
    again = reminder_window(make_window, clocks, qtbot)
    advance(clocks, 40)
    reminders(again).service.check()
    assert reminder_notice(again) is None


def test_pausing_keeps_reminders_quiet_and_says_so(make_window, clocks, qtbot):
    from app.gui.tray import pause_reminders

    window = reminder_window(make_window, clocks, qtbot)
    section = add_reminder_in_settings(window, qtbot, 10, 0)
    pause_reminders(window.context, 3600)
    assert section.status.text() == "Reminders are paused until today at 10:59."
    assert section.resume_button.isVisibleTo(section)
    advance(clocks, 61)
    reminders(window).service.check()
    assert reminder_notice(window) is None
    assert [e[1] for e in events(window)] == ["skipped"]
    section.resume_button.click()
    assert window.context.settings.reminders_paused_until is None


def test_no_reminders_means_no_reminder_timers(make_window, clocks, qtbot):
    window = reminder_window(make_window, clocks, qtbot)
    service = reminders(window).service
    assert not service.timer.is_active() and not service.recheck.is_active()
    add_reminder_in_settings(window, qtbot, 10, 0)
    assert service.timer.is_active() and service.recheck.is_active()
    assert service.timer.interval_ms <= 61_000 and service.timer.single_shot
    window.page("settings").reminders.remove_current()
    assert not service.timer.is_active() and not service.recheck.is_active()
    assert not breathe_page(window).session.controller or not breathe_page(window).session.controller.frame_timer.is_active()


def test_real_durations_stay_within_qtimer_limits(make_window, clocks, qtbot):
    window = reminder_window(make_window, clocks, qtbot)
    service = reminders(window).service
    window.context.update_settings(reminders=(Reminder("weekly", days=frozenset({0}), hour=9),))
    assert service.timer.interval_ms == 3600 * 1000 + 1
    assert service.recheck.interval_ms == 60 * 1000 + 1


def test_changing_a_reminder_time_makes_a_new_reminder(make_window, clocks, qtbot):
    window = reminder_window(make_window, clocks, qtbot)
    section = add_reminder_in_settings(window, qtbot, 10, 0)
    first = window.context.settings.reminders[0]
    dialog = section.edit_current()
    dialog.minutes.setValue(7)
    dialog.accept()
    assert window.context.settings.reminders[0].id == first.id and window.context.settings.reminders[0].minutes == 7
    dialog = section.edit_current()
    dialog.time.setTime(QTime(11, 0))
    dialog.day_boxes[6].setChecked(False)
    dialog.accept()
    changed = window.context.settings.reminders[0]
    assert changed.id != first.id and changed.days == frozenset(range(6)) and changed.hour == 11
    assert section.list.item(0).text() == "Mon, Tue, Wed, Thu, Fri, Sat at 11:00: Calm exhale, 7 min"


def test_a_reminder_needs_a_day(make_window, clocks, qtbot):
    window = reminder_window(make_window, clocks, qtbot)
    window.show_page("settings")
    dialog = window.page("settings").reminders.add()
    for box in dialog.day_boxes:
        box.setChecked(False)
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    assert dialog.note.isVisibleTo(dialog)
    dialog.reject()


def test_a_broken_reminder_in_settings_is_reported_and_kept(make_window, data_paths):
    data_paths.root.mkdir(parents=True)
    data_paths.settings.write_text(
        'version: 1\nreminders:\n  - time: "10:00"\n  - days: [mon, funday]\n    time: "09:00"\n'
    )
    window = make_window()
    assert [r.time_text for r in window.context.settings.reminders] == ["10:00"]
    assert any("settings.yaml:4:11: 'days' must be a list of" in n.text for n in window.notices.notices())
    window.context.update_settings(theme="dark")
    text = data_paths.settings.read_text()
    assert "funday" in text and "reminders_unusable" in text
    # The kept entry is written so that Steady reads it back (an unquoted 09:00 would not be):
    # the next start keeps the file, its good reminder and the broken one.
    from app.core.settings import load_settings

    again = load_settings(data_paths.settings)
    assert again.set_aside_as is None and [r.time_text for r in again.settings.reminders] == ["10:00"]
    assert again.settings.theme == "dark" and "funday" in data_paths.settings.read_text()


def test_without_a_tray_settings_say_so_and_closing_quits(make_window, qtbot):
    from app.core.reminders.words import NO_TRAY_NOTE
    from app.gui.tray import keeps_running_in_tray, tray_available

    assert not tray_available()
    window = make_window()
    window.show_page("settings")
    section = window.page("settings").reminders
    assert not section.tray.isEnabled() and not section.tray.isChecked()
    assert section.tray_note.isVisibleTo(section) and section.tray_note.text() == NO_TRAY_NOTE
    window.context.update_settings(tray=True)
    assert not keeps_running_in_tray(window.context.settings)
    window.show()
    assert window.close()
    assert window.isHidden()


def test_start_at_login_writes_and_removes_the_autostart_entry(make_window, isolated_home, data_paths):
    from app.gui.autostart import autostart_file

    window = make_window()
    window.show_page("settings")
    section = window.page("settings").reminders
    section.login.setChecked(True)
    entry = autostart_file()
    assert entry == isolated_home / ".config" / "autostart" / "steady.desktop"
    text = entry.read_text()
    assert "[Desktop Entry]" in text and "Exec=" in text and str(data_paths.root) in text
    assert window.context.settings.start_at_login
    section.login.setChecked(False)
    assert not entry.exists() and not window.context.settings.start_at_login


def test_a_users_own_autostart_file_is_not_removed(isolated_home, tmp_path):
    from app.gui.autostart import autostart_file, set_enabled

    entry = autostart_file()
    entry.parent.mkdir(parents=True)
    entry.write_text("[Desktop Entry]\nExec=my-own-steady\n")
    set_enabled(False, tmp_path)
    assert entry.exists()


def test_the_data_folder_opens_as_a_local_file_url(make_window, monkeypatch, data_paths):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    window = make_window()
    window.show_page("settings")
    window.page("settings").reminders.open_folder.click()
    assert [u.toLocalFile() for u in opened] == [str(data_paths.root)] and opened[0].isLocalFile()


# -- first run ---------------------------------------------------------------------------------
def test_the_welcome_shows_on_the_first_plain_start_only(make_window, qtbot, data_paths):
    from app.gui.first_run import show_welcome_if_first_run

    window = make_window()
    assert show_welcome_if_first_run(window, LaunchRequest("now")) is None
    assert show_welcome_if_first_run(window, LaunchRequest("breathe", "box")) is None
    page = show_welcome_if_first_run(window, LaunchRequest("open"))
    assert page is not None and window.stack.currentWidget() is page
    assert page.step.text() == "1 of 3"
    assert "not therapy" in page.screens.currentWidget().findChildren(type(page.step))[2].text()
    page.next_button.click()
    page.sound.setChecked(False)
    page.motion.setCurrentIndex(page.motion.findData("reduced"))
    page.next_button.click()
    assert page.step.text() == "3 of 3" and page.next_button.text() == "Start using Steady"
    page.remind.setChecked(True)
    page.time.setTime(QTime(18, 30))
    page.next_button.click()
    settings = load_settings(data_paths.settings).settings
    assert settings.first_run_done and not settings.sound_enabled and settings.motion == "reduced"
    assert [(r.hour, r.minute, r.minutes) for r in settings.reminders] == [(18, 30, 5)]
    assert window.current_page_key() == "breathe"
    again = make_window()
    assert show_welcome_if_first_run(again, LaunchRequest("open")) is None


def test_the_welcome_can_be_skipped_and_never_blocks_steady_now(make_window, qtbot, data_paths):
    from app.gui.first_run import show_welcome_if_first_run

    window = make_window()
    page = show_welcome_if_first_run(window, LaunchRequest("open"))
    window.handle_request(LaunchRequest("breathe"))
    assert window.current_page_key() == "breathe" and breathe_page(window).session.controller is not None
    assert not load_settings(data_paths.settings).settings.first_run_done if data_paths.settings.exists() else True
    window.stack.setCurrentWidget(page)
    page.skip_button.click()
    assert load_settings(data_paths.settings).settings.first_run_done
    assert load_settings(data_paths.settings).settings.reminders == ()


# -- review fixes: an edited reminder, a wrong clock, an unknown sound set ----------------------
def test_moving_a_reminder_later_the_same_day_still_reminds_that_day(make_window, clocks, qtbot, data_paths):
    """A reminder changed with its id kept (settings.yaml edited by hand) is new to the scheduler."""
    window = with_a_due_reminder(make_window, clocks, qtbot)
    click(qtbot, reminder_notice(window), "Skip")
    first = window.context.settings.reminders[0]
    window.context.update_settings(reminders=(Reminder(first.id, hour=21, minute=0, minutes=first.minutes),))
    assert "Next reminder: today at 21:00" in window.page("settings").reminders.status.text()
    assert reminders(window).service.upcoming()[0].id == f"{first.id}@2024-05-06"
    advance(clocks, 60)
    reminders(window).service.check()
    assert reminder_notice(window) is None, "no catch-up for a time that was never set"
    advance(clocks, at("2024-05-06 20:59:59") - clocks[0].now())
    reminders(window).service.check()
    assert reminder_notice(window) is None
    advance(clocks, 2)
    qtbot.waitUntil(lambda: reminder_notice(window) is not None)
    assert reminder_notice(window).text.startswith("Time for your practice:")
    saved = load_state(state_path(data_paths.root)).state
    assert saved.accounted == {first.id: date(2024, 5, 6)} and saved.shapes == {first.id: "mon,tue,wed,thu,fri,sat,sun 21:00"}


def test_a_clock_wrongly_in_2030_does_not_silence_reminders_once_put_right(make_window, clocks, qtbot, data_paths, caplog):
    window = reminder_window(make_window, clocks, qtbot)
    add_reminder_in_settings(window, qtbot, 10, 0)
    rid = window.context.settings.reminders[0].id
    wall, _mono, _timers = clocks
    real = wall.now()
    wall.set(at("2030-01-01 12:00:00"))  # a wrong clock: every day until then is caught up at once
    reminders(window).service.check()
    advance(clocks, 31)
    qtbot.waitUntil(lambda: reminder_notice(window) is not None)
    click(qtbot, reminder_notice(window), "Skip")
    assert load_state(state_path(data_paths.root)).state.accounted[rid] == date(2030, 1, 1)
    wall.set(real + 40)  # put right
    reminders(window).service.check()
    assert load_state(state_path(data_paths.root)).state.accounted[rid] == date(2024, 5, 5)
    assert any("the clock must have been wrong" in r.getMessage() for r in caplog.records)
    assert "Next reminder: today at 10:00" in window.page("settings").reminders.status.text()
    advance(clocks, 60)
    qtbot.waitUntil(lambda: reminder_notice(window) is not None)
    assert reminder_notice(window).text.startswith("Time for your practice:")


def test_an_unknown_sound_set_still_gives_the_reminder_a_sound(make_window, clocks, qtbot):
    from app.audio.sets import available_sound_sets
    from tests.helpers.stubs import RecorderPlayer

    def like_the_real_one(sound_set, volume, notify):  # the real player refuses a set it cannot find
        if sound_set not in available_sound_sets():
            raise FileNotFoundError(f"sound set {sound_set!r} has no end.wav")
        return RecorderPlayer(clocks[1])

    window = reminder_window(make_window, clocks, qtbot, player_factory=like_the_real_one)
    window.context.update_settings(sound_set="chimes-from-a-newer-steady")
    add_reminder_in_settings(window, qtbot, 10, 0)
    advance(clocks, 61)
    qtbot.waitUntil(lambda: reminder_notice(window) is not None)
    fallback = available_sound_sets()[0]
    assert window.context.sound_player(fallback).cues == [Cue.END]


def test_enter_moves_through_the_welcome(make_window, qtbot, data_paths):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app.gui.first_run import show_welcome_if_first_run

    window = make_window()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page = show_welcome_if_first_run(window, LaunchRequest("open"))
    qtbot.keyClick(page.next_button, Qt.Key.Key_Return)
    assert page.step.text() == "2 of 3"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert page.step.text() == "3 of 3"
