"""The one place where Steady asks the user something in a dialog.

Every page that confirms, informs or asks for a file goes through a `Prompts` object, so the
rules hold everywhere and tests can answer with one scripted stand-in:

- a confirm names the action with a verb ("Delete", "Replace") and offers a way to keep
  things as they are; the keeping button is the default and the Escape button, so an
  unexpected Enter never destroys anything;
- a save dialog adds the file type's suffix itself, before it asks about overwriting, so
  typing "history" can never silently replace an existing "history.csv". When a platform
  dialog returns a name without the suffix anyway, the suffix is added here and the
  overwrite question is asked here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget


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


class Prompts(Protocol):
    """What the pages ask. `DialogPrompts` shows real dialogs; tests script the answers."""

    def confirm(self, title: str, text: str, action: str, keep: str = "Cancel", *, warning: bool = False) -> bool:
        """True only when the user chose `action`; `keep` is the default button."""
        ...

    def choose(self, title: str, text: str, options: Sequence[tuple[str, str]], safe: str) -> str:
        """The key of the option chosen from (key, label) pairs; `safe` on Escape or close."""
        ...

    def inform(self, title: str, text: str) -> None: ...

    def open_files(self, title: str, start: Path, types: Sequence[FileType]) -> list[Path]: ...

    def save_file(self, title: str, suggested: Path, types: Sequence[FileType]) -> SaveTarget | None:
        """None when the user cancelled, or declined to replace an existing file."""
        ...


class DialogPrompts:
    """The real dialogs, modal over `parent`."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent

    def _box(self, title: str, text: str, warning: bool) -> QMessageBox:
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setText(title)
        box.setInformativeText(text)
        return box

    def confirm(self, title: str, text: str, action: str, keep: str = "Cancel", *, warning: bool = False) -> bool:
        box = self._box(title, text, warning)
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes

    def choose(self, title: str, text: str, options: Sequence[tuple[str, str]], safe: str) -> str:
        box = self._box(title, text, warning=True)
        buttons = {}
        for key, label in options:
            role = QMessageBox.ButtonRole.RejectRole if key == safe else QMessageBox.ButtonRole.ActionRole
            buttons[key] = box.addButton(label, role)
        box.setDefaultButton(buttons[safe])
        box.setEscapeButton(buttons[safe])
        box.exec()
        clicked = box.clickedButton()
        return next((key for key, button in buttons.items() if button is clicked), safe)

    def inform(self, title: str, text: str) -> None:
        box = self._box(title, text, warning=False)
        box.setIcon(QMessageBox.Icon.Information)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()

    def open_files(self, title: str, start: Path, types: Sequence[FileType]) -> list[Path]:
        names, _chosen = QFileDialog.getOpenFileNames(self.parent, title, str(start), ";;".join(t.filter for t in types))
        return [Path(name) for name in names]

    def save_dialog(self, title: str, suggested: Path, types: Sequence[FileType]) -> QFileDialog:
        """A save dialog that adds the chosen type's suffix before its own overwrite question."""
        dialog = QFileDialog(self.parent, title)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters([t.filter for t in types])
        dialog.selectNameFilter(types[0].filter)
        dialog.setDefaultSuffix(types[0].suffix)
        by_filter = {t.filter: t for t in types}
        dialog.filterSelected.connect(lambda chosen: dialog.setDefaultSuffix(by_filter.get(chosen, types[0]).suffix))
        dialog.setDirectory(str(suggested.parent))
        dialog.selectFile(suggested.name)
        return dialog

    def save_file(self, title: str, suggested: Path, types: Sequence[FileType]) -> SaveTarget | None:
        dialog = self.save_dialog(title, suggested, types)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
                return None
            name = dialog.selectedFiles()[0]
            chosen = next((t for t in types if t.filter == dialog.selectedNameFilter()), types[0])
        finally:
            dialog.deleteLater()
        target, added = settle_name(name, chosen, types)
        if added and target.path.exists():
            # The dialog asked about the name as typed; nobody has asked about this one yet.
            if not self.confirm(*replace_question(target.path), "Replace", warning=True):
                return None
        return target
