"""Sounds without voice (issue 14): one bell for each of T-3, T-2, T-1; three when a hold ends;
a pattern of its own at the end of the session; `m` silences all of it.

The bells are recorded through the player's public seams (`ring` and `later`), fed with the
cues of a whole two-round session of the pure journey, and through the session page of the
real app, whose `bell` is the terminal's.
"""

from __future__ import annotations

from collections import Counter

from fakes import FakeClock
from journey_helpers import Run, saved_screening
from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from triage_tui.sound.bells import GO, HOLD_END, ONE, SESSION_END, BellPlayer, pattern
from triage_tui.ui.screens.session import SessionScreen
from ui.ui_helpers import advance, running_session


class Recorder:
    """Rings at clock time + delay; keeps (time, 'bell') of every bell."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.rung: list[float] = []
        self.pending: list[tuple[float, object]] = []

    def ring(self) -> None:
        self.rung.append(self.clock.now())

    def later(self, delay: float, call) -> None:
        self.pending.append((self.clock.now() + delay, call))

    def run_due(self) -> None:
        due = [(t, c) for t, c in self.pending if t <= self.clock.now()]
        self.pending = [(t, c) for t, c in self.pending if t > self.clock.now()]
        for at, call in due:
            saved, self.clock.t = self.clock.t, at
            call()
            self.clock.t = saved


def whole_session(ruleset, benign, player_for) -> tuple[Run, list[tuple[str, tuple[float, ...]]]]:
    """A two-round session of 30 s holds, 5 s get-ready, ticking every 0.25 s: each cue moment
    with the bell pattern played for it."""
    run = Run(ruleset, screening=saved_screening(ruleset, benign, days_ago=2))
    run.to_session({**benign, "pain_today": 3}, hold=30, prep=5, rounds=2)
    player = player_for(run)
    assert isinstance(run.step, st.Running)
    last = len(run.step.snapshot.plan.phases) - 1
    played = []
    while isinstance(run.step, st.Running):
        run.clock.advance(0.25)
        done = run.journey.send(ev.Tick())
        if done.cues:
            kind = done.cues[-1].kind
            if kind == "end":
                kind = "session end" if done.cues[-1].index >= last else f"{done.cues[-1].phase.kind} end"
            played.append((kind, player.play(done.cues, last)))
    return run, played


def test_each_cue_has_its_own_rhythm_over_a_whole_session(ruleset, benign) -> None:
    recorders = []

    def player_for(run):
        recorder = Recorder(run.clock)
        recorders.append(recorder)
        return BellPlayer(recorder.ring, recorder.later)

    _run, played = whole_session(ruleset, benign, player_for)
    by_kind: dict[str, set] = {}
    for kind, bells in played:
        by_kind.setdefault(kind, set()).add(bells)
    assert by_kind == {"t3": {ONE}, "t2": {ONE}, "t1": {ONE}, "warn": {ONE}, "hold end": {HOLD_END},
                       "prep end": {GO}, "switch end": {GO}, "rest end": {GO}, "session end": {SESSION_END}}
    assert len(HOLD_END) == 3 and len(ONE) == 1
    assert SESSION_END not in (ONE, GO, HOLD_END) and len(set(SESSION_END)) == len(SESSION_END)
    counts = Counter(kind for kind, _ in played)
    assert counts["hold end"] == 3 and counts["session end"] == 1  # 4 holds: the last ends the session
    assert counts["t3"] == counts["t2"] == counts["t1"]


def test_muted_nothing_rings_not_even_the_rest_of_a_pattern(ruleset, benign) -> None:
    clock = FakeClock()
    recorder = Recorder(clock)
    player = BellPlayer(recorder.ring, recorder.later)
    run = Run(ruleset, screening=saved_screening(ruleset, benign, days_ago=2))
    run.to_session({**benign, "pain_today": 3}, hold=30, prep=5, rounds=1)
    last = len(run.step.snapshot.plan.phases) - 1  # type: ignore[union-attr]
    run.run_for(5 + 30 - 0.25, step=0.25)
    run.clock.advance(0.25)
    cues = run.journey.send(ev.Tick()).cues
    assert pattern(cues[-1], last) == HOLD_END
    assert player.play(cues, last) == HOLD_END and len(recorder.rung) == 1  # the first bell at once
    player.muted = True  # `m` just after the first bell
    clock.advance(1)
    recorder.run_due()
    assert len(recorder.rung) == 1
    assert player.play(cues, last) == () and len(recorder.rung) == 1


async def test_the_session_page_rings_through_the_app_bell_until_m(tmp_path, benign) -> None:
    async with running_session(tmp_path, benign, (100, 32)) as (pilot, clock):
        screen = pilot.app.screen
        assert isinstance(screen, SessionScreen)
        rung: list[float] = []
        later: list[float] = []
        pilot.app.bell = lambda: rung.append(clock.now())  # type: ignore[method-assign]
        screen.bells.later = lambda delay, _call: later.append(delay)  # type: ignore[method-assign]
        await advance(pilot, clock, 9.25)  # the get-ready countdown (10 s): 3, 2, 1 in its last seconds
        assert len(rung) == 3 and later == []
        await advance(pilot, clock, 1)  # the hold starts: the two bells of "Go"
        assert len(rung) == 4 and later == list(GO[1:])
        await pilot.press("m")
        await advance(pilot, clock, 60)  # 10 s left, 3, 2, 1 and the hold's end: all silent
        assert len(rung) == 4 and later == list(GO[1:]) and screen.shown.phase.kind == "switch"
