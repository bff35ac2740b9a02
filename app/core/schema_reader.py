"""A small reader for the simple Steady file kinds (flow, anchors, crisis lines).

These files are mappings of short texts and lists of texts. Every getter reports what is wrong
at the line and column of the value (through `YamlDoc.mark`) and returns None instead of
raising, so one run finds every problem in a file, as CONVENTIONS.md asks.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from app.core.exercise_schema import closest
from app.core.exercise_schema import describe_value as describe
from app.core.problems import FileProblems, Problem
from app.core.yamlsafe import INVALID, YamlDoc, cap_problems

SUPPORTED_VERSION = 1

Path_ = tuple[Any, ...]


def text_trouble(value: str, multiline: bool) -> str | None:
    """Why `value` cannot be shown as it is (a control character, a line break), or None."""
    for ch in value:
        if ch == "\n" and multiline:
            continue
        if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") or ch in "\ufffe\uffff":
            if ch in "\n\r\x85\u2028\u2029":
                return "must be a single line; remove the line break"
            return f"contains the control character U+{ord(ch):04X}; remove it"
    return None


class DocReader:
    """Walks one parsed file, collecting problems with their line and column."""

    def __init__(self, doc: YamlDoc) -> None:
        self.doc = doc
        self.problems: list[Problem] = list(doc.problems)

    def add(self, path: Path_, message: str, key: bool = False) -> None:
        self.problems.append(self.doc.problem(path, message, key))

    def raise_if_any(self) -> None:
        if self.problems:
            raise FileProblems(cap_problems(sorted(self.problems)))

    def top(self, kind: str, allowed: tuple[str, ...], what: str) -> dict[str, Any]:
        """The top mapping with its version and keys checked; raises when it is not a mapping."""
        value = self.doc.value
        if not isinstance(value, dict):
            if value is not INVALID:
                self.add((), f"{what} is a mapping of keys such as 'kind: {kind}', not {describe(value)}")
            raise FileProblems(cap_problems(sorted(self.problems)))
        version = value.get("version", SUPPORTED_VERSION)
        if version is not INVALID and not (type(version) is int and version == SUPPORTED_VERSION):
            self.add(("version",), f"{describe(version)} is not a version this Steady reads: write 'version: {SUPPORTED_VERSION}' or remove the key")
        self.check_keys(value, (), allowed, f"in {what}")
        return value

    def check_keys(self, mapping: dict[str, Any], path: Path_, allowed: tuple[str, ...], where: str) -> None:
        for key in mapping:
            if key not in allowed:
                guess = closest(key, allowed) if allowed else None
                hint = f"did you mean '{guess}'? " if guess else ""
                listing = f"{'The' if guess else 'the'} keys here are {', '.join(allowed)}"
                self.add(path + (key,), f"unknown key '{key}' {where}: {hint}{listing}", key=True)

    def mapping(self, value: Any, path: Path_, what: str, example: str) -> dict[str, Any] | None:
        if value is INVALID:
            return None
        if not isinstance(value, dict):
            self.add(path, f"{what} must be a mapping such as {example}, not {describe(value)}", key=value is None)
            return None
        return value

    def text(self, value: Any, path: Path_, what: str, limit: int, multiline: bool = False) -> str | None:
        if value is INVALID:
            return None
        if not isinstance(value, str):
            self.add(path, f"{what} must be text, not {describe(value)}; put it in quotes, e.g. \"...\"", key=value is None)
            return None
        stripped = value.strip()
        if not stripped:
            self.add(path, f"{what} is empty: write some text, or remove it")
            return None
        trouble = text_trouble(stripped, multiline)
        if trouble:
            self.add(path, f"{what} {trouble}")
            return None
        if len(stripped) > limit:
            self.add(path, f"{what} is {len(stripped)} characters long; keep it to {limit} or fewer")
            return None
        return stripped

    def text_list(self, value: Any, path: Path_, what: str, limit: int, most: int, allow_empty: bool = True) -> list[str] | None:
        """A list of single-line texts; an empty list is fine when `allow_empty`."""
        if value is INVALID:
            return None
        if value is None and allow_empty:
            return []
        if not isinstance(value, list):
            self.add(path, f"{what} must be a list, one '- item' per line, not {describe(value)}", key=value is None)
            return None
        if len(value) > most:
            self.add(path, f"{what} has {len(value)} entries; keep it to {most} or fewer")
            return None
        if not value and not allow_empty:
            self.add(path, f"{what} is empty: add at least one entry")
            return None
        result: list[str] = []
        ok = True
        for index, item in enumerate(value):
            text = self.text(item, path + (index,), f"entry {index + 1} of {what}", limit)
            if text is None:
                ok = False
            else:
                result.append(text)
        return result if ok else None

    def whole(self, value: Any, path: Path_, what: str, low: int, high: int) -> int | None:
        if value is INVALID:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(path, f"{what} must be a whole number from {low} to {high}, not {describe(value)}", key=value is None)
            return None
        if not low <= value <= high:
            self.add(path, f"{what} is {value}; it must be from {low} to {high}")
            return None
        return value

    def kind_is(self, top: dict[str, Any], kind: str, required: bool = True) -> None:
        """`kind:` must name `kind`; with `required=False` (a file in its own folder) it may be left out."""
        value = top.get("kind", None)
        if value is INVALID or (value is None and not required):
            return
        if value != kind:
            self.add(("kind",), f"this file must say 'kind: {kind}'" + (f", not {describe(value)}" if value is not None else ""), key=value is None)
