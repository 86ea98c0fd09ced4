"""The journey from "Start" on, in one place, top to bottom: each step awaits a screen's result.

Parts are imported when they begin: the home screen must appear fast, and the screening's
screens and engine cost about 30 ms of imports that it does not need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from triage_tui.ui.app import TriageApp


class Flow:
    """Drives the screens. Runs inside the app's worker, so it can await `push_screen_wait`."""

    def __init__(self, app: TriageApp) -> None:
        self.app = app
        self.ruleset = app.ruleset

    async def run(self, mode: Literal["quick", "full"]) -> None:
        """Screening (full, or the quick daily check), then the session it allows.

        Ends back on the home screen, or exits the app when the person quits.
        """
        from triage_tui.core.journey.due import quick_check_ids
        from triage_tui.core.screening.questionnaire import Questionnaire
        from triage_tui.ui.screening import Screening

        today = self.app.daily()
        saved = today.screening if mode == "quick" and today.quick_check else None
        if saved is not None:
            scope = quick_check_ids(self.ruleset)
            kept = {k: v for k, v in saved.answers.items() if k not in scope}
            state = Questionnaire.start(self.ruleset, kept, scope=scope)
        else:
            state = Questionnaire.start(self.ruleset)
        while True:
            screened = await Screening(self.app, saved).run(state)
            if screened.next == "welcome":
                return
            if screened.next == "quit" or screened.decision is None:
                self.app.exit(0)
                return
            from triage_tui.ui.session_flow import SessionJourney

            answers = screened.state.answers
            journey = SessionJourney(self.app, extra_mods=today.extra_mods)
            if await journey.run(screened.decision, answers) == "home":
                return
            state = screened.state  # back from the setup: the result screen again
            saved = None
