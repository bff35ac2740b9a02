"""Strict, safe YAML reading for every Steady file, with a line and column for every value.

Why not ``yaml.safe_load``: PyYAML's C loader segfaults on very deep nesting, its Python loader
hits RecursionError at a few hundred levels, alias bombs expand when walked, and YAML 1.1 quietly
turns ``4:00`` into 240, ``NO`` into False and ``012`` into 10, and keeps the last of two equal
keys. Here, in order:

1. whole-file checks on the raw bytes: size (``MAX_FILE_BYTES``), UTF-8 (pointing at the first
   bad byte), characters YAML forbids, and emptiness;
2. a guarded pure-Python scanner that stops as soon as nesting passes ``MAX_DEPTH`` or the token
   count passes ``MAX_TOKENS``, and refuses every anchor and alias, so no hostile input can make
   anything walk far or grow;
3. an iterative (never recursive) composer over the parser's events that builds plain values
   (dict, list, str, int, float, bool, None) and records where each key and value starts.

Plain scalars follow a small YAML 1.2-style core: ``true``/``false``, ``null``/``~``/empty,
decimal integers and decimal fractions. Anything YAML 1.1 tools would read differently
(sexagesimal ``4:00``, ``yes/no/on/off``, ``012``, ``0x1F``, ``1_000``, ``.nan``, ``.inf``,
exponents) is refused with a message that says how to write it. Quoted text is always text.
Duplicate keys are problems. Mapping keys are always taken as their text.

Problems that spoil only one value (a surprise scalar, a duplicate key, a refused tag, an alias)
are collected and the value becomes ``INVALID``, so a schema can go on to report its own problems
in the same run. Problems that stop reading (syntax errors, too deep, too big) end it at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml.events as ev
from yaml.error import MarkedYAMLError, YAMLError
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from app.core.problems import FileProblems, Problem

#: Largest file read at all (checked on the bytes, before decoding).
MAX_FILE_BYTES = 256 * 1024
#: Deepest nesting of lists and mappings (the exercise format needs 5).
MAX_DEPTH = 32
#: Most YAML tokens read from one file; a full-size exercise needs under 2,000.
MAX_TOKENS = 10_000
#: Most problems reported for one file; the last line says how many more there were.
MAX_PROBLEMS = 50

Path_ = tuple[str | int, ...]
Mark = tuple[int, int]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

# Characters YAML allows in a stream: PyYAML's Reader would stop at any other, without a line.
_NON_PRINTABLE = Reader.NON_PRINTABLE

_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT_RE = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)")
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
_YES_NO_WORDS = frozenset(
    "y Y yes Yes YES n N no No NO on On ON off Off OFF".split()
)
_CAPITAL_BOOL = frozenset({"True", "TRUE", "False", "FALSE"})
_SEXAGESIMAL_RE = re.compile(r"([-+]?)([0-9][0-9_]*)((?::[0-5]?[0-9])+)(\.[0-9_]*)?")
_LEADING_ZERO_RE = re.compile(r"[-+]?0[0-9_]+")
_BASE_PREFIX_RE = re.compile(r"[-+]?0(?:[xX][0-9a-fA-F_]+|[oO][0-7_]+|[bB][01_]+)")
_UNDERSCORE_NUMBER_RE = re.compile(r"[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?|[-+]?\.[0-9_]+")
_EXPONENT_RE = re.compile(r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)[eE][-+]?[0-9]+")
_NAN_INF_RE = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")


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


@dataclass
class YamlDoc:
    """A parsed file: plain `value`, and where each key and value starts (1-based)."""

    value: Any
    display_path: str
    #: Problems that spoiled single values (only non-empty when read with `load_yaml`).
    problems: list[Problem] = field(default_factory=list)
    _value_marks: dict[Path_, Mark] = field(default_factory=dict, repr=False)
    _key_marks: dict[Path_, Mark] = field(default_factory=dict, repr=False)

    def mark(self, path: Iterable[str | int] = (), key: bool = False) -> Mark:
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

    def has(self, path: Iterable[str | int]) -> bool:
        return tuple(path) in self._value_marks

    def problem(self, path: Iterable[str | int], message: str, key: bool = False) -> Problem:
        line, column = self.mark(path, key)
        return Problem(self.display_path, line, column, message)


class _Stop(Exception):
    """Reading cannot go on; `problem` says why (None: the problem cap was reached)."""

    def __init__(self, problem: Problem | None) -> None:
        super().__init__(str(problem))
        self.problem = problem


class _GuardedScanner(Scanner):
    """PyYAML's pure-Python scanner with limits checked as each token is made.

    The checks run before the parser sees a token, so nothing deeper than MAX_DEPTH, longer than
    MAX_TOKENS, or built from anchors and aliases ever reaches the composer. This also keeps
    PyYAML's simple-key look-ahead (which is quadratic in flow nesting) from running long.
    """

    _display_path: str
    _problems: list[Problem]
    _max_depth: int
    _max_tokens: int

    def _here(self) -> Problem:
        mark = self.get_mark()
        return Problem(self._display_path, mark.line + 1, mark.column + 1, "")

    def _fail(self, message: str) -> None:
        here = self._here()
        raise _Stop(Problem(here.path, here.line, here.column, message))

    def _too_deep(self) -> None:
        self._fail(
            f"lists and mappings are nested more than {self._max_depth} levels deep here; "
            "Steady files need only a few levels, so check the indentation and brackets"
        )

    def fetch_more_tokens(self) -> None:
        if self.tokens_taken + len(self.tokens) > self._max_tokens:
            self._fail(
                f"the file holds more than {self._max_tokens} YAML items; Steady files are much "
                "smaller, so check that this is the right file"
            )
        super().fetch_more_tokens()

    def fetch_flow_collection_start(self, TokenClass: type) -> None:  # noqa: N803 (PyYAML's name)
        if self.flow_level + len(self.indents) >= self._max_depth:
            self._too_deep()
        super().fetch_flow_collection_start(TokenClass)

    def add_indent(self, column: int) -> bool:
        added = super().add_indent(column)
        if added and len(self.indents) + self.flow_level > self._max_depth:
            self._too_deep()
        return added

    def _refuse(self, what: str) -> None:
        here = self._here()
        self._problems.append(
            Problem(
                here.path,
                here.line,
                here.column,
                f"{what} is not supported in Steady files: write the value out in full here",
            )
        )
        if len(self._problems) > MAX_PROBLEMS:
            raise _Stop(None)

    def fetch_anchor(self) -> None:
        self._refuse("an anchor (&name)")
        super().fetch_anchor()

    def fetch_alias(self) -> None:
        self._refuse("an alias (*name)")
        super().fetch_alias()


class _Loader(Reader, _GuardedScanner, Parser):
    def __init__(self, text: str, display_path: str, problems: list[Problem], max_depth: int, max_tokens: int) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        self._display_path = display_path
        self._problems = problems
        self._max_depth = max_depth
        self._max_tokens = max_tokens


# -- whole-file checks ---------------------------------------------------------------------


def _decode(data: bytes, display_path: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise FileProblems(
            [
                Problem(
                    display_path,
                    1,
                    1,
                    f"the file is {len(data):,} bytes, more than the {MAX_FILE_BYTES // 1024} KiB "
                    "a Steady file may be; check that this is the right file",
                )
            ]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8")) + 1
        raise FileProblems(
            [
                Problem(
                    display_path,
                    line,
                    column,
                    f"byte 0x{data[error.start]:02X} is not valid UTF-8; save the file as UTF-8 text",
                )
            ]
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    bad = _NON_PRINTABLE.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise FileProblems(
            [
                Problem(
                    display_path,
                    line,
                    column,
                    f"the control character U+{ord(bad.group()):04X} is not allowed in YAML; remove it",
                )
            ]
        )
    if not text.strip():
        raise FileProblems([Problem(display_path, 1, 1, _EMPTY_MESSAGE)])
    return text


_EMPTY_MESSAGE = "the file is empty; write its content (see docs/exercises.md for the format)"


# -- scalars -------------------------------------------------------------------------------


def _fix_number_text(text: str) -> str:
    return text.replace("_", "")


def plain_scalar_problem(text: str) -> str | None:
    """Why a plain (unquoted) scalar would be read differently by YAML 1.1 tools, or None."""
    if text in _YES_NO_WORDS:
        return (
            f"'{text}' is read as a yes/no value by some YAML tools (YAML 1.1): write true or false, "
            f"or put it in quotes (\"{text}\") if you mean the text"
        )
    if text in _CAPITAL_BOOL:
        return (
            f"write yes/no values in lower case, true or false, not '{text}'; "
            f"or put it in quotes (\"{text}\") if you mean the text"
        )
    if _NAN_INF_RE.fullmatch(text):
        return f"'{text}' (not a number or infinity) is not allowed: write a plain number such as 4 or 7.5"
    match = _SEXAGESIMAL_RE.fullmatch(text)
    if match:
        sign, head, tail, fraction = match.groups()
        total = float(head.replace("_", ""))
        for part in tail.split(":")[1:]:
            total = total * 60 + int(part)
        if fraction:
            total += float("0" + fraction.replace("_", "") if fraction != "." else "0")
        shown = f"{sign if sign == '-' else ''}{total:g}"
        return (
            f"'{text}' looks like minutes:seconds, which YAML 1.1 reads as {shown} (counting in 60s): "
            f"write one plain number instead (for 4:00, 240 seconds or 4 minutes), or put it in quotes if you mean the text"
        )
    if _BASE_PREFIX_RE.fullmatch(text):
        return (
            f"'{text}' is a hexadecimal, octal or binary number: write numbers in plain decimal, "
            "or put it in quotes if you mean the text"
        )
    if _LEADING_ZERO_RE.fullmatch(text):
        digits = _fix_number_text(text).lstrip("+")
        negative = digits.startswith("-")
        cleaned = str(int(digits.lstrip("-"))) if digits.lstrip("-").isdigit() else digits
        suggestion = ("-" if negative else "") + cleaned
        return (
            f"'{text}' starts with a zero, which YAML 1.1 reads as an octal number: "
            f"write {suggestion}, or put it in quotes if you mean the text"
        )
    if "_" in text and _UNDERSCORE_NUMBER_RE.fullmatch(text):
        return (
            f"'{text}' uses '_' between digits, which some YAML tools ignore and others do not: "
            f"write {_fix_number_text(text)}, or put it in quotes if you mean the text"
        )
    if _EXPONENT_RE.fullmatch(text):
        return f"'{text}' uses an exponent: write it as a plain decimal number such as 1000 or 0.5"
    return None


def resolve_plain(text: str) -> tuple[Any, str | None]:
    """The value of an untagged plain scalar, or INVALID and why."""
    if text in _NULL_WORDS:
        return None, None
    if text == "true":
        return True, None
    if text == "false":
        return False, None
    if _INT_RE.fullmatch(text):
        return int(text), None
    if _FLOAT_RE.fullmatch(text):
        return float(text), None
    problem = plain_scalar_problem(text)
    if problem is not None:
        return INVALID, problem
    return text, None


def _tagged(tag: str, text: str) -> tuple[Any, str | None]:
    """The value of a scalar with an explicit standard tag, or INVALID and why."""
    if tag in (_STR, "!"):
        return text, None
    if tag == _NULL:
        if text in _NULL_WORDS:
            return None, None
        return INVALID, f"'{text}' is tagged !!null but is not empty, ~ or null: remove the tag or the text"
    if tag == _BOOL:
        if text in ("true", "false"):
            return text == "true", None
        return INVALID, f"'{text}' is tagged !!bool: write true or false"
    if tag == _INT:
        if _INT_RE.fullmatch(text):
            return int(text), None
        return INVALID, f"'{text}' is tagged !!int but is not a whole number in plain decimal, such as 12"
    if tag == _FLOAT:
        if _INT_RE.fullmatch(text) or _FLOAT_RE.fullmatch(text):
            return float(text), None
        return INVALID, f"'{text}' is tagged !!float but is not a plain decimal number such as 7.5"
    return INVALID, _tag_message(tag)


def _tag_message(tag: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return f"the tag '{shown}' is not allowed in Steady files: remove it"


# -- composing -----------------------------------------------------------------------------

_NO_KEY = object()


class _Frame:
    __slots__ = ("container", "path", "is_map", "key", "key_mark", "invalid", "parent", "slot", "discard")

    def __init__(self, container: Any, path: Path_, is_map: bool, parent: Any, slot: Any, discard: bool) -> None:
        self.container = container
        self.path = path
        self.is_map = is_map
        self.key: Any = _NO_KEY
        self.key_mark: Mark = (1, 1)
        self.invalid = False
        self.parent = parent
        self.slot = slot
        self.discard = discard


def _mark_of(event: ev.Event) -> Mark:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _compose(loader: _Loader, display_path: str, problems: list[Problem], max_depth: int) -> YamlDoc:
    value_marks: dict[Path_, Mark] = {}
    key_marks: dict[Path_, Mark] = {}
    first_key_at: dict[Path_, Mark] = {}
    stack: list[_Frame] = []
    root: list[Any] = []
    documents = 0

    def soft(mark: Mark, message: str) -> None:
        problems.append(Problem(display_path, mark[0], mark[1], message))
        if len(problems) > MAX_PROBLEMS:
            raise _Stop(None)

    def place(mark: Mark) -> tuple[Any, Any, Path_, bool]:
        """Where a new value goes: (container, slot, path, discard)."""
        if not stack:
            return root, 0, (), False
        top = stack[-1]
        if top.is_map:
            key = top.key
            top.key = _NO_KEY
            path = top.path + (key,)
            discard = top.discard or key is INVALID
            return top.container, key, path, discard
        index = len(top.container)
        top.container.append(None)
        return top.container, index, top.path + (index,), top.discard

    def store(container: Any, slot: Any, path: Path_, discard: bool, value: Any, mark: Mark) -> None:
        if discard:
            return
        if container is root:
            root.append(value)
        else:
            container[slot] = value
        value_marks[path] = mark

    while loader.check_event():
        event = loader.get_event()
        if isinstance(event, ev.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Stop(
                    Problem(
                        display_path,
                        *_mark_of(event),
                        "a Steady file holds one YAML document: remove this '---' and what follows, "
                        "or move it to a file of its own",
                    )
                )
            continue
        if isinstance(event, (ev.StreamStartEvent, ev.StreamEndEvent, ev.DocumentEndEvent)):
            continue
        mark = _mark_of(event)
        awaiting_key = bool(stack) and stack[-1].is_map and stack[-1].key is _NO_KEY

        if isinstance(event, (ev.SequenceEndEvent, ev.MappingEndEvent)):
            frame = stack.pop()
            if frame.invalid and not frame.discard:
                if frame.parent is root:
                    root[0] = INVALID
                else:
                    frame.parent[frame.slot] = INVALID
            continue

        if awaiting_key:
            top = stack[-1]
            if not isinstance(event, (ev.ScalarEvent, ev.AliasEvent)):
                raise _Stop(
                    Problem(
                        display_path,
                        *mark,
                        "a key must be a single word such as 'name', not a list or mapping; "
                        "check the indentation and the ':' on this line",
                    )
                )
            top.key_mark = mark
            if isinstance(event, ev.AliasEvent):
                top.key = INVALID
                continue
            if event.tag not in (None, "!", _STR):
                soft(mark, _tag_message(event.tag))
            key = event.value
            path = top.path + (key,)
            if key in top.container:
                first = first_key_at.get(path, mark)
                soft(
                    mark,
                    f"the key '{key}' appears twice in this mapping (first at line {first[0]}, "
                    f"column {first[1]}): keep only one of them",
                )
                top.key = INVALID
                continue
            top.key = key
            if not top.discard:
                top.container[key] = None
                key_marks[path] = mark
                first_key_at[path] = mark
            continue

        if isinstance(event, ev.AliasEvent):
            container, slot, path, discard = place(mark)
            store(container, slot, path, discard, INVALID, mark)
            continue

        if isinstance(event, ev.ScalarEvent):
            container, slot, path, discard = place(mark)
            if event.tag is None:
                if event.style is None:
                    value, why = resolve_plain(event.value)
                else:
                    value, why = event.value, None
            else:
                value, why = _tagged(event.tag, event.value)
            if why is not None and not discard:
                soft(mark, why)
            store(container, slot, path, discard, value, mark)
            continue

        if isinstance(event, (ev.SequenceStartEvent, ev.MappingStartEvent)):
            if len(stack) >= max_depth:
                raise _Stop(
                    Problem(
                        display_path,
                        *mark,
                        f"lists and mappings are nested more than {max_depth} levels deep here; "
                        "Steady files need only a few levels, so check the indentation and brackets",
                    )
                )
            is_map = isinstance(event, ev.MappingStartEvent)
            container, slot, path, discard = place(mark)
            new: Any = {} if is_map else []
            store(container, slot, path, discard, new, mark)
            frame = _Frame(new, path, is_map, container, slot if container is not root else 0, discard)
            wanted = _MAP if is_map else _SEQ
            if event.tag not in (None, "!", wanted):
                if not discard:
                    soft(mark, _tag_message(event.tag))
                frame.invalid = True
            stack.append(frame)
            continue

    if not root:
        raise _Stop(Problem(display_path, 1, 1, _EMPTY_MESSAGE))
    return YamlDoc(root[0], display_path, problems, value_marks, key_marks)


def _syntax_problem(error: MarkedYAMLError, display_path: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    what = error.problem or "this could not be read"
    if "'\\t'" in what:
        return Problem(display_path, line, column, "a tab character is here: YAML indents with spaces only, so replace it with spaces")
    context = ""
    if error.context and error.context_mark is not None and error.context_mark is not mark:
        context = f" ({error.context} at line {error.context_mark.line + 1}, column {error.context_mark.column + 1})"
    return Problem(
        display_path,
        line,
        column,
        f"YAML syntax: {what}{context}; check the indentation, the ':' after each key, "
        "the '-' before each list item and that quotes and brackets are closed",
    )


def cap_problems(problems: list[Problem], stopped: bool = False) -> list[Problem]:
    """At most MAX_PROBLEMS problems; the last one says that more were left out.

    `stopped`: reading gave up at the cap, so how many more there are is not known.
    """
    if len(problems) <= MAX_PROBLEMS:
        return problems
    kept = problems[: MAX_PROBLEMS - 1]
    rest = problems[MAX_PROBLEMS - 1]
    if stopped:
        message = "more problems from here on (reading stopped); fix the ones above first, then check again"
    else:
        message = f"{len(problems) - len(kept)} more problems from here on; fix the ones above first"
    return kept + [Problem(rest.path, rest.line, rest.column, message)]


def load_yaml(data: bytes, display_path: str, *, max_depth: int = MAX_DEPTH, max_tokens: int = MAX_TOKENS) -> YamlDoc:
    """Read a file, keeping problems that spoil single values in `doc.problems`.

    Raises FileProblems when the file cannot be read at all (too big, not UTF-8, empty,
    nested too deep, a syntax error, or MAX_PROBLEMS reached). Values that were reported
    are INVALID in `doc.value`; a schema skips them and adds its own problems.
    """
    text = _decode(data, display_path)
    problems: list[Problem] = []
    loader = _Loader(text, display_path, problems, max_depth, max_tokens)
    try:
        doc = _compose(loader, display_path, problems, max_depth)
    except _Stop as stop:
        if stop.problem is None:
            raise FileProblems(cap_problems(problems, stopped=True)) from None
        problems.append(stop.problem)
        raise FileProblems(cap_problems(problems)) from None
    except MarkedYAMLError as error:
        problems.append(_syntax_problem(error, display_path))
        raise FileProblems(cap_problems(problems)) from None
    except YAMLError as error:  # not expected after the checks above; still a clean answer
        problems.append(Problem(display_path, 1, 1, f"YAML could not be read: {error}"))
        raise FileProblems(cap_problems(problems)) from None
    finally:
        loader.dispose()
    return doc


def parse_yaml(data: bytes, display_path: str, *, max_depth: int = MAX_DEPTH, max_tokens: int = MAX_TOKENS) -> YamlDoc:
    """Read a file strictly: any problem at all raises FileProblems with every problem found."""
    doc = load_yaml(data, display_path, max_depth=max_depth, max_tokens=max_tokens)
    if doc.problems:
        raise FileProblems(cap_problems(sorted(doc.problems, key=lambda p: (p.line, p.column))))
    return doc


# -- writing -------------------------------------------------------------------------------


def _represent_text(dumper: Any, text: str) -> Any:
    """Plain where Steady's reader gives the same text back, double-quoted otherwise.

    PyYAML quotes only what its own YAML 1.1 resolver would misread; this reader refuses more
    (an unquoted 09:00, 08, no), so a value the app writes back, a kept reminder time or a
    trigger called "no", must never come back as a problem that sets the file aside.
    """
    style = None if resolve_plain(text) == (text, None) else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_number(dumper: Any, value: float) -> Any:
    """A float in plain decimal: PyYAML writes 1e-05 as `1.0e-05`, an exponent this reader refuses."""
    text = repr(value)
    if "e" in text or "E" in text:
        from decimal import Decimal

        text = format(Decimal(text), "f")
    if "." not in text:
        text += ".0"
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


def dump_yaml(data: Any, width: int = 100) -> str:
    """YAML for a file Steady writes (settings, flows, anchors, reminder state): block style, keys
    in the given order, Unicode kept, and every string quoted where `parse_yaml` needs it."""
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    _Dumper.add_representer(str, _represent_text)
    _Dumper.add_representer(float, _represent_number)
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=width)
