"""What Steady asks the user, without Qt: the questions' protocol and the file-name rules.

Models in app/core (progress, patterns, ...) ask their questions through a `Prompts` object
they are given; app.gui.prompts.DialogPrompts answers them with real dialogs, and tests with
tests/gui/scripted_prompts.ScriptedPrompts. The rules every answer follows:

- a confirm names the action with a verb ("Delete", "Replace") and offers a way to keep
  things as they are; the keeping button is the default and the Escape button, so an
  unexpected Enter never destroys anything;
- a file name typed without a known suffix gets the chosen type's suffix (`settle_name`)
  before anything asks about replacing it, so typing "history" can never silently replace
  an existing "history.csv".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class FileType:
    """One entry of a file dialog's type list: "CSV table (*.csv)"; the first suffix is added."""

    label: str
    suffixes: tuple[str, ...]

    @property
    def filter(self) -> str:
        return f"{self.label} ({' '.join('*.' + s for s in self.suffixes)})"

    @property
    def suffix(self) -> str:
        return self.suffixes[0]

    def matches(self, path: Path) -> bool:
        return path.suffix.lower().lstrip(".") in self.suffixes


@dataclass(frozen=True)
class SaveTarget:
    """Where the user chose to save, and as which type (from the name, else the chosen filter)."""

    path: Path
    type: FileType


def settle_name(name: str, chosen: FileType, types: Sequence[FileType]) -> tuple[SaveTarget, bool]:
    """The file a typed name means, and whether a suffix had to be added to it.

    A name that already ends in a known suffix keeps it (and decides the type); anything else
    gets the chosen type's suffix, so "history" becomes "history.csv" and "notes.txt" becomes
    "notes.txt.csv" rather than a file nothing will open.
    """
    path = Path(name)
    for file_type in types:
        if file_type.matches(path):
            return SaveTarget(path, file_type), False
    return SaveTarget(path.with_name(f"{path.name}.{chosen.suffix}"), chosen), True


def replace_question(path: Path) -> tuple[str, str]:
    """The title and text of "this file exists: replace it?"."""
    return "Replace this file?", f"{path.name} already exists in {path.parent}. Saving replaces what is in it."


class Questions(Protocol):
    """The two questions a model asks about a file it writes: confirm, or tell.

    A subset of :class:`Prompts`, which every `Prompts` satisfies; the patterns model asks only
    these, so its tests answer them without the file dialogs (tests/unit/test_patterns_model.py).
    """

    def confirm(self, title: str, text: str, action: str, keep: str = "Cancel", *, warning: bool = False) -> bool:
        """True only when the user chose `action`; `keep` is the default button."""
        ...

    def inform(self, title: str, text: str) -> None: ...


class Prompts(Questions, Protocol):
    """What the pages ask. `DialogPrompts` shows real dialogs; tests script the answers."""

    def choose(self, title: str, text: str, options: Sequence[tuple[str, str]], safe: str) -> str:
        """The key of the option chosen from (key, label) pairs; `safe` on Escape or close."""
        ...

    def open_files(self, title: str, start: Path, types: Sequence[FileType]) -> list[Path]: ...

    def save_file(self, title: str, suggested: Path, types: Sequence[FileType]) -> SaveTarget | None:
        """None when the user cancelled, or declined to replace an existing file."""
        ...
