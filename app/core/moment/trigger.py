"""Step 3, name it: a trigger picked from the user's list, or written in their own words.

Words typed win over a pick, and each clears the other: picking clears the words, typing clears
the pick. A pick is saved at once; typed words are saved when the user moves on or finishes the
field (`commit`), not at every key.
"""

from __future__ import annotations

from app.core.flow import TriggerChoice
from app.core.moment.events import Listeners
from app.core.moment.record import MomentRecord


class TriggerPick:
    def __init__(self, choices: tuple[TriggerChoice, ...], record: MomentRecord) -> None:
        self.choices = choices
        self._record = record
        #: The choice picked from the list (its text), if any.
        self.picked: str | None = None
        #: What the user typed, as typed.
        self.typed = ""
        #: Told after `choices`, `picked` or `typed` changed other than by the view's own typing.
        self.changed: Listeners[[]] = Listeners()

    def value(self) -> str | None:
        """What set it off: the words typed, else the choice picked, else nothing."""
        return self.typed.strip() or self.picked

    def pick(self, text: str | None) -> None:
        """A choice from the list (None: the pick was taken away); saved at once."""
        self.picked = text
        if text is not None and self.typed:
            self.typed = ""
            self.changed()
        self.commit()

    def write(self, text: str) -> None:
        """The user's own words, as they type them."""
        self.typed = text
        if text.strip() and self.picked is not None:
            self.picked = None
            self.changed()

    def commit(self) -> None:
        self._record.update(trigger=self.value())

    def set_choices(self, choices: tuple[TriggerChoice, ...]) -> None:
        """The list after the user edited it; a pick that is no longer there goes."""
        self.choices = choices
        if self.picked is not None and all(choice.text != self.picked for choice in choices):
            self.picked = None
        self.changed()
