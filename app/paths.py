"""Where Steady keeps things: every folder the app reads or writes outside its package comes from here.

Order of precedence for the data folder: `--data-dir` on the command line, then the
`STEADY_HOME` environment variable, then `$XDG_DATA_HOME/steady` (normally
`~/.local/share/steady`). Tests always pass a temporary folder, so they never touch a real home.
Locks and sockets go in a private runtime folder (see runtime_dir), named after a hash of the
data folder, so that a read-only data folder does not stop Steady from starting; a second lock
inside the data folder (DataPaths.folder_lock), where it can be written, keys the one running
Steady to the folder itself, whatever runtime folder a session has.

The base folders themselves (``$XDG_DATA_HOME`` and the like) are worked out by
:mod:`app.core.folders`, below this module, so that core's parse cache follows the same rules;
a platform layer for Windows and macOS slots in there.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

from app.core import folders
from app.core.digest import checksum
from app.core.private_folder import NotPrivate, current_uid, make_private, private_folder, writable_by_others

ENV_HOME = "STEADY_HOME"


def default_data_dir() -> Path:
    """`$XDG_DATA_HOME/steady` (normally ~/.local/share/steady)."""
    return folders.data_home() / folders.APP_FOLDER


def cache_dir() -> Path:
    """Steady's cache folder, `$XDG_CACHE_HOME/steady`: anything in it may be deleted at any time."""
    return folders.app_cache_dir()


def config_home() -> Path:
    """The desktop's configuration folder, `$XDG_CONFIG_HOME` (normally ~/.config), where other
    programs' settings (GTK's, the autostart entries) live; Steady keeps its own in the data folder."""
    return folders.config_home()


def applications_dir() -> Path:
    """Where desktop entries for the menus go: `$XDG_DATA_HOME/applications`."""
    return folders.data_home() / "applications"


def autostart_dir() -> Path:
    """Entries started at login (XDG autostart): `$XDG_CONFIG_HOME/autostart`."""
    return config_home() / "autostart"


def dialog_dir() -> Path:
    """Where save and open dialogs start: the home folder, where people look for what they saved."""
    return Path.home()


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The data folder chosen by command line, environment or default (not created here)."""
    if cli_value:
        return Path(cli_value).expanduser().absolute()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser().absolute()
    return default_data_dir()


def runtime_dir() -> Path:
    """Steady's private runtime folder, made (mode 700) and checked at every call.

    `$XDG_RUNTIME_DIR/steady` when XDG_RUNTIME_DIR is a folder of the user's that nobody else
    may write to; otherwise `~/.cache/steady/runtime`, and only when the home cannot be written,
    `steady-UID` in the temp folder. Why not the temp folder first: anyone may create a name
    there, so a neighbour could plant a folder at a predictable one before Steady, and Steady
    would then refuse it (it would never use it) and not start. The user's own cache is out of
    their reach.

    Raises NotPrivate (an OSError whose text is for the user) when the folder is there but is
    not the user's alone (a link, someone else's, open to others): it is refused, never used.
    """
    base = _own_runtime_base()
    if base is not None:
        return private_folder(base / folders.APP_FOLDER)
    try:
        return private_folder(folders.app_cache_dir() / "runtime")
    except NotPrivate:
        raise
    except OSError:
        pass
    import tempfile  # only without a writable home: it costs a few ms on the way to the first frame

    uid = current_uid()
    return private_folder(Path(tempfile.gettempdir()) / f"{folders.APP_FOLDER}-{0 if uid is None else uid}")


def _own_runtime_base() -> Path | None:
    """`$XDG_RUNTIME_DIR` if it is an absolute path to a folder of the user's that only they can write to."""
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    if not xdg or not os.path.isabs(xdg):
        return None
    try:
        info = os.stat(xdg)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or writable_by_others(info):
        return None
    return Path(xdg)


def runtime_file(name: str) -> Path:
    """`name` in the private runtime folder (raises NotPrivate when that folder is not the user's alone)."""
    return runtime_dir() / name


class DataPaths(NamedTuple):
    """Every file and folder inside one data folder (see CONVENTIONS.md for the layout).

    A NamedTuple rather than a frozen dataclass: built in a tenth of the time on the way to the
    first frame.
    """

    root: Path

    @property
    def exercises(self) -> Path:
        return self.root / "exercises"

    @property
    def flows(self) -> Path:
        return self.root / "flows"

    @property
    def anchors(self) -> Path:
        return self.root / "anchors"

    @property
    def crisis_lines(self) -> Path:
        return self.root / "crisis-lines.yaml"

    @property
    def settings(self) -> Path:
        return self.root / "settings.yaml"

    @property
    def history(self) -> Path:
        return self.root / "history.db"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def saved_folders(self) -> tuple[Path, ...]:
        """The folders Steady saves files into (atomically, see app.core.atomic)."""
        return (self.root, self.exercises, self.flows, self.anchors, self.backups)

    def ensure(self) -> bool:
        """Create the data folder (mode 0700) if it can be, and close an existing one of the
        user's to others (history and moments are nobody else's business); False when it
        cannot be written. privacy_notice_once says what could not be closed."""
        try:
            self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            return False
        try:
            make_private(self.root)
        except OSError:
            pass  # privacy_notice_once tells the user
        return os.access(self.root, os.W_OK)

    def privacy_notice_once(self) -> str | None:
        """What to tell the user when others can still open the data folder, the first time only.

        Called after ensure: the folder is then open only when it is not the user's to change
        (someone else's) or its drive keeps no permissions. Remembered in the cache folder, per
        data folder, so the user is not told at every start.
        """
        try:
            info = os.stat(self.root)
        except OSError:
            return None
        if not info.st_mode & 0o077:
            return None
        told = folders.app_cache_dir() / "told" / f"open-data-folder-{self.runtime_key()}"
        if told.exists():
            return None
        try:
            told.parent.mkdir(parents=True, exist_ok=True)
            told.touch()
        except OSError:
            pass
        uid = current_uid()
        why = (f"it belongs to someone else (user id {info.st_uid}), so Steady leaves it as it is"
               if uid is not None and info.st_uid != uid else "the drive it is on does not let Steady change that")
        return (f"Your Steady folder {self.root} can be opened by other people on this computer, and {why}. "
                "To keep your practice to yourself, use a folder of your own (steady --data-dir DIR, or STEADY_HOME).")

    def runtime_key(self) -> str:
        """A short stable name for this data folder, for its lock and socket in the runtime folder."""
        return checksum(str(self.root.resolve()).encode())

    @property
    def lock_file(self) -> Path:
        return runtime_file(f"{self.runtime_key()}.lock")

    @property
    def socket_name(self) -> str:
        return str(runtime_file(f"{self.runtime_key()}.sock"))

    @property
    def folder_lock(self) -> Path:
        """The single-instance lock inside the data folder: seen by every session, whatever its runtime folder."""
        return self.root / "steady.lock"
