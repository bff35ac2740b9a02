"""The validated-file cache only ever speeds things up: it never serves a stale answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.library import load_library
from app.core.parse_cache import ParseCache, code_stamp, sources_stamp
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


def _sources(folder: Path) -> tuple[Path, Path]:
    package = folder / "core"
    write(package, "reader.py", "x = 1\n")
    write(package, "schema.py", "y = 2\n")
    yaml_init = write(folder / "yaml", "__init__.py", "__version__ = '6.0.4'\n")
    return package, yaml_init


def test_the_stamp_follows_every_source_of_the_package_and_the_yaml_install(tmp_path):
    """No hand-kept module list: any changed, added or removed file of the package counts."""
    import os

    package, yaml_init = _sources(tmp_path)
    first = sources_stamp(package, yaml_init)
    assert first is not None and first == sources_stamp(package, yaml_init)
    write(package, "schema.py", "y = 22\n")
    second = sources_stamp(package, yaml_init)
    write(package, "new_kind.py", "")
    third = sources_stamp(package, yaml_init)
    (package / "new_kind.py").unlink()
    os.utime(yaml_init, ns=(1, 1))  # PyYAML reinstalled or upgraded
    fourth = sources_stamp(package, yaml_init)
    assert len({first, second, third, fourth}) == 4
    write(package, "notes.txt", "not code")
    assert sources_stamp(package, yaml_init) == fourth


def test_code_that_cannot_be_seen_means_no_cache_never_a_crash(tmp_path):
    """A frozen bundle has no file paths, a zipped install no folder, a stat may fail: all mean
    "no cache". (A bundle's `os.stat` on a frozen module's path used to crash `steady list`.)"""
    package, yaml_init = _sources(tmp_path)
    assert sources_stamp(None, yaml_init) is None
    assert sources_stamp(package, None) is None
    assert sources_stamp(tmp_path / "app.zip" / "core", yaml_init) is None
    assert sources_stamp(package, tmp_path / "gone" / "__init__.py") is None
    compiled_only = tmp_path / "compiled"
    write(compiled_only, "reader.pyc", "")
    assert sources_stamp(compiled_only, yaml_init) is None


def test_this_install_has_a_stamp_worked_out_once():
    assert isinstance(code_stamp(), str) and code_stamp() is code_stamp()


def test_without_a_stamp_the_cache_reads_and_writes_nothing_and_files_still_load(tmp_path):
    folder = tmp_path / "exercises"
    cache_dir = tmp_path / "cache"
    write(folder, "mine.yaml", GOOD)
    load_library(folder, ParseCache("library", "stamp", cache_dir))
    assert (cache_dir / "library.json").exists()
    saved = json.loads((cache_dir / "library.json").read_text())
    for entry in saved["entries"].values():
        if "exercise" in entry:
            entry["exercise"]["name"] = "Poisoned"
    (cache_dir / "library.json").write_text(json.dumps(saved))
    before = (cache_dir / "library.json").read_text()
    assert load_library(folder, ParseCache("library", None, cache_dir)).get("mine").name == "Mine"
    assert (cache_dir / "library.json").read_text() == before
    unwritten = tmp_path / "other-cache"
    load_library(folder, ParseCache("library", None, unwritten))
    assert not unwritten.exists()


def test_a_package_without_a_file_path_is_read_from_the_package_not_the_current_folder(tmp_path, monkeypatch):
    """In a frozen bundle `__file__` is None; the built-ins must not come from wherever Steady was started."""
    import exercises
    from app.core.packaged import packaged_files

    real = [name for name, _data, _path in packaged_files()]
    write(tmp_path / "cwd", "decoy.yaml", GOOD)
    monkeypatch.chdir(tmp_path / "cwd")
    monkeypatch.setattr(exercises, "__file__", None)
    assert [name for name, _data, _path in packaged_files()] == real and "decoy.yaml" not in real


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
    from app.core.flow_files import load_flow

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


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text.replace('[["inhale",4.0],["exhale",6.0]]', '[["inhale",1e400],["exhale",6.0]]'),
        lambda text: text.replace('[["inhale",4.0],["exhale",6.0]]', '[["inhale",NaN],["exhale",6.0]]'),
        lambda text: "[" * 100_000 + "]" * 100_000,
    ],
    ids=["a phase of 1e400 seconds", "a phase of NaN seconds", "nested 100,000 deep"],
)
def test_a_damaged_cache_is_read_again_from_the_files(tmp_path, damage):
    """The cache is only an accelerator: numbers no file could hold, or a cache nested too deep
    for Python's JSON reader, mean the files are read again, never a crash or an infinite breath."""
    folder = tmp_path / "exercises"
    cache_dir = tmp_path / "cache"
    write(folder, "mine.yaml", GOOD)
    load_library(folder, ParseCache("library", "stamp", cache_dir))
    cache_file = cache_dir / "library.json"
    damaged = damage(cache_file.read_text())
    assert damaged != cache_file.read_text()
    cache_file.write_text(damaged)
    library = load_library(folder, ParseCache("library", "stamp", cache_dir))
    assert [phase.seconds for phase in library.get("mine").stages[0].phases] == [4.0, 6.0]
