"""Baseline programs that Steady's benchmarks are compared with (see docs/BENCHMARKS.md).

They run as separate processes with the same interpreter, virtual environment, Qt platform plugin
and environment as Steady, so a ratio measures Steady's own cost and not the machine's.
"""

try:
    # One source of truth: the app's first-start window size (app/gui/__init__.py holds only
    # constants, so this import costs about a millisecond and loads no Qt).
    from app.gui import DEFAULT_WINDOW_SIZE as _APP_WINDOW_SIZE
except ImportError:  # the app's shell is not there (yet): the pacer window's documented size
    _APP_WINDOW_SIZE = (480, 560)

#: Steady's default window size (width, height) in pixels, painted by both baselines.
WINDOW_SIZE: tuple[int, int] = tuple(_APP_WINDOW_SIZE)  # type: ignore[assignment]
