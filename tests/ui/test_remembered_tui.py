"""The setup page offers the remembered voice and breathing bar, and what it starts with is
remembered for next time (issue 14); the session page starts with the bar as chosen."""

from __future__ import annotations

from textual.widgets import Switch

from fakes import FakeClock
from triage_tui.core.session.remembered import Remembered, load, save
from triage_tui.ui.screens.session import SessionScreen
from triage_tui.ui.screens.session_setup import SessionSetupScreen
from ui_helpers import at_setup


async def test_the_setup_offers_and_keeps_voice_and_breathing(tmp_path, benign) -> None:
    save(tmp_path / "data", {"standard": Remembered(None, 6, None, False, False)})
    app = at_setup(tmp_path, benign, FakeClock())  # voice=False: as --no-voice says, for this run
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionSetupScreen)
        assert screen.query_one("#breathing", Switch).value is False
        assert screen.query_one("#voice", Switch).value is False
        assert screen.plan.prep_seconds == 6
        screen.query_one("#breathing", Switch).value = True
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        session = app.screen
        assert isinstance(session, SessionScreen) and not session.breathing.has_class("-hidden")
    assert load(tmp_path / "data")[0]["standard"] == Remembered(60, 6, 2, False, True)
