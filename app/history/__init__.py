"""Practice history in SQLite: sessions, triggered moments, reminder outcomes (Qt-free).

The app uses :class:`ResilientHistory` (``ResilientHistory.open(paths, clock)``), which opens
the database through :func:`open_history` (newer files refused, damaged files set aside and
restored from a backup) and keeps practice going when the disk cannot be written. Taking the
history out (`steady export`, `steady backup`, the Progress page) goes through
:mod:`app.history.transfer`. See docs/history.md.

Layers, lowest first. A module imports only from layers below its own, and no module imports
this package itself, so there are no import cycles (tests/unit/test_history_layers.py reads
this table and checks it):

    1. schema, timefmt, dbfile             tables and migrations, time stamps, file checks
    2. checks, queries, export, backup     argument checks, read-only SQL, CSV/JSON, copies
    3. operations                          every read and write, written once
    4. store                               HistoryStore: runs them on one connection
    5. recovery, transfer                  open safely and restore; export and backup API
    6. resilient, commands                 ResilientHistory for the app; `steady export|backup`

The rows it hands back (SessionRow, MomentRow, ...) are app.core.history_records, below the
package, so that the features' Qt-free models can name them. This module sits on top and only
re-exports the names the app and its tests use.
"""

from app.core.history_records import AnchorShown
from app.history.operations import UnknownRecordError
from app.history.recovery import OpenResult, open_history
from app.history.resilient import ResilientHistory
from app.history.schema import SCHEMA_VERSION, NewerSchemaError
from app.history.store import HistoryStore

__all__ = [
    "SCHEMA_VERSION",
    "AnchorShown",
    "HistoryStore",
    "NewerSchemaError",
    "OpenResult",
    "ResilientHistory",
    "UnknownRecordError",
    "open_history",
]
