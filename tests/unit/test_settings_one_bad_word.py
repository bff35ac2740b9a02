"""One YAML 1.1 word in settings.yaml costs only its own setting, never the file.

`sound_enabled: yes`, `crisis_country: NO`, an unquoted `time: 07:30` or a key written twice
are mistakes in one value: that value falls back to its default (a reminder with it is kept but
not used) and is named at its line and column; every other setting and reminder is used. What
was written is kept word for word and written back unchanged by every save, until the user sets
that preference again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.settings import Settings, load_settings, save_settings

TEXT = (
    "theme: dark\n"
    "sound_enabled: yes\n"
    "crisis_country: NO\n"
    "volume: 0.3\n"
    "volume: 0.4\n"
    "reminders:\n"
    '  - time: "08:00"\n'
    "    days: [mon]\n"
    "  - time: 07:30\n"
    "    days: [tue]\n"
)
DEFAULT = "(the default is used for now)"
KEPT = "(this reminder is kept but not used until it is fixed)"


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def settings_file(tmp_path: Path) -> Path:
    path = tmp_path / "settings.yaml"
    path.write_text(TEXT)
    return path


def where(problems: list) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.message) for p in problems]


def test_only_the_unusable_values_fall_back_and_are_named(tmp_path: Path) -> None:
    path = settings_file(tmp_path)
    loaded = load_settings(path)
    assert loaded.set_aside_as is None and path.read_text() == TEXT
    settings = loaded.settings
    assert settings.theme == "dark"
    assert (settings.sound_enabled, settings.crisis_country, settings.volume) == (True, "", Settings().volume)
    assert [(r.time_text, sorted(r.days)) for r in settings.reminders] == [("08:00", [0])]
    found = where(loaded.problems)
    assert [(line, column) for line, column, _ in found] == [(2, 16), (3, 17), (5, 1), (9, 11)]
    assert all(str(p).startswith(f"{path}:") for p in loaded.problems)
    assert "'yes'" in found[0][2] and found[0][2].endswith(DEFAULT)
    assert "'NO'" in found[1][2] and found[1][2].endswith(DEFAULT)
    assert "'volume' appears twice" in found[2][2] and found[2][2].endswith(DEFAULT)
    assert "'07:30'" in found[3][2] and '"07:30"' in found[3][2] and found[3][2].endswith(KEPT)


def test_what_was_written_is_written_back_until_set_again(tmp_path: Path) -> None:
    path = settings_file(tmp_path)
    save_settings(path, load_settings(path).settings.with_changes(theme="light"))
    text = path.read_text()
    for line in ("sound_enabled: yes", "crisis_country: NO", "volume: 0.3", "volume: 0.4", "time: 07:30"):
        assert f"{line}\n" in text, text
    again = load_settings(path)
    assert again.settings.theme == "light" and len(again.settings.reminders) == 1
    assert len(again.problems) == 4  # each still named where it is

    save_settings(path, again.settings.with_changes(sound_enabled=False, volume=0.5))
    text = path.read_text()
    assert "sound_enabled: false\n" in text and "volume: 0.5\n" in text and "volume: 0.3" not in text
    assert "crisis_country: NO\n" in text and "time: 07:30\n" in text
    final = load_settings(path)
    assert (final.settings.sound_enabled, final.settings.volume, final.settings.theme) == (False, 0.5, "light")
    assert len(final.problems) == 2  # the country and the 07:30 reminder, still named


def test_whatever_was_kept_is_written_back_as_it_was() -> None:
    """The writer gives back each kept value in a form that reads back to the same kept value."""
    from app.core.yaml_writer import dump_yaml
    from app.core.yamlsafe import load_yaml

    text = (
        "block: !!int |\n    12\n      34\n"
        "listed: [mon, yes, 07:30]\n"
        "twice: 1\n"
        "twice: {a: no}\n"
        "alias: *nothing\n"
        "tagged: !!set {a, b}\n"
        "fine: [1, 2]\n"
    )
    doc = load_yaml(text.encode(), "x.yaml")
    written = dump_yaml({key: doc.kept((key,)) for key in doc.value})
    again = load_yaml(written.encode(), "x.yaml")
    assert dump_yaml({key: again.kept((key,)) for key in again.value}) == written
    assert [p.message for p in again.problems] == [p.message for p in doc.problems]
    assert "block: !!int |\n  12\n    34\n" in written and "listed: [mon, yes, 07:30]\n" in written
    assert "twice: 1\ntwice:\n  a: no\n" in written and "alias: *nothing\n" in written
