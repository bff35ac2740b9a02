"""Reading a flow file (`kind: flow`) strictly, and `steady validate` for flows.

app.core.flow holds the flow the app uses and its parse cache; this module is loaded only when
a file has to be read for real (a new or changed file, `steady validate`), because it needs the
YAML reader.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.core.flow import (
    ITEM_MAX,
    KIND,
    LIST_MAX,
    MAY_BE_EMPTY,
    MINUTES_HIGH,
    MINUTES_LOW,
    NOTES_MAX,
    PROMPT_MAX,
    SCHEMA,
    TAG_PATTERN,
    TITLE_MAX,
    TOP_KEYS,
    WAIT_HIGH,
    WAIT_LOW,
    FLOW_ID,
    STEPS,
    Parts,
    SignalGroup,
    TriggerChoice,
)
from app.core.schema_reader import DocReader, describe
from app.core.validate import register_kind
from app.core.yamlsafe import INVALID, YamlDoc, load_yaml


def read_flow_file(data: bytes, display_path: str, complete: bool) -> tuple[str | None, Parts]:
    """(name, sections) of a flow file's bytes, or FileProblems; `complete` requires every key
    (the built-in file), otherwise any subset may be given and `kind:` may be left out."""
    return parts_from_doc(load_yaml(data, display_path), display_path, complete=complete, kind_required=complete)


def read_flow_doc(data: bytes, display_path: str) -> dict[str, Any]:
    """The plain mapping of a user's flow file, after checking it (FileProblems when broken)."""
    doc = load_yaml(data, display_path)
    parts_from_doc(doc, display_path, kind_required=False)
    return doc.value


def _read_value(reader: DocReader, kind: str, value: Any, path: tuple[Any, ...], what: str, empty_ok: bool) -> Any:
    if kind == "title":
        return reader.text(value, path, what, TITLE_MAX)
    if kind == "prompt":
        return reader.text(value, path, what, PROMPT_MAX, multiline=True)
    if kind == "notes":
        if value is None or (isinstance(value, str) and not value.strip()):
            return ""
        return reader.text(value, path, what, NOTES_MAX, multiline=True)
    if kind == "list":
        items = reader.text_list(value, path, what, ITEM_MAX, LIST_MAX, allow_empty=empty_ok)
        return None if items is None else tuple(items)
    if kind == "count":
        return reader.whole(value, path, what, 1, 30)
    if kind == "minutes":
        if value is INVALID:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not MINUTES_LOW <= value <= MINUTES_HIGH:
            reader.add(path, f"{what} must be a number of minutes from {MINUTES_LOW:g} to {MINUTES_HIGH:g}, e.g. 2, not {describe(value)}", key=value is None)
            return None
        return float(value)
    if kind == "waits":
        if value is INVALID:
            return None
        if not isinstance(value, list) or not 1 <= len(value) <= 4:
            reader.add(path, f"{what} must be a list of one to four numbers of minutes, e.g. [20, 60], not {describe(value)}", key=value is None)
            return None
        waits = [reader.whole(v, path + (i,), f"entry {i + 1} of {what}", WAIT_LOW, WAIT_HIGH) for i, v in enumerate(value)]
        return None if any(w is None for w in waits) else tuple(waits)
    if kind == "groups":
        return _read_groups(reader, value, path, what)
    if kind == "choices":
        return _read_choices(reader, value, path, what, empty_ok)
    raise AssertionError(kind)


