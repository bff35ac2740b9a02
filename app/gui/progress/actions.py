"""Export, back up and delete from the Progress page, with every question asked first.

Export and the copy before "delete all" go through `app.history.transfer`, the very code behind
`steady export` and `steady backup` (a consistent snapshot, files written atomically, the same
checks); its typed failures are worded here for the page. Nothing here writes SQL.

Questions go through an `app.gui.prompts.Prompts` object (real dialogs, or a test's scripted
answers), with the careful choice (keep) as the default button everywhere.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.gui.prompts import FileType, Prompts
from app.history import transfer
from app.history.backup import daily_backups, delete_backups
from app.paths import dialog_dir

if TYPE_CHECKING:
    from app.gui.context import AppContext
    from app.gui.progress.data import Entry

CSV_TYPE = FileType("CSV table", ("csv",))
JSON_TYPE = FileType("JSON", ("json",))
EXPORT_TYPES = (CSV_TYPE, JSON_TYPE)
BACKUP_TYPE = FileType("Steady history copy", ("db",))
DELETE_ALL_OPTIONS = (("backup", "Save a copy first…"), ("delete", "Delete everything"), ("cancel", "Keep my history"))


@dataclass(frozen=True)
class Outcome:
    """What to tell the user afterwards (level "info" or "warning"); empty when cancelled."""

    text: str = ""
    level: str = "info"
    changed: bool = False


def export_history(context: "AppContext", prompts: Prompts, today_text: str) -> Outcome:
    """Ask where, then write CSV or JSON with the same code as `steady export`."""
    target = prompts.save_file("Export your history", dialog_dir() / f"steady-history-{today_text}.csv", EXPORT_TYPES)
    if target is None:
        return Outcome()
    fmt, path = target.type.suffix, target.path
    context.history.flush_pending()
    result = transfer.export_history(context.paths, fmt, path, clock=context.wall_clock)
    if result.failure is not None:
        return Outcome(f"Your history could not be exported: {result.failure.message}", "warning")
    return Outcome(f"Your history is saved as {fmt.upper()} in {path}.")


def delete_entry(context: "AppContext", prompts: Prompts, entry: "Entry") -> Outcome:
    kind = "practice session" if entry.kind == "session" else "moment"
    question = f"{entry.when}\n{entry.what}\n\nIt is removed from this computer and cannot be brought back."
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
        choice = prompts.choose("Delete all your history?", text, DELETE_ALL_OPTIONS, safe="cancel")
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
    suggested = dialog_dir() / transfer.default_backup_name(context.wall_clock)
    chosen = prompts.save_file("Save a copy of your history", suggested, (BACKUP_TYPE,))
    if chosen is None:
        return Outcome("Nothing was deleted: no copy was saved.", "warning")
    context.history.flush_pending()
    result = transfer.backup_history(context.paths, chosen.path)
    if result.failure is None:
        return Outcome(str(chosen.path))
    return Outcome(f"Nothing was deleted: {_copy_problem(result.failure)}.", "warning")


def _copy_problem(failure: transfer.Failure) -> str:
    """Why the copy before "delete all" was not made, in the words of this question."""
    if failure.kind is transfer.FailureKind.NO_HISTORY:
        return "there is no saved history to copy yet"
    if failure.kind in (transfer.FailureKind.BAD_DESTINATION, transfer.FailureKind.WRITE_FAILED):
        return f"the copy could not be written ({failure.message})"
    return f"the copy could not be made ({failure.message})"
