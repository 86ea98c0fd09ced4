"""Cues that stay (issue 14): the end of a part stays on screen until the next part has shown
its first second; the end of the session stays until a key is pressed (the session is saved
meanwhile, and no tick moves it on)."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fakes import FakeClock
from triage_tui.core.history.store import Store
from triage_tui.core.journey import steps as st
from triage_tui.ui.screens.pain_rating import PainRatingScreen
from triage_tui.ui.screens.session import SessionScreen
from ui_helpers import advance, at_session

SIZE = (80, 24)


def cue_line(screen: SessionScreen) -> str:
    return str(screen.status_line.content)


@asynccontextmanager
async def short_session(tmp_path, benign):
    """One round of 20 s holds (a 70-year-old: shorter holds), 3 s to get ready."""
    clock = FakeClock()
    app = at_session(tmp_path, {**benign, "age_years": 70}, clock, hold=20, prep=3, rounds=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        yield app, pilot, clock


async def test_the_end_of_a_part_stays_through_the_first_second_of_the_next(tmp_path, benign) -> None:
    async with short_session(tmp_path, benign) as (app, pilot, clock):
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await advance(pilot, clock, 3.25)  # the get-ready countdown is over: the LEFT hold starts
        assert screen.shown.display == 20 and cue_line(screen) == "Go! Start the stretch"
        assert screen.status_line.has_class("-phase-end") and screen.flash_timer is None  # no timer takes it down
        await advance(pilot, clock, 0.5)  # still the hold's first second
        assert cue_line(screen) == "Go! Start the stretch"
        await advance(pilot, clock, 0.5)  # 19: the first second has been shown
        assert screen.shown.display == 19 and cue_line(screen) == ""
        await advance(pilot, clock, 18)  # "Ending in 3" flashes, then 2, then 1
        assert cue_line(screen) == "Ending in 1" and screen.flash_timer is not None
        await advance(pilot, clock, 1)  # the hold ends: the switch starts
        assert cue_line(screen) == "Time! Come out slowly" and screen.shown.phase.kind == "switch"
        await pilot.press("space")  # a pause says so at once, over a held cue
        await pilot.pause()
        assert cue_line(screen) == "Paused. Press space to go on."


async def test_the_end_of_the_session_stays_until_a_key_is_pressed(tmp_path, benign) -> None:
    async with short_session(tmp_path, benign) as (app, pilot, clock):
        screen = app.screen
        await advance(pilot, clock, 3 + 20 + 10 + 20 + 0.25, step=0.25)
        assert app.screen is screen and screen.finished
        assert isinstance(app.journey.step, st.RatePain)  # the journey has moved on; the page waits
        assert cue_line(screen) == "Time. Well done. Press any key to go on."
        assert screen.clock_digits.value == "0"
        sessions = Store(tmp_path / "data").load_sessions()
        assert sessions[-1][0].ended == "finished"  # saved already: a crash now loses nothing
        await advance(pilot, clock, 60)  # time passing (a tick) does not move it on
        assert app.screen is screen and cue_line(screen).startswith("Time. Well done.")
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, PainRatingScreen)
