"""The notices Steady shows at the top of its window, as a model without Qt.

Anything may tell the user something without stopping them: a reminder, a check-in, a file that
could not be read. All of it goes through one :class:`Notices`, built once by the bootstrap and
handed to the context (which pages call) and to the window's notice area (which only draws), so
the rules live here and are tested without a window:

- a notice with a ``key`` appears once: showing another with the same key replaces it;
- choosing one of a notice's actions runs it and closes that notice;
- notices found while starting can be held back (:meth:`Notices.hold`) and shown later
  (:meth:`Notices.release`): after ``steady now`` nothing technical stands beside the pacer.

Views follow the model through :meth:`Notices.observe`: ``on_shown(notice)`` after a notice
appears, ``on_closed(notice)`` after one goes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

#: A button on a notice: its title and what it does.
NoticeAction = tuple[str, Callable[[], object]]
NoticeObserver = Callable[["Notice"], object]


class Notice:
    """One notice on screen. A plain class, compared by identity: two notices with the same
    words are still two notices (a NamedTuple would make them equal)."""

    __slots__ = ("text", "level", "actions", "key")

    def __init__(self, text: str, level: str, actions: tuple[NoticeAction, ...], key: str | None) -> None:
        self.text = text
        #: "info" or "warning": how the view colours it.
        self.level = level
        self.actions = actions
        self.key = key

    def __repr__(self) -> str:
        return f"Notice({self.text!r}, {self.level!r}, key={self.key!r})"


class Notices:
    """The notices on screen, in the order they appeared, and the ones held back."""

    def __init__(self) -> None:
        self._shown: list[Notice] = []
        self._held: list[tuple[str, str, str | None]] = []
        self._observers: list[tuple[NoticeObserver, NoticeObserver]] = []

    def observe(self, on_shown: NoticeObserver, on_closed: NoticeObserver) -> None:
        """Call `on_shown` after each notice appears and `on_closed` after each one goes."""
        self._observers.append((on_shown, on_closed))

    def show(
        self, text: str, level: str = "info", actions: Sequence[NoticeAction] = (), key: str | None = None
    ) -> Notice:
        """Show a notice; one with the same `key` that is on screen goes first."""
        if key is not None:
            self.dismiss(key)
        notice = Notice(text, level, tuple(actions), key)
        self._shown.append(notice)
        for on_shown, _on_closed in list(self._observers):
            on_shown(notice)
        return notice

    def close(self, notice: Notice) -> None:
        """Take `notice` away (its Dismiss button); nothing happens if it is gone already."""
        if notice not in self._shown:
            return
        self._shown.remove(notice)
        for _on_shown, on_closed in list(self._observers):
            on_closed(notice)

    def dismiss(self, key: str) -> None:
        """Take away the notice with `key`, if one is on screen."""
        found = self.with_key(key)
        if found is not None:
            self.close(found)

    def choose(self, notice: Notice, title: str) -> None:
        """The user chose the action `title` of `notice`: the notice closes, then the action runs.

        Closing first lets the action show a new notice with the same key (a check-in's
        "Breathe now" may), and an action that fails still leaves no dead button behind.
        """
        action = next((callback for name, callback in notice.actions if name == title), None)
        self.close(notice)
        if action is not None:
            action()

    def with_key(self, key: str) -> Notice | None:
        return next((n for n in self._shown if n.key == key), None)

    def shown(self) -> tuple[Notice, ...]:
        return tuple(self._shown)

    # -- held back until a calm moment ---------------------------------------------------
    def hold(self, text: str, level: str = "warning", key: str | None = None) -> None:
        """Keep a notice back until :meth:`release` (start-up problems after `steady now`)."""
        self._held.append((text, level, key))

    def held(self) -> tuple[tuple[str, str, str | None], ...]:
        """(text, level, key) of each notice held back and not shown yet."""
        return tuple(self._held)

    def release(self) -> None:
        """Show every held notice, once; later calls show nothing more."""
        held, self._held = self._held, []
        for text, level, key in held:
            self.show(text, level, key=key)
