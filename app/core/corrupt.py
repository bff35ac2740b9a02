"""Setting an unreadable user file aside instead of overwriting it with defaults.

CONVENTIONS.md: a file that cannot be read is renamed `NAME.corrupt-YYYYMMDDTHHMMSSZ`,
reported, and never overwritten. Everything that finds a broken user file uses this one helper.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime
from datetime import UTC
from pathlib import Path


def set_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename `path` to its dated `.corrupt-` name (never clobbering an earlier one); return it."""
    from datetime import datetime  # rare path; kept off the start-up imports

    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    os.rename(path, target)
    return target
