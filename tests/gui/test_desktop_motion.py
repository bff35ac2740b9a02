"""The desktop's motion preference, read from GTK's settings.ini (theme.system_prefers_reduced_motion)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.gui.theme import gtk_setting, system_prefers_reduced_motion


def write(base: Path, folder: str, text: str) -> Path:
    path = base / folder / "settings.ini"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("value", "reduced"),
    [("false", True), ("0", True), ("FALSE", True), ("no", True), ("true", False), ("1", False)],
)
def test_gtk_animations_off_means_reduced_motion(tmp_path, value, reduced):
    write(tmp_path, "gtk-3.0", f"[Settings]\ngtk-theme-name = Adwaita\ngtk-enable-animations = {value}\n")
    assert system_prefers_reduced_motion(tmp_path) is reduced


def test_no_settings_file_means_full_motion(tmp_path):
    assert system_prefers_reduced_motion(tmp_path) is False


def test_gtk4_wins_over_gtk3(tmp_path):
    write(tmp_path, "gtk-3.0", "[Settings]\ngtk-enable-animations=false\n")
    write(tmp_path, "gtk-4.0", "[Settings]\ngtk-enable-animations=true\n")
    assert system_prefers_reduced_motion(tmp_path) is False


def test_only_the_settings_group_counts_and_comments_are_skipped(tmp_path):
    path = write(
        tmp_path,
        "gtk-3.0",
        "# gtk-enable-animations=false\n[Other]\ngtk-enable-animations=false\n; note\n[Settings]\ngtk-font-name=Cantarell 11\n",
    )
    assert gtk_setting(path, "gtk-enable-animations") is None
    assert gtk_setting(path, "gtk-font-name") == "Cantarell 11"


def test_a_later_line_wins_as_in_gtk(tmp_path):
    path = write(tmp_path, "gtk-3.0", "[Settings]\ngtk-enable-animations=true\ngtk-enable-animations=false\n")
    assert gtk_setting(path, "gtk-enable-animations") == "false"


def test_unreadable_files_are_a_hint_not_a_failure(tmp_path):
    write(tmp_path, "gtk-4.0", "").write_bytes(b"[Settings]\n\xff\xfe=\x00\n")
    (tmp_path / "gtk-3.0").mkdir()
    (tmp_path / "gtk-3.0" / "settings.ini").mkdir()  # a folder where the file should be
    assert system_prefers_reduced_motion(tmp_path) is False
