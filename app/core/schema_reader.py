"""The one schema reader for every Steady YAML kind: exercises, flows, anchors, crisis lines,
settings and reminders.

A schema is written as field specs (`Text`, `Number`, `Choice`, `Flag`, `Matches`, `ListOf`, or
a kind's own class with the same `read` method), and a `Reader` walks one parsed file with them.
Every problem is located at the line and column of its key or value (`YamlDoc.mark`) and
collected; a spec returns None for a value it reported, so one run finds every problem in a
file, as CONVENTIONS.md asks. The words of each kind of problem are written once, here.

Two ways a kind uses what was found:
- a file is all or nothing (exercises, flows, anchors, crisis lines): `raise_if_any`;
- each value stands alone (settings, reminders): a value with problems falls back and the rest
  is used; `Reader.noting` adds what happens meanwhile to each message ("the default is used
  for now").

Qt-free, and no YAML machinery: settings come through here on the way to the first frame, from
the parse cache (a `YamlDoc` without marks) as well as from a freshly read file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, NamedTuple, Protocol

from app.core.printable import quoted
from app.core.problems import FileProblems, Problem, cap_problems
from app.core.safety import format_number

SUPPORTED_VERSION = 1
#: Longest key quoted in full in a message.
KEY_LIMIT = 60


# -- the parsed file ------------------------------------------------------------------------------

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


class Verbatim(NamedTuple):
    """A value Steady could not use, as it was written in the file (``yes``, ``07:30``, ``*name``,
    ``!!int 0x1F``): kept so that a file Steady rewrites (settings.yaml) gives it back unchanged,
    to be fixed by the user or replaced when they set that preference again."""

    text: str


class Repeated(NamedTuple):
    """Every value of a key written more than once in one mapping, first to last: written back as
    that many entries, so that a rewrite keeps what the user wrote until they choose."""

    values: tuple[Any, ...]


class YamlDoc:
    """A parsed file: plain `value`, and where each key and value starts (1-based).

    Built without marks (from a cache, or for one value typed in the app), every problem points
    at 1:1. Read with `load_yaml`, it also knows where in the file each of `problems` is (their
    value paths), what was written for each value it could not use, and the values of keys
    written twice: `kept` gives a value back as written, for files Steady rewrites.
    """

    __slots__ = ("value", "display_path", "problems", "problem_paths", "_value_marks", "_key_marks", "_raw", "_repeats")

    def __init__(
        self,
        value: Any,
        display_path: str,
        problems: list[Problem] | None = None,
        value_marks: dict[Path_, Mark] | None = None,
        key_marks: dict[Path_, Mark] | None = None,
        *,
        problem_paths: list[Path_] | None = None,
        raw: dict[Path_, Verbatim] | None = None,
        repeats: dict[Path_, list[tuple[Path_, Any]]] | None = None,
    ) -> None:
        self.value = value
        self.display_path = display_path
        #: Problems that spoiled single values (only non-empty when read with `load_yaml`).
        self.problems: list[Problem] = problems if problems is not None else []
        #: The value path each of `problems` is about (same order).
        self.problem_paths: list[Path_] = problem_paths if problem_paths is not None else [()] * len(self.problems)
        self._value_marks = value_marks or {}
        self._key_marks = key_marks or {}
        #: path -> what the file says for a value Steady could not use (or that had an anchor).
        self._raw = raw or {}
        #: path of a key written more than once -> (path, value) of each later one.
        self._repeats = repeats or {}

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

    def troubled(self, path: Path_) -> bool:
        """Whether reading the file found a problem in the value at `path` (or inside it)."""
        size = len(path)
        return any(found[:size] == path for found in self.problem_paths)

    def kept(self, path: Path_) -> Any:
        """The value at `path` as the file has it: values Steady could not use as `Verbatim`, a
        key written twice as `Repeated`. Plain values come back as they are."""
        value = self.value
        for step in path:
            value = value[step]
        return self._entry(value, tuple(path))

    def _entry(self, value: Any, path: Path_) -> Any:
        kept = self._kept(value, path)
        if path in self._repeats:
            return Repeated((kept, *(self._kept(again, where) for where, again in self._repeats[path])))
        return kept

    def _kept(self, value: Any, path: Path_) -> Any:
        if path in self._raw:
            return self._raw[path]
        if isinstance(value, dict):
            return {key: self._entry(item, path + (key,)) for key, item in value.items()}
        if isinstance(value, list):
            return [self._entry(item, path + (index,)) for index, item in enumerate(value)]
        return value

    def __repr__(self) -> str:
        return f"YamlDoc({self.value!r}, {self.display_path!r})"


# -- words ------------------------------------------------------------------------------------


def describe_value(value: Any) -> str:
    """A value in words, for problem messages ("the number 4", "a list")."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, float) and not math.isfinite(value):
        return "a number too large to hold"
    if isinstance(value, (int, float)):
        return f"the number {format_number(value)}"
    if isinstance(value, str):
        return f"the text {quoted(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "something else"


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (tiny strings only)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def closest(word: Any, choices: tuple[str, ...]) -> str | None:
    """The choice `word` was probably meant to be, if one is close enough."""
    if not isinstance(word, str) or len(word) > 40 or not choices:
        return None
    lowered = word.lower().strip()
    best = min(choices, key=lambda c: _distance(lowered, c))
    limit = 1 if len(best) <= 4 else 2
    if _distance(lowered, best) <= limit or (len(lowered) >= 3 and best.startswith(lowered)):
        return best
    return None


