"""What the home screen offers: quick check or full screening, and why."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from triage_tui.core.journey.due import daily, quick_check_ids
from triage_tui.core.screening.evaluator import decide
from triage_tui.core.history.records import SavedScreening
from triage_tui.core.session.record import SessionRecord

NOW = datetime(2026, 11, 23, 12, tzinfo=timezone.utc)


def saved(ruleset, answers, days_ago: float) -> SavedScreening:
    return SavedScreening.from_decision(decide(ruleset, answers), answers, NOW - timedelta(days=days_ago))


def pain_stop(days_ago: float) -> SessionRecord:
    start = NOW - timedelta(days=days_ago)
    return SessionRecord(start, start, "floor", "hold", (), 60, 2, (), "pain")


def test_quick_check_when_recent_and_allowed(ruleset, benign) -> None:
    today = daily(ruleset, saved(ruleset, benign, 29.9), [], NOW)
    assert today.quick_check and today.why_full is None


def test_full_screening_reasons(ruleset, benign) -> None:
    assert daily(ruleset, None, [], NOW).why_full == "There is no saved screening yet."
    assert "30 days ago" in daily(ruleset, saved(ruleset, benign, 30), [], NOW).why_full
    changed = saved(ruleset, benign, 1)._replace(rules_hash="x")
    assert "rules have changed" in daily(ruleset, changed, [], NOW).why_full
    refer = saved(ruleset, {**benign, "weight_loss": "yes"}, 1)
    assert "get checked first" in daily(ruleset, refer, [], NOW).why_full
    assert "stopped for pain" in daily(ruleset, saved(ruleset, benign, 3), [pain_stop(1)], NOW).why_full
    assert daily(ruleset, saved(ruleset, benign, 1), [pain_stop(3)], NOW).quick_check  # re-screened since


def test_refer_escalation_blocks_the_quick_check_until_cleared(ruleset, benign) -> None:
    screening = saved(ruleset, benign, 0.5)
    history = [pain_stop(3), pain_stop(2)]
    blocked = daily(ruleset, screening, history, NOW)
    assert not blocked.quick_check and blocked.refer is not None and blocked.why_full is None
    cleared = daily(ruleset, screening, history, NOW, cleared_at=NOW - timedelta(days=1))
    assert cleared.quick_check and cleared.refer is None


def test_quick_check_questions(ruleset) -> None:
    assert len(quick_check_ids(ruleset)) == 8 and "pain_today" in quick_check_ids(ruleset)
