"""Folders and files that must be the user's alone: made private, and checked before being trusted.

Why: Steady's lock and hand-over socket tell whoever can reach them when the user starts Steady
(`steady now`, in a hard moment), and a lock someone else holds would stop Steady from starting.
So a folder for them is trusted only when it is a real folder (a symbolic link could lead
anywhere), the user owns it, and nobody else may enter it (mode 700); a file in it only when it
is of the expected type and the user's. Everything is checked with lstat: nothing is followed.

A runtime folder that fails is refused, never repaired: something that is not the user's may
not be theirs to change, and one that is theirs was opened up on purpose or by someone with
their rights. `NotPrivate` says what is wrong and what to do, in words for the user. The data
folder is different: the user chose it, and it holds their history, so make_private closes it
to others when it is theirs (DataPaths.ensure).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

#: How Steady's own private folders are made: only the user may list, enter or change them.
PRIVATE_MODE = 0o700


class NotPrivate(OSError):
    """A folder or file Steady would trust is not the user's alone; str() is the plain message."""


def current_uid() -> int | None:
    """The user's id; None where the platform has no user ids (there is nothing to check)."""
    return os.getuid() if hasattr(os, "getuid") else None


def private_folder(path: Path) -> Path:
    """`path` as a private folder: made (mode 700, parents as usual) when missing, checked always.

    Raises NotPrivate when something is there that is not the user's alone, and OSError when the
    folder cannot be made (a read-only or missing parent), so the caller may try another place.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.mkdir(path, PRIVATE_MODE)
    except FileExistsError:
        pass
    check_private_folder(path, os.lstat(path))
    return path


#: What the user can do about any refusal here; Steady's runtime files then go there.
_REMEDY = "set XDG_RUNTIME_DIR to a folder of your own (mode 700), then start Steady again"


def check_private_folder(path: Path, info: os.stat_result) -> None:
    """Raise NotPrivate unless `info` (from lstat) is a folder of the user's that only they may enter."""
    check_entry(path, info, stat.S_ISDIR, "a folder", "Steady's runtime folder")
    if info.st_mode & 0o077:
        raise NotPrivate(f"{path} can be opened by other users (mode {stat.S_IMODE(info.st_mode):o}), so Steady will "
                         f"not keep its lock and hand-over point there. Make it yours alone with `chmod 700 {path}`, "
                         "then start Steady again.")


def check_entry(path: Path | str, info: os.stat_result, is_kind: Callable[[int], bool], kind: str, role: str) -> None:
    """Raise NotPrivate unless `info` (from lstat) is `kind` itself, not a link to one, and the user's.

    `is_kind` tests st_mode (stat.S_ISDIR, stat.S_ISSOCK, ...); `role` names the thing for the user.
    """
    if stat.S_ISLNK(info.st_mode):
        raise NotPrivate(f"{path}: {role} is a link to another place, so Steady will not use it. "
                         f"Remove the link, or {_REMEDY}.")
    if not is_kind(info.st_mode):
        raise NotPrivate(f"{path} is not {kind}, so it cannot serve as {role}. Remove it, or {_REMEDY}.")
    check_owner(path, info, role)


def owned_by_user(info: os.stat_result) -> bool:
    """Whether `info` (from stat, lstat or fstat) is of something that belongs to this user."""
    uid = current_uid()
    return uid is None or info.st_uid == uid


def check_owner(path: Path | str, info: os.stat_result, role: str) -> None:
    """Raise NotPrivate when `info` (from lstat or fstat) belongs to another user."""
    if not owned_by_user(info):
        raise NotPrivate(f"{path}: {role} belongs to another user (user id {info.st_uid}), so Steady will not use it: "
                         f"they could learn when you start Steady, or stop it. Remove it, or {_REMEDY}.")


def writable_by_others(info: os.stat_result) -> bool:
    """Whether someone else could add, rename or remove entries in the folder `info` describes."""
    return not owned_by_user(info) or bool(info.st_mode & 0o022)


def make_private(path: Path) -> os.stat_result:
    """Close the user's folder at `path` to others (keep the user's own bits) if they may open it; returns its state after.

    Links are followed: people keep their data folder elsewhere on purpose. A folder of someone
    else's is left alone, even where this process could change it (root): it is not Steady's
    to change. Where the file system keeps no permissions, the mode stays as it was; the
    caller sees that in what is returned.
    """
    info = os.stat(path)
    if info.st_mode & 0o077 and current_uid() is not None and owned_by_user(info):
        os.chmod(path, stat.S_IMODE(info.st_mode) & PRIVATE_MODE)
        info = os.stat(path)
    return info
