"""The running instance: QApplication, logs, settings, the window, and the handover server."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.core.library import ExerciseLibrary
from app.core.settings import load_settings
from app.gui.context import AppContext
from app.gui.features import install_early_features, install_features, install_late_features
from app.gui.main_window import MainWindow
from app.gui.single_instance import LaunchRequest, RequestServer
from app.gui.theme import FUSION_ARGUMENTS, apply_theme, use_fusion
from app.logs import install_exception_hook, log, setup_logging
from app.paths import DataPaths
from widgets.first_paint import after_first_paint


#: After `steady now`, how long file problems wait before they are shown anyway.
CALM_NOTICE_DELAY_MS = 5 * 60 * 1000


def create_application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1] + FUSION_ARGUMENTS)
        use_fusion(app, built_with_fusion=True)
    app.setApplicationName("Steady")
    app.setApplicationDisplayName("Steady")
    app.setDesktopFileName("steady")
    return app


def build_window(
    paths: DataPaths, library: ExerciseLibrary, app: QApplication, all_features: bool = True, quiet: bool = False
) -> MainWindow:
    """Everything the window needs, from the data folder; also used by tests and benches.

    With `all_features` False only what a start request needs is installed; the caller installs
    the rest after the first frame (see run_application). With `quiet` the start-up problems are
    kept in `window.start_notices` for the caller to show later.
    """
    writable = paths.ensure()
    log_problem = setup_logging(paths, writable)
    loaded = load_settings(paths.settings)
    apply_theme(app, loaded.settings.theme)
    context = AppContext(paths, loaded.settings, library, writable)
    window = MainWindow(context)
    if all_features:
        install_features(window, context)
    else:
        install_early_features(window, context)
    context.settingsChanged.connect(lambda s: apply_theme(app, s.theme))
    notices: list[tuple[str, str]] = []
    if log_problem:
        notices.append((log_problem, "data-folder"))
    if loaded.problems:
        lines = "\n".join(str(p) for p in loaded.problems[:5])
        notices.append((f"Your settings file had problems, so some defaults are used:\n{lines}", "settings-problems"))
    if library.problems or library.notes:
        count = len({p.path for p in library.problems})
        notices.append((
            f"{count} of your exercise files could not be used; the others work as usual. Details are under the exercise list."
            if count
            else " ".join(library.notes),
            "library-problems",
        ))
    window.start_notices = notices
    if not quiet:
        show_start_notices(window)
    return window


def show_start_notices(window: MainWindow) -> None:
    """Problems found at start-up (files, folders), as notices; each is shown once."""
    notices, window.start_notices = window.start_notices, []
    for text, key in notices:
        window.notices.show_notice(text, "warning", key=key)


def show_start_notices_when_calm(window: MainWindow) -> None:
    """After `steady now` or `breathe`, file problems wait: first when the user moves to another
    page, or after a few minutes; nothing technical stands beside the pacer in a hard moment."""
    if not window.start_notices:
        return
    timer = QTimer(window, singleShot=True, interval=CALM_NOTICE_DELAY_MS)
    timer.timeout.connect(lambda: show_start_notices(window))
    window.pageChanged.connect(lambda _key: show_start_notices(window))
    timer.start()


def run_application(request: LaunchRequest, paths: DataPaths, library: ExerciseLibrary) -> int:
    """Show what was asked for first; everything that can wait starts after the first frame."""
    app = create_application()
    quiet = request.command != "open"
    window = build_window(paths, library, app, all_features=False, quiet=quiet)
    install_exception_hook(lambda text: window.notices.show_notice(text, "warning", key="internal-error"))
    window.handle_request(request)
    if quiet:
        show_start_notices_when_calm(window)
    if request.command == "open":  # never for `breathe` or `now`: nothing may stand before the pacer
        from app.gui.first_run import show_welcome_if_first_run

        show_welcome_if_first_run(window, request)
    if any(name.startswith("STEADY_BENCH_") for name in os.environ):
        from app.gui.bench_hooks import install_bench_hooks

        # After the request, so that a `now` start has built its flow's pacer; nothing paints before app.exec().
        moment_pacer = window.moment_pacer() if request.command == "now" and window.moment_pacer is not None else None
        install_bench_hooks(moment_pacer or window.breathe_page.session.pacer, app)
    window.show()
    server = RequestServer(paths.socket_name)
    server.requestReceived.connect(window.handle_request)

    def after_first_frame() -> None:
        if not server.listen():
            log.warning("could not listen for later starts on %s", paths.socket_name)
            window.notices.show_notice(
                "Steady could not set up its hand-over point, so `steady now` and the desktop shortcut cannot "
                "reach this window. Use this window, or close Steady and start it again.",
                "warning",
                key="handover",
            )
        install_late_features(window, window.context)
        log.info("Steady started (%s)", request.command)

    after_first_paint(window, after_first_frame)
    app.aboutToQuit.connect(window.context.close)
    try:
        return app.exec()
    finally:
        server.close()
