"""Files shipped inside Steady's packages (the YAML in `exercises`, the sounds in `assets`): the
one way Steady reaches them.

An ordinary install has each package as a folder on disk, read directly: importlib.resources
costs a few milliseconds to import (and about half a megabyte resident), and the built-in
exercises and flow are read on the way to the first frame. A zipped install goes through
importlib.resources.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

PACKAGE = "exercises"


def _folder(package: str = PACKAGE) -> Path | None:
    """The package's folder on disk; None for a package without a file path (a frozen bundle,
    where ``Path("").parent`` would silently be the current folder) or not in a folder."""
    file = getattr(importlib.import_module(package), "__file__", None)
    if not file:
        return None
    folder = Path(file).parent
    return folder if folder.is_dir() else None


def package_root(package: str) -> Path | Traversable:
    """The package's folder: a Path on disk, or importlib.resources' view into a zipped install."""
    folder = _folder(package)
    if folder is not None:
        return folder
    from importlib.resources import files

    return files(package)


@contextmanager
def local_file(entry: Path | Traversable) -> Iterator[Path]:
    """A real path for `entry` while the block runs (zipped installs extract it for the while)."""
    if isinstance(entry, Path):
        yield entry
        return
    from importlib.resources import as_file

    with as_file(entry) as path:
        yield Path(path)


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
