"""Pure helpers for the pacer: easing, sizes and the words it shows. No Qt here.

Kept apart from the widget so that the maths and the wording can be tested in microseconds
and reused (for example by a pattern preview) without a display.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from app.core.describe import minutes_seconds
from app.core.model import PhaseKind

#: The breathing shape at empty lungs, as a share of its full radius. Large enough that the
#: shape never shrinks to a dot (a dot reads as "gone"), small enough that the motion is clear.
REST_RATIO = 0.42

#: Float noise tolerated when turning seconds into whole seconds (4.0000000001 s shows 4, not 5).
_SECONDS_SLACK = 1e-6


def ease_in_out_sine(fraction: float) -> float:
    """0..1 -> 0..1, slow at both ends like a real breath turning around."""
    fraction = min(1.0, max(0.0, fraction))
    return 0.5 - 0.5 * math.cos(math.pi * fraction)


def eased_level(fraction: float, start_level: float, end_level: float) -> float:
    """The lung level within one phase, eased between the phase's start and end levels."""
    return start_level + (end_level - start_level) * ease_in_out_sine(fraction)


def shape_radius(level: float, full_radius: float, rest_ratio: float = REST_RATIO) -> float:
    """The breathing shape's radius for a lung level (0 empty .. 1 full)."""
    level = min(1.0, max(0.0, level))
    return full_radius * (rest_ratio + (1.0 - rest_ratio) * level)


def phase_word(kind: PhaseKind, level: float) -> str:
    """What the pacer says in a phase. A hold with empty lungs is a rest, not a strain."""
    if kind == PhaseKind.INHALE:
        return "Breathe in"
    if kind == PhaseKind.EXHALE:
        return "Breathe out"
    return "Hold" if level >= 0.5 else "Rest"


def whole_seconds_left(remaining: float) -> int:
    """Seconds left in a phase as people count them: 3.2 s left shows 4, 0.1 s shows 1."""
    if remaining <= _SECONDS_SLACK:
        return 0
    return max(1, math.ceil(remaining - _SECONDS_SLACK))


def clock_text(seconds: float) -> str:
    """m:ss, rounded up so that the display reaches 0:00 exactly at the end."""
    return minutes_seconds(whole_seconds_left(seconds) if seconds > 0 else 0)


def seconds_words(seconds: float) -> str:
    """A phase length for screen readers: "4 seconds", "1 second", "5.5 seconds"."""
    if abs(seconds - round(seconds)) < 0.05:
        whole = int(round(seconds))
        return "1 second" if whole == 1 else f"{whole} seconds"
    return f"{seconds:.1f} seconds"


class PacerLayout(NamedTuple):
    """Where things go in a widget of a given size; everything scales with the short side.

    A NamedTuple rather than a frozen dataclass: built in a tenth of the time on the way to the
    first frame.
    """

    width: float
    height: float

    @property
    def side(self) -> float:
        return max(1.0, min(self.width, self.height))

    @property
    def center(self) -> tuple[float, float]:
        return self.width / 2.0, self.height / 2.0

    @property
    def ring_width(self) -> float:
        """The session progress ring: thin, but never a hairline."""
        return max(2.0, self.side * 0.008)

    @property
    def ring_radius(self) -> float:
        return self.side * 0.455 - self.ring_width / 2.0

    @property
    def full_radius(self) -> float:
        """The breathing shape at full lungs; the faint guide ring sits here."""
        return self.side * 0.38

    @property
    def reduced_motion_radius(self) -> float:
        """The one fixed size of the shape when motion is turned off."""
        return self.full_radius * 0.78

    @property
    def text_width(self) -> float:
        """Room for wrapped text inside the progress ring."""
        return self.ring_radius * 1.55
