"""Step 5, choose: a response on purpose: wait, write it (don't send it), soothe, reach out.

The last one chosen is the moment's response. Waiting asks for a check-in (the feature keeps
that promise, as it outlives the flow; see checkin.py); the words it gives back say when it
will come. The lists shown (soothing things, people, the therapist's notes) are the user's, from
the flow, and shown again after the user edits them.
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.flow import Flow
from app.core.moment.draft import Draft
from app.core.moment.events import Listeners
from app.core.moment.record import MomentRecord

#: The responses, in the order offered (the history's `response` values, besides "none").
RESPONSES: tuple[str, ...] = ("wait", "draft", "soothe", "reach-out")

#: Asks for a check-in in so many minutes; gives back the words that say when it will come.
ScheduleCheckIn = Callable[[int], str]


class Respond:
    def __init__(self, flow: Flow, record: MomentRecord, schedule_checkin: ScheduleCheckIn, draft: Draft) -> None:
        self.flow = flow
        self._record = record
        self._schedule_checkin = schedule_checkin
        self.draft = draft
        #: The response chosen last, if any.
        self.choice: str | None = None
        #: When the check-in comes, in words, once the user chose a wait.
        self.checkin = ""
        #: Told after `choice` or `checkin` changed.
        self.changed: Listeners[[]] = Listeners()
        #: Told after the flow (the user's lists) changed.
        self.lists_changed: Listeners[[]] = Listeners()

    def choose(self, response: str) -> None:
        if response not in RESPONSES:
            raise ValueError(f"not a response: {response!r}")
        self.choice = response
        self._record.update(response=response)
        self.changed()

    def wait(self, minutes: int) -> None:
        """Check in with the user in `minutes`."""
        self.checkin = self._schedule_checkin(minutes)
        self.changed()

    def set_flow(self, flow: Flow) -> None:
        self.flow = flow
        self.lists_changed()

    def leave(self) -> None:
        self.draft.save()
