"""A cache of already-validated YAML files, so that opening Steady in a hard moment skips YAML.

Parsing a handful of small files is quick, but importing PyYAML, compiling its and our regular
expressions and walking nine files costs tens of milliseconds on the way to the first frame.
The cache maps a file's exact bytes (a BLAKE2 digest) to what validating it produced, in
`$XDG_CACHE_HOME/steady/`. It is only ever an accelerator: a missing, unreadable, stale or
corrupt cache is ignored and rewritten, and a result computed by code other than this version
of the validators is never reused (the stamp covers the app version and the validator sources).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from app import __version__
from app.core.atomic import atomic_write_text
from app.core.digest import hex_digest
from app.core.folders import app_cache_dir

FORMAT = 1


def digest(data: bytes) -> str:
    return hex_digest(data)


def code_stamp(*modules: str) -> str:
    """Identifies the validating code: the app version, the installed PyYAML, and the sources'
    sizes and times (a source that cannot be seen makes the stamp unique, so nothing is reused)."""
    here = Path(__file__).parent
    parts = [__version__, str(FORMAT), f"yaml={_yaml_version()}"]
    for name in modules:
        try:
            stat = (here / f"{name}.py").stat()
            parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{name}:missing:{os.getpid()}:{id(parts)}")
    return "|".join(parts)


def _yaml_version() -> str:
    """Which PyYAML is installed, without importing it (the point of the cache is not to): the
    size and time of its package file change with every install or upgrade."""
    from importlib.util import find_spec

    spec = find_spec("yaml")
    if spec is None or spec.origin is None:
        return "?"
    stat = os.stat(spec.origin)
    return f"{stat.st_size}:{stat.st_mtime_ns}"


class ParseCache:
    """One JSON file of validated results; `get` and `put` by key, `save` when anything changed."""

    def __init__(self, name: str, stamp: str, folder: Path | None = None) -> None:
        self.path = (folder or app_cache_dir()) / f"{name}.json"
        self.stamp = stamp
        self._entries: dict[str, Any] = {}
        self._used: set[str] = set()
        self._dirty = False
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(raw, dict) and raw.get("stamp") == stamp and isinstance(raw.get("entries"), dict):
                self._entries = raw["entries"]
        except (OSError, ValueError, UnicodeDecodeError):
            pass

    def get(self, key: str) -> Any | None:
        if key in self._entries:
            self._used.add(key)
            return self._entries[key]
        return None

    def put(self, key: str, value: Any) -> None:
        self._entries[key] = value
        self._used.add(key)
        self._dirty = True

    def save(self) -> None:
        """Keep only the entries used this time; failures are ignored (it is only a cache)."""
        if not self._dirty and set(self._entries) == self._used:
            return
        entries = {key: self._entries[key] for key in self._used}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic_write_text(self.path, json.dumps({"stamp": self.stamp, "entries": entries}, separators=(",", ":")))
        except OSError:
            pass
