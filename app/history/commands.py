"""`steady export` and `steady backup`: no Qt, results on stdout, problems on stderr.

Exit codes follow CONVENTIONS.md: 0 done (also an empty export of a new user's folder, with a
note on stderr), 1 a failure (and `backup` with no history to copy). The work and its
checks are :mod:`app.history.transfer`'s (shared with the Progress page); this module reads the
command line's arguments, picks a default file name, and prints.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from app.core.clock import WallClock
from app.history.export import FORMATS
from app.history.transfer import backup_history, default_backup_name, export_history
from app.paths import DataPaths

PROGRAM = "steady"


def run_export(
    data_dir: Path,
    fmt: str,
    output: str | None,
    *,
    clock: WallClock | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """`steady export --format csv|json [--output FILE]`; FILE "-" or none means stdout."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    if fmt not in FORMATS:
        print(f"{PROGRAM} export: unknown format {fmt!r}; use csv or json", file=err)
        return 1
    destination: Path | TextIO = out if output is None or output == "-" else Path(output)
    result = export_history(DataPaths(Path(data_dir)), fmt, destination, clock=clock or WallClock())
    if result.failure is not None:
        print(f"{PROGRAM} export: {result.failure.message}", file=err)
        return 1
    if result.note is not None:
        print(f"{PROGRAM} export: {result.note}", file=err)
    if not isinstance(destination, Path):
        return 0
    counts = result.counts
    parts = [f"{counts['sessions']} sessions", f"{counts['moments']} moments"]
    if "reminders" in counts:
        parts.append(f"{counts['reminders']} reminder events")
    print(f"Exported {', '.join(parts)} to {output}", file=out)
    return 0


def run_backup(
    data_dir: Path,
    file: str | None,
    *,
    clock: WallClock | None = None,
    cwd: Path | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """`steady backup [FILE]`: a checked copy of history.db (default: a dated file here).

    FILE may be a folder, which gets a dated file; a dated name already taken gets a number.
    """
    out, err = stdout or sys.stdout, stderr or sys.stderr
    here = Path(cwd) if cwd is not None else Path.cwd()
    named = here if file is None else here / file  # an absolute FILE stays as it is
    if named.is_dir():
        named = _unused(named / default_backup_name(clock or WallClock()))
    result = backup_history(DataPaths(Path(data_dir)), named)
    if result.failure is not None:
        print(f"{PROGRAM} backup: {result.failure.message}", file=err)
        return 1
    print(f"Backed up your history to {named}", file=out)
    return 0


def _unused(path: Path) -> Path:
    candidate, counter = path, 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.stem}-{counter}{path.suffix}")
    return candidate
