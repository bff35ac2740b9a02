"""The user's own lists in the flow (triggers, soothing things, people, therapist's notes), edited
as plain lines of text and written into their flow file (app.core.flow_files.save_user_value).

A plain text box, one entry per line, is the most keyboard- and screen-reader-friendly list
editor there is, and it is what the YAML file holds anyway. A trigger keeps its tag when its
words stay the same.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from app.core.flow import Flow, TriggerChoice
from app.core.flow_files import save_user_value
from app.core.problems import FileProblems


class EditableList(NamedTuple):
    """What the editor says about one list; `free_text`: one text, not one entry per line."""

    title: str
    help: str
    free_text: bool = False


EDITABLE: dict[tuple[str, str], EditableList] = {
    ("trigger", "choices"): EditableList("Things that set you off", "One per line. They are offered on the Name it step."),
    ("respond", "soothe"): EditableList("Soothing things", "One per line: small, kind things you can do for your body."),
    ("respond", "support"): EditableList("People you can reach", "One per line, with how to reach them, e.g. Sam: 07700 900123."),
    ("respond", "therapist_notes"): EditableList(
        "Notes from your therapist", "Anything your therapist suggested for moments like this.", free_text=True
    ),
}

#: One entry a line, or the whole text of a free-text list.
Edited = list[str] | str


def list_text(flow: Flow, section: str, key: str) -> Edited:
    """The list as the editor shows it."""
    value = flow.get(section, key)
    if EDITABLE[(section, key)].free_text:
        return str(value)
    return [item.text if isinstance(item, TriggerChoice) else str(item) for item in value]


def edited_value(flow: Flow, section: str, key: str, edited: Edited) -> object:
    """What the flow file gets for the edited list."""
    if isinstance(edited, str):
        return edited
    if (section, key) == ("trigger", "choices"):
        by_text = {choice.text: choice for choice in flow.triggers}
        return tuple(by_text.get(text) or text for text in edited)
    return tuple(edited)


def save_list(flows_dir: Path, flow: Flow, section: str, key: str, edited: Edited) -> str | None:
    """Write the edited list into the user's flow file; None when written, else why not, in words."""
    try:
        save_user_value(flows_dir, section, key, edited_value(flow, section, key, edited))
    except FileProblems as error:
        return f"Your list was not saved, because your flow file has a problem; fix it first: {error.problems[0]}"
    except OSError as error:
        return f"Your list could not be saved ({error.strerror or error})."
    return None
