"""The one place where Steady asks the user something in a dialog.

Every page that confirms, informs or asks for a file goes through a `Prompts` object
(app.core.prompts: the protocol and the rules, without Qt), so the rules hold everywhere and
tests can answer with one scripted stand-in. `DialogPrompts` keeps them with real dialogs:
the keeping button is the default and the Escape button, and a save dialog adds the file
type's suffix itself, before it asks about overwriting. When a platform dialog returns a name
without the suffix anyway, the suffix is added here and the overwrite question is asked here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from app.core.prompts import FileType, Prompts, SaveTarget, replace_question, settle_name

__all__ = ["DialogPrompts", "FileType", "Prompts", "SaveTarget", "replace_question", "settle_name"]


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
