"""A cache of already-validated YAML files, so that opening Steady in a hard moment skips YAML.

Parsing a handful of small files is quick, but importing PyYAML, compiling its and our regular
expressions and walking nine files costs tens of milliseconds on the way to the first frame.
The cache maps a file's exact bytes (its length and checksum, app.core.digest) to what
validating it produced, in `$XDG_CACHE_HOME/steady/`. It is only ever an accelerator: a missing,
unreadable, stale or corrupt cache (or a pipe or device in its place) is ignored and rewritten,
and a result computed by other code is never reused.

Which code that is, is derived rather than listed: every module of `app.core` (the reader, the
schemas, the models they build) and the installed PyYAML, by file size and time (`code_stamp`).
Changing any of them, or upgrading, invalidates every entry. Where the sources cannot be seen
(a frozen bundle, a zipped install, a stat that fails) the stamp is None, and a cache with no
stamp reads and writes nothing: no cache, never a crash.
"""

from __future__ import annotations

import json
import math
import os
from functools import cache
from pathlib import Path
from typing import Any

from app import __version__
from app.core.atomic import atomic_write_text
from app.core.digest import checksum
from app.core.folders import app_cache_dir
from app.core.problems import FileProblems
from app.core.user_file import read_user_file

FORMAT = 2
#: A cache bigger than this is not one Steady wrote (hundreds of exercises take a few hundred KiB).
MAX_CACHE_BYTES = 16 * 1024 * 1024


def content_key(data: bytes) -> str:
    """What identifies a file's bytes in a cache key: their length and checksum."""
    return f"{len(data)}:{checksum(data)}"


@cache
def code_stamp() -> str | None:
    """Identifies the code that turns files into results, or None when it cannot be seen.

    Worked out once per process (about 0.3 ms: one folder listing and a stat per file).
    """
    return sources_stamp(_core_folder(), _yaml_init())


def sources_stamp(package: Path | None, yaml_init: Path | None) -> str | None:
    """The app version, the cache format, and the size and time of every ``*.py`` file in
    `package` and of PyYAML's ``__init__.py``; None when either cannot be read."""
    if package is None or yaml_init is None:
        return None
    try:
        with os.scandir(package) as entries:
            files = sorted((entry.name, entry.stat()) for entry in entries if entry.name.endswith(".py"))
        yaml_stat = os.stat(yaml_init)
    except OSError:
        return None
    if not files:
        return None  # compiled-only or bundled code: its age cannot be told
    listing = ";".join(f"{name}:{st.st_size}:{st.st_mtime_ns}" for name, st in files)
    listing += f";yaml:{yaml_stat.st_size}:{yaml_stat.st_mtime_ns}"
    return f"{__version__}|{FORMAT}|{len(files)}|{checksum(listing.encode('utf-8', 'surrogateescape'))}"


def _core_folder() -> Path | None:
    here = globals().get("__file__")
    return Path(here).parent if here else None


def _yaml_init() -> Path | None:
    """PyYAML's package file, found without importing PyYAML (the point of the cache is not to)."""
    from importlib.util import find_spec

    try:
        spec = find_spec("yaml")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.has_location or not spec.origin:
        return None
    return Path(spec.origin)


def _finite(text: str) -> float:
    """Steady never caches a number no file could hold: 1e400 (inf) means the cache is damaged."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is not a finite number")
    return value


def _not_a_number(name: str) -> float:
    raise ValueError(f"{name} is not a number Steady writes")


class ParseCache:
    """One JSON file of validated results; `get` and `put` by key, `save` when anything changed.

    With `stamp` None (the code cannot be identified) it holds nothing and writes nothing.
    """

    def __init__(self, name: str, stamp: str | None, folder: Path | None = None) -> None:
        self.path = (folder or app_cache_dir()) / f"{name}.json"
        self.stamp = stamp
        self._entries: dict[str, Any] = {}
        self._used: set[str] = set()
        self._dirty = False
        if stamp is None:
            return
        try:
            data = read_user_file(self.path, limit=MAX_CACHE_BYTES)
            raw = json.loads(data or b"{}", parse_float=_finite, parse_constant=_not_a_number)
            if isinstance(raw, dict) and raw.get("stamp") == stamp and isinstance(raw.get("entries"), dict):
                self._entries = raw["entries"]
        except (FileProblems, ValueError, RecursionError):  # unreadable or damaged: the files are read again
            pass

    def get(self, key: str) -> Any | None:
        if key in self._entries:
            self._used.add(key)
            return self._entries[key]
        return None

    def put(self, key: str, value: Any) -> None:
        if self.stamp is None:
            return
        self._entries[key] = value
        self._used.add(key)
        self._dirty = True

    def save(self) -> None:
        """Keep only the entries used this time; failures are ignored (it is only a cache)."""
        if self.stamp is None or (not self._dirty and set(self._entries) == self._used):
            return
        entries = {key: self._entries[key] for key in self._used}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic_write_text(self.path, json.dumps({"stamp": self.stamp, "entries": entries}, separators=(",", ":")))
        except OSError:
            pass
