"""Drive a `Journey` in tests: fixed clocks, answers from a dict, a session to its end."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from fakes import FakeClock
from triage_tui.core.history.records import SavedScreening
from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from triage_tui.core.journey.machine import Journey
from triage_tui.core.journey.saves import Save
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.screening.evaluator import decide

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)
ZONE = ZoneInfo("Europe/London")


class Wall:
    """A wall clock that moves only when told to."""

    def __init__(self, at: datetime = NOW) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


class Run:
    """A journey with its clocks, keeping every save and cue it made."""

    def __init__(self, ruleset: RuleSet, *, screening: SavedScreening | None = None,
                 sessions: list | None = None, start: str = "home", wall: Wall | None = None) -> None:
        self.clock = FakeClock()
        self.wall = wall or Wall()
        self.journey = Journey(ruleset, screening=screening, sessions=sessions or [], cleared_at=None,
                               clock=self.clock, wall=self.wall, tz=ZONE, start=start)  # type: ignore[arg-type]
        self.saves: list[Save] = []
        self.cues: list = []

    @property
    def step(self) -> st.Step:
        return self.journey.step

    def send(self, *events: ev.Event) -> st.Step:
        for event in events:
            done = self.journey.send(event)
            self.saves += done.saves
            self.cues += done.cues
        return self.journey.step

    def answer(self, answers: Mapping[str, Any]) -> list[str]:
        """Answer each question asked from `answers` until the journey leaves the questions."""
        asked = []
        while isinstance(self.step, (st.Ask, st.QuickList)):
            if isinstance(self.step, st.QuickList):
                # The daily list: tick the items whose answer is not "does not apply".
                items = self.step.items
                asked += [q.id for q in items]
                assert all(q.id in answers for q in items), "the test must answer every listed item"
                self.send(ev.Ticked(tuple(q.id for q in items if answers[q.id] != q.none_choice)))
                continue
            qid = self.step.question.id
            asked.append(qid)
            assert qid in answers, f"asked {qid!r}, which the test did not expect"
            value = answers[qid]
            self.send(ev.SkipQuestion() if value is None else ev.Answered(value))
        return asked

    def run_for(self, seconds: float, step: float = 0.5) -> None:
        """Let the timer run (ticking as a face would) for `seconds`, or until it stops."""
        for _ in range(round(seconds / step)):
            if not isinstance(self.step, st.Running):
                return
            self.clock.advance(step)
            self.send(ev.Tick())

    def to_session(self, answers: Mapping[str, Any], **settings: Any) -> None:
        """From home through the check (and the result, when shown) to a running timer."""
        self.send(ev.Start())
        self.answer(answers)
        if isinstance(self.step, st.Result):
            self.send(ev.StartSession())
        assert isinstance(self.step, st.Setup), self.step
        plan = self.step.plan
        begin = {"hold": plan.hold_seconds, "prep": plan.prep_seconds, "rounds": plan.rounds, **settings}
        self.send(ev.Begin(**begin))
        assert isinstance(self.step, st.Running), self.step


def saved_screening(ruleset: RuleSet, answers: Mapping[str, Any], days_ago: float) -> SavedScreening:
    """A full screening saved `days_ago` days before NOW."""
    return SavedScreening.from_decision(decide(ruleset, answers), answers, NOW - timedelta(days=days_ago))
