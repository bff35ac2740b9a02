"""Notices when pattern files change outside Steady, and reloads the library.

QFileSystemWatcher reports a changed folder (a file added, removed or renamed, which is also
how editors and Steady itself save: write a temporary file, rename it over the old one) and a
file changed in place. Editors often touch a file several times for one save, so changes are
gathered for `DEBOUNCE_MS` and then the library is reloaded once. Files that were replaced drop
out of the watch list, so the list is renewed after every reload. The pause is a timer from
`context.timers`, so tests move it on a fake clock.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QFileSystemWatcher, QObject

from app.core.library import SUFFIX
from app.core.problems import Problem
from app.gui.context import AppContext
from app.logs import log

#: How long changes are gathered before the library is read again once.
DEBOUNCE_MS = 250


class ExerciseFolderWatcher(QObject):
    """Watches DATA_DIR/exercises (created if missing) and its *.yaml files.

    `on_new_problems` is called with the problems of files that became unusable (or changed
    how they are broken) since the last reload, so each is reported once, not on every save.
    """

    def __init__(self, context: AppContext, on_new_problems: Callable[[list[Problem]], None] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.folder = context.paths.exercises
        self._on_new_problems = on_new_problems
        self._known_problems = self._problem_map()
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._changed)
        self._watcher.fileChanged.connect(self._changed)
        self._timer = context.timers(self.reload, single_shot=True, owner=self)
        context.libraryChanged.connect(self._after_library_changed)
        self.watching = self._watch()

    def _watch(self) -> bool:
        """Start or renew the watch list; False when the folder cannot be made or watched."""
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            log.warning("cannot create %s: %s", self.folder, error)
            return False
        folder = str(self.folder)
        if folder not in self._watcher.directories() and not self._watcher.addPath(folder):
            log.warning("cannot watch %s", folder)
            return False
        try:
            wanted = {str(p) for p in self.folder.iterdir() if p.name.endswith(SUFFIX) and not p.name.startswith(".")}
        except OSError:
            wanted = set()
        watched = set(self._watcher.files())
        gone = sorted(watched - wanted)
        if gone:
            self._watcher.removePaths(gone)
        new = sorted(wanted - watched)
        if new:
            self._watcher.addPaths(new)
        return True

    def _changed(self, _path: str) -> None:
        self._timer.start(DEBOUNCE_MS)

    def reload(self) -> None:
        """Read the library again now (also what the debounced change calls)."""
        self._timer.stop()
        self.context.reload_library()

    def _after_library_changed(self) -> None:
        self.watching = self._watch()
        current = self._problem_map()
        fresh = [p for path, problems in current.items() if self._known_problems.get(path) != problems for p in problems]
        self._known_problems = current
        if fresh and self._on_new_problems is not None:
            self._on_new_problems(fresh)

    def _problem_map(self) -> dict[str, list[Problem]]:
        found: dict[str, list[Problem]] = {}
        for problem in self.context.library.problems:
            found.setdefault(problem.path, []).append(problem)
        return found
