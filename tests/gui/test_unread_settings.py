"""The app never writes over a settings.yaml it could not read, and says where the old one went."""

from __future__ import annotations

ORIGINAL = "theme: dark\ncrisis_country: GB\n# " + "a long note. " * 25_000 + "\n"


def test_the_unread_file_is_kept_and_set_aside_only_for_a_change_on_purpose(make_window, data_paths):
    data_paths.root.mkdir(parents=True, exist_ok=True)
    data_paths.settings.write_text(ORIGINAL)
    window = make_window()
    context = window.context
    assert context.settings.theme == "system"
    assert any(f"{data_paths.settings}:1:1" in n.text for n in window.notices.notices())

    context.update_settings()  # what quitting does with a change Steady made by itself
    assert data_paths.settings.read_text() == ORIGINAL

    assert context.update_settings(theme="light")
    kept = [p for p in data_paths.root.iterdir() if p.name.startswith("settings.yaml.corrupt-")]
    assert len(kept) == 1 and kept[0].read_text() == ORIGINAL
    assert any(kept[0].name in n.text for n in window.notices.notices())
    assert "theme: light" in data_paths.settings.read_text()

    assert context.update_settings(volume=0.3)
    assert len([p for p in data_paths.root.iterdir() if p.name.startswith("settings.yaml.corrupt-")]) == 1
