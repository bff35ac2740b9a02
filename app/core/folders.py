"""The user's base folders (XDG Base Directory specification): the folder maths, and nothing else.

It sits in core, below :mod:`app.paths`, so that a core module that needs a folder of its own
(the parse cache) follows exactly the rules the rest of the app gets through ``app.paths``,
without core importing a higher layer. Everything outside core asks ``app.paths``.

Other platforms (Windows, macOS) will add their base folders here, so that core and
``app.paths`` keep agreeing. Plain functions, no class: this is on the way to the first frame.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

#: The name of Steady's own folder inside a base folder.
APP_FOLDER = "steady"


def _xdg_home(environ: Mapping[str, str] | None, variable: str, *default: str) -> Path:
    """`$variable` if it is an absolute path (the specification ignores relative ones), else ~/default."""
    value = (os.environ if environ is None else environ).get(variable)
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home().joinpath(*default)


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_DATA_HOME`, normally ~/.local/share (environ: this process's by default)."""
    return _xdg_home(environ, "XDG_DATA_HOME", ".local", "share")


def config_home(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_CONFIG_HOME`, normally ~/.config."""
    return _xdg_home(environ, "XDG_CONFIG_HOME", ".config")


def cache_home(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_CACHE_HOME`, normally ~/.cache."""
    return _xdg_home(environ, "XDG_CACHE_HOME", ".cache")


def app_cache_dir() -> Path:
    """Steady's cache folder: `$XDG_CACHE_HOME/steady`."""
    return cache_home() / APP_FOLDER
