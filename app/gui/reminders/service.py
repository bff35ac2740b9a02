"""The Qt driver of the reminder scheduler: timers, saving its state, logging what happened.

All decisions are made by :class:`app.core.reminders.schedule.ReminderScheduler`; this class only asks it
at the right moments and does what it says:

- one single-shot PreciseTimer, re-armed after every check for the wait the scheduler asks for
  (never more than an hour, far below QTimer's 2^31-1 ms limit);
- a periodic re-check (a coarse timer, once a minute), so that waking from sleep or a change of
  the clock is noticed within a minute even while the single-shot timer is still counting on the
  monotonic clock, which stands still in sleep;
- the scheduler's state saved atomically before anything is shown, so a slot is never shown
  twice, even across a crash or restart;
- every slot logged in the history: ``fired`` (announced), ``merged`` (into a catch-up, with
  ``merged_into``) or ``skipped`` (while reminders were paused).

Both timers stop when there is nothing to wait for (no reminders and no snooze), so an idle
Steady without reminders wakes for nothing. Time is read from ``context.wall_clock`` and
``context.clock`` at each check, the zone from ``context.zone``, and both timers come from
``context.timers``, so tests drive all of it with fake clocks and fake timers.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.core.reminders.schedule import Announcement, Decision, Reminder, ReminderScheduler, Slot
from app.core.reminders.store import load_state, save_state, state_path
from app.core.settings import Settings
from app.gui.context import AppContext
from app.logs import log

#: QTimer holds at most 2^31-1 ms; the scheduler never asks for more than an hour anyway.
MAX_TIMER_MS = 2**31 - 1
SNOOZE_SECONDS = 600.0
RECHECK_SECONDS = 60.0


class ReminderService(QObject):
    """Announces due reminders (signal `announced`) and records what became of each one."""

    announced = Signal(object)
    #: Emitted after each check with the scheduler's decision (for tests and the tray's status).
    checked = Signal(object)

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent or context)
        self.context = context
        self.state_file = state_path(context.paths.root)
        loaded = load_state(self.state_file)
        if loaded.problems:
            kept = f" It was kept as {loaded.set_aside_as.name}." if loaded.set_aside_as else ""
            context.notify(
                "Steady could not read which reminders it had already shown, so it starts counting from now."
                + kept,
                "warning",
                key="reminders-state",
            )
            for problem in loaded.problems:
                log.warning("reminder state: %s", problem)
        self.scheduler = ReminderScheduler(context.settings.reminders, loaded.state, context.zone())
        self._reminders = tuple(context.settings.reminders)
        self._save_failed = False
        self.timer = context.timers(self.check, single_shot=True, precise=True, owner=self)
        self.recheck = context.timers(self.check, single_shot=False, owner=self)
        self._recheck_ms: int | None = None
        context.settingsChanged.connect(self._settings_changed)

    # -- public ------------------------------------------------------------------------
    def start(self) -> None:
        """First check (which also schedules any catch-up 30 s from now) and the timers."""
        self.check()

    def stop(self) -> None:
        self.timer.stop()
        self.recheck.stop()
        self._recheck_ms = None

    def reminder(self, reminder_id: str) -> Reminder | None:
        return next((r for r in self.context.settings.reminders if r.id == reminder_id), None)

    def snooze(self, slot: Slot, seconds: float = SNOOZE_SECONDS) -> None:
        self.record(slot, "snoozed")
        self.scheduler.snooze(slot, self.context.clock.now() + seconds)
        self.check()

    def record(self, slot: Slot, outcome: str, *, session_id: str | None = None, merged_into: str | None = None) -> None:
        """Log one outcome for `slot` in the history (never raises: history keeps failures in memory)."""
        try:
            self.context.history.record_reminder_event(
                slot.id, slot.at, outcome, merged_into=merged_into, session_id=session_id
            )
        except ValueError as error:  # a programming error must not stop reminders
            log.error("could not record reminder %s %s: %r", slot.id, outcome, error)

    def upcoming(self) -> list[Slot]:
        return self.scheduler.upcoming(self.context.wall_clock.now())

    def paused_until(self) -> float | None:
        until = self.context.settings.reminders_paused_until
        return until if until is not None and until > self.context.wall_clock.now() else None

    def check(self) -> Decision:
        """Ask the scheduler, save, log, announce, and arm the timers for the next check."""
        self.scheduler.tz = self.context.zone()
        decision = self.scheduler.check(self.context.wall_clock.now(), self.context.clock.now(), self.paused_until())
        if decision.state_changed:
            self._save()
        for slot in decision.paused:
            self.record(slot, "skipped")
        for announcement in decision.announcements:
            if not announcement.snoozed:
                self.record(announcement.slot, "fired")
                for merged in announcement.merged:
                    self.record(merged, "merged", merged_into=announcement.slot.id)
        if decision.resumed:
            log.info("reminders: the clocks parted (sleep or a clock change); checking for missed reminders")
        for item in decision.reopened:
            log.warning(
                "reminders: %s had been counted up to %s, after today; the clock must have been wrong, "
                "so it counts again from %s",
                item.reminder_id,
                item.was.isoformat(),
                item.now_after.isoformat(),
            )
        self._arm(decision)
        for announcement in decision.announcements:
            self.announced.emit(announcement)
        self.checked.emit(decision)
        return decision

    # -- internals ---------------------------------------------------------------------
    def _arm(self, decision: Decision) -> None:
        waiting = bool(self.scheduler.reminders) or bool(self.scheduler.snoozed)
        if not waiting:
            self.stop()
            return
        self.timer.start(self._ms(decision.next_check))
        interval = self._ms(RECHECK_SECONDS)
        if not self.recheck.is_active() or self._recheck_ms != interval:
            self.recheck.start(interval)
            self._recheck_ms = interval

    @staticmethod
    def _ms(seconds: float) -> int:
        return max(1, min(MAX_TIMER_MS, int(seconds * 1000) + 1))

    def _save(self) -> None:
        try:
            self.state_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            save_state(self.state_file, self.scheduler.state)
        except OSError as error:
            log.warning("could not save reminder state: %r", error)
            if not self._save_failed:
                self._save_failed = True
                self.context.notify(
                    "Reminders work, but Steady cannot save which ones it has shown "
                    f"({error.strerror or error}). After a restart one may come again.",
                    "warning",
                    key="reminders-state",
                )
            return
        self._save_failed = False

    def _settings_changed(self, settings: Settings) -> None:
        if tuple(settings.reminders) != self._reminders:
            self._reminders = tuple(settings.reminders)
            self.scheduler.set_reminders(settings.reminders)
            self.check()
        elif not self.timer.is_active() and (self.scheduler.reminders or self.scheduler.snoozed):
            self.check()


__all__ = ["SNOOZE_SECONDS", "Announcement", "ReminderService"]
