"""What the reminder models read of the user's settings, as a protocol.

app.core.settings.Settings has these fields and satisfies it. Settings reads and writes the
reminders in settings.yaml through app.core.reminders.store, so the reminders package names
the settings only through this protocol: the two import in one direction only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from app.core.reminders.schedule import Reminder


class ReminderPreferences(Protocol):
    """The reminders, their pause, and the exercise Breathe now uses (a reminder's default)."""

    @property
    def reminders(self) -> tuple[Reminder, ...]: ...

    @property
    def reminders_paused_until(self) -> float | None: ...

    @property
    def moment_exercise(self) -> str: ...