def guess_hint(word: Any, choices: tuple[str, ...]) -> tuple[str, bool]:
    """("did you mean 'x'? ", True) when `word` is close to one of `choices`, else ("", False)."""
    guess = closest(word, choices)
    return (f"did you mean '{guess}'? ", True) if guess else ("", False)


def text_trouble(value: str, multiline: bool) -> str | None:
    """Why `value` cannot be shown as it is (a control character, a line break), or None."""
    import unicodedata  # only when there is text to check: not on the cached way to the first frame

    for ch in value:
        if ch == "\n" and multiline:
            continue
        if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") or ch in "\ufffe\uffff":
            if ch in "\n\r\x85\u2028\u2029":
                return "must be a single line; remove the line break"
            return f"contains the control character U+{ord(ch):04X}; remove it"
    return None


# -- field specs --------------------------------------------------------------------------------


class Spec(Protocol):
    """Reads one value: the usable value, or None after reporting why it is not usable."""

    def read(self, reader: Reader, value: Any, path: Path_, what: str) -> Any: ...


class Text:
    """Text of at most `limit` characters, stripped; one line unless `multiline`."""

    __slots__ = ("limit", "multiline", "example")

    def __init__(self, limit: int, multiline: bool = False, example: str = '"..."') -> None:
        self.limit = limit
        self.multiline = multiline
        self.example = example

    def read(self, reader: Reader, value: Any, path: Path_, what: str) -> str | None:
        if value is INVALID:
            return None
        if not isinstance(value, str):
            reader.add(path, f"{what} must be text, not {describe_value(value)}; put it in quotes, e.g. {self.example}", key=value is None)
            return None
        stripped = value.strip()
        if not stripped:
            reader.add(path, f"{what} is empty: write some text, or remove it")
            return None
        trouble = text_trouble(stripped, self.multiline)
        if trouble:
            reader.add(path, f"{what} {trouble}")
            return None
        if len(stripped) > self.limit:
            reader.add(path, f"{what} is {len(stripped)} characters long; keep it to {self.limit} or fewer")
            return None
        return stripped


class Number:
    """A number from `low` to `high` (a float, or an int when `whole`), optionally in a `unit`
    and with at most `places` decimal places."""

    __slots__ = ("low", "high", "unit", "example", "whole", "places")

    def __init__(
        self, low: float, high: float, unit: str = "", example: str = "4 or 7.5", whole: bool = False, places: int | None = None
    ) -> None:
        self.low = low
        self.high = high
        self.unit = unit
        self.example = example
        self.whole = whole
        self.places = places

    def _noun(self) -> str:
        if self.unit:
            return f"a number of {self.unit}"
        kind = "a whole number" if self.whole else "a number"
        return f"{kind} from {format_number(self.low)} to {format_number(self.high)}"

    def read(self, reader: Reader, value: Any, path: Path_, what: str) -> float | int | None:
        if value is INVALID:
            return None
        if value is None:
            reader.add(path, f"{what} has no value: write {self._noun()}, e.g. {self.example}", key=True)
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (isinstance(value, float) and not math.isfinite(value)):
            reader.add(path, f"{what} must be {self._noun()}, e.g. {self.example}, not {describe_value(value)}")
            return None
        if self.whole and not isinstance(value, int):
            reader.add(path, f"{what} must be a whole number, e.g. {format_number(max(self.low, round(value)))}")
            return None
        if not self.low <= value <= self.high:
            unit = f" {self.unit}" if self.unit else ""
            reader.add(path, f"{what} is {format_number(value)}{unit}; it must be from {format_number(self.low)} to {format_number(self.high)}")
            return None
        if self.whole:
            return int(value)
        if self.places is not None:
            scaled = value * 10**self.places
            if abs(scaled - round(scaled)) > 1e-6:
                factor = 10**self.places
                hint = f"{format_number(math.floor(value * factor) / factor)} or {format_number(math.ceil(value * factor) / factor)}"
                places = "one decimal place" if self.places == 1 else f"{self.places} decimal places"
                reader.add(path, f"{what} {format_number(value)} has more than {places}; round it, e.g. {hint}")
                return None
        return float(value)


