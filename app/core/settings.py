"""The user's preferences, kept in DATA_DIR/settings.yaml.

Settings are a typed record (a NamedTuple: cheap to create, and this module loads on the way
to the first frame) so that every part reads typed values (QSettings would hand back strings
and lose float precision). The file is written atomically. A file that cannot be
parsed is set aside as `settings.yaml.corrupt-...` and reported, never overwritten with defaults.
A file that cannot even be read (its permissions, a pipe in its place, far too big) is left as it
is: the defaults are used for now and nothing Steady changes by itself is written over it, until
the user changes a setting on purpose; then it is set aside first (`save_settings` says where).
Keys this version does not know are kept and written back, so a newer Steady's settings survive
a run of an older one.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from app.core.atomic import atomic_write_text
from app.core.corrupt import set_aside
from app.core.ids import EXERCISE_ID
from app.core.parse_cache import ParseCache, code_stamp, content_key
from app.core.problems import FileProblems, Problem, cap_problems
from app.core.schema_reader import Choice, Flag, Matches, Number, Reader, Repeated, Spec, Text, YamlDoc
from app.core.user_file import read_user_file

if TYPE_CHECKING:
    from app.core.reminders.schedule import Reminder

THEMES = ("system", "light", "dark")
MOTION_CHOICES = ("system", "reduced", "full")


#: The default for `extra` and `rejected`: shared by every Settings(), so it must not change.
_NOTHING: Mapping[str, Any] = MappingProxyType({})

#: `Settings.unread_file`: settings.yaml is there but could not be read; leave it as it is.
UNREAD_KEEP = "keep"
#: `Settings.unread_file`: the user changed a setting since; set the unread file aside, then write.
UNREAD_REPLACE = "replace"
#: What Steady changes by itself (notes it keeps, the welcome screens done): changing these is
#: not the user choosing a setting, so it never replaces a file that could not be read.
_BOOKKEEPING = frozenset({"extra", "rejected", "first_run_done", "unread_file"})


class Settings(NamedTuple):
    """Typed preferences with safe defaults; later features add fields here."""

    #: The exercise the triggered-moment flow and "Breathe now" start with.
    moment_exercise: str = "calm-exhale"
    #: "system" follows the desktop's motion preference where Qt exposes it.
    motion: str = "system"
    theme: str = "system"
    #: Country code for "Get help now" (e.g. GB); empty: the country of the system locale.
    crisis_country: str = ""
    #: How long the triggered-moment flow holds a drafted message before it offers to copy it.
    draft_cooling_minutes: int = 20
    sound_enabled: bool = True
    sound_set: str = "soft"
    volume: float = 0.6
    #: Daily practice reminders (app.core.reminders.schedule.Reminder); see app/core/reminders/store.py.
    reminders: tuple[Reminder, ...] = ()
    #: Keep running in the system tray when the window is closed (only where a tray exists).
    tray: bool = False
    start_at_login: bool = False
    #: The welcome screens were finished or skipped.
    first_run_done: bool = False
    #: Reminders are quiet until this wall-clock time (epoch seconds); None when not paused.
    reminders_paused_until: float | None = None
    extra: Mapping[str, Any] = _NOTHING
    #: Values from the file this version could not use, kept to be written back unchanged until
    #: the user sets that preference again (a typo in settings.yaml is never silently erased).
    rejected: Mapping[str, Any] = _NOTHING
    #: "" when settings.yaml was read (or there was none); UNREAD_KEEP or UNREAD_REPLACE when it
    #: could not be read (see the module docstring).
    unread_file: str = ""

    def with_changes(self, **changes: Any) -> Settings:
        rejected = {key: value for key, value in self.rejected.items() if key not in changes}
        unread = self.unread_file
        if unread == UNREAD_KEEP and any(name not in _BOOKKEEPING for name in changes):
            unread = UNREAD_REPLACE
        return self._replace(**{**changes, "rejected": rejected, "unread_file": unread})


#: How each setting in settings.yaml is read; a value that cannot be used falls back to its
#: default on its own, is named with its line and column, and is kept to be written back.
SPECS: dict[str, Spec] = {
    "moment_exercise": EXERCISE_ID,
    "motion": Choice(MOTION_CHOICES),
    "theme": Choice(THEMES),
    "crisis_country": Matches(
        r"(?:[A-Z]{2})?",
        "{what} must be a two-letter country code such as GB or US, or \"\" for the system's, not {value}",
    ),
    "draft_cooling_minutes": Number(1, 24 * 60, unit="minutes", example="20", whole=True),
    "sound_enabled": Flag(),
    "sound_set": Text(40),
    "volume": Number(0.0, 1.0, example="0.6"),
    "tray": Flag(),
    "start_at_login": Flag(),
    "first_run_done": Flag(),
    # Epoch seconds; the last second of the year 9999 is as far as a date can be shown.
    "reminders_paused_until": Number(0, 253_402_300_799, unit="seconds", example="1767225600"),
}
#: Settings that may be written as `null`.
_NULLABLE = frozenset({"reminders_paused_until"})


class SettingsLoad:
    """What loading found: the settings to use, and anything the user should be told."""

    __slots__ = ("settings", "problems", "set_aside_as")

    def __init__(self, settings: Settings, problems: list[Problem] | None = None, set_aside_as: Path | None = None) -> None:
        self.settings = settings
        self.problems: list[Problem] = problems if problems is not None else []
        self.set_aside_as = set_aside_as


#: What happens meanwhile to a setting whose value cannot be used.
DEFAULT_FOR_NOW = "the default is used for now"


def settings_from_doc(doc: YamlDoc) -> tuple[Settings, list[Problem]]:
    """Typed settings from a parsed mapping; each unusable value falls back to its default on its
    own, is reported, and is kept as written (`YamlDoc.kept`) to be written back unchanged."""
    reader = Reader(doc)
    data = reader.top("a settings file", tuple(doc.value) if isinstance(doc.value, dict) else (), "'theme: dark'")
    reader.kind_is(data, "settings", "settings", required=False)  # keys it does not know are kept, not refused
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    rejected: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("version", "kind"):
            continue
        path = (key,)
        if key == "reminders":
            if (value is None or value == []) and not doc.troubled(path):
                continue  # none set: the default, without loading the scheduler's modules before the first frame
            from app.core.reminders.store import KEPT_LIST, UNUSABLE_KEY, read_reminders

            values[key], unusable = read_reminders(reader, value)
            written = doc.kept(path)
            if isinstance(written, Repeated):  # `reminders:` twice: the later lists are kept, not used
                unusable += [entry for later in written.values[1:] for entry in _as_list(later)]
                reader.note_found(KEPT_LIST, path)
            if unusable:
                prior = _as_list(doc.kept((UNUSABLE_KEY,))) if UNUSABLE_KEY in data else []
                extra[UNUSABLE_KEY] = prior + unusable
            continue
        if key not in SPECS:
            extra.setdefault(key, doc.kept(path))
            continue
        if value is None and key in _NULLABLE and not doc.troubled(path):
            values[key] = None
            continue
        with reader.noting(DEFAULT_FOR_NOW, under=path):
            read = None if doc.troubled(path) else reader.read(SPECS[key], value, path, f"'{key}'")
        if read is None:
            rejected[key] = doc.kept(path)
        else:
            values[key] = read
    return Settings(**values, extra=extra, rejected=rejected), sorted(reader.problems)


def validate_settings(doc: YamlDoc, display_path: str, path: Path) -> str:
    """`steady validate` for settings (app.core.validate): the OK line's words, or FileProblems
    naming each value the app would not use."""
    settings, problems = settings_from_doc(doc)
    if problems:
        raise FileProblems(cap_problems(problems))
    count = len(settings.reminders)
    return f"settings, {count} reminder{'' if count == 1 else 's'}"


def _as_list(value: Any) -> list[Any]:
    """Entries kept under a key that should hold a list (written once or more, or not a list)."""
    if isinstance(value, Repeated):
        return [entry for each in value.values for entry in _as_list(each)]
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def load_settings(path: Path, cache: ParseCache | None = None) -> SettingsLoad:
    """Read settings; a missing file gives defaults. A file that cannot be read gives defaults
    and is left alone (`Settings.unread_file`); one that cannot be parsed is set aside; both are
    reported.

    A file read before without problems comes from the parse cache, so a start imports no YAML.
    """
    try:
        data = read_user_file(path)
    except FileProblems as unreadable:
        note = "; defaults are used for now, and the file is left as it is until you change a setting"
        return SettingsLoad(Settings(unread_file=UNREAD_KEEP), [p._replace(message=p.message + note) for p in unreadable.problems])
    if data is None:
        return SettingsLoad(Settings())
    read = _read_settings(path, data, cache or _settings_cache())
    if isinstance(read, SettingsLoad):
        return read
    aside = None
    try:
        aside = set_aside(path)
    except OSError:
        pass
    note = f"kept as {aside.name}" if aside else "left in place"
    problems = list(read.problems)
    problems.append(Problem(str(path), 1, 1, f"settings could not be read and were {note}; defaults are used"))
    return SettingsLoad(Settings(), problems, aside)


def _settings_cache() -> ParseCache:
    return ParseCache("settings", code_stamp())


def _read_settings(path: Path, data: bytes, cache: ParseCache) -> SettingsLoad | FileProblems:
    """Settings from a file's bytes (cached when clean), or the problems that make it unreadable."""
    key = f"{path}|{content_key(data)}"
    cached = cache.get(key)
    if isinstance(cached, dict):
        settings, problems = settings_from_doc(YamlDoc(cached, str(path)))
        if not problems:
            cache.save()
            return SettingsLoad(settings)
    from app.core.yamlsafe import load_yaml

    try:
        doc = load_yaml(data, str(path))
        if not isinstance(doc.value, dict):
            raise FileProblems([Problem(str(path), 1, 1, "settings must be a mapping of names to values")])
    except FileProblems as broken:
        return broken
    settings, problems = settings_from_doc(doc)
    if not problems:
        cache.put(key, doc.value)
        cache.save()
    return SettingsLoad(settings, problems)


