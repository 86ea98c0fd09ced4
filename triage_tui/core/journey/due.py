"""Daily use: may the person do a quick check and start, or is a full screening due?"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import NamedTuple

from triage_tui.core.history.escalation import Escalated, escalations, streak_days
from triage_tui.core.history.records import SavedScreening
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.session.record import SessionRecord

RESCREEN_AFTER = timedelta(days=30)


class Daily(NamedTuple):
    """What the home screen offers today, and why."""

    screening: SavedScreening | None
    quick_check: bool
    """A short check of the urgent items and pain today, then the session."""
    why_full: str | None
    """Why a full screening is needed, in words (None when a quick check will do)."""
    escalated: tuple[Escalated, ...]
    refer: Escalated | None
    """An escalation that stops sessions until the person has seen a clinician."""
    extra_mods: tuple[str, ...]
    """Gentler modifications the history asks for, added to the next session."""
    streak: int


def daily(ruleset: RuleSet, screening: SavedScreening | None, sessions: Sequence[SessionRecord],
          now: datetime, cleared_at: datetime | None = None) -> Daily:
    fired = tuple(escalations(ruleset, sessions, now, cleared_at))
    refer = next((e for e in fired if e.rule.action == "refer"), None)
    extra = tuple(dict.fromkeys(m for e in fired if e.rule.action == "gentler" for m in e.rule.mods))
    why = _why_full(ruleset, screening, sessions, now)
    return Daily(screening, why is None and refer is None, why, fired, refer, extra, streak_days(sessions, now))


def _why_full(ruleset: RuleSet, screening: SavedScreening | None, sessions: Sequence[SessionRecord],
              now: datetime) -> str | None:
    if screening is None:
        return "There is no saved screening yet."
    if screening.rules_hash != ruleset.hash:
        return "The rules have changed since your last screening."
    if now - screening.at >= RESCREEN_AFTER:
        return f"Your last full screening was {(now - screening.at).days} days ago (we ask again after 30)."
    if not screening.allows_session:
        return "Your last screening said to get checked first."
    last_pain_stop = max((s.started_at for s in sessions if s.ended == "pain" and s.started_at), default=None)
    if last_pain_stop is not None and last_pain_stop > screening.at:
        return "A session stopped for pain since your last full screening."
    return None


def quick_check_ids(ruleset: RuleSet) -> frozenset[str]:
    """The questions of the short daily check (marked `recheck` in questions.toml)."""
    return frozenset(q.id for q in ruleset.questions if q.recheck)
