"""The Progress page's state and rules, without Qt: `ProgressModel`.

It holds what the page shows (the period, which screen, the figures, the entries and the
selected one) and decides when to read the history again: when the page is shown, only if the
history changed since the last look (the source's change stamp: a session that just ended, a
moment from the flow or a reminder all move it, and an unchanged history costs nothing), and
always after the period changes or an action changed the history. Moment statistics (a pass over
every moment) are read only while the Moments tab is looked at. Nothing the history does can
take the window down: a failure shows the "cannot be read" screen and is logged.

The page binds to it: it calls `refresh`, `set_period`, `look_at_moments`, `select` and the
actions, and redraws the parts named in the `Changed` flags its callback receives.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

from app.core.progress.figures import (
    DEFAULT_PERIOD,
    PERIODS,
    Entry,
    MomentsFigures,
    PracticeFigures,
    ProgressData,
    load_moments,
    load_progress,
    moments_figures,
    practice_figures,
)
from app.core.progress.source import ProgressSource

if TYPE_CHECKING:
    from app.core.progress.actions import Outcome
    from app.core.prompts import Prompts

#: Steady's log (app.logs writes the "steady" logger to DATA_DIR/logs; core cannot import it).
log = logging.getLogger("steady.progress")


class Screen(enum.Enum):
    UNREADABLE = "the history cannot be read"
    EMPTY = "nothing recorded yet"
    FIGURES = "the tabs of figures"


class Changed(enum.Flag):
    """Which parts of the model a change touched (what the page must draw again)."""

    NOTHING = 0
    SCREEN = enum.auto()
    PERIOD = enum.auto()
    PRACTICE = enum.auto()
    MOMENTS = enum.auto()
    ENTRIES = enum.auto()
    SELECTION = enum.auto()


class ProgressModel:
    def __init__(
        self, source: ProgressSource, on_change: Callable[[Changed], object], period: int = DEFAULT_PERIOD
    ) -> None:
        self._source = source
        self._on_change = on_change
        self.period = _checked(period)
        self.screen = Screen.EMPTY
        self.data: ProgressData | None = None
        self.practice: PracticeFigures | None = None
        self.moments: MomentsFigures | None = None
        self.entries: tuple[Entry, ...] = ()
        self.selected: Entry | None = None
        self._seen: tuple[Hashable, int] | None = None
        self._looking_at_moments = False
        self._moments_for: ProgressData | None = None

    # -- what the page asks ----------------------------------------------------------------
    def refresh(self, force: bool = False) -> None:
        """Read the history again if it changed since the last look (or `force`)."""
        self._on_change(self._refresh(force))

    def set_period(self, days: int) -> None:
        """Show the last `days` days (one of PERIODS)."""
        if _checked(days) == self.period:
            return
        self.period = days
        self._on_change(Changed.PERIOD | self._refresh(force=True))

    def look_at_moments(self, looking: bool) -> None:
        """The Moments tab came into view (or left it): its figures are read while it is seen."""
        self._looking_at_moments = looking
        self._on_change(self._moments_if_looked_at())

    def select(self, index: int | None) -> None:
        """The entry at `index` of `entries` was chosen (None or -1: none)."""
        chosen = self.entries[index] if index is not None and 0 <= index < len(self.entries) else None
        if chosen != self.selected:
            self.selected = chosen
            self._on_change(Changed.SELECTION)

    @property
    def selected_index(self) -> int | None:
        return self.entries.index(self.selected) if self.selected is not None else None

    @property
    def can_delete(self) -> bool:
        return self.selected is not None

    # -- actions: each asks first, and reads the history again when it changed it ------------
    # (app.core.progress.actions is imported by the first action, not when the page opens.)
    def export(self, prompts: Prompts) -> Outcome:
        from app.core.progress import actions

        today = self.data.days[-1].day.isoformat() if self.data and self.data.days else "export"
        return self._after(actions.export_history(self._source, prompts, today))

    def delete_selected(self, prompts: Prompts) -> Outcome:
        from app.core.progress import actions

        if self.selected is None:
            return actions.Outcome()
        return self._after(actions.delete_entry(self._source, prompts, self.selected))

    def delete_all(self, prompts: Prompts) -> Outcome:
        from app.core.progress import actions

        return self._after(actions.delete_everything(self._source, prompts))

    def _after(self, outcome: Outcome) -> Outcome:
        if outcome.changed:
            self.refresh(force=True)
        return outcome

    # -- reading -------------------------------------------------------------------------------
    def _refresh(self, force: bool) -> Changed:
        try:
            stamp = self._source.change_stamp()
            if not force and stamp is not None and (stamp, self.period) == self._seen:
                return Changed.NOTHING
            if stamp is None:
                return self._unreadable()
            data = load_progress(self._source.history(), self.period)
        except Exception:  # the page must never take the window down
            log.exception("the Progress page could not read the history")
            return self._unreadable()
        self._seen = (stamp, self.period)
        self.data = data
        changed = self._set_entries(data.entries)
        if data.is_empty:
            return changed | self._set_screen(Screen.EMPTY)
        self.practice = practice_figures(data)
        return changed | Changed.PRACTICE | self._set_screen(Screen.FIGURES) | self._moments_if_looked_at()

    def _moments_if_looked_at(self) -> Changed:
        data = self.data
        if not self._looking_at_moments or self.screen is not Screen.FIGURES or data is None:
            return Changed.NOTHING
        if self._moments_for is data:
            return Changed.NOTHING
        try:
            stats = load_moments(self._source.history(), data)
        except Exception:  # the page must never take the window down
            log.exception("the Progress page could not read moment statistics")
            return self._unreadable()
        self._moments_for = data
        self.moments = moments_figures(stats, data.period)
        return Changed.MOMENTS

    def _unreadable(self) -> Changed:
        self._seen = None
        return self._set_screen(Screen.UNREADABLE)

    def _set_screen(self, screen: Screen) -> Changed:
        if screen is self.screen:
            return Changed.NOTHING
        self.screen = screen
        return Changed.SCREEN

    def _set_entries(self, entries: tuple[Entry, ...]) -> Changed:
        """New entries; the selected one stays selected while it is still there."""
        was = self.selected
        self.entries = entries
        self.selected = next((e for e in entries if was is not None and (e.kind, e.id) == (was.kind, was.id)), None)
        return Changed.ENTRIES | (Changed.SELECTION if self.selected != was else Changed.NOTHING)


def _checked(days: int) -> int:
    if days not in PERIODS:
        raise ValueError(f"the period must be one of {PERIODS} days, not {days}")
    return days
