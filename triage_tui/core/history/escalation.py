"""Notice when the pain keeps coming back: the escalation rules over the session history."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta, timezone
from itertools import islice
from operator import attrgetter, gt
from typing import Any, NamedTuple

from triage_tui.core.rules.ruleset import Escalation, RuleSet
from triage_tui.core.session.record import SessionRecord

WINDOW = timedelta(days=7)
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_EPOCH_DAY = date(1970, 1, 1).toordinal()
_started = attrgetter("started_at")


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
    kept = sessions if since is None else [
        s for i, s in enumerate(sessions)
        if (after is not None and i >= after) or (s.started_at is not None and s.started_at > since)]
    dated = [s for s in kept if s.started_at is not None]
    times = [s.started_at for s in dated]
    if any(map(gt, times, islice(times, 1, None))):  # not in the order they happened: sort (stable)
        dated.sort(key=_started)
        times = [s.started_at for s in dated]
    fired = []
    for rule in ruleset.escalations:
        detail = _check(rule, dated, times, now)  # type: ignore[arg-type]
        if detail is not None:
            fired.append(Escalated(rule, detail))
    return fired


def _last_rated(sessions: list[SessionRecord], how_many: int) -> list[SessionRecord]:
    """The last `how_many` sessions with both pain ratings, oldest first (found from the end)."""
    found = []
    for s in reversed(sessions):
        if s.pain_before is not None and s.pain_after is not None:
            found.append(s)
            if len(found) == how_many:
                break
    found.reverse()
    return found


def _first_at_or_after(times: list[datetime], moment: datetime, shift: timedelta) -> int:
    """Where the sorted `times` reach `moment + shift`. Compared as `t - moment >= shift`, which
    is exact and never overflows (`moment + shift` can pass the calendar's end)."""
    return bisect_left(times, shift, key=lambda t: t - moment)


def _first_after(times: list[datetime], moment: datetime, shift: timedelta) -> int:
    """Where the sorted `times` pass `moment + shift` (`t - moment > shift`)."""
    return bisect_right(times, shift, key=lambda t: t - moment)


def _check(rule: Escalation, sessions: list[SessionRecord], times: list[datetime], now: datetime) -> str | None:
    """Whether `rule` fires on `sessions` (sorted by start, `times` their starts), in words.

    Each rule reads only the end (or the two ends) of the history it needs, found from the end
    or by bisection, so decades of daily sessions cost little."""
    if rule.metric == "pain_rise":
        assert rule.points is not None and rule.of_last is not None
        rated = _last_rated(sessions, rule.of_last)
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
        # now - start <= days, i.e. start >= now - days: a tail of the sorted sessions
        stops = [s for s in sessions[_first_at_or_after(times, now, -timedelta(days=rule.days)):] if s.ended == "pain"]
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
    starts = [s.started_at for s in rated]
    # start - first <= WINDOW is a head of the sorted sessions; last - start <= WINDOW a tail
    early = [s.pain_before for s in rated[:_first_after(starts, first, WINDOW)]]  # type: ignore[arg-type]
    late = [s.pain_before for s in rated[_first_at_or_after(starts, last, -WINDOW):]]  # type: ignore[arg-type]
    # mean(early) - mean(late) < min_improvement, in whole numbers (exact, as statistics.mean was)
    if sum(early) * len(late) - sum(late) * len(early) < rule.min_improvement * len(early) * len(late):  # type: ignore[arg-type]
        return (f"over {(last - first).days // 7:,} weeks, pain before sessions went from "  # type: ignore[operator]
                f"{_mean(early):.1f} to {_mean(late):.1f} out of 10")  # type: ignore[arg-type]
    return None


def streak_days(sessions: Sequence[SessionRecord], today: datetime) -> int:
    """Days in a row, up to today (or yesterday), with at least one session.

    Sessions are kept in the order they happened, so this walks back from the newest and stops
    at the first missing day: its cost is the streak's length, not the history's."""
    day = today.date()
    one = timedelta(days=1)
    times = [s.started_at for s in sessions if s.started_at is not None]
    if any(map(gt, times, islice(times, 1, None))):
        times.sort()  # not in the order they happened (an old file, a recovered one): put them so
    newest = reversed(times[:bisect_right(times, today + 2 * one)])  # the future is skipped at once
    if today.tzinfo is not None and today.tzinfo.utcoffset(None) is not None:
        # A fixed offset (as `astimezone()` gives): each local day as a whole number of days since
        # local 1970-01-01, exact (timedelta arithmetic), fast enough for a streak of decades.
        local_epoch = _EPOCH - today.utcoffset()  # type: ignore[operator]
        return _run_back(((t - local_epoch).days + _EPOCH_DAY for t in newest), day.toordinal(), 1)
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
