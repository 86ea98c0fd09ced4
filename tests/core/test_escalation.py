"""The escalation rules of rules/escalation.toml over session histories, boundaries included."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triage_tui.core.history.escalation import escalations, streak_days
from triage_tui.core.session.record import HoldRecord, SessionRecord

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


def s(days_ago: float, before: int | None = 4, after: int | None = 4, ended: str = "finished") -> SessionRecord:
    start = NOW - timedelta(days=days_ago)
    return SessionRecord(start, start + timedelta(minutes=4), "floor", "hold", (), 60, 2,
                         (HoldRecord(1, "left", "hold", 60, 60.0),), ended, None, before, after)


def fired(ruleset, history, since=None) -> list[str]:
    return [e.rule.id for e in escalations(ruleset, history, NOW, since)]


CASES = [
    # pain_up_after_sessions: after - before >= 2 in 2 of the last 3 rated sessions -> shorter holds
    ("no history", [], []),
    ("rise of 2 twice in 3", [s(3, 3, 5), s(2, 3, 3), s(1, 4, 6)], ["pain_up_after_sessions"]),
    ("rise of 1 is not enough", [s(3, 3, 4), s(2, 3, 4), s(1, 4, 5)], []),
    ("rise of 2 once in 3", [s(3, 3, 5), s(2, 3, 3), s(1, 4, 4)], []),
    ("only the last 3 count", [s(5, 1, 5), s(4, 1, 5), s(3, 3, 3), s(2, 3, 3), s(1, 4, 6)], []),
    ("unrated sessions do not count", [s(3, 3, 5), s(2, None, None), s(1, 4, 6)], ["pain_up_after_sessions"]),
    # pain_stops_in_a_row: 2 pain stops in a row -> refer
    ("two pain stops in a row", [s(2, ended="pain"), s(1, ended="pain")], ["pain_stops_in_a_row"]),
    ("pain stop, then a good one", [s(2, ended="pain"), s(1)], []),
    ("one pain stop only", [s(1, ended="pain")], []),
    # not_improving_4_weeks: 4+ weeks of sessions, pain before not down by 1
    ("4 weeks, same pain", [s(28, 5), s(14, 5), s(0, 5)], ["not_improving_4_weeks"]),
    ("4 weeks, down by 1 is improving", [s(28, 5), s(14, 5), s(0, 4)], []),
    ("just under 4 weeks", [s(27.9, 5), s(0, 5)], []),
    ("4 weeks, worse", [s(30, 3), s(0, 6)], ["not_improving_4_weeks"]),
    # flare_ups_in_a_year: 3+ pain stops within 365 days
    ("3 pain stops this year", [s(300, 6, ended="pain"), s(100, 5, ended="pain"), s(50, 4), s(10, 3, ended="pain")],
     ["flare_ups_in_a_year"]),
    ("one of them over a year ago",
     [s(366, 6, ended="pain"), s(100, 5, ended="pain"), s(50, 4), s(10, 3, ended="pain")], []),
]


@pytest.mark.parametrize(("case", "history", "expected"), CASES, ids=[c[0] for c in CASES])
def test_escalation_table(ruleset, case, history, expected) -> None:
    assert fired(ruleset, history) == expected


def test_only_sessions_since_the_clinician_visit_count(ruleset) -> None:
    history = [s(3, ended="pain"), s(2, ended="pain")]
    assert fired(ruleset, history) == ["pain_stops_in_a_row"]
    assert fired(ruleset, history, since=NOW - timedelta(days=2.5)) == []


def test_each_escalation_explains_itself(ruleset) -> None:
    (e,) = escalations(ruleset, [s(3, 3, 5), s(2, 3, 3), s(1, 4, 6)], NOW)
    assert e.detail == "pain rose by 2+ points after 2 of the last 3 rated sessions"
    assert e.rule.action == "gentler" and e.rule.mods == ("short_holds",) and e.rule.message


def test_every_escalation_rule_is_tested(ruleset) -> None:
    tested = {rule for _, _, expected in CASES for rule in expected}
    assert tested == {e.id for e in ruleset.escalations}


def test_streak(ruleset) -> None:
    assert streak_days([], NOW) == 0
    assert streak_days([s(0), s(1), s(2), s(4)], NOW) == 3
    assert streak_days([s(1), s(2)], NOW) == 2  # today not done yet
    assert streak_days([s(2)], NOW) == 0


def _streak_by_dates(sessions: list[SessionRecord], today: datetime) -> int:
    """The streak by its definition: distinct local dates, counted back from today or yesterday."""
    days = {x.started_at.astimezone(today.tzinfo).date() for x in sessions if x.started_at <= today + timedelta(days=2)}
    day = today.date() if today.date() in days else today.date() - timedelta(days=1)
    count = 0
    while day in days:
        count, day = count + 1, day - timedelta(days=1)
    return count


@given(hours=st.lists(st.integers(min_value=-24 * 3, max_value=24 * 12), max_size=40),
       offset=st.integers(min_value=-14 * 4, max_value=14 * 4))
@settings(max_examples=100, deadline=None)
def test_the_fast_streak_counts_local_days_as_the_definition_does(hours, offset) -> None:
    """The streak's fast path (a fixed offset: local days as whole numbers) agrees with counting
    distinct local dates, sessions in the future and any offset included."""
    local = NOW.astimezone(timezone(timedelta(minutes=15 * offset)))
    sessions = [s(h / 24) for h in sorted(hours, reverse=True)]
    assert streak_days(sessions, local) == _streak_by_dates(sessions, local)
