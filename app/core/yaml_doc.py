"""A parsed Steady file: plain values, and where in the file each key and value starts.

Apart from the YAML reader (app.core.yamlsafe) so that the schema reader can walk values that
came from the parse cache, with no YAML machinery loaded: settings are read this way on the way
to the first frame. A plain class, not a dataclass, for the same reason (the dataclasses module
costs milliseconds to import).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.core.problems import Problem

#: Where a value sits: keys and list indexes from the top of the file.
Path_ = tuple[Any, ...]
#: (line, column), 1-based.
Mark = tuple[int, int]


class _Invalid:
    """Stands in for a value that was already reported as a problem."""

    _instance: _Invalid | None = None

    def __new__(cls) -> _Invalid:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "INVALID"

    def __bool__(self) -> bool:
        return False


#: The value of anything that has already been reported (only seen through `load_yaml`).
INVALID: Any = _Invalid()


class YamlDoc:
    """A parsed file: plain `value`, and where each key and value starts (1-based).

    Built without marks (from a cache, or for one value typed in the app), every problem points
    at 1:1.
    """

    __slots__ = ("value", "display_path", "problems", "_value_marks", "_key_marks")

    def __init__(
        self,
        value: Any,
        display_path: str,
        problems: list[Problem] | None = None,
        value_marks: dict[Path_, Mark] | None = None,
        key_marks: dict[Path_, Mark] | None = None,
    ) -> None:
        self.value = value
        self.display_path = display_path
        #: Problems that spoiled single values (only non-empty when read with `load_yaml`).
        self.problems: list[Problem] = problems if problems is not None else []
        self._value_marks = value_marks or {}
        self._key_marks = key_marks or {}

    def mark(self, path: Iterable[Any] = (), key: bool = False) -> Mark:
        """(line, column) of the value at `path`, or of its key with ``key=True``.

        A path that does not exist (a missing key) falls back to the nearest existing parent's
        value, so a problem about something missing points at the mapping it is missing from.
        """
        path = tuple(path)
        if key and path in self._key_marks:
            return self._key_marks[path]
        while True:
            if path in self._value_marks:
                return self._value_marks[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def problem(self, path: Iterable[Any], message: str, key: bool = False) -> Problem:
        line, column = self.mark(path, key)
        return Problem(self.display_path, line, column, message)

    def __repr__(self) -> str:
        return f"YamlDoc({self.value!r}, {self.display_path!r})"
