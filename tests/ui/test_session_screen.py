"""The session screens through the real app, with a fake clock: no test waits on real time.

Each test starts from a saved screening, as daily use does: the quick check (the urgent items
and pain today) then leads straight to the session.
"""

from __future__ import annotations

import pytest

from triage_tui.core.history.store import Store
from triage_tui.ui.screens.advice import AdviceScreen
from triage_tui.ui.screens.result import ResultScreen
from triage_tui.ui.screens.session import LATE, LONGEST_SLEEP, SessionScreen
from triage_tui.ui.screens.session_dialogs import GapModal, PainStopModal
from triage_tui.ui.screens.session_setup import SessionSetupScreen
from triage_tui.ui.screens.session_summary import SessionSummaryScreen
from triage_tui.ui.screens.welcome import WelcomeScreen
from triage_tui.ui.widgets.keybar import KeyBar
from ui_helpers import advance, at_setup, rate, running_session

SIZE = (100, 32)


def footer_action(screen, key: str) -> str | None:
    """The action the Footer currently offers for a key (hidden ones are not offered)."""
    bound = screen.active_bindings.get(key)
    return bound.binding.action if bound and bound.enabled else None


async def test_setup_limits_and_start(tmp_path, benign) -> None:
    app = at_setup(tmp_path, {**benign, "age_years": 70})  # short holds: 20 to 30 s
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        setup = app.screen  # the quick check changed nothing, so straight to the setup
        assert isinstance(setup, SessionSetupScreen)
        assert setup.plan.hold_seconds == 30 and setup.plan.rounds == 1
        await pilot.press("right", "right")  # cannot go past the 30 s limit
        await pilot.press("left")
        await pilot.pause()
        assert setup.plan.hold_seconds == 25
        await pilot.press("down", "right", "right", "right")  # rounds: at most 2
        await pilot.pause()
        assert setup.plan.rounds == 2
        await pilot.press("escape")  # back to the result
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.snap.plan.hold_seconds == 30  # a new setup starts from the defaults


async def test_keys_do_what_they_say(tmp_path, benign) -> None:
    async with running_session(tmp_path, benign, SIZE) as (pilot, clock):
        app = pilot.app
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.snap.state == "running" and footer_action(screen, "space") == "pause"
        await advance(pilot, clock, 12)  # prep over, 2 s into the LEFT hold
        assert "LEFT leg in front" in str(screen.query_one("#phase").render())
        await pilot.press("space")
        await pilot.pause()
        assert screen.snap.state == "paused" and footer_action(screen, "space") == "resume"
        await advance(pilot, clock, 30)
        assert screen.shown.display == 58  # paused time does not count
        await pilot.press("space")
        await pilot.pause()
        assert screen.snap.state == "running" and footer_action(screen, "space") == "pause"
        await pilot.press("plus")
        await pilot.pause()
        assert screen.snap.plan.hold_seconds == 75 and screen.shown.display == 73
        await pilot.press("minus")
        await pilot.pause()
        assert screen.snap.plan.hold_seconds == 60
        await pilot.press("s")
        await pilot.pause()
        assert screen.shown.phase.kind == "switch"
        await pilot.press("b")
        await pilot.pause()
        assert screen.query_one("#breathing").has_class("-hidden")
        await pilot.press("m")
        await pilot.pause()
        assert screen.muted


async def test_help_pauses_the_timer_and_lists_the_session_keys(tmp_path, benign) -> None:
    async with running_session(tmp_path, benign, SIZE) as (pilot, clock):
        app = pilot.app
        screen = app.screen
        await advance(pilot, clock, 12)
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpModal" and screen.snap.state == "paused"
        words = "\n".join(str(s.render()) for s in app.screen.query("#help-text Static"))
        assert "stop now: something hurts" in words
        assert "Keys on this page" in words and "Breathe" in words  # every key of the page below
        clock.advance(20)  # reading takes a while; the hold waits
        screen.tick()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.snap.state == "paused"
        await pilot.press("space")
        await pilot.pause()
        assert screen.snap.state == "running" and screen.shown.display == 58


async def test_the_screen_wakes_when_something_changes(tmp_path, benign) -> None:
    """No polling: the next tick is due at the next whole second, or sooner for the breathing
    bar's next step while it shows; paused, the screen only checks in now and then."""
    async with running_session(tmp_path, benign, SIZE) as (pilot, clock):
        app = pilot.app
        screen = app.screen
        await advance(pilot, clock, 10.25)  # prep over, 0.25 s into the LEFT hold
        assert screen.shown.phase.kind == "hold"
        # Breathing in (4 s, 10 steps), the bar steps at 10.2, 10.6, 11.0 ... s of the session.
        assert screen.shown.active == pytest.approx(10.25)
        assert screen.next_tick_in() == pytest.approx(0.35 + LATE)
        await pilot.press("b")  # hide the bar: only the seconds matter
        await pilot.pause()
        assert screen.next_tick_in() == LONGEST_SLEEP  # the next second is 0.75 s away
        await advance(pilot, clock, 0.5)
        assert screen.next_tick_in() == pytest.approx(0.25 + LATE)
        await pilot.press("space")
        await pilot.pause()
        assert screen.next_tick_in() == LONGEST_SLEEP


async def test_a_whole_session_ends_on_the_summary(tmp_path, benign) -> None:
    async with running_session(tmp_path, {**benign, "age_years": 66}, SIZE) as (pilot, clock):
        app = pilot.app  # one round of 30 s holds
        await advance(pilot, clock, 10 + 30 + 10 + 30 + 0.5, step=0.5)
        await pilot.pause()
        await rate(pilot, 2)
        summary = app.screen
        assert isinstance(summary, SessionSummaryScreen)
        record = summary.step.record
        assert record.ended == "finished" and [h.done for h in record.holds] == [30, 30]
        assert (record.pain_before, record.pain_after) == (3, 2)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)


