"""What killed runs leave behind is cleared: temporary files of saves, stale locks and sockets."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from app.gui.handover import InstanceLock
from app.paths import DataPaths
from tests.helpers.processes import start_lock_holder

DAY = 24 * 3600.0


def _aged(path: Path, seconds_old: float, now: float) -> Path:
    os.utime(path, (now - seconds_old, now - seconds_old), follow_symlinks=False)
    return path


def _orphan(folder: Path, name: str, seconds_old: float, now: float) -> Path:
    """A temporary file as app.core.atomic.replacing names them, left `seconds_old` ago."""
    path = folder / name
    path.write_text("half of a save")
    os.chmod(path, 0o600)
    return _aged(path, seconds_old, now)


def test_only_old_temporary_files_of_steadys_saves_are_removed(tmp_path):
    from app.core.atomic import ORPHAN_AGE_S, remove_orphans

    now = 1_800_000_000.0
    old = [_orphan(tmp_path, ".settings.yaml.k2j_9x0a.tmp", DAY, now), _orphan(tmp_path, ".box.yaml.abcdefgh.tmp", ORPHAN_AGE_S + 1, now)]
    kept = [
        _orphan(tmp_path, ".settings.yaml.z8y7x6w5.tmp", ORPHAN_AGE_S - 60, now),  # a save may still be writing it
        _orphan(tmp_path, "notes.tmp", DAY, now),  # the user's, not a name Steady makes
        _orphan(tmp_path, ".settings.yaml.tmp", DAY, now),
        _orphan(tmp_path, ".settings.yaml.TOOLONG12.tmp", DAY, now),
        _orphan(tmp_path, "settings.yaml", DAY, now),
    ]
    (tmp_path / ".folder.yaml.abcdefgh.tmp").mkdir()
    victim = _orphan(tmp_path, "victim.yaml", DAY, now)
    link = tmp_path / ".link.yaml.abcdefgh.tmp"
    link.symlink_to(victim)
    _aged(link, DAY, now)
    kept += [tmp_path / ".folder.yaml.abcdefgh.tmp", victim, link]
    assert sorted(remove_orphans(tmp_path, now)) == sorted(old)
    assert not any(p.exists() for p in old)
    assert all(os.path.lexists(p) for p in kept)
    assert victim.read_text() == "half of a save"


def test_only_temporary_files_of_the_named_targets_are_removed_where_others_save_too(tmp_path):
    from app.core.atomic import remove_orphans

    now = 1_800_000_000.0
    ours = _orphan(tmp_path, ".steady.desktop.abcdefgh.tmp", DAY, now)
    theirs = _orphan(tmp_path, ".firefox.desktop.abcdefgh.tmp", DAY, now)
    assert remove_orphans(tmp_path, now, names=("steady.desktop",)) == [ours]
    assert theirs.exists()


def test_a_temporary_file_of_someone_elses_is_left_alone(tmp_path):
    from app.core.atomic import remove_orphans
    from tests.helpers.neighbours import neighbour_uid

    now = 1_800_000_000.0
    theirs = _orphan(tmp_path, ".settings.yaml.abcdefgh.tmp", DAY, now)
    os.chown(theirs, neighbour_uid(), neighbour_uid())
    _aged(theirs, DAY, now)
    assert remove_orphans(tmp_path, now) == []


def test_a_released_lock_leaves_no_file_behind(tmp_path):
    paths = DataPaths(tmp_path / "data")
    lock = InstanceLock(paths)
    assert lock.try_acquire()
    assert paths.lock_file.exists() and paths.folder_lock.exists()
    lock.release()
    assert not paths.lock_file.exists() and not paths.folder_lock.exists()
    again = InstanceLock(paths)
    assert again.try_acquire()  # and the next holder makes them again
    assert paths.lock_file.exists() and paths.folder_lock.exists()
    again.release()


def _dead_socket(path: Path) -> None:
    """A socket file whose listener is gone, as kill -9 leaves it."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))


def test_stale_locks_and_sockets_are_removed_and_live_ones_kept(tmp_path):
    from app.gui.handover import remove_stale_runtime_files
    from app.paths import runtime_dir

    folder = runtime_dir()
    gone = [DataPaths(tmp_path / f"gone-{n}") for n in range(3)]
    for paths in gone:
        Path(paths.lock_file).write_text("12345\n")
        _dead_socket(Path(paths.socket_name))
    only_socket = DataPaths(tmp_path / "only-socket")
    _dead_socket(Path(only_socket.socket_name))
    alive = DataPaths(tmp_path / "alive")
    holder = start_lock_holder(alive.root)
    try:
        assert holder.stdout.readline().strip() == "True"
        _dead_socket(Path(alive.socket_name))  # the live instance's (its listener is elsewhere here)
        (folder / "sounds").mkdir()
        (folder / "notes.txt").write_text("not Steady's to judge")
        remove_stale_runtime_files(folder)
        names = sorted(p.name for p in folder.iterdir())
        assert names == sorted([alive.lock_file.name, Path(alive.socket_name).name, "notes.txt", "sounds"])
    finally:
        holder.kill()
        holder.wait(timeout=10)
