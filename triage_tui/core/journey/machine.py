"""The journey of daily use as one state machine: home, the check, the result, the session.

`Journey.send(event)` moves it on and returns what to save and which cues to present; `step`
is what a face shows next. It reads time only through the injected clocks and does no I/O,
so a test can walk every path. The session part lives in `core.journey.running`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from typing import Literal

from triage_tui.core.clock import Clock
from triage_tui.core.history.records import SavedScreening
from triage_tui.core.history.store import StoredSession
from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from triage_tui.core.journey.due import Daily, SavedHistory, daily_from, quick_check_ids
from triage_tui.core.journey.running import SessionPart
from triage_tui.core.journey.saves import SaveClinicianSeen, SaveScreening, Transition
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.screening.decision import Decision
from triage_tui.core.screening.evaluator import decide
from triage_tui.core.screening.questionnaire import Questionnaire
from triage_tui.core.screening.resolve import Answer, resolve
from triage_tui.core.session.cues import stop_cues_for
from triage_tui.core.session.settings import Settings


@dataclass(frozen=True, slots=True)
class Check:
    """One check in progress: full or quick, its questionnaire, and its conclusion."""

    kind: st.CheckKind
    state: Questionnaire
    base: SavedScreening | None = None
    """For a quick check: the full screening it rests on (its date is kept)."""
    decision: Decision | None = None
    result_skipped: bool = False
    """A quick check that decided as before goes straight to the setup."""
    saved: Mapping[str, Answer] | None = None
    """The answers of the last conclusion, which is saved; None before the first one."""


class Journey(SessionPart):
    """Daily use, from the home screen to the end of a session, for every face."""

    def __init__(self, ruleset: RuleSet, *, screening: SavedScreening | None, sessions: Sequence[StoredSession],
                 cleared_at: datetime | None, clock: Clock, wall: Callable[[], datetime],
                 tz: tzinfo | None = None, start: Literal["home", "session"] = "home",
                 settings: Settings = Settings()) -> None:
        super().__init__(ruleset, clock, wall, settings)
        self.screening = screening
        self.sessions: list[StoredSession] = list(sessions)
        self.cleared_at = cleared_at
        self.tz = tz
        self.check: Check | None = None
        self.covered: st.Step | None = None
        """The step under a confirm or dialog step; it comes back when that closes."""
        self.step: st.Step = self.home()
        if start == "session":
            self._start(full=False)

    # --- reading ------------------------------------------------------------------------------

    def today(self) -> Daily:
        """Where the person stands now, from everything saved so far (this journey's saves too)."""
        return daily_from(self.ruleset, SavedHistory(self.screening, self.sessions, self.cleared_at),
                          self.wall(), self.tz)

    def home(self) -> st.Home:
        return st.Home(self.today())

    def local_now(self) -> datetime:
        return self.wall().astimezone(self.tz)

    @property
    def unsaved(self) -> str | None:
        """What leaving now would lose or cut short, in words; None when nothing would."""
        step = self.covered if isinstance(self.step, st.OVER) else self.step
        if self.session_active:
            return "The session will be saved as stopped early"
        if isinstance(step, st.Ask) and self._given() and self.check is not None \
                and self.check.saved != dict(self.check.state.answers):
            return "Your answers so far will not be kept"
        return None

    def _given(self) -> int:
        """Answers given in this check (a quick check counts only its own questions)."""
        if self.check is None:
            return 0
        scope = self.check.state.scope
        return sum(1 for k in self.check.state.answers if scope is None or k in scope)

    # --- moving on ----------------------------------------------------------------------------

    def send(self, event: ev.Event) -> Transition:
        """Apply one event. Events that do not fit the current step change nothing."""
        self.saves, self.cues = [], []
        if isinstance(event, ev.Interrupt):
            self.stop_active("interrupted")
            self.step = st.End(event.code)
        elif isinstance(event, ev.Quit) and not isinstance(self.step, (st.ConfirmStep, st.End)):
            self._quit()
        else:
            handler = getattr(self, f"_on_{type(self.step).__name__.lower()}", None)
            if handler is not None:
                handler(event)
        return Transition(tuple(self.saves), tuple(self.cues))

    def _quit(self) -> None:
        what = self.unsaved
        if what is None:
            self.step = st.End(0)
            return
        self.pause_active()
        self._confirm("quit", f"Quit now? {what}.", "Quit", "Stay")

    def _confirm(self, purpose: st.Purpose, question: str, yes: str, no: str) -> None:
        self.covered = self.step
        self.step = st.ConfirmStep(purpose, question, yes, no)

    def _on_home(self, event: ev.Event) -> None:
        if isinstance(event, ev.Start):
            self._start(event.full)
        elif isinstance(event, ev.ShowHistory):
            self.step = st.History(tuple(self.sessions), self.today(), self.screening)
        elif isinstance(event, ev.ClinicianSeen) and self.today().refer is not None:
            self._confirm("seen", "Has a doctor or physio checked you about this since? Only say yes "
                                  "if they have.", "Yes, I was checked", "Not yet")

    def _on_history(self, event: ev.Event) -> None:
        if isinstance(event, (ev.Back, ev.Done)):
            self.step = self.home()

    def _on_confirmstep(self, event: ev.Event) -> None:
        if not isinstance(event, ev.Confirm):
            return
        purpose, covered = self.step.purpose, self.covered  # type: ignore[union-attr]
        self.covered = None
        if not event.yes:
            self.step = self.running_step() if isinstance(covered, st.Running) else covered  # type: ignore[assignment]
        elif purpose == "quit":
            self.stop_active("interrupted")
            self.step = st.End(0)
        elif purpose == "discard":
            self.check, self.step = None, self.home()
        elif purpose == "stop":
            self.end_session("quit")
        elif purpose == "seen":
            self.cleared_at = self.wall()
            self.saves.append(SaveClinicianSeen(self.cleared_at))
            self.step = self.home()

    # --- the check ----------------------------------------------------------------------------

    def _start(self, full: bool) -> None:
        today = self.today()
        if not full and today.rest_today is not None:
            self.step = st.Home(today)  # nothing to start today; the home screen says why
            return
        if not full and today.quick_check and today.screening is not None:
            scope = quick_check_ids(self.ruleset)
            kept = {k: v for k, v in today.screening.answers.items() if k not in scope}
            state = Questionnaire.start(self.ruleset, kept, scope=scope)
            self.check = Check("quick", state, today.screening)
        else:
            self.check = Check("full", Questionnaire.start(self.ruleset))
        self._ask()

    def _ask(self) -> None:
        check = self.check
        assert check is not None
        question = check.state.current
        if question is None:
            self._conclude(decide(self.ruleset, check.state.answers))
            return
        progress = check.state.progress()
        intro = self.ruleset.section_by_id[question.section].intro if progress.first_in_section else ""
        self.step = st.Ask(question, progress, check.state.answers.get(question.id), intro, check.kind)

    def _on_ask(self, event: ev.Event) -> None:
        check = self.check
        assert check is not None
        state = check.state
        if isinstance(event, ev.Answered):
            state = state.answer(event.value)
            decision = decide(self.ruleset, state.answers)
            if decision.outcome == "urgent":
                # Stop at this answer: the urgent advice comes next, nothing else is asked.
                self.check = replace(check, state=state.go_to(self.step.question.id))  # type: ignore[union-attr]
                self._conclude(decision)
                return
        elif isinstance(event, ev.SkipQuestion) and self.step.question.optional:  # type: ignore[union-attr]
            state = state.skip()
        elif isinstance(event, ev.Back):
            if state.at_start:
                self._leave_check()
                return
            state = state.back()
        else:
            return
        self.check = replace(check, state=state)
        self._ask()

    def _leave_check(self) -> None:
        check = self.check
        assert check is not None
        given = self._given()
        if not given or check.saved == dict(check.state.answers):
            self.check, self.step = None, self.home()  # nothing to lose: all of it is saved
            return
        if check.saved is not None:
            self._confirm("discard", "Leave the questions? Your result is saved, but the answers you "
                                     "changed since then will not be kept.", "Leave", "Stay")
            return
        answers = "1 answer" if given == 1 else f"{given} answers"
        self._confirm("discard", f"Leave the screening? The {answers} you gave will not be kept.",
                      "Leave", "Stay")

    def _conclude(self, decision: Decision) -> None:
        """The check has its decision: save it (once per conclusion) and show it."""
        check = self.check
        assert check is not None
        now = self.wall()
        answers = check.state.answers
        if check.kind == "quick" and check.base is not None:
            saved = SavedScreening.from_decision(decision, answers, check.base.at)._replace(checked_at=now)
        else:
            saved = SavedScreening.from_decision(decision, answers, now)
        self.screening = saved
        self.saves.append(SaveScreening(saved))
        base = check.base
        same = (base is not None and decision.allows_session and decision.outcome == base.outcome
                and decision.modifications == base.modifications)
        self.check = replace(check, decision=decision, result_skipped=same, saved=dict(answers))
        if decision.outcome == "urgent":
            self.step = st.Urgent(decision)
        elif same:
            self._setup()  # a quick check that changed nothing: straight on to the session
        else:
            self.step = self._result()

    def _result(self) -> st.Result:
        check = self.check
        assert check is not None and check.decision is not None
        values = resolve(self.ruleset, check.state.answers).values
        blocked = self.today().blocked if check.decision.allows_session else None
        return st.Result(check.decision, dict(check.state.answers), values,
                         stop_cues_for(self.ruleset, values), check.kind, blocked)

    def _on_urgent(self, event: ev.Event) -> None:
        check = self.check
        assert check is not None
        if isinstance(event, ev.Undo):
            position = check.state.position or ""
            self.check = replace(check, state=check.state.without(position), decision=None)
            self._ask()
        elif isinstance(event, ev.Done):
            self.check, self.step = None, self.home()

    def _on_result(self, event: ev.Event) -> None:
        check = self.check
        assert check is not None and check.decision is not None
        if isinstance(event, ev.StartSession) and check.decision.allows_session:
            self._setup()  # when blocked, the setup shows the plan and why it cannot start now
        elif isinstance(event, (ev.ChangeAnswers, ev.Back)):
            self.check = replace(check, state=check.state.back(), decision=None)
            self._ask()
        elif isinstance(event, ev.Done):
            self.check, self.step = None, self.home()

    def _setup(self) -> None:
        check = self.check
        assert check is not None and check.decision is not None
        self.step = self.setup_step(check.decision, self.today(), check.state.answers)

    def _on_setup(self, event: ev.Event) -> None:
        if isinstance(event, ev.Begin):
            self.begin(self.step, event)  # type: ignore[arg-type]
        elif isinstance(event, ev.Back):
            self.step = self._result()
        elif isinstance(event, ev.Done):
            self.check, self.step = None, self.home()

    def after_session(self) -> None:
        self.check = None
