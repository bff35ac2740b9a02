"""The triggered-moment flow (`kind: flow`): its words and lists, read from YAML, Qt-free.

The flow always has the same six steps, in this order, because the order is the point: calm the
body first, then notice, name, anchor, choose, close. What a file can change is what each step
says and offers. The built-in file (``exercises/moment-flow.yaml``) has every key; the user's
``DATA_DIR/flows/moment-flow.yaml`` may hold any subset, and each key it gives replaces the
built-in's. The app writes the user's own lists (triggers, soothing things, support people,
therapist notes) into that same file, and never over a file it cannot read.

Format (docs/moment.md has it in full)::

    kind: flow
    breathe:  {title, prompt, minutes, rating_prompt}
    notice:   {title, prompt, groups: [{title, items: [...]}]}
    trigger:  {title, prompt, choices: ["A slow reply", {text: ..., tag: slow-reply}]}
    anchor:   {title, prompt, count}
    respond:  {title, prompt, wait_minutes: [20, 60], starters, soothe, support, therapist_notes}
    close:    {title, prompt, acknowledgements}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from app.core.atomic import atomic_write_text
from app.core.model import Exercise, Stage
from app.core.problems import FileProblems, Problem
from app.core.schema_reader import DocReader, describe
from app.core.validate import register_kind
from app.core.yamlsafe import INVALID, YamlDoc, dump_yaml, load_yaml

KIND = "flow"
FLOW_ID = "moment-flow"
BUILTIN_FILE = f"{FLOW_ID}.yaml"
STEPS: tuple[str, ...] = ("breathe", "notice", "trigger", "anchor", "respond", "close")
TAG_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")

TITLE_MAX = 60
PROMPT_MAX = 400
ITEM_MAX = 200
NOTES_MAX = 4000
LIST_MAX = 60
MINUTES_LOW, MINUTES_HIGH = 0.5, 30.0
WAIT_LOW, WAIT_HIGH = 1, 240


@dataclass(frozen=True)
class TriggerChoice:
    """A trigger to pick; `tag` lets anchors with the same tag come first."""

    text: str
    tag: str | None = None


@dataclass(frozen=True)
class SignalGroup:
    title: str
    items: tuple[str, ...]


# section -> key -> kind of value. Every key is optional in a user's file.
SCHEMA: dict[str, dict[str, str]] = {
    "breathe": {"title": "title", "prompt": "prompt", "minutes": "minutes", "rating_prompt": "prompt"},
    "notice": {"title": "title", "prompt": "prompt", "groups": "groups"},
    "trigger": {"title": "title", "prompt": "prompt", "choices": "choices"},
    "anchor": {"title": "title", "prompt": "prompt", "count": "count"},
    "respond": {
        "title": "title",
        "prompt": "prompt",
        "wait_minutes": "waits",
        "starters": "list",
        "soothe": "list",
        "support": "list",
        "therapist_notes": "notes",
    },
    "close": {"title": "title", "prompt": "prompt", "acknowledgements": "list"},
}
#: Keys that may be empty (the user fills them in).
MAY_BE_EMPTY = {("respond", "support"), ("respond", "therapist_notes"), ("respond", "soothe"), ("trigger", "choices")}
TOP_KEYS = ("version", "kind", "name", *SCHEMA)

Parts = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Flow:
    """The flow's words and lists, every key filled (built-in values under the user's)."""

    name: str
    parts: Parts = field(repr=False)

    def get(self, section: str, key: str) -> Any:
        return self.parts[section][key]

    def title(self, step: str) -> str:
        return self.parts[step]["title"]

    def prompt(self, step: str) -> str:
        return self.parts[step]["prompt"]

    @property
    def breathe_seconds(self) -> float:
        return float(self.parts["breathe"]["minutes"]) * 60.0

    @property
    def signal_groups(self) -> tuple[SignalGroup, ...]:
        return self.parts["notice"]["groups"]

    @property
    def triggers(self) -> tuple[TriggerChoice, ...]:
        return self.parts["trigger"]["choices"]

    def tag_for(self, trigger_text: str | None) -> str | None:
        """The tag of a trigger picked from the list (None for one typed in)."""
        for choice in self.triggers:
            if trigger_text is not None and choice.text == trigger_text:
                return choice.tag
        return None


# -- reading ----------------------------------------------------------------------------------


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


def builtin_flow_bytes() -> tuple[bytes, str]:
    entry = resources.files("exercises").joinpath(BUILTIN_FILE)
    return entry.read_bytes(), f"exercises/{BUILTIN_FILE}"


def merge(base: Parts, over: Parts) -> Parts:
    merged = {section: dict(values) for section, values in base.items()}
    for section, values in over.items():
        merged.setdefault(section, {}).update(values)
    return merged


@dataclass
class FlowLoad:
    flow: Flow
    problems: list[Problem] = field(default_factory=list)


def load_flow(user_dir: Path | None) -> FlowLoad:
    """The built-in flow with the user's ``moment-flow.yaml`` over it; a broken user file is reported and ignored."""
    data, display = builtin_flow_bytes()
    name, parts = parts_from_doc(load_yaml(data, display), display, complete=True)
    problems: list[Problem] = []
    if user_dir is not None:
        path = Path(user_dir) / BUILTIN_FILE
        try:
            user_bytes = path.read_bytes()
        except FileNotFoundError:
            user_bytes = None
        except OSError as error:
            user_bytes = None
            problems.append(Problem(str(path), 1, 1, f"cannot read this file: {error.strerror or error}"))
        if user_bytes is not None:
            try:
                user_name, user_parts = parts_from_doc(load_yaml(user_bytes, str(path)), str(path), kind_required=False)
            except FileProblems as error:
                problems.extend(error.problems)
            else:
                parts = merge(parts, user_parts)
                name = user_name or name
    return FlowLoad(Flow(name or "Steady through a moment", parts), problems)


