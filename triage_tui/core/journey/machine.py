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
from triage_tui.core.journey.due import Daily, SavedHistory, daily_from
from triage_tui.core.journey.checking import Check, CheckPart
from triage_tui.core.journey.running import SessionPart
from triage_tui.core.journey.saves import SaveClinicianSeen, Transition
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.session.settings import Settings


class Journey(CheckPart, SessionPart):
    """Daily use, from the home screen to the end of a session, for every face."""

    def __init__(self, ruleset: RuleSet, *, screening: SavedScreening | None, sessions: Sequence[StoredSession],
                 cleared_at: datetime | None, clock: Clock, wall: Callable[[], datetime],
                 cleared_after: int | None = None,
                 tz: tzinfo | None = None, start: Literal["home", "session"] = "home",
                 settings: Settings = Settings()) -> None:
        super().__init__(ruleset, clock, wall, settings)
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
                                                     self.cleared_after),
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
            self.cleared_at, self.cleared_after = self.wall(), len(self.sessions)
            self.saves.append(SaveClinicianSeen(self.cleared_at, self.cleared_after))
            self.step = self.home()
