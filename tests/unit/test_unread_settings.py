"""Settings that could not be read are never written over.

A settings.yaml Steady cannot read (its mode is 000 in a writable folder, or it is far too big)
gives the defaults for now. Nothing may then replace it by itself: not the note that this
machine has no sound, not the end of the welcome screens, not quitting. Only when the user
changes a setting on purpose is a new file written, and the old one is first kept aside under
a name that says so, and the save says where it went.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.core.settings import Settings, load_settings, save_settings

ORIGINAL = 'theme: dark\ncrisis_country: GB\nreminders:\n  - time: "07:30"\n    days: [mon]\n'
NOBODY = 65534


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@contextmanager
def as_an_ordinary_user() -> Iterator[None]:
    """Root reads every file whatever its mode: for the while, look as another user would."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)


def unreadable_by_mode(folder: Path) -> Path:
    path = folder / "settings.yaml"
    path.write_text(ORIGINAL)
    path.chmod(0)
    return path


def too_big(folder: Path) -> Path:
    path = folder / "settings.yaml"
    path.write_text(ORIGINAL + "# " + "a long note. " * 25_000 + "\n")
    return path


@pytest.fixture
def folder() -> Iterator[Path]:
    """A writable data folder of the user Steady runs as (under /tmp itself: pytest's own folders
    are private to the user running the tests)."""
    made = Path(tempfile.mkdtemp(prefix="steady-unread-"))
    made.chmod(0o711)
    if os.geteuid() == 0:
        os.chown(made, NOBODY, -1)  # the folder is the ordinary user's own, as a data folder is
    try:
        yield made
    finally:
        shutil.rmtree(made)


@pytest.mark.parametrize("make", [unreadable_by_mode, too_big], ids=["mode 000", "too big to read"])
def test_an_unread_file_is_kept_until_a_setting_is_changed_on_purpose(folder: Path, make) -> None:
    path = make(folder)
    before = path.read_bytes()
    with as_an_ordinary_user():
        loaded = load_settings(path)
    assert loaded.problems and all(str(p).startswith(f"{path}:1:1: ") for p in loaded.problems)
    assert loaded.settings.theme == Settings().theme and loaded.set_aside_as is None

    # What Steady changes by itself is kept in memory, never written over the unread file.
    automatic = loaded.settings.with_changes(extra={"told_no_sound": True}).with_changes(first_run_done=True)
    saved = save_settings(path, automatic)
    assert path.read_bytes() == before and list(folder.iterdir()) == [path]
    assert saved.set_aside_as is None

    # A setting the user changes: the old file is kept aside first, then the change is saved.
    saved = save_settings(path, saved.settings.with_changes(theme="light"))
    assert saved.set_aside_as is not None and saved.set_aside_as.parent == folder
    assert saved.set_aside_as.name.startswith("settings.yaml.corrupt-")
    assert saved.set_aside_as.read_bytes() == before
    assert load_settings(path).settings.theme == "light"

    # From now on the file is Steady's own again: saves write it, nothing more is set aside.
    again = save_settings(path, saved.settings.with_changes(volume=0.3))
    assert again.set_aside_as is None and load_settings(path).settings.volume == 0.3
    assert len(list(folder.iterdir())) == 2


def test_an_unreadable_reminder_state_is_kept_aside_before_the_next_save(folder: Path) -> None:
    from app.core.reminders.store import load_state, save_state

    path = folder / "reminders-state.yaml"
    path.write_text("accounted:\n  r-1: 2024-05-01\n")
    before = path.read_bytes()
    path.chmod(0)
    with as_an_ordinary_user():
        loaded = load_state(path)
    assert loaded.problems and str(loaded.problems[0]).startswith(f"{path}:1:1: ")
    save_state(path, loaded.state)
    assert loaded.set_aside_as is not None and loaded.set_aside_as.read_bytes() == before