@pytest.mark.parametrize(("key", "cue", "urgent"), [("3", "sharp_pain", False), ("1", "nerve_emergency", True)])
async def test_pain_stop_asks_and_records(tmp_path, benign, key, cue, urgent) -> None:
    """The advice comes first, for every cue; after urgent advice nothing more is asked."""
    async with running_session(tmp_path, benign, SIZE) as (pilot, clock):
        app = pilot.app
        await advance(pilot, clock, 20)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PainStopModal)
        await pilot.press(key)
        await pilot.pause()
        advice = app.screen
        assert isinstance(advice, AdviceScreen)
        assert ("URGENT" in str(advice.query_one("#banner").render())) is urgent
        record = advice.step.record
        assert record.ended == "pain" and record.stop_cue == cue and record.holds[0].done == 10
        assert Store(tmp_path / "data").load_sessions()[-1][0] == record  # saved before anything else
        await pilot.press("enter")
        await pilot.pause()
        if urgent:
            assert isinstance(app.screen, WelcomeScreen)
            return
        await rate(pilot, None)
        summary = app.screen
        assert isinstance(summary, SessionSummaryScreen) and summary.step.record.stop_cue == cue


async def test_pain_stop_cancel_keeps_it_paused(tmp_path, benign) -> None:
    async with running_session(tmp_path, benign, SIZE) as (pilot, clock):
        app = pilot.app
        await advance(pilot, clock, 15)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.snap.state == "paused"


async def test_cramp_pauses_with_advice(tmp_path, benign) -> None:
    async with running_session(tmp_path, benign, SIZE) as (pilot, clock):
        app = pilot.app
        await advance(pilot, clock, 15)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("8")  # cramp
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.snap.state == "paused"
        assert "shake it out" in str(screen.query_one("#status").render())


async def test_quit_asks_then_records_a_partial_session(tmp_path, benign) -> None:
    async with running_session(tmp_path, benign, SIZE) as (pilot, clock):
        app = pilot.app
        await advance(pilot, clock, 25)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await rate(pilot, None)
        summary = app.screen
        assert isinstance(summary, SessionSummaryScreen)
        assert summary.step.record.ended == "quit" and summary.step.record.holds[0].done == 15


async def test_a_clock_jump_pauses_and_asks(tmp_path, benign) -> None:
    async with running_session(tmp_path, benign, SIZE) as (pilot, clock):
        app = pilot.app
        await advance(pilot, clock, 20)
        clock.advance(600)  # the laptop slept
        app.screen.tick()
        await pilot.pause()
        assert isinstance(app.screen, GapModal)
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.snap.state == "running" and screen.shown.display == 50


async def test_lying_down_knee_drops(tmp_path, benign) -> None:
    async with running_session(tmp_path, {**benign, "pain_today": 7}, SIZE) as (pilot, clock):
        screen = pilot.app.screen
        assert screen.snap.plan.style == "drops"
        await advance(pilot, clock, 10 + 9)  # 1 s into the second tip
        assert "RIGHT" in str(screen.query_one("#instruction").render())
        assert footer_action(screen, "plus") is None  # no hold length to change
        bar = str(screen.query_one(KeyBar).render())
        assert "Pain" in bar and "More" not in bar and "Less" not in bar  # so not offered either


async def test_plus_at_the_longest_hold_says_why_it_stays(tmp_path, benign, monkeypatch) -> None:
    """`+` past the version's longest hold: the notice says the hold stays and why (the core's
    words, as plain mode prints them), instead of claiming a change."""
    said: list[str] = []
    monkeypatch.setattr(SessionScreen, "notify", lambda self, message, **_: said.append(message))
    async with running_session(tmp_path, benign, SIZE) as (pilot, clock):
        screen = pilot.app.screen
        await advance(pilot, clock, 12)
        longest = screen.snap.plan.limits.hold_max
        while screen.snap.plan.hold_seconds < longest:
            await pilot.press("plus")
            await pilot.pause()
        await pilot.press("plus")
        await pilot.pause()
    assert said[-2:] == [f"Holds are now {longest} s on each side.",
                         f"Holds stay at {longest} s: the longest for this version of the stretch."]


async def test_the_pain_stop_menu_on_a_small_terminal_lists_every_cue(ruleset) -> None:
    """At 40x12 every cue is on screen at once, one line each with its number; the highlighted
    one shows in full; a number key still picks its cue."""
    from triage_tui.ui.app import TriageApp
    from ui_helpers import Host

    class SizedHost(Host):  # the app's size classes (-short, -narrow), so its small-screen styles apply
        HORIZONTAL_BREAKPOINTS = TriageApp.HORIZONTAL_BREAKPOINTS
        VERTICAL_BREAKPOINTS = TriageApp.VERTICAL_BREAKPOINTS

    cues = [cue for cue in ruleset.stop_cues if cue.shown_when is None]
    host = SizedHost(lambda: PainStopModal(cues))
    async with host.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        options = pilot.app.screen.query_one("#cues")
        shown = [line for y in range(options.size.height) if (line := options.render_line(y).text.strip())]
        assert [line.split(" ", 1)[0] for line in shown] == [str(n) for n in range(1, len(cues) + 1)]
        await pilot.press("down")  # the first cue highlighted: its whole label
        await pilot.pause()
        words = " ".join(" ".join(options.render_line(y).text.split()) for y in range(options.size.height))
        assert " ".join(cues[0].label.split()) in words
        await pilot.press(str(len(cues)))
        await pilot.pause()
    assert host.chosen == [cues[-1]]
