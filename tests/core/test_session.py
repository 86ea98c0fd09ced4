"""The session plan and engine, driven by a fake clock. Nothing here sleeps."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from support import RULES_DIR
from fakes import FakeClock
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.session.engine import SessionEngine
from triage_tui.core.session.plan import breath, breath_next_change, build_plan, drop_instruction, phase_words

RULESET = load_rules(RULES_DIR, use_cache=False)


def kinds(plan) -> list[tuple[str, int, str | None]]:
    return [(p.kind, p.seconds, p.side) for p in plan.phases]


def test_standard_plan_phases() -> None:
    plan = build_plan(RULESET, ())
    assert (plan.hold_seconds, plan.prep_seconds, plan.rounds) == (60, 10, 2)
    assert kinds(plan) == [
        ("prep", 10, None),
        ("hold", 60, "left"), ("switch", 10, None), ("hold", 60, "right"),
        ("rest", 15, None),
        ("hold", 60, "left"), ("switch", 10, None), ("hold", 60, "right"),
    ]
    # the switch and the rest are extra: every side still gets its whole hold
    assert sum(p.seconds for p in plan.phases if p.kind == "hold") == 4 * 60


def test_short_holds_plan() -> None:
    plan = build_plan(RULESET, ("no_forward_lean", "short_holds"))
    assert (plan.hold_seconds, plan.rounds) == (30, 1)
    assert kinds(plan) == [("prep", 10, None), ("hold", 30, "left"), ("switch", 10, None), ("hold", 30, "right")]
    with pytest.raises(ValueError, match="hold must be from 20 to 30"):
        build_plan(RULESET, ("short_holds",), hold=45)
    assert build_plan(RULESET, ("short_holds",), rounds=2).rounds == 2
    with pytest.raises(ValueError, match="rounds must be from 1 to 2"):
        build_plan(RULESET, ("short_holds",), rounds=3)


def test_supine_plan_as_knee_drops_or_easy_hold() -> None:
    drops = build_plan(RULESET, ("supine", "short_holds"))
    assert drops.position == "lying" and drops.style == "drops"
    assert kinds(drops) == [("prep", 10, None), ("drops", 64, None)]
    hold = build_plan(RULESET, ("supine", "short_holds"), style="hold")
    assert kinds(hold) == [("prep", 10, None), ("hold", 30, "left"), ("switch", 10, None), ("hold", 30, "right")]
    assert phase_words(hold, hold.phases[1]) == "Hold · knees tipped to the LEFT · round 1 of 1"
    with pytest.raises(ValueError, match="only for the lying-down"):
        build_plan(RULESET, (), style="drops")


def test_limits_for_prep_and_rounds() -> None:
    assert build_plan(RULESET, (), prep=0).phases[0].kind == "hold"
    for bad in ({"prep": 16}, {"hold": 29}, {"hold": 121}, {"rounds": 0}):
        with pytest.raises(ValueError):
            build_plan(RULESET, (), **bad)


def test_phase_words_name_the_side() -> None:
    plan = build_plan(RULESET, ())
    assert phase_words(plan, plan.phases[1]) == "Hold · LEFT leg in front · round 1 of 2"
    assert phase_words(plan, plan.phases[3]) == "Hold · RIGHT leg in front · round 1 of 2"
    assert phase_words(plan, plan.phases[2]) == "Switch sides · round 1 of 2"


def run(engine: SessionEngine, clock: FakeClock, seconds: float, step: float = 0.125) -> list:
    """Tick every `step` seconds (exact in binary) for `seconds`; return every snapshot."""
    snaps = []
    for _ in range(round(seconds / step)):
        clock.advance(step)
        snaps.append(engine.tick())
        snaps[-1] = snaps[-1]._replace(active=round(clock.now() - 1000, 1))  # the clock time, for tests
    return snaps


def boundaries(plan) -> list[float]:
    out, t = [], 0.0
    for p in plan.phases:
        t += p.seconds
        out.append(t)
    return out


@pytest.mark.parametrize("mods", [(), ("short_holds",), ("supine", "short_holds")])
def test_whole_session_phase_sequence_and_durations(mods) -> None:
    plan = build_plan(RULESET, mods)
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    seen = []
    for snap in run(engine, clock, plan.active_seconds + 1):
        if snap.phase is not None and (not seen or seen[-1][0] != snap.index):
            seen.append((snap.index, snap.active))
    assert [i for i, _ in seen] == list(range(len(plan.phases)))
    assert [t for _, t in seen[1:]] == [round(b + 0.0, 1) for b in boundaries(plan)[:-1]]
    record = engine.record()
    assert record.ended == "finished" and not record.partial
    assert all(h.done == h.planned for h in record.holds)


def test_displayed_seconds_step_down_one_at_a_time() -> None:
    plan = build_plan(RULESET, ("short_holds",), prep=5)
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    shown = []
    for snap in run(engine, clock, plan.active_seconds, step=0.07):
        if snap.phase is not None and (not shown or shown[-1] != (snap.index, snap.display)):
            shown.append((snap.index, snap.display))
    for index, phase in enumerate(plan.phases):
        seconds = [d for i, d in shown if i == index]
        assert seconds == list(range(phase.seconds, 0, -1)), index


def test_cues_in_order() -> None:
    plan = build_plan(RULESET, ("short_holds",), prep=5)
    clock = FakeClock()
    engine = SessionEngine(plan, clock, warn_at=10)
    engine.start()
    cues = [(s.active, c) for s in run(engine, clock, 6) for c in s.cues]
    assert cues == [(2.0, "t3"), (3.0, "t2"), (4.0, "t1"), (5.0, "end")]
    cues = [c for s in run(engine, clock, 30) for c in s.cues]
    assert cues == ["warn", "t3", "t2", "t1", "end"]


def test_a_short_phase_does_not_hide_the_end_cue() -> None:
    """A 2 s switch starts past its T-3: the end cue of the hold before it comes alone, without
    the switch's T-2 in the same moment; T-1 and its own end follow."""
    plan = build_plan(RULESET, ("short_holds",), prep=3, hold=20)
    plan = plan._replace(phases=tuple(p._replace(seconds=2) if p.kind == "switch" else p for p in plan.phases))
    clock = FakeClock()
    engine = SessionEngine(plan, clock, warn_at=None)
    engine.start()
    cues = [(s.active, c) for s in run(engine, clock, 3 + 20 + 2) for c in s.cues]
    assert cues == [(0.1, "t3"), (1.0, "t2"), (2.0, "t1"), (3.0, "end"),
                    (20.0, "t3"), (21.0, "t2"), (22.0, "t1"), (23.0, "end"),
                    (24.0, "t1"), (25.0, "end")]