def settings_to_yaml(settings: Settings) -> str:
    """Readable YAML for settings.yaml, known keys first in a fixed order."""
    from app.core.yaml_writer import dump_yaml

    body: dict[str, Any] = {"version": 1}
    for name in Settings._fields:
        if name == "reminders":
            from app.core.reminders.store import reminders_to_plain

            body[name] = reminders_to_plain(settings.reminders)
        elif name in settings.rejected:
            body[name] = settings.rejected[name]
        elif name not in ("extra", "rejected", "unread_file"):
            body[name] = getattr(settings, name)
    for key, value in settings.extra.items():
        body.setdefault(key, value)
    return dump_yaml(body, comment="Steady settings. The app writes this file; you may edit it while Steady is closed.")


class SavedSettings(NamedTuple):
    """What `save_settings` did: the settings as they now stand (use these from now on), and
    where a file that could not be read was kept before the new one was written."""

    settings: Settings
    set_aside_as: Path | None = None
    #: False while a file that could not be read is left alone (nothing was written).
    written: bool = True


def save_settings(path: Path, settings: Settings) -> SavedSettings:
    """Write settings atomically; OSError (read-only, disk full) is left to the caller to report.

    The text is read back before it is written: what the next start would make of it goes into
    the parse cache (so that start imports no YAML on the way to its first frame), and text that
    Steady's own reader would refuse is never written over a good file. A file that could not
    be read is never written over: left alone until the user changes a setting, then set aside
    first (when that fails, OSError, and nothing is written).
    """
    if settings.unread_file == UNREAD_KEEP:
        return SavedSettings(settings, written=False)
    data = settings_to_yaml(settings).encode("utf-8")
    cache = _settings_cache()
    read = _read_settings(path, data, cache)
    if isinstance(read, FileProblems):
        raise ValueError(f"Steady made settings it cannot read back, so {path} was left as it was: {read.problems[0]}")
    aside = set_aside(path) if settings.unread_file == UNREAD_REPLACE and os.path.lexists(path) else None
    atomic_write_text(path, data.decode("utf-8"))
    return SavedSettings(settings._replace(unread_file=""), aside)
