"""One triggered moment in the history, written as the user goes (Esc loses nothing entered).

The moment is recorded once the flow's first frame is up (the database is opened then, never
before the pacer paints), and every change afterwards is one `update_moment`. A drafted
message is written only when the user ticked "keep"; unticking removes it again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.logs import log

if TYPE_CHECKING:
    from app.gui.context import AppContext
    from app.history.records import AnchorShown


class MomentRecord:
    """What the flow has gathered so far, mirrored into the history store."""

    def __init__(self, context: "AppContext") -> None:
        self.context = context
        self.moment_id: str | None = None
        self.fields: dict[str, Any] = {
            "session_id": None,
            "distress_before": None,
            "distress_after": None,
            "signals": (),
            "trigger": None,
            "anchors": (),
            "response": "none",
            "draft_text": None,
            "ended_step": "breathe",
        }
        self._anchors: dict[str, "AnchorShown"] = {}

    def start(self) -> str:
        """Write the moment as it is now (called once, after the first frame)."""
        if self.moment_id is None:
            self.moment_id = self.context.history.record_moment(**self.fields)
        return self.moment_id

    def update(self, **changes: Any) -> None:
        """Change fields; written at once when the moment is already recorded."""
        changed = {k: v for k, v in changes.items() if self.fields.get(k) != v}
        if not changed:
            return
        self.fields.update(changed)
        if self.moment_id is not None:
            try:
                self.context.history.update_moment(self.moment_id, **changed)
            except (ValueError, TypeError) as error:  # a programming error must not stop the flow
                log.error("could not update moment %s: %r", self.moment_id, error)

    def show_anchor(self, anchor_id: str, text: str, favourited: bool) -> None:
        """Note an anchor as shown (in the order first shown), with its star."""
        from app.history.records import AnchorShown  # the history package loads after the first frame

        self._anchors[anchor_id] = AnchorShown(text=text, anchor_id=anchor_id, favourited=favourited)
        self.update(anchors=tuple(self._anchors.values()))

    def value(self, key: str) -> Any:
        return self.fields[key]