def test_early_warning_can_be_turned_off() -> None:
    plan = build_plan(RULESET, ("short_holds",), prep=0)
    clock = FakeClock()
    engine = SessionEngine(plan, clock, warn_at=None)
    engine.start()
    assert [c for s in run(engine, clock, 30) for c in s.cues] == ["t3", "t2", "t1", "end"]


def test_pause_keeps_the_remaining_time() -> None:
    plan = build_plan(RULESET, ())
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    run(engine, clock, 25.5)  # 15.5 s into the first hold
    before = engine.pause().remaining
    clock.advance(600)
    assert engine.tick().remaining == before
    after = engine.resume()
    assert after.state == "running" and abs(after.remaining - before) <= 0.1
    assert abs(before - 44.5) <= 0.1


def test_fifty_quick_toggles_change_nothing_but_pause_time() -> None:
    plan = build_plan(RULESET, ())
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    run(engine, clock, 20)
    start_remaining = engine.tick().remaining
    paused_for = 0.0
    for i in range(50):
        engine.toggle_pause()
        clock.advance(0.03)
        if i % 2 == 0:
            paused_for += 0.03
    if engine.state == "paused":
        engine.toggle_pause()
    running_for = 50 * 0.03 - paused_for
    snap = engine.tick()
    assert snap.state == "running" and snap.index == 1
    assert abs(snap.remaining - (start_remaining - running_for)) < 1e-6


def test_skip_moves_on_and_records_what_was_done() -> None:
    plan = build_plan(RULESET, ())
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    run(engine, clock, 30)  # 20 s into the first hold
    snap = engine.skip()
    assert snap.phase.kind == "switch" and snap.display == 10 and "end" in snap.cues
    assert engine.record().holds[0].done == 20.0


def test_adjust_changes_both_sides_alike() -> None:
    plan = build_plan(RULESET, ())
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    run(engine, clock, 15)  # 5 s into the LEFT hold
    snap = engine.adjust(+15)
    assert abs(snap.remaining - 70) < 1e-6
    assert [p.seconds for p in engine.phases if p.kind == "hold"] == [75, 75, 75, 75]
    engine.adjust(-15)
    engine.adjust(-15)
    assert [p.seconds for p in engine.phases if p.kind == "hold"] == [45, 45, 45, 45]
    for _ in range(10):
        engine.adjust(-15)  # never below the variant's minimum
    assert engine.plan.hold_seconds == 30


def test_a_gap_over_two_seconds_pauses_and_asks() -> None:
    plan = build_plan(RULESET, ())
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    run(engine, clock, 20)
    remaining = engine.tick().remaining
    clock.advance(3600)  # the laptop slept
    snap = engine.tick()
    assert snap.state == "paused" and snap.pause_reason == "gap" and snap.cues == ("gap",)
    assert snap.remaining == remaining
    assert engine.restart_phase().remaining == 60
    assert engine.resume().state == "running"


def test_a_gap_under_two_seconds_is_just_a_late_tick() -> None:
    plan = build_plan(RULESET, ())
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    clock.advance(1.9)
    assert engine.tick().state == "running"