class Choice:
    """One of a few words."""

    __slots__ = ("choices",)

    def __init__(self, choices: tuple[str, ...]) -> None:
        self.choices = choices

    def read(self, reader: Reader, value: Any, path: Path_, what: str) -> str | None:
        if value is INVALID:
            return None
        if isinstance(value, str) and value in self.choices:
            return value
        guess = closest(value, self.choices)
        hint = f"; did you mean '{guess}'?" if guess else ""
        reader.add(path, f"{what} must be one of {', '.join(self.choices)}, not {describe_value(value)}{hint}", key=value is None)
        return None


class Flag:
    """true or false."""

    __slots__ = ()

    def read(self, reader: Reader, value: Any, path: Path_, what: str) -> bool | None:
        if value is INVALID:
            return None
        if isinstance(value, bool):
            return value
        reader.add(path, f"{what} must be true or false, not {describe_value(value)}", key=value is None)
        return None


class Matches:
    """Text that fully matches `pattern`, taken as written. `message` says what it must look
    like, with ``{what}`` for the value's name and ``{value}`` for the value in words:
    "{what} must be a sound id made of a-z, 0-9 and '-', e.g. soft-bell, not {value}"."""

    __slots__ = ("pattern", "message")

    def __init__(self, pattern: str | re.Pattern[str], message: str) -> None:
        #: Compiled on first use (by `re`'s own cache): most patterns are not needed at start.
        self.pattern = pattern
        self.message = message

    def read(self, reader: Reader, value: Any, path: Path_, what: str) -> str | None:
        if value is INVALID:
            return None
        if isinstance(value, str) and re.fullmatch(self.pattern, value):
            return value
        reader.add(path, self.message.format(what=what, value=describe_value(value)), key=value is None)
        return None


class ListOf:
    """A list of `least` to `most` values, each read with `item` (as "entry N of WHAT");
    an empty value is an empty list when `least` is 0. `count`, when given, is the message for
    a list of the wrong length, with ``{least}``, ``{most}`` and ``{n}``."""

    __slots__ = ("item", "most", "least", "shape", "count")

    def __init__(self, item: Spec, most: int, least: int = 0, shape: str = "a list, one '- item' per line", count: str = "") -> None:
        self.item = item
        self.most = most
        self.least = least
        self.shape = shape
        self.count = count

    def read(self, reader: Reader, value: Any, path: Path_, what: str) -> list[Any] | None:
        if value is INVALID:
            return None
        if value is None and self.least == 0:
            return []
        if not isinstance(value, list):
            reader.add(path, f"{what} must be {self.shape}, not {describe_value(value)}", key=value is None)
            return None
        if self.count and not self.least <= len(value) <= self.most:
            reader.add(path, self.count.format(least=self.least, most=self.most, n=len(value)))
            return None
        if len(value) > self.most:
            reader.add(path, f"{what} has {len(value)} entries; keep it to {self.most} or fewer")
            return None
        if len(value) < self.least:
            reader.add(path, f"{what} is empty: add at least one entry" if not value else f"{what} has {len(value)} entries; it needs at least {self.least}")
            return None
        result = [reader.read(self.item, item, path + (index,), f"entry {index + 1} of {what}") for index, item in enumerate(value)]
        return None if any(item is None for item in result) else result


# -- the reader ---------------------------------------------------------------------------------


