"""The keys Steady answers to: one table for the help window, docs/keys.md and the tests."""

from __future__ import annotations

KEYS: tuple[tuple[str, str], ...] = (
    ("Space", "Start or pause the pacer"),
    ("Esc", "Stop the session, or leave the current screen or flow"),
    ("Ctrl+B", "Breathe now, from anywhere in the app"),
    ("Ctrl+H", "Get help now: crisis lines, from anywhere"),
    ("Ctrl+1 … Ctrl+5", "Pages: Breathe, Moment, Progress, Patterns, Settings"),
    ("Up, Down, Home, End", "In the side bar's page list: the previous, next, first or last page"),
    ("G", "Grounding instead of breathing"),
    ("Enter or Right", "In a flow: next step"),
    ("Left", "In a flow: back"),
    ("S", "In a flow: skip this step"),
    ("0 … 9, Up", "In a flow: a rating from 0 to 10 (Up from 9 gives 10)"),
    ("F", "In a flow: keep the anchoring statement shown as a favourite"),
    ("Ctrl+S", "On the Patterns page: save the pattern"),
    ("Tab, Shift+Tab", "Move between buttons and fields"),
    ("F1", "This help"),
)
