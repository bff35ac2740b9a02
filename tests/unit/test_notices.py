"""The notices model (app/core/notices.py), without Qt: keys, actions, observers, held notices."""

from __future__ import annotations

from app.core.notices import Notice, Notices


def recording(notices: Notices) -> list[str]:
    seen: list[str] = []
    notices.observe(lambda n: seen.append(f"+{n.text}"), lambda n: seen.append(f"-{n.text}"))
    return seen


def test_a_key_shows_a_notice_once_replacing_the_one_before() -> None:
    notices = Notices()
    seen = recording(notices)
    notices.show("first", key="k")
    notices.show("other")
    notices.show("second", "warning", key="k")
    assert [n.text for n in notices.shown()] == ["other", "second"]
    assert seen == ["+first", "+other", "-first", "+second"]
    assert notices.with_key("k").level == "warning"


def test_notices_with_the_same_words_are_still_two_notices() -> None:
    notices = Notices()
    a, b = notices.show("same"), notices.show("same")
    notices.close(a)
    assert notices.shown() == (b,)
    notices.close(a)  # gone already: nothing happens
    assert notices.shown() == (b,)


def test_choosing_an_action_closes_its_notice_then_runs_it() -> None:
    notices = Notices()
    seen = recording(notices)
    ran: list[int] = []

    def breathe_again() -> None:
        ran.append(len(notices.shown()))
        notices.show("check in again", key="checkin")  # an action may show a notice with the same key

    notice = notices.show("check in", actions=[("Breathe now", breathe_again), ("Later", lambda: None)], key="checkin")
    notices.choose(notice, "Breathe now")
    assert ran == [0], "the notice was closed before the action ran"
    assert [n.text for n in notices.shown()] == ["check in again"]
    assert seen == ["+check in", "-check in", "+check in again"]


def test_dismiss_by_key_and_unknown_keys_are_quiet() -> None:
    notices = Notices()
    notices.show("a", key="a")
    notices.dismiss("nothing-here")
    notices.dismiss("a")
    assert notices.shown() == ()
    assert notices.with_key("a") is None


def test_held_notices_wait_for_release_and_are_shown_once() -> None:
    notices = Notices()
    seen = recording(notices)
    notices.hold("your settings file had problems", key="settings-problems")
    notices.hold("2 files could not be used", key="library-problems")
    assert notices.shown() == () and seen == []
    assert [text for text, _level, _key in notices.held()] == ["your settings file had problems", "2 files could not be used"]
    notices.release()
    assert [(n.text, n.level, n.key) for n in notices.shown()] == [
        ("your settings file had problems", "warning", "settings-problems"),
        ("2 files could not be used", "warning", "library-problems"),
    ]
    notices.release()
    assert len(notices.shown()) == 2 and notices.held() == ()


def test_a_notice_says_what_it_is() -> None:
    assert repr(Notice("Saved.", "info", (), "k")) == "Notice('Saved.', 'info', key='k')"
