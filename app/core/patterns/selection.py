"""What the Patterns page can show: a typed value instead of a key string.

The chooser lists saved patterns, user files that do not load, and (while one is being
made) the new pattern; each entry carries one of these values. Frozen dataclasses, so two
selections are equal only when they are of the same kind and name the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class NewPattern:
    """A pattern being made (new, a duplicate, or a copy of a broken file): it has no file yet."""


@dataclass(frozen=True)
class SavedPattern:
    """A pattern of the library (built in, or the user's file), by its id."""

    exercise_id: str


@dataclass(frozen=True)
class BrokenFile:
    """A user file that does not load: shown with its problems, never written over."""

    path: Path


Selection = NewPattern | SavedPattern | BrokenFile


@dataclass(frozen=True)
class ChooserEntry:
    """One line of the pattern chooser: what it says and what choosing it shows."""

    label: str
    selection: Selection
