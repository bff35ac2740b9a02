"""The YAML files shipped in the `exercises` package: the one way Steady reads them.

An ordinary install has the package as a folder on disk, read directly: importlib.resources
costs a few milliseconds to import, and the built-in exercises and flow are read on the way to
the first frame. A zipped install goes through importlib.resources.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = "exercises"


def _folder() -> Path | None:
    import exercises

    folder = Path(exercises.__file__).parent
    return folder if folder.is_dir() else None


def packaged_files(suffix: str = ".yaml") -> list[tuple[str, bytes, Path | None]]:
    """(name, bytes, path if on disk) of each packaged file ending in `suffix`, sorted by name."""
    folder = _folder()
    if folder is not None:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(suffix) and not e.name.startswith(".") and e.is_file())
        return [(name, (folder / name).read_bytes(), folder / name) for name in names]
    from importlib import resources

    found = []
    for entry in resources.files(PACKAGE).iterdir():
        name = entry.name
        if name.endswith(suffix) and not name.startswith(".") and entry.is_file():
            found.append((name, entry.read_bytes(), Path(str(entry)) if isinstance(entry, Path) else None))
    found.sort(key=lambda item: item[0])
    return found


def packaged_file(name: str) -> tuple[bytes, str]:
    """The bytes of one packaged file, and the name to show for it in messages."""
    folder = _folder()
    if folder is not None:
        return (folder / name).read_bytes(), f"{PACKAGE}/{name}"
    from importlib import resources

    return resources.files(PACKAGE).joinpath(name).read_bytes(), f"{PACKAGE}/{name}"