class Reader:
    """Walks one parsed file with field specs, collecting problems with their line and column."""

    def __init__(self, doc: YamlDoc) -> None:
        self.doc = doc
        self.problems: list[Problem] = list(doc.problems)
        self._note = ""
        #: Which of the file's own problems (the first ones in `problems`) have no note yet.
        self._unnoted = set(range(len(doc.problems)))

    def add(self, path: Path_, message: str, key: bool = False) -> None:
        """Report a problem at the value at `path` (or its key: missing and empty values)."""
        self.problems.append(self.doc.problem(path, message + self._note, key))

    @contextmanager
    def noting(self, consequence: str, under: Path_ | None = None) -> Iterator[None]:
        """Every problem reported in the block says what happens meanwhile, in brackets; with
        `under`, so do the problems reading the file found in the value there (a ``yes`` where
        true or false belongs, a key written twice), which no spec reports again."""
        outer = self._note
        self._note = f" ({consequence})"
        if under is not None:
            self.note_found(consequence, under)
        try:
            yield
        finally:
            self._note = outer

    def note_found(self, consequence: str, under: Path_) -> None:
        """The problems reading the file found in the value at `under` say what happens meanwhile."""
        for index in sorted(self._unnoted):
            if self.doc.problem_paths[index][: len(under)] == under:
                problem = self.problems[index]
                self.problems[index] = problem._replace(message=f"{problem.message} ({consequence})")
                self._unnoted.discard(index)

    def raise_if_any(self) -> None:
        if self.problems:
            raise FileProblems(cap_problems(sorted(self.problems)))

    def read(self, spec: Spec, value: Any, path: Path_, what: str) -> Any:
        return spec.read(self, value, path, what)

    def field(self, mapping: Mapping[str, Any], path: Path_, key: str, spec: Spec, what: str | None = None) -> Any:
        """The value of `key` read with `spec`, or None when it is missing or unusable."""
        if key not in mapping:
            return None
        return spec.read(self, mapping[key], path + (key,), what or key)

    def top(self, what: str, allowed: tuple[str, ...], example: str, where: str | None = None) -> dict[str, Any]:
        """The file's top mapping, with its `version:` and keys checked; raises when it is not one."""
        value = self.doc.value
        if not isinstance(value, dict):
            if value is not INVALID:
                self.add((), f"{what} is a mapping of keys such as {example}, not {describe_value(value)}")
            raise FileProblems(cap_problems(sorted(self.problems)))
        version = value.get("version", SUPPORTED_VERSION)
        if version is not INVALID and not (type(version) is int and version == SUPPORTED_VERSION):
            self.add(
                ("version",),
                f"{describe_value(version)} is not a version this Steady reads: write 'version: {SUPPORTED_VERSION}' or remove the key",
            )
        self.check_keys(value, (), allowed, where or f"in {what}")
        return value

    def kind_is(self, top: Mapping[str, Any], kind: str, what: str, required: bool = True) -> None:
        """`kind:` must name `kind`; with `required=False` (a file in its own folder) it may be left out."""
        value = top.get("kind", None)
        if value is INVALID or (value is None and not required) or value == kind:
            return
        if not required:
            self.add(("kind",), f"this file's kind is {describe_value(value)}, but {what} needs 'kind: {kind}' (or no kind at all)")
            return
        shown = f", not {describe_value(value)}" if value is not None else ""
        self.add(("kind",), f"this file must say 'kind: {kind}'{shown}", key=value is None)

    def check_keys(self, mapping: Mapping[str, Any], path: Path_, allowed: tuple[str, ...], where: str) -> None:
        for key in mapping:
            if key not in allowed:
                self.add(path + (key,), unknown_key_message(key, allowed, where), key=True)

    def mapping(self, value: Any, path: Path_, what: str, example: str) -> dict[str, Any] | None:
        if value is INVALID:
            return None
        if not isinstance(value, dict):
            self.add(path, f"{what} must be a mapping such as {example}, not {describe_value(value)}", key=value is None)
            return None
        return value


def unknown_key_message(key: str, allowed: tuple[str, ...], where: str) -> str:
    hint, guessed = guess_hint(key, allowed)
    return f"unknown key {quoted(key, KEY_LIMIT)} {where}: {hint}{'The' if guessed else 'the'} keys here are {', '.join(allowed)}"