def _read_groups(reader: DocReader, value: Any, path: tuple[Any, ...], what: str) -> tuple[SignalGroup, ...] | None:
    if value is INVALID:
        return None
    if not isinstance(value, list) or not value:
        reader.add(path, f"{what} must be a list of groups, each with a title and items, not {describe(value)}", key=value is None)
        return None
    groups: list[SignalGroup] = []
    ok = True
    for index, item in enumerate(value):
        here = path + (index,)
        group = reader.mapping(item, here, f"group {index + 1}", "{title: In your body, items: [Tight chest]}")
        if group is None:
            ok = False
            continue
        reader.check_keys(group, here, ("title", "items"), "in a group")
        title = reader.text(group.get("title"), here + ("title",), "a group's title", TITLE_MAX) if "title" in group else None
        if "title" not in group:
            reader.add(here, "this group has no title: add e.g. 'title: In your body'")
        items = reader.text_list(group.get("items"), here + ("items",), "items", ITEM_MAX, LIST_MAX, allow_empty=False) if "items" in group else None
        if "items" not in group:
            reader.add(here, "this group has no items: add e.g. 'items: [Tight chest, Racing heart]'")
        if title is None or items is None:
            ok = False
        else:
            groups.append(SignalGroup(title, tuple(items)))
    return tuple(groups) if ok else None


def _read_choices(reader: DocReader, value: Any, path: tuple[Any, ...], what: str, empty_ok: bool) -> tuple[TriggerChoice, ...] | None:
    if value is INVALID:
        return None
    if value is None and empty_ok:
        return ()
    if not isinstance(value, list) or len(value) > LIST_MAX:
        reader.add(path, f"{what} must be a list of up to {LIST_MAX} triggers (text, or text with a tag), not {describe(value)}", key=value is None)
        return None
    choices: list[TriggerChoice] = []
    ok = True
    for index, item in enumerate(value):
        here = path + (index,)
        if isinstance(item, dict):
            reader.check_keys(item, here, ("text", "tag"), "in a trigger")
            text = reader.text(item.get("text"), here + ("text",), "a trigger's text", ITEM_MAX)
            tag = item.get("tag")
            if tag is not None and tag is not INVALID and not (isinstance(tag, str) and TAG_PATTERN.fullmatch(tag)):
                reader.add(here + ("tag",), f"a tag is a short name of lower-case letters, digits and '-', e.g. slow-reply, not {describe(tag)}")
                ok = False
            if text is None:
                ok = False
            elif ok:
                choices.append(TriggerChoice(text, tag if isinstance(tag, str) else None))
        else:
            text = reader.text(item, here, f"trigger {index + 1}", ITEM_MAX)
            if text is None:
                ok = False
            else:
                choices.append(TriggerChoice(text))
    return tuple(choices) if ok else None


def parts_from_doc(doc: YamlDoc, display_path: str, complete: bool = False, kind_required: bool = True) -> tuple[str | None, Parts]:
    """(name, sections) from a flow file, or FileProblems; `complete` requires every key."""
    reader = DocReader(doc)
    top = reader.top(KIND, TOP_KEYS, "a flow file")
    reader.kind_is(top, KIND, required=kind_required)
    name = reader.text(top["name"], ("name",), "name", TITLE_MAX) if "name" in top else None
    parts: Parts = {}
    for section, keys in SCHEMA.items():
        if section not in top:
            if complete:
                reader.add((), f"the flow has no '{section}:' section; add it with {', '.join(keys)}")
            continue
        mapping = reader.mapping(top[section], (section,), f"'{section}'", "{title: ..., prompt: ...}")
        if mapping is None:
            continue
        reader.check_keys(mapping, (section,), tuple(keys), f"in '{section}'")
        parts[section] = {}
        for key, kind in keys.items():
            if key not in mapping:
                if complete:
                    reader.add((section,), f"'{section}' has no '{key}'; add it")
                continue
            value = _read_value(reader, kind, mapping[key], (section, key), key, (section, key) in MAY_BE_EMPTY)
            if value is not None:
                parts[section][key] = value
    if complete and name is None and "name" not in top:
        reader.add((), "the flow has no name: add e.g. 'name: Steady through a moment'")
    reader.raise_if_any()
    return name, parts


def _validate(doc: YamlDoc, display_path: str, path: Path) -> str:
    name, parts = parts_from_doc(doc, display_path)
    sections = ", ".join(s for s in STEPS if s in parts) or "no sections"
    return f"flow '{name or FLOW_ID}': {sections}"


register_kind(KIND, _validate)
