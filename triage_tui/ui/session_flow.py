"""The session journey: set up, run the timer, then the summary."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from triage_tui.core.decision import Decision
from triage_tui.core.flow import Answers, resolve
from triage_tui.core.session import SessionEngine
from triage_tui.core.session_plan import build_plan
from triage_tui.ui.screens.session import SessionEnd, SessionScreen
from triage_tui.ui.screens.session_setup import SessionSetupScreen
from triage_tui.ui.screens.session_summary import SessionSummaryScreen

if TYPE_CHECKING:
    from triage_tui.ui.app import TriageApp


class SessionJourney:
    """Runs inside the app's flow worker."""

    def __init__(self, app: TriageApp) -> None:
        self.app = app
        self.ruleset = app.ruleset

    async def run(self, decision: Decision, answers: Answers) -> Literal["back", "home"]:
        """"back" if the person left the setup screen; "home" once the session is over."""
        if not decision.allows_session:  # the result screen offers no start; this makes sure
            raise ValueError(f"no session can start from '{decision.outcome}'")
        plan = build_plan(self.ruleset, decision.modifications)
        chosen = await self.app.push_screen_wait(SessionSetupScreen(self.ruleset, plan))
        if chosen is None:
            return "back"
        plan, warn = chosen
        engine = SessionEngine(plan, self.app.clock, warn_at=10 if warn else None, wall=self.app.wall)
        values = resolve(self.ruleset, answers).values
        self.app.unsaved = "This session"
        end: SessionEnd = await self.app.push_screen_wait(SessionScreen(engine, self.ruleset, values))
        self.app.unsaved = None
        await self.app.push_screen_wait(SessionSummaryScreen(self.ruleset, end))
        return "home"
