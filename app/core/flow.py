"""The triggered-moment flow (`kind: flow`): its words and lists, read from YAML, Qt-free.

The flow always has the same six steps, in this order, because the order is the point: calm the
body first, then notice, name, anchor, choose, close. What a file can change is what each step
says and offers. The built-in file (``exercises/moment-flow.yaml``) has every key; the user's
``DATA_DIR/flows/moment-flow.yaml`` may hold any subset, and each key it gives replaces the
built-in's. The app writes the user's own lists (triggers, soothing things, support people,
therapist notes) into that same file, and never over a file it cannot read.

Reading and checking a file is app.core.flow_schema's job; this module holds what the app
uses, and takes a file that was read cleanly before from the parse cache: `steady now` then
imports no YAML on its way to the pacer.

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

from pathlib import Path
from typing import Any, NamedTuple

from app.core.atomic import atomic_write_text
from app.core.model import Exercise, Stage
from app.core.packaged import packaged_file
from app.core.parse_cache import ParseCache, code_stamp, content_key
from app.core.problems import FileProblems, Problem
from app.core.user_file import read_user_file

KIND = "flow"
FLOW_ID = "moment-flow"
BUILTIN_FILE = f"{FLOW_ID}.yaml"
STEPS: tuple[str, ...] = ("breathe", "notice", "trigger", "anchor", "respond", "close")

TITLE_MAX = 60
PROMPT_MAX = 400
ITEM_MAX = 200
NOTES_MAX = 4000
LIST_MAX = 60
MINUTES_LOW, MINUTES_HIGH = 0.5, 30.0
WAIT_LOW, WAIT_HIGH = 1, 240


class TriggerChoice(NamedTuple):
    """A trigger to pick; `tag` lets anchors with the same tag come first.

    The flow's records are NamedTuples: far cheaper to create than dataclasses, and `steady now`
    loads this module on its way to the pacer.
    """

    text: str
    tag: str | None = None


class SignalGroup(NamedTuple):
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


class Flow(NamedTuple):
    """The flow's words and lists, every key filled (built-in values under the user's)."""

    name: str
    parts: Parts

    def get(self, section: str, key: str) -> Any:
        return self.parts[section][key]

    def title(self, step: str) -> str:
        return str(self.parts[step]["title"])

    def prompt(self, step: str) -> str:
        return str(self.parts[step]["prompt"])

    @property
    def breathe_seconds(self) -> float:
        return float(self.parts["breathe"]["minutes"]) * 60.0

    @property
    def signal_groups(self) -> tuple[SignalGroup, ...]:
        return tuple(self.parts["notice"]["groups"])

    @property
    def triggers(self) -> tuple[TriggerChoice, ...]:
        return tuple(self.parts["trigger"]["choices"])

    @property
    def anchor_count(self) -> int:
        return int(self.parts["anchor"]["count"])

    @property
    def wait_minutes(self) -> tuple[int, ...]:
        return tuple(self.parts["respond"]["wait_minutes"])

    @property
    def starters(self) -> tuple[str, ...]:
        return tuple(self.parts["respond"]["starters"])

    @property
    def soothe(self) -> tuple[str, ...]:
        return tuple(self.parts["respond"]["soothe"])

    @property
    def support(self) -> tuple[str, ...]:
        return tuple(self.parts["respond"]["support"])

    @property
    def therapist_notes(self) -> str:
        return str(self.parts["respond"]["therapist_notes"])

    @property
    def acknowledgements(self) -> tuple[str, ...]:
        return tuple(self.parts["close"]["acknowledgements"])

    def tag_for(self, trigger_text: str | None) -> str | None:
        """The tag of a trigger picked from the list (None for one typed in)."""
        for choice in self.triggers:
            if trigger_text is not None and choice.text == trigger_text:
                return choice.tag
        return None


def merge(base: Parts, over: Parts) -> Parts:
    merged = {section: dict(values) for section, values in base.items()}
    for section, values in over.items():
        merged.setdefault(section, {}).update(values)
    return merged


class FlowLoad(NamedTuple):
    flow: Flow
    problems: list[Problem]


def load_flow(user_dir: Path | None) -> FlowLoad:
    """The built-in flow with the user's ``moment-flow.yaml`` over it; a broken user file is reported and ignored."""
    cache = ParseCache("flow", code_stamp())
    data, display = packaged_file(BUILTIN_FILE)
    name, parts = _read_parts(data, display, cache, complete=True)
    problems: list[Problem] = []
    if user_dir is not None:
        path = Path(user_dir) / BUILTIN_FILE
        try:
            user_bytes = read_user_file(path)
            if user_bytes is not None:
                user_name, user_parts = _read_parts(user_bytes, str(path), cache, complete=False)
                parts = merge(parts, user_parts)
                name = user_name or name
        except FileProblems as error:
            problems.extend(error.problems)
    cache.save()
    return FlowLoad(Flow(name or "Steady through a moment", parts), problems)


def _read_parts(data: bytes, display_path: str, cache: ParseCache, complete: bool) -> tuple[str | None, Parts]:
    """(name, sections) of one flow file: from the cache when these bytes were read cleanly before."""
    key = f"{display_path}|{content_key(data)}"
    cached = cache.get(key)
    if isinstance(cached, dict) and isinstance(cached.get("parts"), dict):
        return cached.get("name"), parts_from_plain(cached["parts"])
    from app.core.flow_schema import read_flow_file

    name, parts = read_flow_file(data, display_path, complete=complete)  # raises FileProblems
    cache.put(key, {"name": name, "parts": parts_to_plain(parts)})
    return name, parts


def parts_to_plain(parts: Parts) -> dict[str, dict[str, Any]]:
    """Sections as JSON-ready values (for the parse cache); `parts_from_plain` reverses it."""
    return {section: {key: _plain_value(SCHEMA[section][key], value) for key, value in values.items()} for section, values in parts.items()}


def parts_from_plain(plain: dict[str, dict[str, Any]]) -> Parts:
    return {section: {key: _typed_value(SCHEMA[section][key], value) for key, value in values.items()} for section, values in plain.items()}


def _plain_value(kind: str, value: Any) -> Any:
    if kind == "groups":
        return [{"title": group.title, "items": list(group.items)} for group in value]
    if kind == "choices":
        return [{"text": choice.text, "tag": choice.tag} for choice in value]
    if kind in ("list", "waits"):
        return list(value)
    return value


def _typed_value(kind: str, value: Any) -> Any:
    if kind == "groups":
        return tuple(SignalGroup(group["title"], tuple(group["items"])) for group in value)
    if kind == "choices":
        return tuple(TriggerChoice(choice["text"], choice["tag"]) for choice in value)
    if kind in ("list", "waits"):
        return tuple(value)
    return value


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
    data = read_user_file(path)
    if data is not None:
        from app.core.flow_schema import read_flow_doc

        body.update(read_flow_doc(data, str(path)))  # raises when it is broken
    section_body = dict(body.get(section) or {})
    section_body[key] = _plain(value)
    body[section] = section_body
    Path(user_dir).mkdir(mode=0o700, parents=True, exist_ok=True)
    from app.core.flow_schema import read_flow_doc
    from app.core.yaml_writer import dump_yaml

    text = dump_yaml(body, comment="Your version of Steady's triggered-moment flow. Keys here replace the built-in ones.")
    read_flow_doc(text.encode("utf-8"), str(path))  # never write what Steady would then refuse to read
    atomic_write_text(path, text)
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
    return exercise.replace(stages=tuple(stages))
