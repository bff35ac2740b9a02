"""Icons, sounds and the desktop entry, read via importlib.resources."""
