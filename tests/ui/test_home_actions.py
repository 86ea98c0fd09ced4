"""The home page's ways in (light stand-ins for buttons, issue 9's start-up) work as buttons did:
Start has the focus, Tab moves between them, Enter runs the focused one, a click runs the one
clicked, and a disabled one does nothing."""

from __future__ import annotations

from triage_tui.ui.screens.history import HistoryScreen
from triage_tui.ui.screens.question import QuestionScreen
from triage_tui.ui.screens.welcome import HomeAction, WelcomeScreen
from ui_helpers import make_app, seed_screening

SIZE = (100, 32)


async def test_start_has_the_focus_and_tab_then_enter_runs_the_focused_action(tmp_path, benign) -> None:
    seed_screening(tmp_path, benign)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, WelcomeScreen)
        assert [a.id for a in home.query(HomeAction)] == ["start", "full", "history"]
        assert app.focused is home.query_one("#start") and str(home.query_one("#start").label).startswith("Quick")
        await pilot.press("tab")
        assert app.focused is home.query_one("#full")
        await pilot.press("enter")  # the focused action, not the page's Enter (the quick check)
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.journey.step.check == "full"  # type: ignore[union-attr]


async def test_a_click_runs_the_action_clicked(tmp_path, benign) -> None:
    seed_screening(tmp_path, benign)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#history")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_a_disabled_action_does_nothing(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = app.screen.query_one("#start", HomeAction)
        start.disabled = True
        start.action_press()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
