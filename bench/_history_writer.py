"""Child of the durability probe: writes history in a loop and acknowledges every commit.

Usage: python -I -S bench/_history_writer.py DB FIRST_OP [lie]

Operation n (from FIRST_OP on) is step n % 3 of session "s{n // 3}": 0 begin, 1 checkpoint at
30 s, 2 end at 60 s. It prints "opening" before it opens the database, "about n" before each
write and "ack n" after the write returned (written straight to fd 1, so nothing waits in a
buffer). The parent SIGKILLs it right after one of these messages and checks that every
acknowledged write survived. With "lie" it acknowledges writes it never makes: the probe's own
test uses that to show it can see a loss.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.clock import WallClock
from app.history.store import HistoryStore


def main(db: Path, first: int, lie: bool = False) -> None:
    os.write(1, b"opening\n")
    store = HistoryStore(db, WallClock(), UTC)
    os.write(1, b"ready\n")
    op = first
    while True:
        session = f"s{op // 3}"
        os.write(1, f"about {op}\n".encode())
        step = op % 3
        if lie:
            pass
        elif step == 0:
            store.begin_session("calm", "Calm exhale", 60, session_id=session)
        elif step == 1:
            store.checkpoint(session, 30)
        else:
            store.end_session(session, 60)
        os.write(1, f"ack {op}\n".encode())
        op += 1


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3:] == ["lie"])
