"""Qt-free logic: the breathing engine, exercise model, strict YAML loading, settings maths.

Nothing under ``app.core`` may import Qt; ``tests/unit/test_core_is_qt_free.py`` enforces it,
so this logic stays testable in microseconds with injected clocks.
"""
