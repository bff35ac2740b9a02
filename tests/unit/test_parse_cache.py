"""The validated-file cache only ever speeds things up: it never serves a stale answer."""

from __future__ import annotations

import json
from pathlib import Path

from app.core.library import load_library
from app.core.parse_cache import ParseCache, code_stamp
from app.core.settings import load_settings


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


GOOD = "name: Mine\nphases:\n  - inhale: 4\n  - exhale: 6\ncycles: 3\n"


def test_a_changed_file_is_validated_again(tmp_path):
    folder = tmp_path / "exercises"
    cache_dir = tmp_path / "cache"
    write(folder, "mine.yaml", GOOD)
    first = load_library(folder, ParseCache("library", "stamp", cache_dir))
    assert first.get("mine").stages[0].cycles == 3
    write(folder, "mine.yaml", GOOD.replace("cycles: 3", "cycles: 4"))
    second = load_library(folder, ParseCache("library", "stamp", cache_dir))
    assert second.get("mine").stages[0].cycles == 4
    write(folder, "mine.yaml", GOOD.replace("exhale: 6", "exhale: 600"))
    third = load_library(folder, ParseCache("library", "stamp", cache_dir))
    assert third.get("mine") is None
    assert [p.line for p in third.problems] == [4]


def test_cached_results_equal_fresh_ones_problems_included(tmp_path):
    folder = tmp_path / "exercises"
    cache_dir = tmp_path / "cache"
    write(folder, "mine.yaml", GOOD)
    write(folder, "bad.yaml", "name: Bad\nphases: 3\n")
    fresh = load_library(folder, ParseCache("library", "stamp", cache_dir))
    cached = load_library(folder, ParseCache("library", "stamp", cache_dir))
    assert cached.exercises == fresh.exercises
    assert cached.problems == fresh.problems and cached.problems
    assert cached.get("mine").source == folder / "mine.yaml"
    assert cached.get("box").builtin


def test_another_validator_version_never_uses_old_results(tmp_path):
    folder = tmp_path / "exercises"
    cache_dir = tmp_path / "cache"
    write(folder, "mine.yaml", GOOD)
    load_library(folder, ParseCache("library", "old-code", cache_dir))
    saved = json.loads((cache_dir / "library.json").read_text())
    for entry in saved["entries"].values():  # poison every cached answer
        if "exercise" in entry:
            entry["exercise"]["name"] = "Poisoned"
    (cache_dir / "library.json").write_text(json.dumps(saved))
    assert load_library(folder, ParseCache("library", "old-code", cache_dir)).get("mine").name == "Poisoned"
    assert load_library(folder, ParseCache("library", "new-code", cache_dir)).get("mine").name == "Mine"


def test_a_damaged_cache_is_ignored(tmp_path):
    folder = tmp_path / "exercises"
    cache_dir = tmp_path / "cache"
    write(folder, "mine.yaml", GOOD)
    cache_dir.mkdir()
    (cache_dir / "library.json").write_text("{not json")
    assert load_library(folder, ParseCache("library", "stamp", cache_dir)).get("mine").name == "Mine"
    (cache_dir / "library.json").write_text(json.dumps({"stamp": "stamp", "entries": {"x": 1}}))
    assert load_library(folder, ParseCache("library", "stamp", cache_dir)).get("mine").name == "Mine"


def test_the_stamp_follows_the_validator_sources_and_the_yaml_version():
    stamp = code_stamp("exercise_schema", "safety")
    assert "exercise_schema:" in stamp and "safety:" in stamp and "yaml=" in stamp


def test_settings_come_from_the_cache_only_while_the_file_is_unchanged(tmp_path):
    path = tmp_path / "settings.yaml"
    cache_dir = tmp_path / "cache"
    path.write_text("theme: dark\n")
    assert load_settings(path, ParseCache("settings", "s", cache_dir)).settings.theme == "dark"
    assert load_settings(path, ParseCache("settings", "s", cache_dir)).settings.theme == "dark"
    path.write_text("theme: light\n")
    assert load_settings(path, ParseCache("settings", "s", cache_dir)).settings.theme == "light"
    path.write_text("theme: purple\n")
    loaded = load_settings(path, ParseCache("settings", "s", cache_dir))
    assert loaded.settings.theme == "system" and loaded.problems


def test_saved_settings_are_read_at_the_next_start_without_yaml(tmp_path, monkeypatch):
    """save_settings warms the cache, so a start after any change in the app parses no YAML."""
    import app.core.yamlsafe as yamlsafe
    from app.core.settings import Settings, save_settings

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "settings.yaml"
    save_settings(path, Settings(theme="dark", volume=0.3))

    def no_yaml(*_args, **_kwargs):
        raise AssertionError("settings were parsed again although the cache knew them")

    monkeypatch.setattr(yamlsafe, "parse_yaml", no_yaml)
    loaded = load_settings(path)
    assert (loaded.settings.theme, loaded.settings.volume, loaded.problems) == ("dark", 0.3, [])
    path.write_text(path.read_text().replace("theme: dark", "theme: light"))  # edited by hand: parsed again
    monkeypatch.undo()
    assert load_settings(path).settings.theme == "light"


def test_the_flow_comes_from_the_cache_while_its_files_are_unchanged(tmp_path, monkeypatch):
    """`steady now` reads the flow without YAML once the same bytes were read cleanly before."""
    import app.core.flow_schema as flow_schema
    from app.core.flow import load_flow

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    user = tmp_path / "flows"
    write(user, "moment-flow.yaml", "trigger:\n  choices: [A slow reply, {text: Asked for space, tag: space}]\n")
    fresh = load_flow(user)

    def no_parsing(*_args, **_kwargs):
        raise AssertionError("the flow was parsed again although the cache knew it")

    monkeypatch.setattr(flow_schema, "read_flow_file", no_parsing)
    cached = load_flow(user)
    assert cached == fresh and cached.problems == []
    assert [c.tag for c in cached.flow.triggers] == [None, "space"]
    assert cached.flow.signal_groups == fresh.flow.signal_groups and cached.flow.signal_groups
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    write(user, "moment-flow.yaml", "trigger:\n  choices: [Silence]\n")  # changed: read again
    assert [c.text for c in load_flow(user).flow.triggers] == ["Silence"]
    write(user, "moment-flow.yaml", "trigger:\n  choices: 7\n")  # broken: reported every time, never cached
    assert load_flow(user).problems and load_flow(user).problems


def test_settings_with_tiny_numbers_save_and_load(tmp_path, monkeypatch):
    """A volume of 0.00001 (or such a number kept from a newer version) must not stop saving."""
    from app.core.settings import Settings, save_settings

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "settings.yaml"
    save_settings(path, Settings(volume=0.00001, extra={"future": 0.000001}))
    loaded = load_settings(path)
    assert loaded.problems == [] and loaded.settings.volume == 0.00001 and loaded.settings.extra["future"] == 0.000001
