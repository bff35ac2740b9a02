"""Settings survive a restart, apply at once, and a broken file is kept aside and reported."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.settings import load_settings
from app.core.settings_model import VOLUME_SAVE_DELAY_MS
from tests.gui.conftest import activate, breathe_page


def test_changing_a_setting_saves_it_and_the_next_start_reads_it(make_window, data_paths, qtbot, fake_timers):
    window = make_window()
    window.show_page("settings")
    page = window.page("settings")
    page.motion.setCurrentIndex(page.motion.findData("reduced"))
    page.theme.setCurrentIndex(page.theme.findData("dark"))
    page.moment_exercise.setCurrentIndex(page.moment_exercise.findData("cyclic-sigh"))
    page.volume.setValue(35)
    fake_timers.advance(VOLUME_SAVE_DELAY_MS / 1000)
    assert load_settings(data_paths.settings).settings.volume == 0.35
    loaded = load_settings(data_paths.settings)
    assert not loaded.problems
    assert (loaded.settings.motion, loaded.settings.theme, loaded.settings.moment_exercise) == ("reduced", "dark", "cyclic-sigh")
    assert loaded.settings.volume == 0.35
    assert breathe_page(window).session.pacer.reduced_motion
    again = make_window()
    again.start_breathing(None)
    assert breathe_page(again).session.controller.exercise.id == "cyclic-sigh"


def test_keyboard_reaches_every_setting(make_window, qtbot):
    window = make_window()
    activate(qtbot, window)
    window.show_page("settings")
    page = window.page("settings")
    page.theme.setFocus()
    qtbot.keyClick(page.theme, Qt.Key.Key_Down)
    assert window.context.settings.theme == "light"
    for widget in (page.moment_exercise, page.motion, page.theme, page.sound_enabled, page.volume):
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_unreadable_settings_are_set_aside_and_reported(make_window, data_paths):
    data_paths.root.mkdir(parents=True)
    data_paths.settings.write_text("theme: [unclosed\n")
    window = make_window()
    kept = list(data_paths.root.glob("settings.yaml.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_text() == "theme: [unclosed\n"
    assert any("settings" in n.text for n in window.notices.notices())
    assert window.context.settings.theme == "system"


def test_a_bad_value_is_reported_with_its_line_and_the_rest_kept(make_window, data_paths):
    data_paths.root.mkdir(parents=True)
    data_paths.settings.write_text("version: 1\ntheme: dark\nvolume: 7\n")
    window = make_window()
    assert window.context.settings.theme == "dark"
    assert window.context.settings.volume == 0.6
    assert any("settings.yaml:3:9" in n.text for n in window.notices.notices())


def test_a_read_only_data_folder_keeps_settings_in_memory_and_says_so(make_window, data_paths, monkeypatch):
    import errno

    import app.gui.context as context_module

    def refuse(path, settings):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(context_module, "save_settings", refuse)
    window = make_window()
    assert window.context.update_settings(theme="dark") is False
    assert window.context.settings.theme == "dark"
    assert any("could not be saved" in n.text for n in window.notices.notices())


def test_switching_to_dark_restyles_the_side_bar_at_once(make_window, qtbot):
    """The page names in the side bar must turn light on dark at once, not after a restart."""
    window = make_window()
    activate(qtbot, window)

    def brightest_text_in_last_page_item() -> int:
        image = window.nav.button(window.nav.keys()[-1]).grab().toImage()
        return max(image.pixelColor(x, y).lightness() for x in range(image.width()) for y in range(image.height()))

    window.context.update_settings(theme="dark")
    qtbot.waitUntil(lambda: window.grab().toImage().pixelColor(2, window.height() - 3).lightness() < 80)
    qtbot.waitUntil(lambda: brightest_text_in_last_page_item() > 170)  # page names light on the dark side bar
    window.context.update_settings(theme="light")
    qtbot.waitUntil(lambda: window.grab().toImage().pixelColor(2, window.height() - 3).lightness() > 200)


def test_dragging_the_volume_saves_once_when_it_rests(make_window, qtbot, monkeypatch, fake_timers):
    window = make_window()
    window.show_page("settings")
    page = window.page("settings")
    saves: list[dict] = []
    original = window.context.update_settings
    monkeypatch.setattr(window.context, "update_settings", lambda **changes: saves.append(changes) or original(**changes))
    for value in range(60, 20, -5):
        page.volume.setValue(value)
        fake_timers.advance(VOLUME_SAVE_DELAY_MS / 2000)  # a held arrow key: each step before the rest
    assert saves == [], "nothing is saved while the slider moves"
    fake_timers.advance(VOLUME_SAVE_DELAY_MS / 1000)
    assert saves == [{"volume": 0.25}]
    page.volume.setValue(40)
    page.volume.sliderReleased.emit()
    assert saves[-1] == {"volume": 0.4}, "letting go of the slider saves at once"
    fake_timers.advance(VOLUME_SAVE_DELAY_MS / 1000)
    assert len(saves) == 2


def test_no_sound_is_told_once_per_data_folder_and_shown_in_settings(make_window, qtbot, data_paths):
    from app.audio import NullPlayer

    def silent(sound_set, volume, notify):
        notify("Sound cues are off: no sound card was found.")
        return NullPlayer()

    window = make_window(player_factory=silent)
    window.context.sound_player("soft")
    assert sum("Sound cues are off" in n.text for n in window.notices.notices()) == 1
    window.show_page("settings")
    assert window.page("settings").sound_note.text().startswith("Sound cues are off")
    assert "told_no_sound" not in (data_paths.settings.read_text() if data_paths.settings.exists() else "")
    window.context.close()  # what quitting does: the note is written then
    assert "told_no_sound: true" in data_paths.settings.read_text()
    again = make_window(player_factory=silent)
    again.context.sound_player("soft")
    assert not any("Sound cues are off" in n.text for n in again.notices.notices())


def test_a_value_steady_cannot_use_is_kept_until_the_user_sets_it(make_window, data_paths):
    data_paths.root.mkdir(parents=True)
    data_paths.settings.write_text("theme: Dark\nvolume: 0.3\n")
    window = make_window()
    window.context.update_settings(volume=0.5)
    text = data_paths.settings.read_text()
    assert "theme: Dark" in text and "volume: 0.5" in text
    window.context.update_settings(theme="dark")
    assert "theme: dark" in data_paths.settings.read_text()


def test_the_cue_sounds_can_be_chosen_and_the_next_session_uses_them(make_window, qtbot, data_paths):
    window = make_window(clock=None)
    window.show_page("settings")
    page = window.page("settings")
    assert {page.sound_set.itemData(i) for i in range(page.sound_set.count())} >= {"soft", "wood", "none"}
    page.sound_set.setCurrentIndex(page.sound_set.findData("wood"))
    assert load_settings(data_paths.settings).settings.sound_set == "wood"
    window.start_breathing("box")
    services = breathe_page(window).session.services
    qtbot.waitUntil(lambda: services.cues is not None)
    assert window.context.has_sound_player("wood")