# -- the user's lists, written back ------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, TriggerChoice):
        return {"text": value.text, "tag": value.tag} if value.tag else value.text
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def save_user_value(user_dir: Path, section: str, key: str, value: Any) -> Path:
    """Write one key of the user's flow file, keeping everything else in it.

    Raises FileProblems when the existing file cannot be read (it is then left alone: the user's
    file is never replaced by one the app made up), OSError when it cannot be written.
    """
    if section not in SCHEMA or key not in SCHEMA[section]:
        raise KeyError(f"{section}.{key}")
    path = Path(user_dir) / BUILTIN_FILE
    body: dict[str, Any] = {"version": 1, "kind": KIND}
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = None
    if data is not None:
        doc = load_yaml(data, str(path))
        parts_from_doc(doc, str(path), kind_required=False)  # raises when it is broken
        body.update(doc.value)
    section_body = dict(body.get(section) or {})
    section_body[key] = _plain(value)
    body[section] = section_body
    Path(user_dir).mkdir(mode=0o700, parents=True, exist_ok=True)
    header = "# Your version of Steady's triggered-moment flow. Keys here replace the built-in ones.\n"
    atomic_write_text(path, header + dump_yaml(body))
    return path


# -- breathing length ---------------------------------------------------------------------------


def trim_exercise(exercise: Exercise, seconds: float) -> Exercise:
    """The exercise cut to about `seconds` (whole breaths, at least one per stage kept).

    The flow breathes for its own length (two minutes by default) with the user's chosen
    pattern; a gentle start that slows down keeps its first stages and is cut at the end.
    """
    if exercise.planned_seconds <= seconds + 1e-9:
        return exercise
    stages: list[Stage] = []
    remaining = seconds
    for stage in exercise.stages:
        if stage.planned_seconds <= remaining + 1e-9:
            stages.append(stage)
            remaining -= stage.planned_seconds
            continue
        cycles = max(1, round(remaining / stage.cycle_seconds))
        if remaining > stage.cycle_seconds / 2 or not stages:
            stages.append(Stage(stage.phases, cycles=cycles))
        break
    return replace(exercise, stages=tuple(stages))


def _validate(doc: YamlDoc, display_path: str, path: Path) -> str:
    name, parts = parts_from_doc(doc, display_path)
    sections = ", ".join(s for s in STEPS if s in parts) or "no sections"
    return f"flow '{name or FLOW_ID}': {sections}"


register_kind(KIND, _validate)
