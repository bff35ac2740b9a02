"""Reading a flow file (`kind: flow`) strictly, and `steady validate` for flows.

app.core.flow holds the flow the app uses and its parse cache; this module is loaded only when
a file has to be read for real (a new or changed file, `steady validate`), because it needs the
YAML reader.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from app.core.flow import (
    FLOW_ID,
    ITEM_MAX,
    KIND,
    LIST_MAX,
    MAY_BE_EMPTY,
    MINUTES_HIGH,
    MINUTES_LOW,
    NOTES_MAX,
    PROMPT_MAX,
    SCHEMA,
    STEPS,
    TITLE_MAX,
    TOP_KEYS,
    WAIT_HIGH,
    WAIT_LOW,
    Parts,
    SignalGroup,
    TriggerChoice,
)
from app.core.ids import TAG
from app.core.printable import quoted
from app.core.schema_reader import ListOf, Number, Path_, Reader, Spec, Text, YamlDoc
from app.core.yamlsafe import load_yaml

TITLE = Text(TITLE_MAX)
ITEM = Text(ITEM_MAX)


def read_flow_file(data: bytes, display_path: str, complete: bool) -> tuple[str | None, Parts]:
    """(name, sections) of a flow file's bytes, or FileProblems; `complete` requires every key
    (the built-in file), otherwise any subset may be given and `kind:` may be left out."""
    return parts_from_doc(load_yaml(data, display_path), display_path, complete=complete, kind_required=complete)


def read_flow_doc(data: bytes, display_path: str) -> dict[str, Any]:
    """The plain mapping of a user's flow file, after checking it (FileProblems when broken)."""
    doc = load_yaml(data, display_path)
    parts_from_doc(doc, display_path, kind_required=False)
    mapping: dict[str, Any] = doc.value
    return mapping


class _Notes(NamedTuple):
    """Free text that may be left empty (the user fills it in)."""

    def read(self, reader: Reader, value: Any, path: Path_, what: str) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return ""
        text: str | None = reader.read(Text(NOTES_MAX, multiline=True), value, path, what)
        return text


class _Group(NamedTuple):
    """``{title: In your body, items: [Tight chest, ...]}``."""

    def read(self, reader: Reader, value: Any, path: Path_, what: str) -> SignalGroup | None:
        group = reader.mapping(value, path, what, "{title: In your body, items: [Tight chest]}")
        if group is None:
            return None
        reader.check_keys(group, path, ("title", "items"), "in a group")
        title = reader.field(group, path, "title", TITLE, "a group's title")
        if "title" not in group:
            reader.add(path, "this group has no title: add e.g. 'title: In your body'")
        items = reader.field(group, path, "items", ListOf(ITEM, LIST_MAX, least=1))
        if "items" not in group:
            reader.add(path, "this group has no items: add e.g. 'items: [Tight chest, Racing heart]'")
        return None if title is None or items is None else SignalGroup(title, tuple(items))


class _Choice(NamedTuple):
    """A trigger: text, or ``{text: ..., tag: ...}``."""

    def read(self, reader: Reader, value: Any, path: Path_, what: str) -> TriggerChoice | None:
        if not isinstance(value, dict):
            text = reader.read(ITEM, value, path, what)
            return None if text is None else TriggerChoice(text)
        reader.check_keys(value, path, ("text", "tag"), "in a trigger")
        text = reader.read(ITEM, value.get("text"), path + ("text",), "a trigger's text")
        tag = value.get("tag")
        if tag is not None and reader.read(TAG, tag, path + ("tag",), "a tag") is None:
            return None
        return None if text is None else TriggerChoice(text, tag)


def _spec(kind: str, may_be_empty: bool) -> Spec:
    """The field spec for one kind of value in flow.SCHEMA."""
    least = 0 if may_be_empty else 1
    specs: dict[str, Spec] = {
        "title": TITLE,
        "prompt": Text(PROMPT_MAX, multiline=True),
        "notes": _Notes(),
        "list": ListOf(ITEM, LIST_MAX, least=least),
        "count": Number(1, 30, example="3", whole=True),
        "minutes": Number(MINUTES_LOW, MINUTES_HIGH, unit="minutes", example="2"),
        "waits": ListOf(
            Number(WAIT_LOW, WAIT_HIGH, unit="minutes", example="20", whole=True),
            4,
            least=1,
            shape="a list of one to four numbers of minutes, e.g. [20, 60]",
        ),
        "groups": ListOf(_Group(), LIST_MAX, least=1, shape="a list of groups, each with a title and items"),
        "choices": ListOf(_Choice(), LIST_MAX, least=least, shape=f"a list of up to {LIST_MAX} triggers (text, or text with a tag)"),
    }
    return specs[kind]


#: section -> key -> how its value is read.
FIELDS: dict[str, dict[str, Spec]] = {
    section: {key: _spec(kind, (section, key) in MAY_BE_EMPTY) for key, kind in keys.items()} for section, keys in SCHEMA.items()
}


def parts_from_doc(doc: YamlDoc, display_path: str, complete: bool = False, kind_required: bool = True) -> tuple[str | None, Parts]:
    """(name, sections) from a flow file, or FileProblems; `complete` requires every key."""
    reader = Reader(doc)
    top = reader.top("a flow file", TOP_KEYS, f"'kind: {KIND}'")
    reader.kind_is(top, KIND, "a flow file", required=kind_required)
    name = reader.field(top, (), "name", TITLE)
    parts: Parts = {}
    for section, fields in FIELDS.items():
        if section not in top:
            if complete:
                reader.add((), f"the flow has no '{section}:' section; add it with {', '.join(fields)}")
            continue
        mapping = reader.mapping(top[section], (section,), f"'{section}'", "{title: ..., prompt: ...}")
        if mapping is None:
            continue
        reader.check_keys(mapping, (section,), tuple(fields), f"in '{section}'")
        parts[section] = {}
        for key, spec in fields.items():
            if key not in mapping:
                if complete:
                    reader.add((section,), f"'{section}' has no '{key}'; add it")
                continue
            value = reader.read(spec, mapping[key], (section, key), key)
            if value is not None:
                parts[section][key] = tuple(value) if isinstance(value, list) else value
    if complete and name is None and "name" not in top:
        reader.add((), "the flow has no name: add e.g. 'name: Steady through a moment'")
    reader.raise_if_any()
    return name, parts


def validate_flow(doc: YamlDoc, display_path: str, path: Path) -> str:
    """`steady validate` for this kind (app.core.validate): the OK line's words, or FileProblems."""
    name, parts = parts_from_doc(doc, display_path)
    sections = ", ".join(s for s in STEPS if s in parts) or "no sections"
    return f"flow {quoted(name or FLOW_ID, TITLE_MAX)}: {sections}"
