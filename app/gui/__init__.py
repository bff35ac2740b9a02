"""The Qt shell around app.core: bootstrap, single instance, main window and its pages."""

#: The main window's size on first start (the benchmarks' bare window uses the same).
DEFAULT_WINDOW_SIZE = (760, 560)
