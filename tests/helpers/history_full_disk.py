"""Child for tests/unit/test_history_resilient.py, run inside `unshare -m` on a tiny tmpfs.

Usage: history_full_disk.py DIR   (DIR is a freshly mounted tmpfs of a few hundred KB)
Fills the disk through ResilientHistory until it is full, checks that practice goes on with the
writes kept in memory, then frees space and flushes.
Prints one JSON object with what happened.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from datetime import UTC
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.core.clock import WallClock
from app.history import ResilientHistory
from app.paths import DataPaths


def main(folder: Path) -> dict:
    ballast = folder / "ballast"
    ballast.write_bytes(b"\0" * 384 * 1024)
    paths = DataPaths(folder / "data")
    down: list[str] = []
    up: list[str] = []
    history = ResilientHistory.open(paths, WallClock(), UTC,
                                    on_unavailable=down.append, on_available=up.append)
    ids: list[str] = []
    after_full = 0
    for _ in range(5000):
        sid = history.begin_session("calm", "Calm " + "x" * 1500, 60)
        history.checkpoint(sid, 30)
        history.end_session(sid, 60)
        ids.append(sid)
        if down:
            after_full += 1
            if after_full >= 5:
                break
    full = {"reports": list(down), "unsaved": history.unsaved_count(), "written": len(ids)}
    ballast.unlink()
    flushed = history.flush_pending()
    full.update(flushed=flushed, unsaved_after=history.unsaved_count(), back=list(up))

    left = history.close()

    conn = sqlite3.connect(paths.history)
    present = {r[0] for r in conn.execute("SELECT id FROM sessions WHERE status = 'finished'")}
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    return {"full": full, "left": left, "missing": len(set(ids) - present),
            "integrity": integrity, "sessions": len(ids)}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
    sys.stdout.flush()
    os._exit(0)
