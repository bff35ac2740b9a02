"""Argument checks for history writes: a bad value raises ValueError where the caller made it.

They run when a write is made, before it is run or kept waiting in memory, so a programming
error surfaces at its call site even while the disk cannot be written (see operations.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from app.core.history_records import AnchorShown

#: What a moment's anchors may be given as: the record itself, its text, or a mapping from YAML.
AnchorLike = AnchorShown | str | Mapping[str, Any]


def check_choice(name: str, value: object, allowed: Iterable[str]) -> None:
    options = tuple(allowed)
    if value not in options:
        raise ValueError(f"{name} must be one of {', '.join(options)}; got {value!r}")


def check_seconds(value: float) -> float:
    seconds = float(value)
    if not seconds >= 0 or seconds == float("inf"):
        raise ValueError(f"seconds must be a finite number of at least 0; got {value!r}")
    return seconds


def seconds_or_none(value: float | None) -> float | None:
    return None if value is None else check_seconds(value)


def check_rating(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError(f"a distress rating is a whole number from 0 to 10; got {value!r}")
    return value


def as_anchor(value: AnchorLike) -> AnchorShown:
    if isinstance(value, AnchorShown):
        return value
    if isinstance(value, str):
        return AnchorShown(text=value)
    return AnchorShown(
        text=str(value["text"]),
        anchor_id=value.get("anchor_id", value.get("id")),
        favourited=bool(value.get("favourited", False)),
    )
