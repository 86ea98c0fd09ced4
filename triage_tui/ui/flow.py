"""The journey from "Start" on, in one place, top to bottom: each step awaits a screen's result.

Parts are imported when they begin: the home screen must appear fast, and the screening's
screens and engine cost about 30 ms of imports that it does not need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triage_tui.ui.app import TriageApp


class Flow:
    """Drives the screens. Runs inside the app's worker, so it can await `push_screen_wait`."""

    def __init__(self, app: TriageApp) -> None:
        self.app = app
        self.ruleset = app.ruleset

    async def run(self) -> None:
        """Screening, then the session it allows. Returns to the home screen, or exits."""
        from triage_tui.core.questionnaire import Questionnaire
        from triage_tui.ui.screening import Screening

        state = Questionnaire.start(self.ruleset)
        while True:
            screened = await Screening(self.app).run(state)
            if screened.next == "welcome":
                return
            if screened.next == "quit" or screened.decision is None:
                self.app.exit(0)
                return
            from triage_tui.ui.session_flow import SessionJourney

            if await SessionJourney(self.app).run(screened.decision, screened.state.answers) == "home":
                return
            state = screened.state  # back from the setup: the result screen again
