"""Order by what happened, not by a wall clock that may be wrong (issue 11, item 5): a screening
or clearance saved with the clock ahead hides nothing; a clock set back mid-session cannot end it
before it began; an absurd date is refused with a message."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from fakes import FakeClock
from journey_helpers import NOW, Run, Wall, saved_screening
from plain_helpers import ScriptedLines
from support import RULES_DIR
from triage_tui.core.journey import events as ev
from triage_tui.core.journey.due import daily
from triage_tui.core.session.record import HoldRecord, SessionRecord
from triage_tui.plain.launch import run_plain


def stop(at: datetime) -> SessionRecord:
    return SessionRecord(at, at + timedelta(minutes=2), "floor", "hold", (), 60, 2,
                         (HoldRecord(1, "left", "hold", 60, 20.0),), "pain", "sharp_pain", 4, 6)


def test_a_screening_saved_with_the_clock_ahead_does_not_hide_a_later_pain_stop(ruleset, benign):
    ahead = saved_screening(ruleset, benign, days_ago=-2 / 24)._replace(sessions_before=0)  # 2 h ahead
    sessions = [stop(NOW - timedelta(minutes=30))]  # after the screening, by the right clock
    for now in (NOW, NOW + timedelta(hours=3)):  # before and after the wrong date is reached
        today = daily(ruleset, ahead, sessions, now)
        assert not today.quick_check and today.why_full is not None


def test_a_screening_dated_years_ahead_asks_for_a_full_screening(ruleset, benign):
    far = saved_screening(ruleset, benign, days_ago=-3650)
    today = daily(ruleset, far, [], NOW)
    assert not today.quick_check and "dated in the future" in today.why_full


def test_the_journey_marks_its_screening_with_the_sessions_before_it(ruleset, benign):
    run = Run(ruleset, sessions=[(stop(NOW - timedelta(days=3)), ruleset.hash)])
    run.send(ev.Start(full=True))
    run.answer(benign)
    assert run.journey.screening.sessions_before == 1  # type: ignore[union-attr]


def test_a_clearance_dated_in_the_future_does_not_hide_escalations(ruleset):
    sessions = [stop(NOW - timedelta(days=d)) for d in (3, 2, 1)]
    assert daily(ruleset, None, sessions, NOW).refer is not None
    future = NOW + timedelta(days=365)
    assert daily(ruleset, None, sessions, NOW, cleared_at=future).refer is not None
    assert daily(ruleset, None, sessions, NOW, cleared_at=NOW, cleared_after=3).refer is None  # a real one
    # A clearance whose date is right but which came before the last stop, by order: it counts that stop.
    assert daily(ruleset, None, sessions, NOW, cleared_at=NOW, cleared_after=0).refer is not None


def test_a_wall_clock_set_back_mid_session_cannot_end_it_before_it_began(ruleset, benign):
    wall = Wall(NOW)
    run = Run(ruleset, screening=saved_screening(ruleset, benign, days_ago=1), wall=wall)
    run.to_session(benign)
    run.run_for(20)
    wall.at = NOW - timedelta(days=1)  # the clock is set back a day
    run.send(ev.StopSession(), ev.Confirm(True))
    record = run.journey.record
    assert record is not None and record.ended_at >= record.started_at
    assert record.ended_at - record.started_at == timedelta(seconds=20)


def test_an_absurd_clock_is_refused_with_a_message(tmp_path):
    err = io.StringIO()
    clock = FakeClock()
    code = run_plain(str(RULES_DIR), str(tmp_path / "data"), stdout=io.StringIO(), stderr=err,
                     source=ScriptedLines([], clock), clock=clock, wall=lambda: datetime(1, 1, 2, tzinfo=timezone.utc))
    assert code == 2 and "cannot be right" in err.getvalue()
    assert not (tmp_path / "data").exists()
