"""Export, back up and delete from the Progress page, with every question asked first.

Export runs `app.history.commands.run_export`, the very code behind `steady export` (a
consistent snapshot, the file written atomically), and a copy before "delete all" uses
`app.history.backup.backup_to`, the code behind `steady backup`. Nothing here writes SQL.

Questions go through a `Prompts` object so that tests can answer them; the default one uses
QMessageBox and QFileDialog, with the careful choice (keep) as the default button.
"""

from __future__ import annotations

import io
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.history.backup import BackupError, backup_to, daily_backups, delete_backups
from app.history.commands import default_backup_name, run_export

if TYPE_CHECKING:
    from app.gui.context import AppContext
    from app.gui.progress.data import Entry

EXPORT_FILTERS = {"csv": "CSV table (*.csv)", "json": "JSON (*.json)"}
BACKUP_FILTER = "Steady history copy (*.db)"


class Prompts(Protocol):
    def confirm(self, title: str, text: str, accept: str, reject: str) -> bool: ...
    def delete_all_choice(self, title: str, text: str) -> str:
        """"backup", "delete" or "cancel"."""
        ...
    def save_path(self, title: str, suggested: Path, filters: list[str]) -> tuple[str, str]:
        """(path, chosen filter); path "" when the user cancelled."""
        ...


class DialogPrompts:
    """The real questions, as modal dialogs over `parent`."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def confirm(self, title: str, text: str, accept: str, reject: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self.parent)
        yes = box.addButton(accept, QMessageBox.ButtonRole.DestructiveRole)
        no = box.addButton(reject, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes

    def delete_all_choice(self, title: str, text: str) -> str:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, self.parent)
        backup = box.addButton("Save a copy first…", QMessageBox.ButtonRole.ActionRole)
        delete = box.addButton("Delete everything", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("Keep my history", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return "backup" if clicked is backup else "delete" if clicked is delete else "cancel"

    def save_path(self, title: str, suggested: Path, filters: list[str]) -> tuple[str, str]:
        return QFileDialog.getSaveFileName(self.parent, title, str(suggested), ";;".join(filters))


@dataclass(frozen=True)
class Outcome:
    """What to tell the user afterwards (level "info" or "warning"); empty when cancelled."""

    text: str = ""
    level: str = "info"
    changed: bool = False


def export_format(path: str, chosen_filter: str) -> tuple[str, str]:
    """The format from the file name, else from the chosen filter; adds the extension if missing."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in EXPORT_FILTERS:
        return suffix, path
    fmt = "json" if chosen_filter == EXPORT_FILTERS["json"] else "csv"
    return fmt, f"{path}.{fmt}"


def export_history(context: "AppContext", prompts: Prompts, today_text: str) -> Outcome:
    """Ask where, then write CSV or JSON with the same code as `steady export`."""
    filters = [EXPORT_FILTERS["csv"], EXPORT_FILTERS["json"]]
    path, chosen = prompts.save_path("Export your history", Path.home() / f"steady-history-{today_text}.csv", filters)
    if not path:
        return Outcome()
    fmt, path = export_format(path, chosen)
    context.history.flush_pending()
    out, err = io.StringIO(), io.StringIO()
    code = run_export(context.paths.root, fmt, path, stdout=out, stderr=err)
    if code != 0:
        reason = err.getvalue().strip().removeprefix("steady export:").strip()
        return Outcome(f"Your history could not be exported: {reason}", "warning")
    return Outcome(f"Your history is saved as {fmt.upper()} in {path}.")


def delete_entry(context: "AppContext", prompts: Prompts, entry: "Entry") -> Outcome:
    kind = "practice session" if entry.kind == "session" else "moment"
    question = (f"Delete this {kind}?\n\n{entry.when}\n{entry.what}\n\n"
                "It is removed from this computer and cannot be brought back.")
    if not prompts.confirm(f"Delete this {kind}?", question, "Delete", "Keep it"):
        return Outcome()
    if entry.kind == "session":
        context.history.delete_session(entry.id)
    else:
        context.history.delete_moment(entry.id)
    return Outcome(f"Deleted: {entry.when}, {entry.what}.", changed=True)


def join_words(parts: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def describe_everything(context: "AppContext") -> str:
    """Names what "delete all" removes, with counts where the history can tell them."""
    parts: list[str] = []
    store = context.history.store
    if store is not None:
        try:
            counts = store.counts()
        except (sqlite3.Error, OSError):
            counts = {}
        for table, one, many in (("sessions", "practice session", "practice sessions"),
                                 ("moments", "hard moment", "hard moments"),
                                 ("reminder_events", "reminder record", "reminder records")):
            if counts.get(table):
                parts.append(f"{counts[table]} {one if counts[table] == 1 else many}")
    listed = join_words(parts) or "every practice session, moment and reminder record"
    backups = len(daily_backups(context.paths.backups))
    copies = (f", and the {backups} daily {'copy' if backups == 1 else 'copies'} Steady keeps in "
              f"{context.paths.backups}") if backups else ""
    return (f"This deletes {listed} from this computer{copies}.\n\n"
            "Your exercises and settings stay. This cannot be undone. If you might want your "
            "history later, save a copy first.")


def delete_everything(context: "AppContext", prompts: Prompts) -> Outcome:
    """Confirm (naming what goes), optionally save a copy first, then delete all history."""
    saved_to = ""
    while True:
        text = describe_everything(context)
        if saved_to:
            text = f"A copy is saved in {saved_to}.\n\n{text}"
        choice = prompts.delete_all_choice("Delete all your history?", text)
        if choice == "cancel":
            return Outcome()
        if choice == "delete":
            break
        copied = save_copy(context, prompts)
        if copied.level == "warning":
            return copied
        saved_to = copied.text
    context.history.delete_all()
    try:
        removed = delete_backups(context.paths.backups)
    except OSError as error:
        return Outcome(f"Your history is deleted, but the daily copies in {context.paths.backups} "
                       f"could not be removed ({error.strerror or error}). You can delete them yourself.",
                       "warning", changed=True)
    extra = f" and {removed} daily {'copy' if removed == 1 else 'copies'}" if removed else ""
    kept = f" Your copy is in {saved_to}." if saved_to else ""
    return Outcome(f"Your history{extra} has been deleted.{kept}", changed=True)


def save_copy(context: "AppContext", prompts: Prompts) -> Outcome:
    """Ask where, then copy history.db there with the backup API; text is the path when it worked."""
    suggested = Path.home() / default_backup_name(context.wall_clock)
    path, _chosen = prompts.save_path("Save a copy of your history", suggested, [BACKUP_FILTER])
    if not path:
        return Outcome("Nothing was deleted: no copy was saved.", "warning")
    target = Path(path)
    source = context.paths.history
    context.history.flush_pending()
    if not source.is_file():
        return Outcome("Nothing was deleted: there is no saved history to copy yet.", "warning")
    if not target.parent.is_dir():
        return Outcome(f"Nothing was deleted: the copy could not be written (the folder {target.parent} "
                       "does not exist).", "warning")
    try:
        if target.exists() and target.samefile(source):
            raise BackupError("a copy cannot be saved over the history itself")
        backup_to(source, target)
    except (BackupError, sqlite3.Error) as error:
        return Outcome(f"Nothing was deleted: the copy could not be made ({error}).", "warning")
    except OSError as error:
        return Outcome(f"Nothing was deleted: the copy could not be written ({error.strerror or error}).", "warning")
    return Outcome(str(target))
