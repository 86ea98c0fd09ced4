"""Notice when the pain keeps coming back: the escalation rules over the session history."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from triage_tui.core.rules.ruleset import Escalation, RuleSet
from triage_tui.core.session.record import SessionRecord

WINDOW = timedelta(days=7)


def _mean(values: Sequence[int]) -> float:
    """The mean of pain ratings (not `statistics.mean`: its import costs every start ~5 ms)."""
    return sum(values) / len(values)


class Escalated(NamedTuple):
    """An escalation rule that fires, and what it saw."""

    rule: Escalation
    detail: str
    """The evidence, in words ("pain rose by 2+ points after 2 of the last 3 sessions")."""


def escalations(ruleset: RuleSet, sessions: Sequence[SessionRecord], now: datetime,
                since: datetime | None = None, after: int | None = None) -> list[Escalated]:
    """Every escalation rule that fires on the sessions since a clearance, in file order.

    "Since" is the sessions saved after the first `after` ones, or started after `since`:
    whichever counts more (a clock that was wrong must not hide sessions)."""
    kept = [s for i, s in enumerate(sessions) if since is None
            or (after is not None and i >= after) or (s.started_at is not None and s.started_at > since)]
    dated = sorted((s for s in kept if s.started_at is not None), key=lambda s: s.started_at)  # type: ignore[arg-type, return-value]
    fired = []
    for rule in ruleset.escalations:
        detail = _check(rule, dated, now)
        if detail is not None:
            fired.append(Escalated(rule, detail))
    return fired


def _check(rule: Escalation, sessions: list[SessionRecord], now: datetime) -> str | None:
    if rule.metric == "pain_rise":
        assert rule.points is not None and rule.of_last is not None
        rated = [s for s in sessions if s.pain_before is not None and s.pain_after is not None][-rule.of_last:]
        rises = [s for s in rated if s.pain_after - s.pain_before >= rule.points]  # type: ignore[operator]
        if len(rises) >= rule.count:
            return f"pain rose by {rule.points}+ points after {len(rises)} of the last {len(rated)} rated sessions"
        return None
    if rule.metric == "pain_stops_in_a_row":
        last = sessions[-rule.count:]
        if len(last) == rule.count and all(s.ended == "pain" for s in last):
            return f"the last {rule.count} sessions ended with a pain stop"
        return None
    if rule.metric == "pain_stops_within":
        assert rule.days is not None
        stops = [s for s in sessions if s.ended == "pain" and now - s.started_at <= timedelta(days=rule.days)]  # type: ignore[operator]
        if len(stops) >= rule.count:
            return f"{len(stops)} pain stops in the last {rule.days} days"
        return None
    assert rule.metric == "not_improving" and rule.weeks is not None
    rated = [s for s in sessions if s.pain_before is not None]
    if len(rated) < 2:
        return None
    first, last = rated[0].started_at, rated[-1].started_at
    if last - first < timedelta(weeks=rule.weeks):  # type: ignore[operator]
        return None
    early = [s.pain_before for s in rated if s.started_at - first <= WINDOW]  # type: ignore[operator]
    late = [s.pain_before for s in rated if last - s.started_at <= WINDOW]  # type: ignore[operator]
    # mean(early) - mean(late) < min_improvement, in whole numbers (exact, as statistics.mean was)
    if sum(early) * len(late) - sum(late) * len(early) < rule.min_improvement * len(early) * len(late):  # type: ignore[arg-type]
        return (f"over {(last - first).days // 7} weeks, pain before sessions went from "  # type: ignore[operator]
                f"{_mean(early):.1f} to {_mean(late):.1f} out of 10")  # type: ignore[arg-type]
    return None


def streak_days(sessions: Sequence[SessionRecord], today: datetime) -> int:
    """Days in a row, up to today (or yesterday), with at least one session.

    Sessions are kept in the order they happened, so this walks back from the newest and stops
    at the first missing day: its cost is the streak's length, not the history's."""
    day = today.date()
    one = timedelta(days=1)
    times = [s.started_at for s in sessions if s.started_at is not None]
    if any(later < earlier for earlier, later in zip(times, times[1:])):
        times.sort()  # not in the order they happened (an old file, a recovered one): put them so
    newest = reversed(times[:bisect_right(times, today + 2 * one)])  # the future is skipped at once
    if today.tzinfo is not None and today.tzinfo.utcoffset(None) is not None:
        # A fixed offset (as `astimezone()` gives): each local day as a whole number, fast enough
        # for a streak of decades.
        shift, epoch = today.utcoffset().total_seconds(), date(1970, 1, 1).toordinal()  # type: ignore[union-attr]
        return _run_back((int((t.timestamp() + shift) // 86400) + epoch for t in newest), day.toordinal(), 1)
    return _run_back((t.astimezone(today.tzinfo).date() for t in newest), day, one)  # summer time: each its own


def _run_back(days: Iterator[Any], today: Any, step: Any) -> int:
    """How many days in a row, back from today (or yesterday), the local days (newest first) cover."""
    count, reach = 0, today  # the next day the streak needs
    for local in days:
        if local > reach:
            continue  # a later session of a day already counted, or one dated in the future
        if local == reach or (count == 0 and local == today - step):
            count, reach = count + 1, local - step
        else:
            break
    return count
