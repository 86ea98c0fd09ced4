"""The escalation rules and the streak read only the ends of a history they need (bisection, a
walk from the end). These properties hold them to the plain definitions, written here the
obvious way (every session looked at, each date turned into a local date), over histories with
missing dates, sessions out of order, mixed UTC offsets, dates in the future and at the ends of
the calendar, and rules with any numbers."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from triage_tui.core.history.escalation import escalations, streak_days
from triage_tui.core.rules.ruleset import Escalation
from triage_tui.core.session.record import SessionRecord

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)
WINDOW = timedelta(days=7)
OFFSETS = [timezone(timedelta(hours=h, minutes=m)) for h, m in ((0, 0), (-5, 0), (5, 30), (-12, 0), (14, 0))]
EDGE = [timezone.utc, timezone(timedelta(hours=23, minutes=59)), timezone(-timedelta(hours=23, minutes=59))]
FAR = [datetime(1, 1, d, h, tzinfo=tz) for d in (1, 2, 7, 9) for h in (0, 23) for tz in EDGE] + [
    datetime(9999, 12, d, h, tzinfo=tz) for d in (23, 25, 30, 31) for h in (0, 23) for tz in EDGE]
"""At the ends of the calendar, with the widest UTC offsets: `first + 7 days` cannot be written
there, so the windows are compared as differences (a review found the old fallback lost a refer)."""


def reference_fires(rule: Escalation, sessions: list[SessionRecord], now: datetime) -> bool:
    """The rule's plain definition (`schema_exercise.EscalationRule`), over sessions sorted by start."""
    if rule.metric == "pain_rise":
        rated = [s for s in sessions if s.pain_before is not None and s.pain_after is not None][-rule.of_last:]
        return sum(s.pain_after - s.pain_before >= rule.points for s in rated) >= rule.count
    if rule.metric == "pain_stops_in_a_row":
        last = sessions[-rule.count:]
        return len(last) == rule.count and all(s.ended == "pain" for s in last)
    if rule.metric == "pain_stops_within":
        return sum(s.ended == "pain" and now - s.started_at <= timedelta(days=rule.days) for s in sessions) >= rule.count
    rated = [s for s in sessions if s.pain_before is not None]
    if len(rated) < 2 or rated[-1].started_at - rated[0].started_at < timedelta(weeks=rule.weeks):
        return False
    early = [s.pain_before for s in rated if s.started_at - rated[0].started_at <= WINDOW]
    late = [s.pain_before for s in rated if rated[-1].started_at - s.started_at <= WINDOW]
    return sum(early) / len(early) - sum(late) / len(late) < rule.min_improvement


def reference_escalations(rules, sessions, now, since=None, after=None) -> list[str]:
    kept = [s for i, s in enumerate(sessions) if since is None
            or (after is not None and i >= after) or (s.started_at is not None and s.started_at > since)]
    dated = sorted((s for s in kept if s.started_at is not None), key=lambda s: s.started_at)
    return [r.id for r in rules if reference_fires(r, dated, now)]


def local_date(moment: datetime, tz) -> date | None:
    try:
        return moment.astimezone(tz).date()
    except OverflowError:  # the local date would be before year 1 or after 9999: never in a streak to today
        return None


def reference_streak(sessions: list[SessionRecord], today: datetime) -> int:
    days = {local_date(s.started_at, today.tzinfo) for s in sessions if s.started_at is not None}
    day = today.date() if today.date() in days else today.date() - timedelta(days=1)
    count = 0
    while day in days:
        count, day = count + 1, day - timedelta(days=1)
    return count


def session(start: datetime | None, ended: str, before: int | None, after: int | None) -> SessionRecord:
    return SessionRecord(start, None, "floor", "hold", (), 60, 2, (), ended, None, before, after)


starts = st.one_of(
    st.none(),
    st.sampled_from(FAR),
    st.builds(lambda minutes, tz: (NOW + timedelta(minutes=minutes)).astimezone(tz),
              st.integers(-60 * 24 * 120, 60 * 24 * 3), st.sampled_from(OFFSETS)),
    # whole days before now: starts exactly on a rule's edge (now - days, a week after the first)
    st.builds(lambda days, tz: (NOW - timedelta(days=days)).astimezone(tz), st.integers(0, 40), st.sampled_from(OFFSETS)),
)
sessions = st.lists(st.builds(session, starts, st.sampled_from(["finished", "pain", "quit"]),
                              st.none() | st.integers(0, 10), st.none() | st.integers(0, 10)), max_size=40)
in_order = sessions.map(lambda found: sorted(found, key=lambda s: (s.started_at is None, s.started_at)))
origin = None


