"""Step 2, notice: the body signals, thoughts and urges the user ticks, saved as they tick."""

from __future__ import annotations

from app.core.flow import SignalGroup
from app.core.moment.record import MomentRecord


class SignalTicks:
    """The ticked items, kept in the order the flow lists them (not the order they were ticked)."""

    def __init__(self, groups: tuple[SignalGroup, ...], record: MomentRecord) -> None:
        self.groups = groups
        self._record = record
        self._ticked: set[str] = set()

    @property
    def ticked(self) -> tuple[str, ...]:
        return tuple(item for group in self.groups for item in group.items if item in self._ticked)

    def tick(self, item: str, on: bool) -> None:
        if on:
            self._ticked.add(item)
        else:
            self._ticked.discard(item)
        self._record.update(signals=self.ticked)
