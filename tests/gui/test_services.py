"""Wiring: services built once and passed in, the window's declared extension points, and the
window hook that tools (python -m bench.launch) use to watch the real app."""

from __future__ import annotations

import errno
from datetime import tzinfo

import pytest

from app.core.clock import MonotonicClock, WallClock
from app.gui.application import CALM_NOTICE_DELAY_MS, show_start_notices_when_calm
from app.gui.moment.feature import MomentFeature
from app.gui.reminders.feature import RemindersFeature
from app.gui.services import Services, SystemPlayers, dialog_prompts, real_services
from app.gui.single_instance import LaunchRequest
from tests.gui.conftest import breathe_page
from tests.gui.test_session_services import DiskState, failing_history
from tests.helpers.stubs import FakeClock


def test_the_context_reads_its_services_and_nobody_swaps_one(make_window, fake_clock, fake_timers):
    wall = FakeClock(1_715_000_000.0)
    window = make_window(wall_clock=wall)
    context = window.context
    assert isinstance(context.services, Services)
    assert context.clock is fake_clock and context.wall_clock is wall and context.timers is fake_timers
    assert window.notices.model is context.notices
    for name in ("clock", "wall_clock", "timers", "zone", "prompts", "notices"):
        with pytest.raises(AttributeError):
            setattr(context, name, None)
    with pytest.raises(AttributeError):
        context.services.clock = MonotonicClock()  # a NamedTuple: built once, never changed


def test_the_real_services_are_the_real_clocks_timers_dialogs_and_zone() -> None:
    from app.gui.prompts import DialogPrompts
    from app.timers import qt_timer

    services = real_services()
    assert isinstance(services.clock, MonotonicClock) and isinstance(services.wall_clock, WallClock)
    assert services.timers is qt_timer
    assert isinstance(services.player_factory, SystemPlayers)
    assert services.prompts is dialog_prompts and isinstance(dialog_prompts(None), DialogPrompts)
    assert isinstance(services.zone(), tzinfo)
    assert real_services().notices is not services.notices, "each app gets its own notices"


def test_the_real_player_factory_probes_the_sound_system_once(monkeypatch) -> None:
    import app.audio

    probes: list[int] = []
    made: list[tuple[str, object]] = []
    monkeypatch.setattr(app.audio, "detect_sound_support", lambda: probes.append(1) or "support")
    monkeypatch.setattr(app.audio, "make_player", lambda sound_set, volume, notify, support: made.append((sound_set, support)))
    players = SystemPlayers()
    players("soft", 0.5, print)
    players("wood", 0.5, print)
    assert probes == [1] and made == [("soft", "support"), ("wood", "support")]


def test_a_session_and_each_flow_announce_the_pacer_they_show(make_window, qtbot):
    window = make_window()
    shown = []
    window.pacerShown.connect(shown.append)
    assert window.showing_pacer() is None
    window.start_breathing("box")
    assert shown == [breathe_page(window).session.pacer] and window.showing_pacer() is shown[0]
    window.handle_request(LaunchRequest("now"))
    flow_pacer = window.page("moment").view.pacer
    assert shown[-1] is flow_pacer and window.showing_pacer() is flow_pacer
    window.page("moment").view.leave()
    window.handle_request(LaunchRequest("now"))
    assert shown[-1] is window.page("moment").view.pacer is not flow_pacer, "a new flow, a new pacer"


def test_features_are_found_by_type_and_installed_once(make_window):
    window = make_window()
    moment = window.features[MomentFeature]
    assert isinstance(moment, MomentFeature)
    assert window.features.get(RemindersFeature) is not None
    assert window.features.get(dict) is None
    with pytest.raises(KeyError, match="no dict is installed"):
        window.features[dict]
    with pytest.raises(ValueError, match="MomentFeature is installed"):
        window.features.add(moment)


def test_features_plug_in_through_the_declared_points(make_window, qtbot):
    from tests.gui.conftest import activate

    window = make_window()
    activate(qtbot, window)
    moment = window.features[MomentFeature]
    assert window.breathe_now_button.geometry().bottom() < moment.help_button.geometry().top() < window.nav.geometry().top()
    assert window.nav.keys() == ["breathe", "moment", "progress", "patterns", "settings"]
    window.breathe_now()  # the handler the moment feature declared: the flow, not the Breathe page
    assert window.current_page_key() == "moment"


def test_start_problems_held_after_steady_now_come_after_five_minutes_anyway(make_window, data_paths, fake_timers):
    data_paths.exercises.mkdir(parents=True)
    (data_paths.exercises / "mine.yaml").write_text("name: Mine\nphases: 3\ncycles: 2\n")
    window = make_window(quiet=True)
    window.handle_request(LaunchRequest("now"))
    show_start_notices_when_calm(window)

    def told() -> bool:
        return any("could not be used" in n.text for n in window.notices.notices())

    fake_timers.advance(CALM_NOTICE_DELAY_MS / 1000 - 1)
    assert not told()
    fake_timers.advance(1)
    assert told()
    window.show_page("progress")  # moving on later shows nothing twice
    assert sum("could not be used" in n.text for n in window.notices.notices()) == 1


def test_unsaved_practice_is_retried_every_30_seconds_on_the_injected_timers(make_window, qtbot, fake_timers):
    window = make_window()
    disk = DiskState(errno.ENOSPC)
    history = failing_history(window, disk)
    window.start_breathing("box")
    qtbot.waitUntil(lambda: history.unsaved_count() == 1)
    disk.full = False
    fake_timers.advance(29)
    assert history.unsaved_count() == 1
    fake_timers.advance(1)
    assert history.unsaved_count() == 0
    assert len(history.store.list_sessions()) == 1


def test_a_launched_breathe_start_reports_its_first_real_frame(tmp_path):
    from tests.helpers.processes import run_launched

    done = run_launched("--first-frame", "breathe", "calm-exhale", "--data-dir", str(tmp_path / "data"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("first-frame ")
    assert "pyqtgraph-loaded 0" in done.stdout
