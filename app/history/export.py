"""`steady export`: the history as CSV (one table, a header row) or JSON (stable key order).

Both formats stream row by row, so a long history never has to fit in memory twice.
Columns and keys are documented in docs/history.md; change them only by adding at the end.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any, Protocol, TextIO

from app.core.history_records import MomentRow, ReminderEventRow, SessionRow
from app.history.schema import SCHEMA_VERSION
from app.history.timefmt import utc_iso

FORMATS = ("csv", "json")
EXPORT_FORMAT_VERSION = 1

CSV_COLUMNS = (
    "record", "id", "local_date", "started_local", "started_utc", "tz",
    "exercise_id", "exercise_name", "planned_seconds", "practised_seconds", "status", "source",
    "session_id", "distress_before", "distress_after", "signals", "trigger",
    "anchors_shown", "anchors_favourited", "response", "draft_text", "ended_step", "updated_utc",
)
LIST_SEPARATOR = "; "


class ExportSource(Protocol):
    clock: Any

    def iter_sessions(self) -> Iterable[SessionRow]: ...
    def iter_moments(self) -> Iterable[MomentRow]: ...
    def iter_reminder_events(self) -> Iterable[ReminderEventRow]: ...


def _identity(row: SessionRow | MomentRow) -> dict[str, Any]:
    """The keys every session and moment starts with: which one, and when and where it began."""
    return {
        "id": row.id,
        "local_date": row.started_local[:10],
        "started_local": row.started_local,
        "started_utc": row.started_utc,
        "tz": row.tz,
    }


def session_dict(row: SessionRow) -> dict[str, Any]:
    return {
        **_identity(row),
        "exercise_id": row.exercise_id,
        "exercise_name": row.exercise_name,
        "planned_seconds": _tenths(row.planned_seconds),
        "practised_seconds": _tenths(row.practised_seconds),
        "status": row.status,
        "source": row.source,
        "updated_utc": row.updated_utc,
    }


def _tenths(seconds: float | None) -> float | None:
    """Seconds to a tenth: what a person can read in a spreadsheet, more exact than any clock they use."""
    return None if seconds is None else round(seconds, 1)


def moment_dict(row: MomentRow) -> dict[str, Any]:
    return {
        **_identity(row),
        "session_id": row.session_id,
        "distress_before": row.distress_before,
        "distress_after": row.distress_after,
        "signals": list(row.signals),
        "trigger": row.trigger,
        "anchors": [
            {"id": a.anchor_id, "text": a.text, "favourited": a.favourited} for a in row.anchors
        ],
        "response": row.response,
        "draft_text": row.draft_text,
        "ended_step": row.ended_step,
        "updated_utc": row.updated_utc,
    }


def reminder_dict(row: ReminderEventRow) -> dict[str, Any]:
    """Its fields as they are, in their order (the JSON keys docs/history.md lists)."""
    return asdict(row)


def export_sessions(store: ExportSource, fmt: str, out: TextIO) -> dict[str, int]:
    """Write the history to `out` as "csv" or "json"; returns how many of each were written."""
    if fmt == "csv":
        return _export_csv(store, out)
    if fmt == "json":
        return _export_json(store, out)
    raise ValueError(f"export format must be csv or json, not {fmt!r}")


def _export_csv(store: ExportSource, out: TextIO) -> dict[str, int]:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    counts = {"sessions": 0, "moments": 0}
    for session in store.iter_sessions():
        writer.writerow({"record": "session", **_blanks(session_dict(session))})
        counts["sessions"] += 1
    for moment in store.iter_moments():
        data = moment_dict(moment)
        anchors = data.pop("anchors")
        data["signals"] = LIST_SEPARATOR.join(data["signals"])
        data["anchors_shown"] = LIST_SEPARATOR.join(a["text"] for a in anchors)
        data["anchors_favourited"] = LIST_SEPARATOR.join(a["text"] for a in anchors if a["favourited"])
        writer.writerow({"record": "moment", **_blanks(data)})
        counts["moments"] += 1
    return counts


def _blanks(data: dict[str, Any]) -> dict[str, Any]:
    return {key: "" if value is None else value for key, value in data.items()}


def _export_json(store: ExportSource, out: TextIO) -> dict[str, int]:
    counts = {"sessions": 0, "moments": 0, "reminders": 0}
    header = {
        "format": "steady-history",
        "format_version": EXPORT_FORMAT_VERSION,
        "schema_version": SCHEMA_VERSION,
        "exported_utc": utc_iso(store.clock.now()),
    }
    out.write("{\n")
    for key, value in header.items():
        out.write(f"  {json.dumps(key)}: {json.dumps(value)},\n")
    sections: list[tuple[str, Iterable[dict[str, Any]]]] = [
        ("sessions", (session_dict(r) for r in store.iter_sessions())),
        ("moments", (moment_dict(r) for r in store.iter_moments())),
        ("reminders", (reminder_dict(r) for r in store.iter_reminder_events())),
    ]
    for index, (name, items) in enumerate(sections):
        out.write(f"  {json.dumps(name)}: [")
        first = True
        for item in items:
            out.write("\n    " if first else ",\n    ")
            out.write(json.dumps(item, ensure_ascii=False))
            counts[name] += 1
            first = False
        out.write("\n  ]" if not first else "]")
        out.write(",\n" if index < len(sections) - 1 else "\n")
    out.write("}\n")
    return counts
