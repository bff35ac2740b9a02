"""Reading a file the user controls (an exercise, a flow, anchors, crisis lines, settings, state).

The one place Steady reads such a file, so that what can go wrong with it is reported the same
way everywhere, at 1:1 of the file: a folder where a file should be, a file that cannot be read.
Checks on what a path is before it is read belong here too.
"""

from __future__ import annotations

from pathlib import Path

from app.core.problems import FileProblems, Problem


def read_user_file(path: Path, display_path: str | None = None) -> bytes | None:
    """The bytes of the file at `path`, or None when there is none; FileProblems when it cannot
    be read. Problems name the file as `display_path` (as the user gave it) or `path`."""
    shown = str(path) if display_path is None else display_path
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise FileProblems([Problem(shown, 1, 1, "this is a folder, not a file")]) from None
    except OSError as error:
        raise FileProblems([Problem(shown, 1, 1, f"cannot read this file: {error.strerror or error}")]) from None
