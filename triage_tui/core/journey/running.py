"""The session part of the journey: setup, the running timer, the pain stop, pain after, summary.

A mixin of `Journey` (which owns the check and the home screen). Every engine call goes
through `_engine_call`, which drains the engine's cue queue, saves a checkpoint at each phase
end and notices the end of the session, so no face has to.
"""

from __future__ import annotations

import itertools
from functools import partial
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from triage_tui.core.clock import Clock
from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from triage_tui.core.journey.due import REST_TODAY_ACTIONS, Daily
from triage_tui.core.journey.saves import Save, SaveSession
from triage_tui.core.rules.conditions import Value
from triage_tui.core.rules.ruleset import RuleSet, StopCue
from triage_tui.core.screening.decision import Decision
from triage_tui.core.screening.resolve import Answer, resolve
from triage_tui.core.session.cues import stop_cues_for
from triage_tui.core.session.engine import CueEvent, SessionEngine, Snapshot
from triage_tui.core.session.exercise import chosen
from triage_tui.core.session.plan import build_plan
from triage_tui.core.session.record import SessionRecord
from triage_tui.core.session.progression import propose
from triage_tui.core.session.remembered import (Remembered, SaveSettings, merged, remembered_now, starting_values,
                                                variant_key)
from triage_tui.core.session.settings import Settings

if TYPE_CHECKING:
    from triage_tui.core.history.store import StoredSession

PAIN_TODAY = "pain_today"
"""The brief's item 20 ("pain today", 0-10): its answer is the session's pain before."""
WARN_AT = 10
"""Seconds before the end of a hold for the early warning, when it is on."""


