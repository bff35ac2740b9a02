"""The questions the Patterns page asks, behind one small object that tests replace.

Every confirm names its reason in its text and offers a verb ("Replace", "Delete") rather
than "OK"; Cancel is the default button, so Enter on a dialog that appears unexpectedly
never destroys anything.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

YAML_FILTER = "Pattern files (*.yaml *.yml)"


class Dialogs:
    """Real dialogs. Tests use a scripted stand-in with the same four methods."""

    def confirm(self, parent: QWidget, title: str, text: str, action: str) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setText(title)
        box.setInformativeText(text)
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is yes

    def inform(self, parent: QWidget, title: str, text: str) -> None:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setText(title)
        box.setInformativeText(text)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()

    def open_files(self, parent: QWidget) -> list[Path]:
        names, _filter = QFileDialog.getOpenFileNames(parent, "Import patterns", str(Path.home()), YAML_FILTER)
        return [Path(name) for name in names]

    def save_file(self, parent: QWidget, suggested: Path) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(parent, "Export a pattern", str(suggested), YAML_FILTER)
        return Path(name) if name else None
