"""Progression: three good sessions in a row at one hold offer 15 s more; a pain stop steps back;
never beyond the version's limit (`short_holds`: 30 s). The last settings are offered again."""

from __future__ import annotations

from datetime import timedelta

import pytest

from journey_helpers import NOW, Run, saved_screening
from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from triage_tui.core.session.exercise import timing
from triage_tui.core.session.progression import propose
from triage_tui.core.session.record import HoldRecord, SessionRecord


def session(days_ago: float, hold: int = 60, *, ended: str = "finished", before: int | None = 4,
            after: int | None = 3, mods: tuple[str, ...] = (), rounds: int = 2, held: float | None = None) -> SessionRecord:
    at = NOW - timedelta(days=days_ago)
    holds = (HoldRecord(1, "left", "hold", hold, float(hold) if held is None else held),)
    return SessionRecord(at, at + timedelta(minutes=5), "floor", "hold", mods, hold, rounds, holds, ended,
                         "sharp_pain" if ended == "pain" else None, before, after)


def test_three_good_sessions_in_a_row_offer_15_s_more(ruleset):
    limits = timing(ruleset, ())
    good = [session(3), session(2), session(1)]
    proposal = propose(ruleset, good, (), limits)
    assert proposal.hold == 75 and "3 good sessions in a row at 60 s" in proposal.why
    assert propose(ruleset, good[1:], (), limits).hold == 60  # two are not enough


@pytest.mark.parametrize("spoiler", [
    {"ended": "quit"}, {"after": 5}, {"after": None}, {"hold": 45}, {"held": 59.9}, {"held": 2.0},
], ids=["stopped early", "more pain after", "pain after not given", "a different hold", "a hold cut short",
        "holds skipped to the end"])
def test_only_good_sessions_at_the_same_hold_count(ruleset, spoiler):
    limits = timing(ruleset, ())
    sessions = [session(3, **spoiler), session(2), session(1)]
    assert propose(ruleset, sessions, (), limits).hold == 60


def test_a_pain_stop_steps_back(ruleset):
    limits = timing(ruleset, ())
    proposal = propose(ruleset, [session(3), session(2), session(1, ended="pain")], (), limits)
    assert proposal.hold == 45 and "stopped for pain" in proposal.why
    at_min = propose(ruleset, [session(1, hold=30, ended="pain")], (), limits)
    assert at_min.hold == 30 and at_min.why is None  # never below the version's minimum


def test_short_holds_never_goes_past_30_s(ruleset):
    mods = ("short_holds",)
    limits = timing(ruleset, mods)
    good = [session(d, hold=30, mods=mods, rounds=1) for d in (3, 2, 1)]
    assert propose(ruleset, good, mods, limits).hold == 30
    assert propose(ruleset, [session(d, hold=25, mods=mods) for d in (3, 2, 1)], mods, limits).hold == 30


def test_another_versions_sessions_do_not_count_and_the_last_settings_come_back(ruleset):
    limits = timing(ruleset, ())
    others = [session(d, mods=("hip_prop",)) for d in (3, 2, 1)]
    assert propose(ruleset, others, (), limits).hold == limits.hold_default
    last = propose(ruleset, [session(1, hold=90, rounds=3)], (), limits)
    assert (last.hold, last.rounds, last.why) == (90, 3, None)


def test_the_setup_step_offers_it_and_says_why(ruleset, benign):
    sessions = [(session(d), ruleset.hash) for d in (3, 2, 1)]
    run = Run(ruleset, screening=saved_screening(ruleset, benign, days_ago=1), sessions=sessions)
    run.send(ev.Start())
    run.answer(benign)
    assert isinstance(run.step, st.Setup)
    assert run.step.plan.hold_seconds == 75
    assert any("good sessions in a row" in line for line in run.step.why)
    run.send(ev.Begin(hold=60, prep=0, rounds=1))  # the person may still choose less
    assert run.journey.engine.plan.hold_seconds == 60  # type: ignore[union-attr]
