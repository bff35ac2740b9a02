"""Export, a copy, and deleting from the Progress page, with every question asked first (no Qt).

Export and the copy before "delete all" go through the `ProgressSource` (over
`app.history.transfer`, the very code behind `steady export` and `steady backup`: a consistent
snapshot, files written atomically, the same checks); its failures are worded here for the page.

Questions go through an `app.core.prompts.Prompts` object (real dialogs, or a test's scripted
answers), with the careful choice (keep) as the default button everywhere. Each action returns
an `Outcome`: what to tell the user, and whether the history changed.
"""

from __future__ import annotations

from typing import NamedTuple

from app.core.progress.figures import Entry, EntryKind
from app.core.progress.source import CopyFailure, CopyProblem, ProgressSource
from app.core.progress.words import join_words, plural
from app.core.prompts import FileType, Prompts

CSV_TYPE = FileType("CSV table", ("csv",))
JSON_TYPE = FileType("JSON", ("json",))
EXPORT_TYPES = (CSV_TYPE, JSON_TYPE)
BACKUP_TYPE = FileType("Steady history copy", ("db",))
DELETE_ALL_OPTIONS = (("backup", "Save a copy first…"), ("delete", "Delete everything"), ("cancel", "Keep my history"))
#: The notice keys: a second export (or delete) replaces the first one's notice.
EXPORT_KEY = "progress-export"
DELETE_KEY = "progress-delete"


class Outcome(NamedTuple):
    """What to tell the user afterwards (level "info" or "warning"); empty when cancelled."""

    text: str = ""
    level: str = "info"
    changed: bool = False
    key: str = ""


def export_history(source: ProgressSource, prompts: Prompts, today_text: str) -> Outcome:
    """Ask where, then write CSV or JSON with the same code as `steady export`."""
    suggested = source.start_folder() / f"steady-history-{today_text}.csv"
    target = prompts.save_file("Export your history", suggested, EXPORT_TYPES)
    if target is None:
        return Outcome()
    fmt, path = target.type.suffix, target.path
    source.flush()
    failure = source.export(fmt, path)
    if failure is not None:
        return Outcome(f"Your history could not be exported: {failure}", "warning", key=EXPORT_KEY)
    return Outcome(f"Your history is saved as {fmt.upper()} in {path}.", key=EXPORT_KEY)


def delete_entry(source: ProgressSource, prompts: Prompts, entry: Entry) -> Outcome:
    question = f"{entry.when}\n{entry.what}\n\nIt is removed from this computer and cannot be brought back."
    if not prompts.confirm(f"Delete this {entry.kind.value}?", question, "Delete", "Keep it"):
        return Outcome()
    history = source.history()
    if entry.kind is EntryKind.SESSION:
        history.delete_session(entry.id)
    else:
        history.delete_moment(entry.id)
    return Outcome(f"Deleted: {entry.when}, {entry.what}.", changed=True, key=DELETE_KEY)


def describe_everything(source: ProgressSource) -> str:
    """Names what "delete all" removes, with counts where the history can tell them."""
    counts = source.record_counts()
    parts = [plural(counts[table], one, many)
             for table, one, many in (("sessions", "practice session", "practice sessions"),
                                      ("moments", "hard moment", "hard moments"),
                                      ("reminder_events", "reminder record", "reminder records"))
             if counts.get(table)]
    listed = join_words(parts) or "every practice session, moment and reminder record"
    backups = source.daily_copies()
    copies = (f", and the {backups} daily {'copy' if backups == 1 else 'copies'} Steady keeps in "
              f"{source.backups_folder}") if backups else ""
    return (f"This deletes {listed} from this computer{copies}.\n\n"
            "Your exercises and settings stay. This cannot be undone. If you might want your "
            "history later, save a copy first.")


def delete_everything(source: ProgressSource, prompts: Prompts) -> Outcome:
    """Confirm (naming what goes), optionally save a copy first, then delete all history."""
    saved_to = ""
    while True:
        text = describe_everything(source)
        if saved_to:
            text = f"A copy is saved in {saved_to}.\n\n{text}"
        choice = prompts.choose("Delete all your history?", text, DELETE_ALL_OPTIONS, safe="cancel")
        if choice == "cancel":
            return Outcome()
        if choice == "delete":
            break
        copied = save_copy(source, prompts)
        if copied.level == "warning":
            return copied
        saved_to = copied.text
    source.history().delete_all()
    try:
        removed = source.delete_daily_copies()
    except OSError as error:
        return Outcome(f"Your history is deleted, but the daily copies in {source.backups_folder} "
                       f"could not be removed ({error.strerror or error}). You can delete them yourself.",
                       "warning", changed=True, key=DELETE_KEY)
    gone = f"Your history and {removed} daily {'copy' if removed == 1 else 'copies'} have" if removed else "Your history has"
    kept = f" Your copy is in {saved_to}." if saved_to else ""
    return Outcome(f"{gone} been deleted.{kept}", changed=True, key=DELETE_KEY)


def save_copy(source: ProgressSource, prompts: Prompts) -> Outcome:
    """Ask where, then copy history.db there with the backup API; text is the path when it worked."""
    suggested = source.start_folder() / source.copy_name()
    chosen = prompts.save_file("Save a copy of your history", suggested, (BACKUP_TYPE,))
    if chosen is None:
        return Outcome("Nothing was deleted: no copy was saved.", "warning", key=DELETE_KEY)
    source.flush()
    failure = source.save_copy(chosen.path)
    if failure is None:
        return Outcome(str(chosen.path))
    return Outcome(f"Nothing was deleted: {_copy_problem(failure)}.", "warning", key=DELETE_KEY)


def _copy_problem(failure: CopyFailure) -> str:
    """Why the copy before "delete all" was not made, in the words of this question."""
    if failure.problem is CopyProblem.NOTHING_TO_COPY:
        return "there is no saved history to copy yet"
    if failure.problem is CopyProblem.NOT_WRITTEN:
        return f"the copy could not be written ({failure.message})"
    return f"the copy could not be made ({failure.message})"
