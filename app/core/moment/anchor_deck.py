"""Step 4, anchor: statements one at a time; star the ones that hold, write your own.

Which statements, in which order: the ones tagged for the trigger first, then the user's
favourites, then their own, then the rest (AnchorSet.ordered), the flow's `count` of them. Next
and Back page through them before the flow moves on. While the breathing from step 1 still runs,
a new statement comes with each out-breath; that pacing stops at the last statement, and as soon
as the user pages, stars or writes. A written statement and a star are saved to
DATA_DIR/anchors/mine.yaml at once, so they are there next time; a file that cannot be written
is said in `status`, and the moment goes on.
"""

from __future__ import annotations

from pathlib import Path

from app.core.anchors import (
    Anchor,
    AnchorSet,
    add_own_anchor,
    load_anchors,
    set_favourite,
)
from app.core.model import PhaseKind
from app.core.moment.events import Listeners
from app.core.moment.record import MomentRecord
from app.core.problems import FileProblems

#: Out-breaths a statement stays for when the flow paces them (at least one whole breath).
EXHALES_PER_STATEMENT = 2

NO_STATEMENTS = "There are no statements yet. Write one of your own below."
OWN_SAVED = "Saved. It will be here next time too."


class AnchorDeck:
    def __init__(self, anchors_dir: Path, count: int, record: MomentRecord) -> None:
        self._dir = anchors_dir
        self._count = count
        self._record = record
        self.anchor_set: AnchorSet = load_anchors(anchors_dir)
        #: The statements of this moment, in the order they are offered.
        self.shown: list[Anchor] = []
        self.index = 0
        #: A new statement comes with the out-breath.
        self.paced = False
        #: What went wrong with the user's anchor files, or what was just saved.
        self.status = ""
        self._exhales_since_shown = 0
        #: Told after the statement shown, its star, `paced` or `status` changed.
        self.changed: Listeners[[]] = Listeners()

    def begin(self, tag: str | None, breathing: bool) -> None:
        """Choose the statements for this trigger; pace them with the breath if it runs."""
        self.shown = self.anchor_set.ordered(tag)[: self._count]
        self.index = 0
        self.paced = breathing and len(self.shown) > 1
        if self.anchor_set.problems:
            self.status = f"Some of your anchor files could not be read, so they are left out: {self.anchor_set.problems[0]}"
        self._show()

    def current(self) -> Anchor | None:
        return self.shown[self.index] if 0 <= self.index < len(self.shown) else None

    def is_favourite(self, anchor: Anchor) -> bool:
        return anchor.id in self.anchor_set.favourites

    @property
    def favourites(self) -> frozenset[str]:
        return frozenset(self.anchor_set.favourites)

    # -- paging -----------------------------------------------------------------------------
    def advance(self) -> bool:
        """The next statement (True), or False at the last one: then the flow moves on."""
        self.stop_pacing()
        if self.index < len(self.shown) - 1:
            self.index += 1
            self._show()
            return True
        return False

    def retreat(self) -> bool:
        self.stop_pacing()
        if self.index > 0:
            self.index -= 1
            self._show()
            return True
        return False

    def on_phase(self, kind: PhaseKind) -> None:
        """With every other out-breath, the next statement (the flow calls this while this step shows).

        A statement that arrived late in a breath stays for the whole next one: time to read it.
        """
        if not self.paced or kind != PhaseKind.EXHALE:
            return
        self._exhales_since_shown += 1
        if self._exhales_since_shown < EXHALES_PER_STATEMENT:
            return
        if self.index < len(self.shown) - 1:
            self.index += 1
            self._show()
        if self.index >= len(self.shown) - 1:
            self.stop_pacing()

    def stop_pacing(self) -> None:
        if self.paced:
            self.paced = False
            self.changed()

    # -- stars and the user's own -------------------------------------------------------------
    def toggle_star(self) -> None:
        anchor = self.current()
        if anchor is not None:
            self.set_star(not self.is_favourite(anchor))

    def set_star(self, on: bool) -> None:
        """Star or unstar the statement shown; kept for this session even if the file cannot be written."""
        anchor = self.current()
        if anchor is None:
            return
        self.paced = False
        try:
            set_favourite(self._dir, anchor.id, on)
        except (FileProblems, OSError) as error:
            self.status = f"Your star could not be saved: {_reason(error)}"
        if on:
            self.anchor_set.favourites.add(anchor.id)
        else:
            self.anchor_set.favourites.discard(anchor.id)
        self._record.show_anchor(anchor.id, anchor.text, on)
        self.changed()

    def writing(self) -> None:
        """The user started writing their own statement: the pacing stops, so the page stays put."""
        self.stop_pacing()

    def save_own(self, text: str) -> bool:
        """Save a statement the user wrote and show it next; False when there was nothing to save
        or it could not be saved (`status` says why)."""
        text = text.strip()
        if not text:
            return False
        self.paced = False
        try:
            anchor = add_own_anchor(self._dir, text, {a.id for a in self.anchor_set.anchors})
        except (FileProblems, OSError) as error:
            self.status = f"That could not be saved: {_reason(error)}"
            self.changed()
            return False
        self.anchor_set.anchors.append(anchor)
        self.shown.insert(self.index + 1 if self.shown else 0, anchor)
        self.index = self.shown.index(anchor)
        self.status = OWN_SAVED
        self._show()
        return True

    def _show(self) -> None:
        self._exhales_since_shown = 0
        anchor = self.current()
        if anchor is not None:
            self._record.show_anchor(anchor.id, anchor.text, self.is_favourite(anchor))
        self.changed()


def _reason(error: Exception) -> str:
    if isinstance(error, FileProblems):
        return f"{error.problems[0]} (fix the file, then try again)"
    return str(getattr(error, "strerror", None) or error)
