"""Starting a window command: become the one instance, or hand the command over and exit.

Imports are ordered for speed: the lock and the hand-over need no Qt (app.gui.handover), so a
start that finds Steady running never loads Qt; QtWidgets, settings and the window are imported
only once this process knows it is the instance that will show them.

Window hooks are the declared way for a tool to watch the real app from outside: a callable
registered with :func:`add_window_hook` before ``app.cli.main`` runs is called with the built
window and the QApplication, once the start request is handled and before the event loop (so
before the first frame). The benchmarks' launcher (``python -m bench.launch``) uses it to
subscribe to the pacer's frame signals; Steady itself registers none. Registering imports no
Qt, so a start that hands over still never loads it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from app.core.private_folder import NotPrivate
from app.gui.handover import InstanceLock, LaunchRequest, become_primary_or_hand_over
from app.paths import DataPaths

if TYPE_CHECKING:
    from app.gui.application import WindowHook

__all__ = ["LaunchRequest", "add_window_hook", "launch"]

_window_hooks: list[WindowHook] = []


def add_window_hook(hook: WindowHook) -> None:
    """Call `hook(window, app)` in every window this process builds, before its event loop."""
    _window_hooks.append(hook)


def _load_qt_free_modules() -> None:
    """Import the Qt-free modules the window needs before PySide6 is imported.

    Once PySide6 is loaded, its `__feature__` import hook inspects every later import (it reads
    the module's source to look for "PySide6"); loading these first keeps that off the way to
    the first frame (about 2 ms, measured with python -m bench startup).
    """
    import app.core.clock
    import app.core.corrupt
    import app.core.describe
    import app.core.engine
    import app.core.flow
    import app.core.notices
    import app.core.safety
    import app.core.settings
    import app.gui.services
    import app.logs  # noqa: F401


def launch(request: LaunchRequest, paths: DataPaths) -> int:
    from app.core.library import load_library

    # Only an exercise id needs the library before the hand-over; `now` and `open` hand over
    # at once (a running Steady has its own library) and read it only when they become the instance.
    library = load_library(paths.exercises) if request.exercise_id is not None else None
    if library is not None and request.exercise_id is not None and library.get(request.exercise_id) is None:
        from app.core.printable import quoted

        print(f"steady: there is no exercise {quoted(request.exercise_id, 64)}; `steady list` shows the ones there are", file=sys.stderr)
        for problem in library.problems:
            print(problem, file=sys.stderr)
        return 1
    lock = InstanceLock(paths)
    try:
        primary = become_primary_or_hand_over(lock, request)
    except TimeoutError as error:  # a Steady runs for this folder but cannot be reached
        print(f"steady: {error}", file=sys.stderr)
        return 1
    except NotPrivate as error:  # a runtime folder, lock or socket that is not the user's alone
        print(f"steady: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"steady: cannot use the lock file {error.filename or 'in the runtime folder'} ({error.strerror or error}); "
              "remove whatever is in its place, or set XDG_RUNTIME_DIR to a folder of your own", file=sys.stderr)
        return 1
    if not primary:
        return 0  # the running Steady took it; no Qt was needed here
    _load_qt_free_modules()
    if library is None:
        library = load_library(paths.exercises)  # before Qt too
    from app.gui.application import run_application

    try:
        return run_application(request, paths, library, tuple(_window_hooks))
    finally:
        lock.release()
