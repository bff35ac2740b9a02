"""Anchoring statements (`kind: anchors`): the built-in starters and the user's own, Qt-free.

CONTENT.md: anchors are the user's own in the end. So the user's files in ``DATA_DIR/anchors/``
are read after the built-in ``exercises/anchors.yaml``; an anchor there with a built-in's id
replaces its words, and the app writes what the user types ("write your own") and the stars
they give into ``DATA_DIR/anchors/mine.yaml``. A broken user file is reported and left alone
(never rewritten), and the other anchors still work.

Format::

    kind: anchors
    anchors:
      - id: worth-not-speed              # optional; made from the words when left out
        text: My worth does not depend on how fast anyone replies.
        tags: [slow-reply]               # optional: triggers it answers (see the flow's choices)
      - Plain text works too.
    favourites: [worth-not-speed]        # optional: ids of starred anchors
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from app.core.atomic import atomic_write_text
from app.core.ids import ID_REGEX, TAG
from app.core.packaged import packaged_file
from app.core.problems import FileProblems, Problem
from app.core.schema_reader import INVALID, ListOf, Matches, Path_, Reader, Text, YamlDoc, describe_value
from app.core.user_file import read_user_file
from app.core.yaml_writer import dump_yaml
from app.core.yamlsafe import load_yaml

KIND = "anchors"
BUILTIN_FILE = "anchors.yaml"
OWN_FILE = "mine.yaml"
TEXT_MAX = 240
ANCHORS_MAX = 500
TOP_KEYS = ("version", "kind", "anchors", "favourites")
ANCHOR_KEYS = ("id", "text", "tags")


@dataclass(frozen=True)
class Anchor:
    id: str
    text: str
    tags: tuple[str, ...] = ()
    #: From one of the user's files (written by them, or rewritten in their words).
    own: bool = False


@dataclass
class AnchorFile:
    anchors: list[Anchor] = field(default_factory=list)
    favourites: list[str] = field(default_factory=list)


@dataclass
class AnchorSet:
    """Every usable anchor (built-in order, then the user's), the starred ids, and file problems."""

    anchors: list[Anchor] = field(default_factory=list)
    favourites: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    def ordered(self, tag: str | None = None) -> list[Anchor]:
        """Anchors for the trigger's tag first, then starred ones, then the user's own, then the rest."""
        indexed = list(enumerate(self.anchors))
        indexed.sort(key=lambda pair: (
            not (tag is not None and tag in pair[1].tags),
            pair[1].id not in self.favourites,
            not pair[1].own,
            pair[0],
        ))
        return [anchor for _index, anchor in indexed]

    def get(self, anchor_id: str) -> Anchor | None:
        return next((a for a in self.anchors if a.id == anchor_id), None)


def make_id(text: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A stable id from the words (the first few, lower-case), unique among `taken`."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    base = "-".join(words[:6])[:48].strip("-") or "anchor"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


TEXT = Text(TEXT_MAX)
ANCHOR_ID = Matches(ID_REGEX, "an id uses lower-case letters, digits and '-' (e.g. worth-not-speed), not {value}")
FAVOURITES = ListOf(
    Matches(ID_REGEX, "a favourite is an anchor's id (lower-case letters, digits and '-'), not {value}"),
    ANCHORS_MAX,
    shape="a list of anchor ids",
)


class _AnchorEntry(NamedTuple):
    """One entry of `anchors:`: a statement, or ``{id, text, tags}``; ids so far are in `taken`."""

    own: bool
    taken: set[str]

    def read(self, reader: Reader, item: Any, path: Path_, what: str) -> Anchor | None:
        anchor = self._read(reader, item, path)
        if anchor is not None:
            self.taken.add(anchor.id)
        return anchor

    def _read(self, reader: Reader, item: Any, path: Path_) -> Anchor | None:
        if item is INVALID:
            return None
        if isinstance(item, str):
            text = reader.read(TEXT, item, path, "an anchor")
            return None if text is None else Anchor(make_id(text, self.taken), text, (), self.own)
        if not isinstance(item, dict):
            reader.add(path, f"an anchor is a statement, or a mapping with text (and id, tags), not {describe_value(item)}")
            return None
        reader.check_keys(item, path, ANCHOR_KEYS, "in an anchor")
        if "text" not in item:
            reader.add(path, "this anchor has no text: add e.g. 'text: This feeling will pass.'")
            return None
        text = reader.field(item, path, "text", TEXT, "an anchor's text")
        anchor_id = item.get("id")
        ok = text is not None
        if anchor_id is not None:
            if reader.read(ANCHOR_ID, anchor_id, path + ("id",), "an id") is None:
                ok = False
            elif anchor_id in self.taken:
                reader.add(path + ("id",), f"the id '{anchor_id}' is used twice in this file; give each anchor its own id")
                ok = False
        tags = reader.field(item, path, "tags", ListOf(TAG, ANCHORS_MAX, shape="a list such as [slow-reply, space]"))
        if "tags" in item and tags is None:
            ok = False
        if not ok or text is None:
            return None
        return Anchor(anchor_id if isinstance(anchor_id, str) else make_id(text, self.taken), text, tuple(tags or ()), self.own)


def anchors_from_doc(doc: YamlDoc, display_path: str, own: bool = False, kind_required: bool = True) -> AnchorFile:
    """Read one anchors file; raises FileProblems with every problem found."""
    reader = Reader(doc)
    top = reader.top("an anchors file", TOP_KEYS, f"'kind: {KIND}'")
    reader.kind_is(top, KIND, "an anchors file", required=kind_required)
    entries = ListOf(_AnchorEntry(own, set()), ANCHORS_MAX, shape="a list, one '- statement' per line")
    anchors = reader.field(top, (), "anchors", entries)
    favourites = reader.field(top, (), "favourites", FAVOURITES)
    reader.raise_if_any()
    return AnchorFile(anchors or [], favourites or [])


def _builtin() -> AnchorFile:
    data, display = packaged_file(BUILTIN_FILE)
    return anchors_from_doc(load_yaml(data, display), display)


def _user_files(user_dir: Path, problems: list[Problem]) -> list[Path]:
    try:
        with os.scandir(user_dir) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(".yaml") and not e.name.startswith("."))
    except FileNotFoundError:
        return []
    except OSError as error:
        problems.append(Problem(str(user_dir), 1, 1, f"cannot read your anchors folder: {error.strerror or error}"))
        return []
    return [user_dir / name for name in names]


def load_anchors(user_dir: Path | None) -> AnchorSet:
    """Built-in anchors, then every user file; never raises for a bad user file."""
    builtin = _builtin()
    by_id: dict[str, Anchor] = {a.id: a for a in builtin.anchors}
    result = AnchorSet(favourites=set(builtin.favourites))
    if user_dir is not None:
        for path in _user_files(Path(user_dir), result.problems):
            try:
                data = read_user_file(path)
                if data is None:
                    continue  # gone since the folder was listed
                loaded = anchors_from_doc(load_yaml(data, str(path)), str(path), own=True, kind_required=False)
            except FileProblems as error:
                result.problems.extend(error.problems)
                continue
            for anchor in loaded.anchors:
                by_id[anchor.id] = anchor
            result.favourites.update(loaded.favourites)
    result.anchors = list(by_id.values())
    return result


# -- writing the user's own file ----------------------------------------------------------------


def _read_own(path: Path) -> dict[str, Any]:
    """The user's own file as plain data; raises FileProblems when it is broken (left alone)."""
    data = read_user_file(path)
    if data is None:
        return {"version": 1, "kind": KIND, "anchors": [], "favourites": []}
    doc = load_yaml(data, str(path))
    anchors_from_doc(doc, str(path), own=True, kind_required=False)
    body = dict(doc.value)
    body.setdefault("version", 1)
    body.setdefault("kind", KIND)
    body["anchors"] = list(body.get("anchors") or [])
    body["favourites"] = list(body.get("favourites") or [])
    return body


def _write_own(path: Path, body: dict[str, Any]) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    atomic_write_text(path, dump_yaml(body, comment="Your own anchoring statements and favourites. Steady adds to this file; you may edit it."))


def add_own_anchor(user_dir: Path, text: str, taken: set[str] | None = None, tags: tuple[str, ...] = ()) -> Anchor:
    """Append a statement the user wrote to ``mine.yaml``; FileProblems/OSError leave the file as it was."""
    reader = Reader(YamlDoc(text, "your anchor"))
    cleaned = reader.read(TEXT, text, (), "your anchor")
    if cleaned is None:
        raise FileProblems(reader.problems)
    path = Path(user_dir) / OWN_FILE
    body = _read_own(path)
    existing = {a.get("id") for a in body["anchors"] if isinstance(a, dict)}
    anchor = Anchor(make_id(cleaned, (taken or set()) | {i for i in existing if i}), cleaned, tuple(tags), own=True)
    entry: dict[str, Any] = {"id": anchor.id, "text": anchor.text}
    if anchor.tags:
        entry["tags"] = list(anchor.tags)
    body["anchors"].append(entry)
    _write_own(path, body)
    return anchor


def set_favourite(user_dir: Path, anchor_id: str, on: bool) -> None:
    """Star or unstar an anchor in ``mine.yaml``."""
    path = Path(user_dir) / OWN_FILE
    body = _read_own(path)
    favourites = [f for f in body["favourites"] if f != anchor_id]
    if on:
        favourites.append(anchor_id)
    if favourites == body["favourites"]:
        return
    body["favourites"] = favourites
    _write_own(path, body)


def validate_anchors(doc: YamlDoc, display_path: str, path: Path) -> str:
    """`steady validate` for this kind (app.core.validate): the OK line's words, or FileProblems."""
    loaded = anchors_from_doc(doc, display_path)
    return f"{len(loaded.anchors)} anchors, {len(loaded.favourites)} favourites"
