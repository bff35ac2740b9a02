"""Strict, safe YAML reading for every Steady file, with a line and column for every value.

Why not ``yaml.safe_load``: PyYAML's C loader segfaults on very deep nesting, its Python loader
hits RecursionError at a few hundred levels, alias bombs expand when walked, and YAML 1.1 quietly
turns ``4:00`` into 240, ``NO`` into False and ``012`` into 10, and keeps the last of two equal
keys. Here, in order:

1. whole-file checks on the raw bytes: size (``MAX_FILE_BYTES``, which app.core.user_file also
   checks before reading), UTF-8 (pointing at the first
   bad byte), characters YAML forbids, and emptiness;
2. PyYAML's pure-Python scanner behind a guard (app.core.yaml_guard) that stops as soon as
   nesting passes ``MAX_DEPTH`` or the token count passes ``MAX_TOKENS``;
3. an iterative (never recursive) composer over the parser's events that refuses every anchor
   and alias (an alias is never expanded, so no bomb can grow), builds plain values (dict, list,
   str, int, float, bool, None) and records where each key and value starts.

What plain scalars mean, and which YAML 1.1 surprises are refused, is app.core.yaml_scalars.
Duplicate keys are problems. Mapping keys are always taken as their text.

Problems that spoil only one value (a surprise scalar, a duplicate key, a refused tag, an alias)
are collected and the value becomes ``INVALID``, so a schema can go on to report its own problems
in the same run. What the file says for such a value, and the later values of a repeated key,
are kept (`YamlDoc.kept`), so that a file Steady rewrites (settings.yaml) gives them back as the
user wrote them. Problems that stop reading (syntax errors, too deep, too big) end it at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import yaml.events as ev
from yaml.error import MarkedYAMLError, YAMLError

from app.core.printable import quoted
from app.core.problems import MAX_PROBLEMS, FileProblems, Problem, cap_problems
from app.core.schema_reader import INVALID, KEY_LIMIT, Mark, Path_, Verbatim, YamlDoc
from app.core.user_file import MAX_FILE_BYTES, too_big_problem
from app.core.yaml_guard import LimitReached, guarded_events
from app.core.yaml_scalars import MAP_TAG, SEQ_TAG, STR_TAG, resolve_plain, resolve_tagged, tag_message

__all__ = ["INVALID", "MAX_DEPTH", "MAX_FILE_BYTES", "MAX_PROBLEMS", "MAX_TOKENS", "YamlDoc", "cap_problems", "load_yaml", "parse_yaml"]

#: Deepest nesting of lists and mappings (the exercise format needs 5).
MAX_DEPTH = 32
#: Most YAML tokens read from one file; a full-size exercise needs under 2,000.
MAX_TOKENS = 10_000

# Characters YAML allows in a stream: PyYAML's Reader would stop at any other, without a line.
_NON_PRINTABLE = re.compile(r"[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]")


class _Stop(Exception):
    """Reading cannot go on; `problem` says why (None: the problem cap was reached)."""

    def __init__(self, problem: Problem | None) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _too_deep_message(max_depth: int) -> str:
    return (
        f"lists and mappings are nested more than {max_depth} levels deep here; "
        "Steady files need only a few levels, so check the indentation and brackets"
    )


def _limit_problem(limit: LimitReached, display_path: str, max_depth: int, max_tokens: int) -> Problem:
    if limit.limit == "depth":
        message = _too_deep_message(max_depth)
    else:
        message = (
            f"the file holds more than {max_tokens} YAML items; Steady files are much "
            "smaller, so check that this is the right file"
        )
    return Problem(display_path, limit.line, limit.column, message)


# -- whole-file checks ---------------------------------------------------------------------


def _decode(data: bytes, display_path: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise FileProblems([too_big_problem(display_path, len(data))])
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


# -- composing -----------------------------------------------------------------------------

_NO_KEY = object()
_NOT_SUPPORTED = "{} is not supported in Steady files: write the value out in full here"


class _Frame:
    __slots__ = ("container", "path", "is_map", "key", "key_mark", "invalid", "parent", "slot", "discard", "start")

    def __init__(self, container: Any, path: Path_, is_map: bool, parent: Any, slot: Any, discard: bool, start: int) -> None:
        self.container = container
        #: Where the collection starts in the text (its tag or anchor included).
        self.start = start
        self.path = path
        self.is_map = is_map
        self.key: Any = _NO_KEY
        self.key_mark: Mark = (1, 1)
        self.invalid = False
        self.parent = parent
        self.slot = slot
        self.discard = discard


class _Again:
    """The key being read was written before in this mapping: its value goes to `holder`."""

    __slots__ = ("path", "holder")

    def __init__(self, path: Path_) -> None:
        self.path = path
        self.holder: list[Any] = [None]


def _mark_of(event: ev.Event) -> Mark:
    mark = event.start_mark  # the pure-Python parser marks every event; (1, 1) is the whole file
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _start(event: ev.Event) -> int:
    """Where `event` starts in the text (the pure-Python parser marks every event)."""
    return event.start_mark.index if event.start_mark is not None else 0


def _end(event: ev.Event) -> int:
    return event.end_mark.index if event.end_mark is not None else 0


def _source(text: str, start: int, event: ev.Event) -> Verbatim:
    """What the file says for a value, from `start` to the end of `event` (tag and anchor included)."""
    return Verbatim(text[start : _end(event)])


def _compose(text: str, events: Iterable[ev.Event], display_path: str, problems: list[Problem], max_depth: int) -> YamlDoc:
    value_marks: dict[Path_, Mark] = {}
    key_marks: dict[Path_, Mark] = {}
    first_key_at: dict[Path_, Mark] = {}
    problem_paths: list[Path_] = []
    raw: dict[Path_, Verbatim] = {}
    repeats: dict[Path_, list[tuple[Path_, list[Any]]]] = {}
    stack: list[_Frame] = []
    root: list[Any] = []
    documents = 0

    def soft(mark: Mark, message: str, path: Path_) -> None:
        if any(isinstance(step, tuple) for step in path):
            return  # inside the value of a key written twice: that key's problem says enough
        problems.append(Problem(display_path, mark[0], mark[1], message))
        problem_paths.append(path)
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
            if isinstance(key, _Again):
                return key.holder, 0, key.path, top.discard
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

    for event in events:
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
                raw[frame.path] = _source(text, frame.start, event)
                if frame.parent is root:
                    root[0] = INVALID
                else:
                    frame.parent[frame.slot] = INVALID
            continue

        if awaiting_key:
            top = stack[-1]
            if isinstance(event, ev.AliasEvent):
                soft(mark, _NOT_SUPPORTED.format("an alias (*name)"), top.path)
                top.key_mark = mark
                top.key = INVALID
                continue
            if not isinstance(event, ev.ScalarEvent):
                raise _Stop(
                    Problem(
                        display_path,
                        *mark,
                        "a key must be a single word such as 'name', not a list or mapping; "
                        "check the indentation and the ':' on this line",
                    )
                )
            top.key_mark = mark
            key = event.value
            path = top.path + (key,)
            if event.anchor is not None:
                soft(mark, _NOT_SUPPORTED.format("an anchor (&name)"), path)
            if event.tag not in (None, "!", STR_TAG):
                soft(mark, tag_message(event.tag), path)
            if key in top.container:
                first = first_key_at.get(path, mark)
                soft(
                    mark,
                    f"the key {quoted(key, KEY_LIMIT)} appears twice in this mapping (first at line {first[0]}, "
                    f"column {first[1]}): keep only one of them",
                    path,
                )
                again = _Again(top.path + ((key, len(repeats.get(path, ())) + 1),))
                if not top.discard:
                    repeats.setdefault(path, []).append((again.path, again.holder))
                top.key = again
                continue
            top.key = key
            if not top.discard:
                top.container[key] = None
                key_marks[path] = mark
                first_key_at[path] = mark
            continue

        if isinstance(event, ev.AliasEvent):
            container, slot, path, discard = place(mark)
            soft(mark, _NOT_SUPPORTED.format("an alias (*name)"), path)
            raw[path] = _source(text, _start(event), event)
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
                value, why = resolve_tagged(event.tag, event.value)
            if event.anchor is not None:
                soft(mark, _NOT_SUPPORTED.format("an anchor (&name)"), path)
            if why is not None and not discard:
                soft(mark, why, path)
            if why is not None or event.anchor is not None:
                raw[path] = _source(text, _start(event), event)
            store(container, slot, path, discard, value, mark)
            continue

        if isinstance(event, (ev.SequenceStartEvent, ev.MappingStartEvent)):
            if len(stack) >= max_depth:
                raise _Stop(Problem(display_path, *mark, _too_deep_message(max_depth)))
            is_map = isinstance(event, ev.MappingStartEvent)
            container, slot, path, discard = place(mark)
            if event.anchor is not None:
                soft(mark, _NOT_SUPPORTED.format("an anchor (&name)"), path)
            new: Any = {} if is_map else []
            store(container, slot, path, discard, new, mark)
            frame = _Frame(new, path, is_map, container, slot if container is not root else 0, discard, _start(event))
            wanted = MAP_TAG if is_map else SEQ_TAG
            if event.tag not in (None, "!", wanted):
                if not discard:
                    soft(mark, tag_message(event.tag), path)
                frame.invalid = True
            stack.append(frame)
            continue

    if not root:
        raise _Stop(Problem(display_path, 1, 1, _EMPTY_MESSAGE))
    found_repeats = {path: [(where, holder[0]) for where, holder in later] for path, later in repeats.items()}
    return YamlDoc(
        root[0], display_path, problems, value_marks, key_marks, problem_paths=problem_paths, raw=raw, repeats=found_repeats
    )


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


def load_yaml(data: bytes, display_path: str, *, max_depth: int = MAX_DEPTH, max_tokens: int = MAX_TOKENS) -> YamlDoc:
    """Read a file, keeping problems that spoil single values in `doc.problems`.

    Raises FileProblems when the file cannot be read at all (too big, not UTF-8, empty,
    nested too deep, a syntax error, or MAX_PROBLEMS reached). Values that were reported
    are INVALID in `doc.value`; a schema skips them and adds its own problems.
    """
    text = _decode(data, display_path)
    problems: list[Problem] = []
    events = guarded_events(text, max_depth, max_tokens)
    try:
        doc = _compose(text, events, display_path, problems, max_depth)
    except LimitReached as limit:
        problems.append(_limit_problem(limit, display_path, max_depth, max_tokens))
        raise FileProblems(cap_problems(problems)) from None
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
        events.close()
    return doc


def parse_yaml(data: bytes, display_path: str, *, max_depth: int = MAX_DEPTH, max_tokens: int = MAX_TOKENS) -> YamlDoc:
    """Read a file strictly: any problem at all raises FileProblems with every problem found."""
    doc = load_yaml(data, display_path, max_depth=max_depth, max_tokens=max_tokens)
    if doc.problems:
        raise FileProblems(cap_problems(sorted(doc.problems, key=lambda p: (p.line, p.column))))
    return doc
