"""The screening journey: question by question, then the urgent stop or the result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from triage_tui.core.screening.decision import Decision
from triage_tui.core.screening.evaluator import decide
from triage_tui.core.screening.resolve import resolve
from triage_tui.core.screening.questionnaire import Questionnaire
from triage_tui.core.history.records import SavedScreening
from triage_tui.core.screening.summary import screening_markdown
from triage_tui.ui.screens.question import Answered, QuestionScreen
from triage_tui.ui.screens.result import ResultScreen
from triage_tui.ui.screens.urgent import UrgentScreen

if TYPE_CHECKING:
    from triage_tui.ui.app import TriageApp


@dataclass(frozen=True, slots=True)
class Screened:
    """How a screening ended."""

    next: Literal["quit", "welcome", "session"]
    state: Questionnaire
    """Where the questionnaire stands (finished, for "session")."""
    decision: Decision | None = None


class Screening:
    """Asks, decides, saves and shows the decision. Runs inside the app's flow worker.

    With `quick` (the saved screening), only the daily check's questions are asked; if the
    decision comes out the same as before, it goes straight on to the session.
    """

    def __init__(self, app: TriageApp, quick: SavedScreening | None = None) -> None:
        self.app = app
        self.ruleset = app.ruleset
        self.quick = quick

    async def run(self, state: Questionnaire) -> Screened:
        while True:
            asked = await self.ask(state)
            if asked is None:
                self.app.unsaved = None
                return Screened("welcome", state)
            state, decision = asked
            self.app.unsaved = None
            self._save(state, decision)
            if decision.outcome == "urgent":
                if await self.app.push_screen_wait(UrgentScreen(self.ruleset, decision)) == "undo":
                    state = state.without(state.position or "")
                    continue
                return Screened("quit", state, decision)
            quick = self.quick
            if (quick is not None and decision.allows_session and decision.outcome == quick.outcome
                    and decision.modifications == quick.modifications):
                return Screened("session", state, decision)  # nothing changed: on to the session
            self.quick = None  # from here on it is an ordinary result
            choice = await self.app.push_screen_wait(self.result_screen(state, decision))
            if choice == "change":
                state = state.back()
                continue
            if choice == "start" and decision.allows_session:
                return Screened("session", state, decision)
            return Screened("quit", state, decision)

    async def ask(self, state: Questionnaire) -> tuple[Questionnaire, Decision] | None:
        """Question by question until finished, or until an urgent answer stops it.

        Returns None if the person goes back from the first question. After an urgent stop the
        returned state stands on the question that caused it.
        """
        while (question := state.current) is not None:
            progress = state.progress()
            section = self.ruleset.section_by_id[question.section]
            screen = QuestionScreen(question, progress, state.answers.get(question.id),
                                    intro=section.intro if progress.first_in_section else "")
            result = await self.app.push_screen_wait(screen)
            if result == "back":
                if state.at_start:
                    return None
                state = state.back()
            elif result == "skip":
                state = state.skip()
            elif isinstance(result, Answered):
                state = state.answer(result.value)
                self.app.unsaved = "Your answers so far"
                decision = decide(self.ruleset, state.answers)
                if decision.outcome == "urgent":
                    return state.go_to(question.id), decision
        return state, decide(self.ruleset, state.answers)

    def _save(self, state: Questionnaire, decision: Decision) -> None:
        now = self.app.wall()
        if self.quick is not None:
            saved = SavedScreening.from_decision(decision, state.answers, self.quick.at)._replace(checked_at=now)
        else:
            saved = SavedScreening.from_decision(decision, state.answers, now)
        self.app.save(lambda: self.app.store.save_screening(saved))

    def result_screen(self, state: Questionnaire, decision: Decision) -> ResultScreen:
        when = self.app.now()
        values = dict(resolve(self.ruleset, state.answers).values)
        summary = screening_markdown(self.ruleset, decision, state.answers, when)
        default = self.app.summary_dir / f"triage-tui-summary-{when:%Y-%m-%d}.md"
        return ResultScreen(self.ruleset, decision, values, summary, default)
