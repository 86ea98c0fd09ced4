"""The check part of the journey: full or quick, the questions, the conclusion and its save,
the urgent step, the result, and the way on to the session setup.

A mixin of `Journey` (which owns home, confirm steps and quitting). The quick check's list of
urgent items is in `core.journey.quick`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from triage_tui.core.history.records import SavedScreening
from triage_tui.core.journey import events as ev
from triage_tui.core.journey import quick
from triage_tui.core.journey import steps as st
from triage_tui.core.journey.due import Daily, quick_check_ids
from triage_tui.core.journey.saves import SaveScreening
from triage_tui.core.journey.saves import SaveClearance
from triage_tui.core.screening.clearance import Applied, Clearance, apply_clearance, clearable, days_of, note_for
from triage_tui.core.screening.decision import Decision
from triage_tui.core.screening.questionnaire import Questionnaire
from triage_tui.core.screening.resolve import Answer, resolve
from triage_tui.core.session.cues import stop_cues_for

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from triage_tui.core.history.store import StoredSession
    from triage_tui.core.journey.saves import Save
    from triage_tui.core.rules.ruleset import RuleSet


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
    listed: frozenset[str] = frozenset()
    """A quick check's urgent items shown together on one list (`core.journey.quick`)."""
    ticked: frozenset[str] | None = None
    """The listed items that apply; None until the list is answered."""
    applied: Applied | None = None
    """What the clinician's clearance did to the last decision (`core.screening.clearance`)."""


class CheckPart:
    """State and steps of one check at a time."""

    ruleset: RuleSet
    step: st.Step
    covered: st.Step | None
    saves: list[Save]
    screening: SavedScreening | None
    sessions: list[StoredSession]
    wall: Callable[[], datetime]
    check: Check | None
    clearance: Clearance | None

    if TYPE_CHECKING:  # provided by Journey and SessionPart (declared only for type checkers:
        # a real method here would hide theirs)
        def today(self) -> Daily: ...
        def home(self) -> st.Home: ...
        def _confirm(self, purpose: st.Purpose, question: str, yes: str, no: str) -> None: ...
        def setup_step(self, decision: Decision, today: Daily, answers: Mapping[str, Answer]) -> st.Setup: ...
        def begin(self, setup: st.Setup, event: ev.Begin) -> None: ...
        def local_now(self) -> datetime: ...
        def _open_clearance(self) -> None: ...

    def _given(self) -> int:
        """Answers given in this check (a quick check counts only its own questions)."""
        if self.check is None:
            return 0
        scope = self.check.state.scope
        return sum(1 for k in self.check.state.answers if scope is None or k in scope)

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
            items = quick.listed(state)
            self.check = Check("quick", state, today.screening, listed=frozenset(q.id for q in items))
            if items:
                self.step = st.QuickList(items)
                return
        else:
            self.check = Check("full", Questionnaire.start(self.ruleset))
        self._ask()

    def _ask(self) -> None:
        check = self.check
        assert check is not None
        if check.ticked is not None:
            check = self.check = replace(check, state=quick.fill(check.state, check.listed, check.ticked))
        question = check.state.current
        if question is None:
            self._conclude(self._decide(check.state.answers))
            return
        progress = check.state.progress()
        # A section's introduction belongs to the full screening ("Now a few questions about..."):
        # the daily check asks one or two of its questions, and the intro promised more.
        intro = (self.ruleset.section_by_id[question.section].intro
                 if progress.first_in_section and check.kind == "full" else "")
        self.step = st.Ask(question, progress, check.state.answers.get(question.id), intro, check.kind)

    def _on_ask(self, event: ev.Event) -> None:
        check = self.check
        assert check is not None
        state = check.state
        if isinstance(event, ev.Answered):
            state = state.answer(event.value)
            decision = self._decide(state.answers)
            if decision.outcome == "urgent":
                # Stop at this answer: the urgent advice comes next, nothing else is asked.
                self.check = replace(check, state=state.go_to(self.step.question.id))  # type: ignore[union-attr]
                self._conclude(decision)
                return
        elif isinstance(event, ev.SkipQuestion) and self.step.question.optional:  # type: ignore[union-attr]
            state = state.skip()
        elif isinstance(event, ev.Back):
            if check.listed and quick.back_lands_on_list(state, check.listed):
                self._relist()
                return
            if state.at_start:
                self._leave_check()
                return
            state = state.back()
        else:
            return
        self.check = replace(check, state=state)
        self._ask()

    def _on_quicklist(self, event: ev.Event) -> None:
        check = self.check
        assert check is not None
        if isinstance(event, ev.Ticked) and set(event.ids) <= check.listed:
            self.check = replace(check, ticked=frozenset(event.ids))
            self._ask()
        elif isinstance(event, ev.Back):
            self._leave_check()

    def _relist(self) -> None:
        """Back to the list, with its ticks (answers are kept until the list is answered again)."""
        check = self.check
        assert check is not None
        state = Questionnaire.start(self.ruleset, check.state.answers, scope=check.state.scope)
        self.check = replace(check, state=state, ticked=None)
        self.step = st.QuickList(quick.listed(state), check.ticked or frozenset())

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

    def _decide(self, answers: Mapping[str, Answer]) -> Decision:
        """The decision, with the clinician's clearance applied (kept for the result's words)."""
        applied = apply_clearance(self.ruleset, answers, self.clearance, self.local_now().date())
        self._applied = applied
        return applied.decision

    def redecide(self) -> None:
        """Decide the check's answers again (a clearance was just recorded) and show the result."""
        assert self.check is not None
        self._conclude(self._decide(self.check.state.answers))

    def redecide_saved(self) -> None:
        """Decide the saved screening's answers again, as a check resting on it (its date kept)."""
        base = self.screening
        assert base is not None
        state = replace(Questionnaire.start(self.ruleset, base.answers), position=None)
        self.check = Check("quick", state, base)
        self._conclude(self._decide(base.answers))

    def _conclude(self, decision: Decision) -> None:
        """The check has its decision: save it (once per conclusion) and show it."""
        check = self.check
        assert check is not None
        now = self.wall()
        applied = getattr(self, "_applied", None)
        applied = applied if applied is not None and applied.decision is decision else Applied(decision)
        if applied.void is not None and self.clearance is not None:
            self.clearance = self.clearance.voided(now, applied.void)  # at once, and for good
            self.saves.append(SaveClearance(self.clearance))
        answers = check.state.answers
        if check.kind == "quick" and check.base is not None:
            saved = SavedScreening.from_decision(decision, answers, check.base.at)._replace(
                checked_at=now, sessions_before=check.base.sessions_before)
        else:
            saved = SavedScreening.from_decision(decision, answers, now)._replace(
                sessions_before=len(self.sessions))
        if applied.cleared:
            saved = saved._replace(cleared=tuple(r.rule for r in applied.cleared))
        self.screening = saved
        self.saves.append(SaveScreening(saved))
        base = check.base
        same = (base is not None and decision.allows_session and decision.outcome == base.outcome
                and decision.modifications == base.modifications)
        self.check = replace(check, decision=decision, result_skipped=same, saved=dict(answers), applied=applied)
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
        applied = check.applied
        note = note_for(applied, self.clearance, days_of(self.ruleset)) if applied is not None else None
        return st.Result(check.decision, dict(check.state.answers), values,
                         stop_cues_for(self.ruleset, values), check.kind, blocked, note,
                         bool(clearable(check.decision)))

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
        elif isinstance(event, ev.ClinicianSeen) and self.step.can_clear:  # type: ignore[union-attr]
            self._open_clearance()
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
