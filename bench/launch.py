"""`python -m bench.launch [OPTIONS] [--] ARGS`: start Steady exactly as `steady ARGS` does, watched.

The launcher registers one window hook (app.gui.launch.add_window_hook, the bootstrap's declared
seam for tools) and then calls ``app.cli.main(ARGS)``: the same code path as the command, with
no benchmark code in the product. Options, all before ARGS:

- ``--first-frame``: at the first frame of a pacer that shows a real state
  (``PacerWidget.firstFramePainted``), print ``first-frame <time.monotonic()>`` and
  ``pyqtgraph-loaded 0|1`` (was pyqtgraph imported before that frame?), flush, and quit with 0;
- ``--frame-log PATH``: append the ``time.monotonic()`` after every pacer paint
  (``framePainted``) to PATH, one float per line, written every 60 frames and at a normal exit;
- ``--hide``: hide the window once the event loop runs (``python -m bench idle``);
- ``--handover-log PATH``: for each pacer that appears after the start (a ``steady now`` handed
  over by a later process), append the time of its first frame, then leave that flow so the
  next ``now`` starts a new one (``python -m bench sos``).

Pacers are followed through the window's ``pacerShown`` signal and ``showing_pacer()``, so the
pacer of a `breathe` start, of a `now` flow, and of every later flow are all seen. With no
option the launcher only calls ``app.cli.main``; nothing of Qt is imported here before Steady
itself imports it, so a start that hands over to a running Steady still never loads Qt.
"""

from __future__ import annotations

import sys
from typing import NamedTuple

USAGE = "usage: python -m bench.launch [--first-frame] [--frame-log PATH] [--hide] [--handover-log PATH] [--] ARGS"


class Watch(NamedTuple):
    """What the window hook does (see the module docstring)."""

    first_frame: bool = False
    frame_log: str | None = None
    hide: bool = False
    handover_log: str | None = None

    def any(self) -> bool:
        return self.first_frame or self.hide or self.frame_log is not None or self.handover_log is not None


def parse(argv: list[str]) -> tuple[Watch, list[str]]:
    """The launcher's options and Steady's own arguments (everything from the first other word,
    or after ``--``). Raises ValueError for an option without its PATH."""
    watch = Watch()
    rest = list(argv)
    while rest:
        word = rest[0]
        if word == "--":
            rest.pop(0)
            break
        if word == "--first-frame":
            watch = watch._replace(first_frame=True)
        elif word == "--hide":
            watch = watch._replace(hide=True)
        elif word in ("--frame-log", "--handover-log"):
            if len(rest) < 2:
                raise ValueError(f"{word} needs a PATH")
            path = rest.pop(1)
            watch = watch._replace(frame_log=path) if word == "--frame-log" else watch._replace(handover_log=path)
        else:
            break
        rest.pop(0)
    return watch, rest


def main(argv: list[str] | None = None) -> int:
    try:
        watch, args = parse(sys.argv[1:] if argv is None else argv)
    except ValueError as error:
        print(f"bench.launch: {error}\n{USAGE}", file=sys.stderr)
        return 2
    if watch.any():
        from app.gui.launch import add_window_hook

        def hook(window, app) -> None:
            from bench._watch import install

            install(window, app, watch)

        add_window_hook(hook)
    from app.cli import main as steady_main

    return steady_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
