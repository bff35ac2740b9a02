"""How strong is it, 0 to 10 (a SUDS rating): never required, set by a click or a key.

Digits 0-9 set it; Up and Down move it by one, so Up from 9 gives 10 (there is no "10" key).
"""

from __future__ import annotations

RATING_MAX = 10


def clamped(value: int) -> int:
    return max(0, min(RATING_MAX, int(value)))


def stepped(value: int | None, delta: int) -> int:
    """Up or Down from `value`; with nothing chosen yet, either gives 0."""
    return 0 if value is None else clamped(value + delta)
