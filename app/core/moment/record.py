"""One triggered moment in the history, written as the user goes (Esc loses nothing entered).

The moment is recorded once the flow's first frame is up (the view calls :meth:`MomentRecord.start`
then: the history database is opened then, never before the pacer paints), and every change
afterwards is one `update_moment`. A drafted message reaches the record only while the user
ticked "keep" (app.core.moment.draft); unticking removes it again.

The history is reached through a getter, because the app opens it on first use, and through a
protocol, because app.core sits below app.history: the app passes ``lambda: context.history``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, Protocol, TypedDict

log = logging.getLogger("steady")


class ShownAnchor(TypedDict):
    """An anchoring statement as the history takes it (app.history's `AnchorLike` mapping)."""

    text: str
    anchor_id: str
    favourited: bool


class MomentHistory(Protocol):
    """The two history writes a moment needs (app.history.ResilientHistory has them)."""

    def record_moment(
        self,
        *,
        session_id: str | None = ...,
        distress_before: int | None = ...,
        distress_after: int | None = ...,
        signals: Sequence[str] = ...,
        trigger: str | None = ...,
        anchors: Sequence[ShownAnchor] = ...,
        response: str = ...,
        draft_text: str | None = ...,
        ended_step: str | None = ...,
    ) -> str: ...

    def update_moment(self, moment_id: str, **changes: Any) -> None: ...


class Entered(NamedTuple):
    """What the flow has gathered so far: the history's moment fields."""

    session_id: str | None = None
    distress_before: int | None = None
    distress_after: int | None = None
    signals: tuple[str, ...] = ()
    trigger: str | None = None
    anchors: tuple[ShownAnchor, ...] = ()
    response: str = "none"
    draft_text: str | None = None
    #: The step the user was on last, or "done".
    ended_step: str = "breathe"


class MomentRecord:
    """What the flow has gathered so far, mirrored into the history."""

    def __init__(self, history: Callable[[], MomentHistory]) -> None:
        self._history = history
        self.moment_id: str | None = None
        self.entered = Entered()
        self._anchors: dict[str, ShownAnchor] = {}

    def start(self) -> str:
        """Write the moment as it is now (once: after the first frame, or on leaving before it)."""
        if self.moment_id is None:
            self.moment_id = self._history().record_moment(**self.entered._asdict())
        return self.moment_id

    def update(self, **changes: Any) -> None:
        """Change fields of :class:`Entered`; written at once when the moment is already recorded."""
        changed = {key: value for key, value in changes.items() if getattr(self.entered, key) != value}
        if not changed:
            return
        self.entered = self.entered._replace(**changed)
        if self.moment_id is not None:
            try:
                self._history().update_moment(self.moment_id, **changed)
            except (ValueError, TypeError) as error:  # a programming error must not stop the flow
                log.error("could not update moment %s: %r", self.moment_id, error)

    def show_anchor(self, anchor_id: str, text: str, favourited: bool) -> None:
        """Note an anchor as shown (in the order first shown), with its star."""
        self._anchors[anchor_id] = ShownAnchor(text=text, anchor_id=anchor_id, favourited=favourited)
        self.update(anchors=tuple(self._anchors.values()))