def rule(metric: str, count: int, number: int, min_improvement: int) -> Escalation:
    """A rule as the schema allows it (weeks at most 520, days at most 3,650)."""
    fields = {"pain_rise": {"points": min(number, 10), "of_last": max(number, count)},
              "pain_stops_in_a_row": {}, "pain_stops_within": {"days": min(number, 3650)},
              "not_improving": {"weeks": min(number, 520)}}[metric]
    return Escalation(f"{metric}_{count}_{number}", metric, "gentler", "", origin, count=count,
                      min_improvement=min_improvement, **fields)


rules = st.lists(st.builds(rule, st.sampled_from(["pain_rise", "pain_stops_in_a_row", "pain_stops_within",
                                                   "not_improving"]),
                           st.integers(1, 5), st.one_of(st.integers(1, 12), st.just(3650)),
                           st.integers(0, 10)), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(rules, st.one_of(sessions, in_order), st.none() | st.sampled_from([NOW - timedelta(days=20), *FAR[::7]]),
       st.none() | st.integers(0, 40))
def test_escalations_match_their_plain_definition(found_rules, history, since, after):
    fired = [e.rule.id for e in escalations_ruleset(found_rules, history, since, after)]
    assert fired == reference_escalations(found_rules, history, NOW, since, after)


def escalations_ruleset(found_rules, history, since, after):
    class Rules:  # escalations() reads only this field of a RuleSet
        escalations = found_rules
    return escalations(Rules, history, NOW, since, after)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.one_of(sessions, in_order), st.sampled_from(OFFSETS), st.integers(-60 * 24, 60 * 24))
def test_streak_matches_counting_local_dates(history, tz, minutes):
    today = (NOW + timedelta(minutes=minutes)).astimezone(tz)
    assert streak_days(history, today) == reference_streak(history, today)


def test_a_streak_of_decades_counts_every_day():
    tz = timezone(timedelta(hours=-5))
    today = datetime(2026, 11, 23, 21, 0, tzinfo=tz)
    history = [session(datetime.combine(date(2026, 11, 23) - timedelta(days=i), datetime.min.time(), tz)
                       + timedelta(hours=20), "finished", 4, 4) for i in reversed(range(30_000))]
    assert streak_days(history, today) == 30_000 == reference_streak(history, today)


def fires(metric: str, history: list[SessionRecord], **fields) -> bool:
    """Whether a rule fires on `history`, after checking the app agrees with the plain definition."""
    found = Escalation("r", metric, "gentler", "", origin, **fields)
    expected = reference_fires(found, sorted(history, key=lambda s: s.started_at), NOW)
    assert expected == bool(escalations_ruleset([found], history, None, None))
    return expected


def test_the_edges_of_each_window_count():
    # a pain stop exactly `days` ago is within the last `days` days; a minute more is not
    assert fires("pain_stops_within", [session(NOW - timedelta(days=3), "pain", 1, 1)], days=3)
    assert not fires("pain_stops_within", [session(NOW - timedelta(days=3, minutes=1), "pain", 1, 1)], days=3)
    # exactly 7 days after the first rated session is still "early", exactly 7 before the last "late"
    first, last = NOW - timedelta(weeks=4), NOW
    edge = [session(first, "finished", 5, 5), session(first + WINDOW, "finished", 9, 9),
            session(last - WINDOW, "finished", 0, 0), session(last, "finished", 5, 5)]
    assert not fires("not_improving", edge, weeks=4, min_improvement=3)  # (5+9)/2 - (0+5)/2 = 4.5
    beyond = [*edge[:1], session(first + WINDOW + timedelta(seconds=1), "finished", 9, 9), *edge[2:]]
    assert fires("not_improving", beyond, weeks=4, min_improvement=3)  # 5 - 2.5 = 2.5 < 3
    # only the last `of_last` rated sessions are looked at, unrated ones skipped
    rises = [session(NOW - timedelta(days=d), "finished", 1, 5) for d in (5, 4)]
    calm = [session(NOW - timedelta(days=d), "finished", 1, 1) for d in (3, 2)]
    unrated = [session(NOW - timedelta(days=1), "finished", None, None)]
    assert fires("pain_rise", rises + calm[:1] + unrated, points=2, of_last=3, count=2)
    assert not fires("pain_rise", rises + calm + unrated, points=2, of_last=3, count=2)


def test_at_the_end_of_the_calendar_the_windows_still_hold() -> None:
    """Found by review: sessions in 9999 with the widest offsets; `not_improving` must fire as
    its plain definition says (early 5, late mean 3.5: not 0 better)."""
    tz = timezone(timedelta(hours=23, minutes=59))
    history = [session(datetime(9999, 12, 25, 9, 13, tzinfo=tz), "finished", 5, None),
               session(datetime(9999, 12, 31, 3, 57, tzinfo=timezone.utc), "finished", 0, None),
               session(datetime(9999, 12, 31, 21, 55, tzinfo=timezone.utc), "finished", 7, None)]
    assert fires("not_improving", history, weeks=1, min_improvement=0)
