"""settings.yaml through the one schema reader: each unusable value falls back on its own, named
at its line and column, and is kept to be written back; reminders are read entry by entry."""

from __future__ import annotations

import pytest

from app.core.parse_cache import ParseCache
from app.core.reminders.schedule import Reminder
from app.core.settings import UNREAD_KEEP, Settings, load_settings, save_settings


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def load(tmp_path, text: str):
    path = tmp_path / "settings.yaml"
    path.write_text(text)
    return path, load_settings(path)


def test_each_unusable_value_falls_back_alone_and_is_named_where_it_is(tmp_path):
    path, loaded = load(
        tmp_path,
        "theme: Dark\nvolume: 3\nmotion: reduced\ncrisis_country: gb\ndraft_cooling_minutes: 2.5\n"
        "moment_exercise: Calm Exhale\nsound_enabled: false\ntray: 1\n",
    )
    settings = loaded.settings
    assert (settings.theme, settings.volume, settings.crisis_country, settings.draft_cooling_minutes) == ("system", 0.6, "", 20)
    assert settings.moment_exercise == "calm-exhale" and settings.tray is False
    assert (settings.motion, settings.sound_enabled) == ("reduced", False)
    assert settings.rejected == {
        "theme": "Dark", "volume": 3, "crisis_country": "gb", "draft_cooling_minutes": 2.5, "moment_exercise": "Calm Exhale", "tray": 1,
    }
    assert loaded.set_aside_as is None
    assert [str(p) for p in loaded.problems] == [
        f"{path}:1:8: 'theme' must be one of system, light, dark, not the text 'Dark'; did you mean 'dark'? (the default is used for now)",
        f"{path}:2:9: 'volume' is 3; it must be from 0 to 1 (the default is used for now)",
        f"{path}:4:17: 'crisis_country' must be a two-letter country code such as GB or US, or \"\" for the system's, "
        "not the text 'gb' (the default is used for now)",
        f"{path}:5:24: 'draft_cooling_minutes' must be a whole number, e.g. 2 (the default is used for now)",
        f"{path}:6:18: 'moment_exercise' must be an exercise id, as `steady list` shows, not the text 'Calm Exhale' "
        "(the default is used for now)",
        f"{path}:8:7: 'tray' must be true or false, not the number 1 (the default is used for now)",
    ]


def test_rejected_values_are_written_back_until_set_again(tmp_path):
    path, loaded = load(tmp_path, "theme: Dark\nvolume: 0.3\n")
    save_settings(path, loaded.settings.with_changes(volume=0.5))
    again = load_settings(path)
    assert again.settings.rejected == {"theme": "Dark"} and again.settings.volume == 0.5
    save_settings(path, again.settings.with_changes(theme="dark"))
    assert load_settings(path).problems == [] and "theme: dark" in path.read_text()


def test_every_setting_survives_a_save_and_the_cached_start_alike(tmp_path):
    path = tmp_path / "settings.yaml"
    reminder = Reminder("r-1", frozenset({0, 2, 4}), 7, 30, "box", 10, True)
    settings = Settings(
        moment_exercise="box", motion="full", theme="dark", crisis_country="GB", draft_cooling_minutes=45, sound_enabled=False,
        sound_set="wood", volume=0.35, reminders=(reminder,), tray=True, start_at_login=True, first_run_done=True,
        reminders_paused_until=1767225600.5, extra={"from_a_newer_steady": {"x": [1, "no"]}},
    )
    save_settings(path, settings)
    fresh = load_settings(path, ParseCache("settings", None))
    cached = load_settings(path)
    assert fresh.problems == [] and cached.problems == []
    assert fresh.settings == settings and cached.settings == settings


def test_a_broken_reminder_is_named_kept_and_the_others_work(tmp_path):
    path, loaded = load(
        tmp_path,
        'reminders:\n  - time: "07:30"\n    days: [mon, tue]\n  - days: [mon, funday]\n    time: "9.30"\n    colour: blue\n'
        "  - exercise: box\n",
    )
    assert [(r.hour, r.minute, sorted(r.days)) for r in loaded.settings.reminders] == [(7, 30, [0, 1])]
    assert loaded.settings.extra["reminders_unusable"] == [
        {"days": ["mon", "funday"], "time": "9.30", "colour": "blue"},
        {"exercise": "box"},
    ]
    kept = "(this reminder is kept but not used until it is fixed)"
    assert [str(p) for p in loaded.problems] == [
        f"{path}:4:11: 'days' must be a list of: mon, tue, wed, thu, fri, sat, sun {kept}",
        f"{path}:5:11: 'time' must be a time like \"07:30\" (24-hour, in quotes), not the text '9.30' {kept}",
        f"{path}:6:5: unknown key 'colour' in a reminder: the keys here are id, days, time, exercise, minutes, enabled {kept}",
        f'{path}:7:5: this reminder has no time: add e.g. time: "07:30" {kept}',
    ]
    save_settings(path, loaded.settings.with_changes(theme="dark"))
    again = load_settings(path)
    assert len(again.settings.reminders) == 1 and again.settings.extra["reminders_unusable"] == loaded.settings.extra["reminders_unusable"]


def test_a_folder_where_settings_should_be_gives_defaults_and_says_so(tmp_path):
    path = tmp_path / "settings.yaml"
    path.mkdir()
    loaded = load_settings(path)
    assert loaded.settings == Settings(unread_file=UNREAD_KEEP) and loaded.set_aside_as is None
    assert [str(p) for p in loaded.problems] == [
        f"{path}:1:1: this is a folder, not a file; defaults are used for now, and the file is left as it is until you change a setting"
    ]
