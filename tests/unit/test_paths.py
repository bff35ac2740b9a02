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


def test_runtime_files_live_in_the_users_own_runtime_folder(isolated_home: Path) -> None:
    """Per user by construction: the folder is the user's alone (the tests below); where it is
    without XDG_RUNTIME_DIR is tested there too."""
    assert paths.runtime_file("sounds") == Path(os.environ["XDG_RUNTIME_DIR"]) / "steady" / "sounds"


def test_lock_and_socket_are_named_after_the_data_folder(tmp_path: Path) -> None:
    one, other = paths.DataPaths(tmp_path / "one"), paths.DataPaths(tmp_path / "other")
    assert one.lock_file.parent == paths.runtime_dir() and one.lock_file.name.endswith(".lock")
    assert Path(one.socket_name).with_suffix(".lock") == one.lock_file
    assert one.lock_file != other.lock_file
    assert paths.DataPaths(tmp_path / "one" / ".." / "one").lock_file == one.lock_file


# -- the runtime folder is the user's alone (issue 12, "Neighbours") ------------------------------

import stat  # noqa: E402

from tests.helpers.neighbours import neighbour_uid, neighbours_folder  # noqa: E402


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temp folder open to all, like /tmp (sticky, mode 1777), as this process's TMPDIR."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    os.chmod(folder, 0o1777)
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again
    return folder


def _is_private_folder(folder: Path) -> bool:
    info = os.lstat(folder)
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) == 0o700


def test_the_runtime_folder_is_a_private_folder_inside_xdg_runtime_dir(isolated_home: Path) -> None:
    folder = paths.runtime_dir()
    assert folder == Path(os.environ["XDG_RUNTIME_DIR"]) / "steady"
    assert _is_private_folder(folder)
    assert paths.runtime_file("sounds") == folder / "sounds"
    one = paths.DataPaths(isolated_home / "one")
    assert one.lock_file.parent == folder and Path(one.socket_name).parent == folder


def test_without_a_runtime_folder_of_the_users_own_steady_never_uses_the_shared_temp_folder(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, shared: Path
) -> None:
    open_to_all = tmp_path / "open"
    open_to_all.mkdir()
    os.chmod(open_to_all, 0o1777)  # like /tmp: anyone may plant a folder named steady in it
    private_cache = isolated_home / ".cache" / "steady" / "runtime"
    for runtime in (None, str(tmp_path / "missing"), "relative/run", str(open_to_all)):
        if runtime is None:
            monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
        else:
            monkeypatch.setenv("XDG_RUNTIME_DIR", runtime)
        assert paths.runtime_dir() == private_cache, runtime
        assert _is_private_folder(private_cache)
    assert list(shared.iterdir()) == [] and list(open_to_all.iterdir()) == []


def test_a_runtime_folder_of_someone_elses_is_not_used(isolated_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    theirs = neighbours_folder(tmp_path / "their-run", neighbour_uid(), mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(theirs))
    assert paths.runtime_dir() == isolated_home / ".cache" / "steady" / "runtime"


def test_with_no_home_to_write_the_temp_folder_gets_a_checked_private_folder(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, shared: Path
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    in_the_way = tmp_path / "cache-is-a-file"
    in_the_way.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(in_the_way))  # no cache folder can be made
    folder = paths.runtime_dir()
    assert folder == shared / f"steady-{os.getuid()}"
    assert _is_private_folder(folder)


def test_a_runtime_folder_that_is_not_the_users_alone_is_refused_plainly(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A link, someone else's folder, a folder others may enter, a file: refused, named, untouched."""
    run = Path(os.environ["XDG_RUNTIME_DIR"])
    folder = run / "steady"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)

    def link() -> str:
        folder.symlink_to(elsewhere)
        return "link"

    def someone_elses() -> str:
        neighbours_folder(folder, neighbour_uid(), mode=0o700)
        return "another user"

    def open_to_others() -> str:
        folder.mkdir()
        os.chmod(folder, 0o755)
        return "chmod 700"

    def a_file() -> str:
        folder.write_text("")
        return "not a folder"

    for plant in (link, someone_elses, open_to_others, a_file):
        said = plant()
        before = os.lstat(folder)
        with pytest.raises(OSError) as refused:
            paths.runtime_dir()
        message = str(refused.value)
        assert str(folder) in message and said in message, message
        after = os.lstat(folder)
        assert (after.st_mode, after.st_uid, after.st_ino) == (before.st_mode, before.st_uid, before.st_ino)
        assert list(elsewhere.iterdir()) == []
        if folder.is_dir() and not folder.is_symlink():
            folder.rmdir()
        else:
            folder.unlink()
