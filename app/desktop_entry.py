"""Install Steady's desktop entry for this user: `python -m app.desktop_entry install [--quiet]`.

Writes ``$XDG_DATA_HOME/applications/steady.desktop`` (normally
``~/.local/share/applications``) from the template ``assets/steady.desktop``, with the absolute
path of this virtual environment's ``steady`` (the folder of ``sys.executable``) and of the icon
``assets/icons/steady.svg``. The entry has a "Breathe now" action that runs ``steady now``.
``./steady.sh`` runs this on every start, so it is cheap and idempotent: the file is written
only when its content would change. Qt-free (standard library only).

Also: ``uninstall`` removes the file, ``print`` shows what would be written.
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path

from app.core.atomic import atomic_write_text
from app.core.problems import FileProblems
from app.core.user_file import read_user_file
from app.paths import applications_dir

FILE_NAME = "steady.desktop"
#: The entry Steady writes is under 1 KiB; a bigger file there is compared no further.
ENTRY_MAX_BYTES = 64 * 1024


def steady_executable() -> Path:
    """The `steady` script beside this interpreter (the virtual environment's bin folder)."""
    return Path(sys.executable).absolute().parent / "steady"


def icon_path() -> Path:
    return Path(str(resources.files("assets").joinpath("icons", "steady.svg"))).absolute()


#: Characters that make an Exec argument need quotes (desktop entry specification, "Exec key").
_RESERVED = ' \t\n"\'\\><~|&;$*?#()`'


def quote_exec(argument: str | Path) -> str:
    """One argument of an Exec line, as the desktop entry specification asks: in double quotes
    when it is empty or holds a reserved character (with \\ " ` $ escaped), and % doubled."""
    text = str(argument)
    if text and not any(ch in text for ch in _RESERVED):
        return text.replace("%", "%%")
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return f'"{escaped}"'.replace("%", "%%")


def render(steady: Path | None = None, icon: Path | None = None) -> str:
    template = resources.files("assets").joinpath(FILE_NAME).read_text(encoding="utf-8")
    exec_path = quote_exec(steady or steady_executable())
    return template.replace("@STEADY@", exec_path).replace("@ICON@", str(icon or icon_path()))


def install(target_dir: Path | None = None) -> tuple[Path, bool]:
    """(the file, whether it was written); unchanged content is left alone."""
    target = (target_dir or applications_dir()) / FILE_NAME
    text = render()
    try:  # read only a regular file of a sensible size: a pipe or device there is written over
        if read_user_file(target, limit=ENTRY_MAX_BYTES) == text.encode("utf-8"):
            return target, False
    except FileProblems:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(target, text, mode=0o644)
    return target, True


def uninstall(target_dir: Path | None = None) -> bool:
    target = (target_dir or applications_dir()) / FILE_NAME
    try:
        target.unlink()
    except FileNotFoundError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.desktop_entry", description="Install Steady's desktop entry for this user.")
    parser.add_argument("action", choices=("install", "uninstall", "print"))
    parser.add_argument("--quiet", action="store_true", help="print nothing on success")
    args = parser.parse_args(argv)
    if args.action == "print":
        sys.stdout.write(render())
        return 0
    try:
        if args.action == "uninstall":
            removed = uninstall()
            if not args.quiet:
                print("removed the desktop entry" if removed else "there was no desktop entry")
            return 0
        path, written = install()
    except OSError as error:
        print(f"steady: could not write the desktop entry: {error.strerror or error}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"{path}: {'written' if written else 'already up to date'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
