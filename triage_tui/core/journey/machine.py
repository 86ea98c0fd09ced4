"""The journey of daily use as one state machine: home, the check, the result, the session.

`Journey.send(event)` moves it on and returns what to save and which cues to present; `step`
is what a face shows next. It reads time only through the injected clocks and does no I/O,
so a test can walk every path. The session part lives in `core.journey.running`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import Literal

from triage_tui.core.clock import Clock
from triage_tui.core.history.records import SavedScreening
from triage_tui.core.history.store import StoredSession
from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from triage_tui.core.journey.due import SAID_CHECK_FIRST, Daily, SavedHistory, daily_from
from triage_tui.core.journey.checking import Check, CheckPart
from triage_tui.core.journey.running import SessionPart
from triage_tui.core.journey.saves import SaveClearance, Transition
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.screening import clearance as cl
from triage_tui.core.screening.clearance_form import Entry, read_entry
from triage_tui.core.screening.decision import Reason
from triage_tui.core.session.settings import Settings, allowed_ranges


class Journey(CheckPart, SessionPart):
    """Daily use, from the home screen to the end of a session, for every face."""

    def __init__(self, ruleset: RuleSet, *, screening: SavedScreening | None, sessions: Sequence[StoredSession],
                 cleared_at: datetime | None, clock: Clock, wall: Callable[[], datetime],
                 cleared_after: int | None = None,
                 tz: tzinfo | None = None, start: Literal["home", "session"] = "home",
                 settings: Settings = Settings(), clearance: cl.Clearance | None = None) -> None:
        super().__init__(ruleset, clock, wall, settings)
        self.clearance = clearance
        """The clinician's clearance (`core.screening.clearance`), if one was recorded."""
        self.clear_from: st.Step | None = None
        """The step the clearance form was opened from (it comes back on Back)."""
        self.screening = screening
        self.sessions: list[StoredSession] = list(sessions)
        self.cleared_at = cleared_at
        self.cleared_after = cleared_after
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
        return daily_from(self.ruleset, SavedHistory(self.screening, self.sessions, self.cleared_at,
                                                     self.cleared_after, self.clearance),
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
        elif isinstance(event, ev.ClinicianSeen) and self.today().clearable:
            self._open_clearance()

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

    # --- cleared by my clinician ----------------------------------------------------------------

    @property
    def hold_cap(self) -> int | None:
        """The clinician's hold limit, while their clearance counts."""
        c = self.clearance
        if c is None or c.hold_limit is None or c.voided_at is not None:
            return None
        return c.hold_limit if self.local_now().date() < c.lapses_on(cl.days_of(self.ruleset)) else None

    def _offered(self) -> tuple[tuple[Reason, ...], datetime | None]:
        """The reasons a clinician may clear now, and when the check that gave them was made."""
        if isinstance(self.step, st.Result):
            return cl.clearable(self.step.decision), self.wall()
        s = self.screening
        if s is None or s.outcome != "refer" or s.rules_hash != self.ruleset.hash:
            return (), None
        from triage_tui.core.screening.evaluator import decide

        return cl.clearable(decide(self.ruleset, s.answers)), s.checked_at or s.at

    def _open_clearance(self, problems: tuple[str, ...] = (), given: ev.ClearanceGiven | None = None) -> None:
        """The form; again, with what was wrong, when it is already open."""
        if isinstance(self.step, st.ClearanceForm):
            offered, earliest = self.step.offered, self.step.earliest
        else:
            self.clear_from = self.step
            offered, at = self._offered()
            earliest = at.astimezone(self.tz).date() if at is not None else None
        refer = self.today().refer
        self.step = st.ClearanceForm(offered, self.local_now().date(), earliest, allowed_ranges(self.ruleset)["hold"],
                                     cl.days_of(self.ruleset), refer.rule.message if refer else None,
                                     problems, given)

    def _on_clearanceform(self, event: ev.Event) -> None:
        form = self.step
        assert isinstance(form, st.ClearanceForm)
        if isinstance(event, (ev.Back, ev.Done)):
            self.step = self.clear_from if isinstance(self.clear_from, st.Result) else self.home()
            self.clear_from = None
            return
        if not isinstance(event, ev.ClearanceGiven):
            return
        entry = Entry(event.seen_on, event.name, event.reasons, event.hold_limit)
        read, problems = read_entry(entry, today=form.today, earliest=form.earliest,
                                    offered=tuple(r.rule for r in form.offered), hold_range=form.hold_range,
                                    days=form.days, needs_reason=form.escalation is None)
        if read is None:
            self._open_clearance(problems, event)
            return
        seen_on, name, reasons, limit = read
        evidence = {k: v for r in form.offered if r.rule in reasons for k, v in r.answers.items()}
        self.cleared_at, self.cleared_after = self.wall(), len(self.sessions)
        self.clearance = cl.Clearance(seen_on, self.cleared_at, reasons, evidence, name, limit, self.cleared_after)
        self.saves.append(SaveClearance(self.clearance))
        back, self.clear_from = self.clear_from, None
        if isinstance(back, st.Result) and self.check is not None:
            self.redecide()  # the next decision, with the reasons the clinician cleared
        elif reasons and self.screening is not None and self.today().why_full in (None, SAID_CHECK_FIRST):
            self.redecide_saved()
        else:
            self.step = self.home()
