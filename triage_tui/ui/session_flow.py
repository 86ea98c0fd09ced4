"""The session journey: set up, run the timer (saving as it goes), rate the pain, the summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from triage_tui.core.screening.decision import Decision
from triage_tui.core.screening.resolve import Answers, resolve
from triage_tui.core.session.engine import SessionEngine
from triage_tui.core.session.plan import build_plan
from triage_tui.core.session.record import SessionRecord
from triage_tui.ui.screens.pain_rating import PainRatingScreen
from triage_tui.ui.screens.session import SessionEnd, SessionScreen
from triage_tui.ui.screens.session_setup import SessionSetupScreen
from triage_tui.ui.screens.session_summary import SessionSummaryScreen

if TYPE_CHECKING:
    from triage_tui.ui.app import TriageApp


class SessionJourney:
    """Runs inside the app's flow worker. The session is saved from its first second on, so a
    crash, a closed terminal or a kill leaves it in the history as interrupted, never lost."""

    def __init__(self, app: TriageApp, extra_mods: Sequence[str] = ()) -> None:
        self.app = app
        self.ruleset = app.ruleset
        self.extra_mods = tuple(extra_mods)
        self.index: int | None = None

    async def run(self, decision: Decision, answers: Answers) -> Literal["back", "home"]:
        """"back" if the person left the setup screen; "home" once the session is over."""
        if not decision.allows_session:  # the result screen offers no start; this makes sure
            raise ValueError(f"no session can start from '{decision.outcome}'")
        order = [m.id for m in self.ruleset.modifications]
        mods = sorted(set(decision.modifications) | set(self.extra_mods), key=order.index)
        plan = build_plan(self.ruleset, mods)
        chosen = await self.app.push_screen_wait(SessionSetupScreen(self.ruleset, plan))
        if chosen is None:
            return "back"
        plan, warn = chosen
        engine = SessionEngine(plan, self.app.clock, warn_at=10 if warn else None, wall=self.app.wall)
        values = resolve(self.ruleset, answers).values
        pain_before = answers.get("pain_today")
        before = pain_before if isinstance(pain_before, int) else None

        def checkpoint(record: SessionRecord) -> None:
            self._save(record._replace(pain_before=before))

        def interrupted() -> None:
            checkpoint(engine.stop("interrupted"))

        self.app.interrupt_hook = interrupted
        self.app.unsaved = "The session will be saved as stopped early"
        try:
            end: SessionEnd = await self.app.push_screen_wait(
                SessionScreen(engine, self.ruleset, values, checkpoint=checkpoint))
        finally:
            self.app.interrupt_hook = None
            self.app.unsaved = None
        record = end.record._replace(pain_before=before)
        self._save(record)
        after = await self.app.push_screen_wait(
            PainRatingScreen("How bad is your back pain now, from 0 to 10?"))
        record = record._replace(pain_after=after)
        self._save(record)
        self.app.sessions.append(record)
        await self.app.push_screen_wait(SessionSummaryScreen(self.ruleset, end._replace(record=record)))
        return "home"

    def _save(self, record: SessionRecord) -> None:
        store, rules_hash = self.app.store, self.ruleset.hash
        if self.index is None:
            def add() -> None:
                self.index = store.add_session(record, rules_hash)
            self.app.save(add)
        else:
            index = self.index
            self.app.save(lambda: store.update_session(index, record, rules_hash))
