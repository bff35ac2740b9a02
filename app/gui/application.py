"""The bootstrap of the running instance: QApplication, logs, settings, the services, the window
and its features, and the hand-over server.

Everything is wired here, once: the services (app.gui.services) are built and passed to the
context, the window is built around it, and each feature plugs into the window's declared
extension points (app.gui.features). Tools that watch Steady from outside (the benchmarks'
launcher) pass window hooks through app.gui.launch.add_window_hook; run_application calls them
with the window and the QApplication once the start request is handled, before the event loop.

However Steady ends (Quit, the last window closed, or SIGTERM/SIGHUP at logout and shutdown,
which app.gui.quit_signals turns into a Qt signal), `end_practice_and_close` runs: the session
breathing now is recorded with the time practised, and history waiting in memory is written.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QApplication

from app.core.library import ExerciseLibrary
from app.core.settings import load_settings
from app.gui.context import AppContext
from app.gui.features import install_early_features, install_features, install_late_features
from app.gui.handover import LaunchRequest, clear_leftovers
from app.gui.main_window import MainWindow
from app.gui.quit_signals import QuitSignals
from app.gui.services import Services, real_services
from app.gui.single_instance import RequestServer
from app.gui.theme import FUSION_ARGUMENTS, apply_theme, use_fusion
from app.logs import install_exception_hook, log, setup_logging
from app.paths import DataPaths
from widgets.first_paint import after_first_paint

#: After `steady now`, how long file problems wait before they are shown anyway.
CALM_NOTICE_DELAY_MS = 5 * 60 * 1000

#: Called with the built window and the QApplication before the event loop (see app.gui.launch).
WindowHook = Callable[[MainWindow, QApplication], object]


def create_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):  # none yet (a QCoreApplication is never made here)
        app = QApplication(sys.argv[:1] + FUSION_ARGUMENTS)
        use_fusion(app, built_with_fusion=True)
    app.setApplicationName("Steady")
    app.setApplicationDisplayName("Steady")
    app.setDesktopFileName("steady")
    return app


def build_window(
    paths: DataPaths,
    library: ExerciseLibrary,
    app: QApplication,
    services: Services | None = None,
    all_features: bool = True,
    quiet: bool = False,
) -> MainWindow:
    """Everything the window needs, from the data folder and the services (real ones unless
    given: tests and tools pass fakes); also used by tests and benches.

    With `all_features` False only what a start request needs is installed; the caller installs
    the rest after the first frame (see run_application). With `quiet` the start-up problems
    are held back in the notices (Notices.hold) for the caller to show when calm.
    """
    services = services if services is not None else real_services()
    writable = paths.ensure()
    log_problem = setup_logging(paths, writable)
    loaded = load_settings(paths.settings)
    apply_theme(app, loaded.settings.theme)
    context = AppContext(paths, loaded.settings, library, services, writable)
    window = MainWindow(context)
    if all_features:
        install_features(window, context)
    else:
        install_early_features(window, context)
    context.settingsChanged.connect(lambda s: apply_theme(app, s.theme))
    tell = services.notices.hold if quiet else services.notices.show
    if log_problem:
        tell(log_problem, "warning", key="data-folder")
    privacy = paths.privacy_notice_once()
    if privacy:
        tell(privacy, "warning", key="data-folder-privacy")
    if loaded.problems:
        lines = "\n".join(str(p) for p in loaded.problems[:5])
        tell(f"Your settings file had problems, so some defaults are used:\n{lines}", "warning", key="settings-problems")
    if library.problems or library.notes:
        count = len({p.path for p in library.problems})
        tell(
            f"{count} of your exercise files could not be used; the others work as usual. Details are under the exercise list."
            if count
            else " ".join(library.notes),
            "warning",
            key="library-problems",
        )
    return window


def show_start_notices_when_calm(window: MainWindow) -> None:
    """After `steady now` or `breathe`, file problems wait: first when the user moves to another
    page, or after a few minutes; nothing technical stands beside the pacer in a hard moment."""
    notices = window.context.notices
    if not notices.held():
        return
    window.context.timers(notices.release, owner=window).start(CALM_NOTICE_DELAY_MS)
    window.pageChanged.connect(lambda _key: notices.release())


def end_practice_and_close(context: AppContext) -> None:
    """Steady is quitting: the session breathing now stops and is recorded with the time
    practised (not only up to its last 15 s checkpoint), then history waiting in memory is
    written. No question is asked: at logout or shutdown nobody is there to answer."""
    context.claim_session(None)  # no session breathes after this one; it is stopped
    unsaved = context.close()
    if unsaved:
        log.warning("quitting with %d history records that could not be saved", unsaved)


def run_application(
    request: LaunchRequest, paths: DataPaths, library: ExerciseLibrary, window_hooks: Sequence[WindowHook] = ()
) -> int:
    """Show what was asked for first; everything that can wait starts after the first frame."""
    app = create_application()
    quit_signals = QuitSignals(app)

    def quit_on_signal(number: int) -> None:
        log.info("Steady was asked to end (%s); ending as Quit does", signal.Signals(number).name)
        # exit(), not quit(): quit() first closes the windows, and a window may ask about unsaved
        # history or stay in the tray; at logout nobody is there to answer. aboutToQuit still runs.
        app.exit(0)

    quit_signals.received.connect(quit_on_signal)
    quiet = request.command != "open"
    window = build_window(paths, library, app, real_services(), all_features=False, quiet=quiet)

    def internal_error(text: str) -> None:
        window.context.notify(text, "warning", key="internal-error")

    install_exception_hook(internal_error)
    window.handle_request(request)
    if quiet:
        show_start_notices_when_calm(window)
    if request.command == "open":  # never for `breathe` or `now`: nothing may stand before the pacer
        from app.gui.first_run import show_welcome_if_first_run

        show_welcome_if_first_run(window, request)
    for hook in window_hooks:  # after the request, so a `now` start has its flow's pacer; nothing painted yet
        hook(window, app)
    window.show()
    server = RequestServer(paths.socket_name)
    server.requestReceived.connect(window.handle_request)

    def after_first_frame() -> None:
        if not server.listen():
            log.warning("could not listen for later starts on %s", paths.socket_name)
            window.context.notify(
                "Steady could not set up its hand-over point, so `steady now` and the desktop shortcut cannot "
                "reach this window. Use this window, or close Steady and start it again.",
                "warning",
                key="handover",
            )
        install_late_features(window, window.context)
        clear_leftovers(paths, window.context.wall_clock.now())
        log.info("Steady started (%s)", request.command)

    after_first_paint(window, after_first_frame)
    app.aboutToQuit.connect(lambda: end_practice_and_close(window.context))
    try:
        return app.exec()
    finally:
        server.close()
