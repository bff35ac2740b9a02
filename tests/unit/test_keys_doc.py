"""The keys table in docs/keys.md and the in-app help come from the same list."""

from pathlib import Path

from app.gui.keys import KEYS


def test_every_key_in_the_app_is_documented():
    text = (Path(__file__).parents[2] / "docs" / "keys.md").read_text(encoding="utf-8")
    for key, what in KEYS:
        assert f"| {key} | {what} |" in text
