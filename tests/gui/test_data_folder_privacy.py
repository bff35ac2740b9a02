"""A data folder others can read: made private when it is the user's, else the user is told once."""

from __future__ import annotations

import os
import stat

import pytest

from tests.helpers.neighbours import neighbour_uid
from tests.helpers.processes import log_text, start_steady, stop


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("given_by", ["--data-dir", "STEADY_HOME"])
def test_an_existing_data_folder_others_can_read_is_made_private(tmp_path, qtbot, given_by):
    data = tmp_path / "shared-looking"
    data.mkdir()
    os.chmod(data, 0o755)
    (data / "settings.yaml").write_text("theme: dark\n")
    if given_by == "--data-dir":
        process = start_steady("now", "--data-dir", str(data))
    else:
        process = start_steady("now", STEADY_HOME=str(data))
    try:
        qtbot.waitUntil(lambda: "Steady started" in log_text(data) or process.poll() is not None, timeout=30000)
        assert process.poll() is None, process.stderr.read()
        assert _mode(data) == 0o700
        assert (data / "settings.yaml").read_text() == "theme: dark\n"
    finally:
        stop(process)


def test_a_data_folder_that_is_not_the_users_to_change_is_left_alone_and_the_user_told_once(make_window, data_paths):
    data_paths.root.mkdir()
    os.chmod(data_paths.root, 0o777)
    os.chown(data_paths.root, neighbour_uid(), neighbour_uid())
    first = make_window()
    notice = first.context.notices.with_key("data-folder-privacy")
    assert notice is not None
    assert str(data_paths.root) in notice.text and "other people" in notice.text
    info = os.stat(data_paths.root)
    assert (stat.S_IMODE(info.st_mode), info.st_uid) == (0o777, neighbour_uid())
    again = make_window()
    assert again.context.notices.with_key("data-folder-privacy") is None


def test_a_private_data_folder_brings_no_notice(make_window, data_paths):
    window = make_window()
    assert _mode(data_paths.root) == 0o700
    assert window.context.notices.with_key("data-folder-privacy") is None