class SessionPart:
    """State and steps of one session at a time."""

    step: st.Step
    covered: st.Step | None
    sessions: list[StoredSession]
    saves: list[Save]
    cues: list[CueEvent]

    def __init__(self, ruleset: RuleSet, clock: Clock, wall: Callable[[], datetime],
                 settings: Settings = Settings()) -> None:
        self.ruleset = ruleset
        self.settings = settings
        """Settings given ahead of time (command-line flags); the setup starts from them."""
        self.clock = clock
        self.wall = wall
        self.engine: SessionEngine | None = None
        self.notice: str | None = None
        self.values: Mapping[str, Value] = {}
        self.pain_before: int | None = None
        self.record: SessionRecord | None = None
        self.cue: StopCue | None = None
        self._key: int | None = None
        self._keys = itertools.count(1)
        self._position: int | None = None
        self.remembered: dict[str, Remembered] = {}
        """Settings remembered per version of the stretch (set by `persist.open_journey`)."""

    # Provided by Journey.
    hold_cap: int | None
    def home(self) -> st.Home: ...  # pragma: no cover
    def today(self) -> Daily: ...  # pragma: no cover
    def after_session(self) -> None: ...  # pragma: no cover

    @property
    def session_active(self) -> bool:
        return self.engine is not None and self.engine.state in ("running", "paused")

    # --- before the timer ---------------------------------------------------------------------

    def setup_step(self, decision: Decision, today: Daily, answers: Mapping[str, Answer]) -> st.Setup:
        """The plan from the decision, made gentler where the history asks for it."""
        order = [m.id for m in self.ruleset.modifications]
        mods = sorted(set(decision.modifications) | set(today.extra_mods), key=order.index)
        why = tuple(f"{', '.join(m.title for m in chosen(self.ruleset, g.mods))} this time. {g.why}"
                    for g in today.gentler)
        pain = answers.get(PAIN_TODAY)
        self.pain_before = pain if isinstance(pain, int) else None
        self.values = resolve(self.ruleset, answers).values
        cap = self.hold_cap
        plan = build_plan(self.ruleset, mods, hold_cap=cap)
        if cap is not None and cap <= plan.limits.hold_max:
            why += (f"Your clinician set the longest hold at {cap} seconds.",)
        mine = self.remembered.get(variant_key(plan.mods), Remembered())
        proposal = propose(self.ruleset, [r for r, _ in self.sessions], plan.mods, plan.limits)
        values, notes = starting_values(self.settings, proposal, mine, plan.limits)
        plan, why = build_plan(self.ruleset, mods, **values, hold_cap=cap), why + notes
        return st.Setup(plan, True, why, today.blocked, cap, mine.voice, mine.breathing is not False)

    def begin(self, setup: st.Setup, event: ev.Begin) -> None:
        """Start the timer with the chosen settings, within the plan's limits (else stay)."""
        if setup.blocked is not None or self.session_active:
            return
        try:
            plan = build_plan(self.ruleset, setup.plan.mods, hold=event.hold, prep=event.prep,
                              rounds=event.rounds, style=event.style, tips=event.tips, hold_cap=setup.hold_cap)
        except ValueError:
            return
        self.engine = SessionEngine(plan, self.clock, warn_at=WARN_AT if event.warn else None, wall=self.wall)
        now = remembered_now(self.settings, plan.hold_seconds, plan.prep_seconds, plan.rounds, event.voice,
                             event.breathing)  # offered again next time, for this version
        key = variant_key(plan.mods)
        self.remembered = merged(self.remembered, key, now)
        self.saves.append(SaveSettings(key, now, self.remembered))  # type: ignore[arg-type]
        self._key, self._position, self.cue, self.notice = next(self._keys), None, None, None
        self._engine_call(self.engine.start)

    # --- the timer ----------------------------------------------------------------------------

    def running_step(self) -> st.Running:
        assert self.engine is not None
        return st.Running(self.engine.snapshot(), self.notice)

    def _engine_call(self, call: Callable[[], Snapshot]) -> None:
        engine = self.engine
        assert engine is not None
        first = engine.state == "ready"
        call()
        drained = engine.drain()
        self.cues += drained
        kinds = {c.kind for c in drained}
        if engine.state == "done":
            self._finish(engine.record())
        elif first or "end" in kinds:
            self._checkpoint()
        if engine.state == "paused" and "gap" in kinds:
            self.covered, self.step = self.running_step(), st.AskGap()
        elif engine.state in ("running", "paused"):
            self.step = self.running_step()

    def _checkpoint(self) -> None:
        """Saved at the start and at each phase end: a crash loses at most one phase."""
        assert self.engine is not None
        self._save(self.engine.record()._replace(ended="interrupted", ended_at=self.wall()))

    def _save(self, record: SessionRecord) -> None:
        assert self._key is not None
        record = record._replace(pain_before=self.pain_before)
        self.record = record
        self.saves.append(SaveSession(self._key, record, self.ruleset.hash))
        if self._position is None:
            self._position = len(self.sessions)
            self.sessions.append((record, self.ruleset.hash))
        else:
            self.sessions[self._position] = (record, self.ruleset.hash)

    def _on_running(self, event: ev.Event) -> None:
        engine = self.engine
        assert engine is not None
        if isinstance(event, (ev.TogglePause, ev.Pause, ev.Tick, ev.SkipPhase, ev.Adjust)):
            if isinstance(event, ev.TogglePause) and engine.state == "paused":
                self.notice = None
            if isinstance(event, ev.Adjust):
                self._engine_call(partial(engine.adjust, event.seconds))
            else:
                calls = {ev.Tick: engine.tick, ev.TogglePause: engine.toggle_pause, ev.Pause: engine.pause,
                         ev.SkipPhase: engine.skip}
                self._engine_call(calls[type(event)])
        elif isinstance(event, ev.PainStop):
            self._engine_call(engine.pause)
            if self.session_active:
                self.covered = self.step
                self.step = st.AskPain(stop_cues_for(self.ruleset, self.values))
        elif isinstance(event, ev.StopSession):
            self.pause_active()
            self.covered = self.step
            self.step = st.ConfirmStep("stop", "Stop the session now? What you did so far is kept.",
                                       "Stop", "Go on")

    def pause_active(self) -> None:
        """Pause a running timer (before a dialog covers it)."""
        if self.engine is not None and self.engine.state == "running":
            self._engine_call(self.engine.pause)

    def stop_active(self, reason: Literal["quit", "interrupted"]) -> None:
        """End a running or paused session now and save it with `reason`."""
        if self.session_active:
            assert self.engine is not None
            self._save(self.engine.stop(reason))
            self.engine = None

    def _on_askpain(self, event: ev.Event) -> None:
        if not isinstance(event, ev.CueChosen):
            return
        cues = self.step.cues  # type: ignore[union-attr]
        cue = next((c for c in cues if c.id == event.cue), None)
        self.covered = None
        if cue is None or cue.action == "pause":
            self.notice = cue.message if cue is not None else None
            self.step = self.running_step()  # still paused; the person goes on when ready
            return
        assert self.engine is not None
        self.cue = cue
        self._save(self.engine.stop("pain", cue.id))
        self.engine = None
        self.step = st.Advice(cue, self.record, urgent=cue.action == "urgent")  # type: ignore[arg-type]

    def _on_askgap(self, event: ev.Event) -> None:
        if not isinstance(event, ev.GapChoice):
            return
        engine = self.engine
        assert engine is not None
        self.covered = None
        if event.choice == "stop":
            self.end_session("interrupted")
            return
        if event.choice == "restart":
            engine.restart_phase()
        self._engine_call(engine.resume)

    def end_session(self, reason: Literal["quit", "interrupted"]) -> None:
        """Stopped early by the person: saved, then the pain after."""
        self.stop_active(reason)
        self.step = st.RatePain()

    def _finish(self, record: SessionRecord) -> None:
        self._save(record)
        self.engine = None
        self.step = st.RatePain()

    def _on_advice(self, event: ev.Event) -> None:
        if isinstance(event, ev.Done):
            if self.step.urgent:  # type: ignore[union-attr]
                self._close()
            else:
                self.step = st.RatePain()

    def _on_ratepain(self, event: ev.Event) -> None:
        if isinstance(event, ev.Rated) and self.record is not None:
            pain = event.pain if event.pain is not None and 0 <= event.pain <= 10 else None
            self._save(self.record._replace(pain_after=pain))
            cue = self.cue
            titles = tuple(m.title for m in chosen(self.ruleset, cue.next_time_mods)) if cue else ()
            rest = cue is not None and cue.action in REST_TODAY_ACTIONS
            self.step = st.Summary(self.record, cue, titles, rest)

    def _on_summary(self, event: ev.Event) -> None:
        if isinstance(event, ev.Done):
            self._close()

    def _close(self) -> None:
        self.record, self.cue, self._key = None, None, None
        self.after_session()
        self.step = self.home()
