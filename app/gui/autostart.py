"""Start at login: an XDG autostart entry, written when the setting is turned on, removed when off.

Desktops that follow the XDG autostart specification (GNOME, KDE, Xfce, Cinnamon, MATE, LXQt)
start every ``$XDG_CONFIG_HOME/autostart/*.desktop`` at login. The entry runs the installed
``steady`` command when there is one on PATH, otherwise this Python with ``-m app``; a data folder
other than the default is passed with ``--data-dir`` so the right one opens. Only a file that
Steady wrote itself (it carries ``X-Steady-Autostart=true``) is ever removed.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from app.core.atomic import atomic_write_text
from app.core.problems import FileProblems
from app.core.user_file import read_user_file
from app.desktop_entry import ENTRY_MAX_BYTES, quote_exec
from app.paths import autostart_dir, default_data_dir

MARKER = "X-Steady-Autostart=true"


def autostart_file() -> Path:
    return autostart_dir() / "steady.desktop"


def launch_command(data_dir: Path) -> list[str]:
    installed = shutil.which("steady")
    command = [installed] if installed else [sys.executable, "-m", "app"]
    if Path(data_dir).absolute() != default_data_dir().absolute():
        command += ["--data-dir", str(Path(data_dir).absolute())]
    return command


def desktop_entry(data_dir: Path) -> str:
    exec_line = " ".join(quote_exec(part) for part in launch_command(data_dir))
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Steady\n"
        "Comment=Breathing practice and gentle reminders\n"
        f"Exec={exec_line}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
        f"{MARKER}\n"
    )


def is_enabled() -> bool:
    return autostart_file().is_file()


def set_enabled(enabled: bool, data_dir: Path) -> Path:
    """Write or remove the entry; raises OSError (the caller tells the user)."""
    path = autostart_file()
    if enabled:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, desktop_entry(data_dir), mode=0o644)
    elif _written_by_steady(path):
        path.unlink()
    return path


def _written_by_steady(path: Path) -> bool:
    """Whether the entry is one Steady wrote (read only if it is a regular file of a sensible size)."""
    try:
        data = read_user_file(path, limit=ENTRY_MAX_BYTES)
    except FileProblems:
        return False
    return data is not None and MARKER.encode() in data
