"""Baseline programs that Steady's benchmarks are compared with (see docs/BENCHMARKS.md).

They run as separate processes with the same interpreter, virtual environment, Qt platform plugin
and environment as Steady, so a ratio measures Steady's own cost and not the machine's.
"""

#: Steady's default pacer window size (width, height) in pixels. The app should open its pacer
#: window at this size too, so that the baselines paint the same number of pixels.
WINDOW_SIZE: tuple[int, int] = (480, 560)
