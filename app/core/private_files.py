"""Files that hold someone's practice, hard moments and logs are theirs alone: 0600, folders 0700.

The umask is not Steady's to trust: SQLite creates a database 0644 minus the umask, and Python's
logging and open() do the same, so a history or a log would be readable by every local user on a
machine with the common umask 022 (and writable by them with umask 0). Steady creates such files
itself with a fixed mode (SQLite then gives the -wal and -shm files it makes the database's own
mode), and tightens any it finds looser, which files from before this rule, or copied in, can be.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

OWNER_ONLY = 0o700


def create_private(path: Path) -> None:
    """Create `path` empty with mode 0600 whatever the umask, unless something is there already.

    OSError (a read-only or missing folder) reaches the caller, as the open that follows would.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        return
    try:
        os.fchmod(fd, 0o600)  # the umask applied to the mode of os.open; it has no say here
    finally:
        os.close(fd)


def keep_private(path: Path) -> None:
    """Take away every permission of the group and of others from `path`, if it has any.

    A missing path, or one that is not the user's to change (another owner, a read-only disk),
    is left as it is: the check is repeated at every start, and it must never stop one.
    """
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if mode & ~OWNER_ONLY:
            os.chmod(path, mode & OWNER_ONLY)
    except OSError:
        pass
