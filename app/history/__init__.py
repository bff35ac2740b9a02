"""Practice history in SQLite: sessions, triggered moments, reminder outcomes (Qt-free).

The app uses :class:`ResilientHistory` (``ResilientHistory.open(paths, clock)``), which opens
the database through :func:`open_history` (newer files refused, damaged files set aside and
restored from a backup) and keeps practice going when the disk cannot be written.
See docs/history.md.
"""

from app.history.records import AnchorShown
from app.history.recovery import OpenResult, open_history
from app.history.resilient import ResilientHistory
from app.history.schema import SCHEMA_VERSION, NewerSchemaError
from app.history.operations import UnknownRecordError
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
