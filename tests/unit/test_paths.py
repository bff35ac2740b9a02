"""Every folder Steady uses comes from app.paths, by the XDG rules, and core agrees with it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from app import paths
from app.core.folders import cache_home, config_home, data_home
from app.core.parse_cache import ParseCache


def test_absolute_xdg_variables_are_followed(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "d"), "XDG_CONFIG_HOME": str(tmp_path / "c"), "XDG_CACHE_HOME": str(tmp_path / "k")}
    assert (data_home(env), config_home(env), cache_home(env)) == (tmp_path / "d", tmp_path / "c", tmp_path / "k")


def test_unset_empty_or_relative_xdg_variables_mean_the_defaults_under_home(isolated_home: Path) -> None:
    defaults = (isolated_home / ".local" / "share", isolated_home / ".config", isolated_home / ".cache")
    assert (data_home({}), config_home({}), cache_home({})) == defaults
    odd = {"XDG_DATA_HOME": "", "XDG_CONFIG_HOME": "relative/config", "XDG_CACHE_HOME": "."}
    assert (data_home(odd), config_home(odd), cache_home(odd)) == defaults


def test_steadys_folders_follow_the_environment(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(isolated_home / "caches"))
    data, config = Path(os.environ["XDG_DATA_HOME"]), Path(os.environ["XDG_CONFIG_HOME"])
    assert paths.default_data_dir() == data / "steady"
    assert paths.applications_dir() == data / "applications"
    assert paths.config_home() == config
    assert paths.autostart_dir() == config / "autostart"
    assert paths.cache_dir() == isolated_home / "caches" / "steady"
    assert paths.dialog_dir() == isolated_home


def test_the_parse_cache_lives_in_the_cache_folder_paths_names(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(isolated_home / "caches"))
    assert ParseCache("library", "stamp").path == paths.cache_dir() / "library.json"


def test_runtime_files_are_per_user_and_fall_back_to_the_temp_folder(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    uid = os.getuid()
    assert paths.runtime_file("sounds") == Path(os.environ["XDG_RUNTIME_DIR"]) / f"steady-{uid}-sounds"
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(isolated_home / "no-such-folder"))
    assert paths.runtime_file("sounds") == Path(tempfile.gettempdir()) / f"steady-{uid}-sounds"


def test_lock_and_socket_are_named_after_the_data_folder(tmp_path: Path) -> None:
    one, other = paths.DataPaths(tmp_path / "one"), paths.DataPaths(tmp_path / "other")
    assert one.lock_file.name.startswith(f"steady-{os.getuid()}-") and one.lock_file.name.endswith(".lock")
    assert Path(one.socket_name).with_suffix(".lock") == one.lock_file
    assert one.lock_file != other.lock_file
    assert paths.DataPaths(tmp_path / "one" / ".." / "one").lock_file == one.lock_file
