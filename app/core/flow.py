"""The triggered-moment flow (`kind: flow`): its words and lists, read from YAML, Qt-free.

The flow always has the same six steps, in this order, because the order is the point: calm the
body first, then notice, name, anchor, choose, close. What a file can change is what each step
says and offers. The built-in file (``exercises/moment-flow.yaml``) has every key; the user's
``DATA_DIR/flows/moment-flow.yaml`` may hold any subset, and each key it gives replaces the
built-in's. The app writes the user's own lists (triggers, soothing things, support people,
therapist notes) into that same file, and never over a file it cannot read.

This module holds what the app uses: the steps, the schema's keys and limits, and `Flow`.
Reading and checking a file is app.core.flow_schema's job; loading the flow (built-in and the
user's, through the parse cache) and writing the user's lists back is app.core.flow_files'.
They sit above this module, so the three import in one direction only.

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

from typing import Any, NamedTuple

from app.core.model import Exercise, Stage

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