def test_pain_stop_mid_hold_records_a_partial_session() -> None:
    plan = build_plan(RULESET, ())
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    run(engine, clock, 10 + 60 + 10 + 12)  # 12 s into the RIGHT hold of round 1
    record = engine.stop("pain", "sharp_pain")
    assert record.ended == "pain" and record.partial and record.stop_cue == "sharp_pain"
    assert [(h.side, h.planned, h.done) for h in record.holds] == [
        ("left", 60, 60.0), ("right", 60, 12.0), ("left", 60, 0.0), ("right", 60, 0.0)]
    assert engine.tick().state == "stopped"


def test_quit_while_paused_records_what_was_done() -> None:
    plan = build_plan(RULESET, ("short_holds",))
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    run(engine, clock, 17)
    engine.pause()
    clock.advance(100)
    record = engine.stop("quit")
    assert record.ended == "quit" and record.holds[0].done == 7.0
    assert record.started_at is not None and record.ended_at is not None


def test_stopping_a_finished_session_keeps_it_finished() -> None:
    plan = build_plan(RULESET, ("short_holds",), prep=0)
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    run(engine, clock, plan.active_seconds + 1)
    assert engine.stop("quit").ended == "finished"


@settings(max_examples=100, deadline=None)
@given(
    mods=st.sampled_from([(), ("short_holds",), ("supine", "short_holds")]),
    steps=st.lists(
        st.tuples(st.floats(0.02, 0.3), st.one_of(st.none(), st.floats(0.0, 30.0))), min_size=1, max_size=40
    ),
)
def test_boundaries_fall_where_the_plan_says_whatever_the_jitter(mods, steps) -> None:
    """Random tick jitter (0-300 ms) and random pauses: each phase boundary, counted in active
    time, falls within one tick of the plan, and the error never accumulates (no drift)."""
    plan = build_plan(RULESET, mods, prep=3, hold=30)
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    start, paused, i = clock.now(), 0.0, 0
    seen_index, errors = 0, []
    planned = boundaries(plan)
    while engine.state in ("running", "paused"):
        jitter, pause = steps[i % len(steps)]
        i += 1
        clock.advance(jitter)
        snap = engine.tick()
        if pause is not None and snap.state == "running":
            engine.pause()
            clock.advance(pause)
            paused += pause
            snap = engine.resume()
        active = clock.now() - start - paused
        while seen_index < len(planned) and (snap.index > seen_index or snap.state == "done"):
            errors.append(active - planned[seen_index])
            seen_index += 1
        if i > 1_000_000:
            raise AssertionError("the session never ended")
    assert len(errors) == len(planned)
    assert all(-1e-9 <= e <= 0.3 + 1e-9 for e in errors), errors  # 1e-9: float rounding
    assert sum(h.done for h in engine.record().holds) == sum(h.planned for h in engine.record().holds)


def test_drop_instruction_alternates_sides() -> None:
    assert drop_instruction(0.5) == ("left", "Slowly tip both knees to the LEFT")
    assert drop_instruction(4)[1].startswith("Stay there")
    assert drop_instruction(7)[1] == "Bring your knees back to the middle"
    assert drop_instruction(8.1)[0] == "right"


def test_breathing_pace() -> None:
    assert breath(0) == ("Breathe in", 0.0)
    assert breath(2)[0] == "Breathe in" and abs(breath(2)[1] - 0.5) < 1e-9
    assert breath(4)[0] == "Breathe out" and breath(4)[1] == 1.0
    assert breath(10) == ("Breathe in", 0.0)


def test_until_next_second_is_when_the_display_changes() -> None:
    plan = build_plan(RULESET, (), prep=5)
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    assert engine.until_next_second() is None  # not started
    engine.start()
    assert engine.until_next_second() == pytest.approx(1.0)
    clock.advance(0.3)
    assert engine.until_next_second() == pytest.approx(0.7)
    shown = engine.tick().display
    clock.advance(engine.until_next_second() + 0.001)
    assert engine.tick().display == shown - 1
    engine.pause()
    assert engine.until_next_second() is None


@given(st.floats(min_value=0, max_value=100, allow_nan=False), st.sampled_from([10, 20, 37]))
def test_breath_next_change_lands_on_the_next_change(elapsed: float, cells: int) -> None:
    """Just before the predicted moment the bar looks as just after now; just after, different.
    (Exactly on a boundary, how the bar looks is a matter of rounding, so "now" is read 1 µs on.)"""
    def looks(t: float) -> tuple[str, int]:
        words, fraction = breath(t)
        return words, round(fraction * cells)

    wait = breath_next_change(elapsed, cells)
    assert 0 < wait <= 6.0 / cells + 1e-9
    if wait > 2e-6:
        assert looks(elapsed + wait - 1e-6) == looks(elapsed + 1e-6)
    assert looks(elapsed + wait + 1e-6) != looks(elapsed + wait - 1e-6)
