"""What a timer is, without Qt: the seam that lets tests fire timers by hand.

Code that waits (the cue driver, the pacer's frame and boundary timers, checkpoints, reminders)
asks a :data:`TimerFactory` for a :class:`Timer` instead of building a ``QTimer`` itself. The
application passes ``app.timers.qt_timer`` (real Qt timers); tests pass the fake event loop in
``tests/helpers/stubs.py``, which fires timers when a fake clock is advanced, so no test waits
for real time or depends on how fast the machine is. Qutebrowser's ``usertypes.Timer`` and
``tests/helpers/stubs.FakeTimer`` are the model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class Timer(Protocol):
    """A timer that calls its callback once (single shot) or every interval until stopped."""

    def start(self, msec: int) -> None:
        """(Re)start: the callback is due `msec` milliseconds from now."""
        ...

    def stop(self) -> None: ...

    def is_active(self) -> bool: ...


class TimerFactory(Protocol):
    """Makes a timer that calls `callback`; `owner` (a QObject in the app) bounds its lifetime."""

    def __call__(
        self, callback: Callable[[], object], *, single_shot: bool = True, precise: bool = False, owner: object = None
    ) -> Timer: ...
