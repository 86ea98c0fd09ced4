"""Which check is due today, and why: a quick check, a full screening, or no session today.

Also what the history asks of the next session: gentler modifications (from a stop cue's
"next time" or an escalation rule), and whether a session may start at all today.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from typing import NamedTuple, TYPE_CHECKING

from triage_tui.core.history.escalation import Escalated, escalations, streak_days
from triage_tui.core.history.records import SavedScreening
from triage_tui.core.rules.ruleset import RuleSet, StopCue
from triage_tui.core.session.record import SessionRecord

if TYPE_CHECKING:
    from triage_tui.core.screening.clearance import Clearance

RESCREEN_AFTER = timedelta(days=30)
CLOCK_SLACK = timedelta(minutes=10)
"""A saved date later than now by more than this was made with a clock that was wrong."""
SAID_CHECK_FIRST = "Your last screening said to get checked first."
REST_TODAY_ACTIONS = frozenset({"urgent", "stop"})
"""A pain stop with one of these cue actions means no more sessions that local day."""


class SavedHistory(NamedTuple):
    """What the store holds that daily use reads: the screening, the sessions, the clearance."""

    screening: SavedScreening | None
    sessions: Sequence[tuple[SessionRecord, str]]
    """Each session with the hash of the rules it ran under."""
    cleared_at: datetime | None
    cleared_after: int | None = None
    """How many sessions were saved before the clearance (order, whatever the clock said)."""
    clearance: Clearance | None = None
    """The clinician's clearance (`core.screening.clearance`); its time is `cleared_at`."""


class Gentler(NamedTuple):
    """Modifications the history adds to the next session, and why, in words."""

    mods: tuple[str, ...]
    why: str


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
    rest_today: str | None = None
    """Why no session may start before tomorrow (local day), in words; None when one may."""
    gentler: tuple[Gentler, ...] = ()
    """Where `extra_mods` come from, each with its reason."""
    clearance: Clearance | None = None
    """The clinician's clearance, if one was recorded (active, lapsed or voided)."""
    clearable: bool = False
    """May the person record that a clinician has seen them (home `c`)? After a `refer`
    screening under these rules (never an urgent one), or while sessions are paused by the history."""

    @property
    def blocked(self) -> str | None:
        """Why no session may start now, in words; None when one may."""
        if self.refer is not None:
            return "Sessions are paused until a doctor or physio has checked you."
        return self.rest_today


def daily_from(ruleset: RuleSet, history: SavedHistory, now: datetime, tz: tzinfo | None = None) -> Daily:
    """`daily` over what is saved: the one way every part (home at start-up, the journey) asks."""
    screening, sessions, cleared_at, cleared_after, clearance = history
    return daily(ruleset, screening, [record for record, _ in sessions], now, cleared_at, tz, cleared_after,
                 clearance)


def daily(ruleset: RuleSet, screening: SavedScreening | None, sessions: Sequence[SessionRecord],
          now: datetime, cleared_at: datetime | None = None, tz: tzinfo | None = None,
          cleared_after: int | None = None, clearance: Clearance | None = None) -> Daily:
    """Where the person stands at `now` (aware); local days are those of `tz` (None: the system's).

    Order comes first from the order sessions were saved in, then from their dates, and a date
    in the future is never believed: whichever reading counts more sessions as "since" wins.
    """
    local = now.astimezone(tz)
    if cleared_at is not None and cleared_at > now + CLOCK_SLACK:
        cleared_at, cleared_after = None, None  # a clearance dated in the future: the clock was wrong
    fired = tuple(escalations(ruleset, sessions, now, cleared_at, cleared_after))
    refer = next((e for e in fired if e.rule.action == "refer"), None)
    gentler = [Gentler(e.rule.mods, e.rule.message) for e in fired if e.rule.action == "gentler"]
    gentler += _after_last_stop(ruleset, sessions)
    extra = tuple(dict.fromkeys(m for g in gentler for m in g.mods))
    why = _why_full(ruleset, screening, sessions, now) or _clearance_ended(ruleset, screening, clearance, local)
    rest = _rest_today(ruleset, sessions, local)
    return Daily(screening, why is None and refer is None and rest is None, why, fired, refer, extra,
                 streak_days(sessions, local), rest, tuple(gentler), clearance,
                 refer is not None or (screening is not None and screening.outcome == "refer"
                                       and screening.rules_hash == ruleset.hash))


def _clearance_ended(ruleset: RuleSet, screening: SavedScreening | None, clearance: Clearance | None,
                     local: datetime) -> str | None:
    """A screening that rested on a clinician's clearance needs asking again once it no longer holds."""
    if screening is None or not screening.cleared:
        return None
    from triage_tui.core.screening.clearance import days_of

    if clearance is None or not clearance.active(days_of(ruleset), local.date()) \
            or not set(screening.cleared) <= set(clearance.reasons):
        return "The all-clear from your clinician no longer counts, so the questions are asked again in full."
    return None


def _after_last_stop(ruleset: RuleSet, sessions: Sequence[SessionRecord]) -> list[Gentler]:
    """What the last session's stop cue promised for next time ("a gentler version")."""
    if not sessions or sessions[-1].ended != "pain":
        return []
    cue = ruleset_cue(ruleset, sessions[-1].stop_cue)
    if cue is None or not cue.next_time_mods:
        return []
    return [Gentler(cue.next_time_mods, f"Your last session stopped for: {cue.label.lower()}.")]


def _rest_today(ruleset: RuleSet, sessions: Sequence[SessionRecord], local: datetime) -> str | None:
    near = timedelta(days=2)  # a cheap first look: only sessions around today can be today's
    for s in reversed(sessions):
        if s.started_at is None or s.started_at > local + near:
            continue  # dated in the future: not today's (and not a reason to stop looking)
        if s.started_at < local - near:
            break  # sessions are in the order they happened: the rest are older
        day = s.started_at.astimezone(local.tzinfo).date()
        if day < local.date():
            break  # sessions are in the order they happened: the rest are older
        if day != local.date():
            continue
        cue = ruleset_cue(ruleset, s.stop_cue) if s.ended == "pain" else None
        if cue is not None and cue.action == "urgent":
            return ("No more sessions today: you reported a warning sign during a session. If you "
                    "have not had help yet, call your local emergency number now.")
        if cue is not None and cue.action in REST_TODAY_ACTIONS:
            return ("No more sessions today: a session stopped earlier today for "
                    f"{cue.label[0].lower()}{cue.label[1:]}. Rest, and try again tomorrow.")
    return None


def ruleset_cue(ruleset: RuleSet, cue_id: str | None) -> StopCue | None:
    """The stop cue with this id in the rules, if any (a record may name one since removed)."""
    return next((c for c in ruleset.stop_cues if c.id == cue_id), None) if cue_id else None


def _why_full(ruleset: RuleSet, screening: SavedScreening | None, sessions: Sequence[SessionRecord],
              now: datetime) -> str | None:
    if screening is None:
        return "There is no saved screening yet."
    if screening.rules_hash != ruleset.hash:
        return "The rules have changed since your last screening."
    if screening.at > now + CLOCK_SLACK:
        return ("Your last screening is dated in the future, so the computer's clock was probably wrong "
                "then. A full screening makes sure nothing is missed.")
    if now - screening.at >= RESCREEN_AFTER:
        return f"Your last full screening was {(now - screening.at).days} days ago (we ask again after 30)."
    if not screening.allows_session:
        return SAID_CHECK_FIRST
    after = screening.sessions_before
    since = [s for i, s in enumerate(sessions)
             if (after is not None and i >= after) or (s.started_at is not None and s.started_at > screening.at)]
    if any(s.ended == "pain" for s in since):
        return "A session stopped for pain since your last full screening."
    return None


def quick_check_ids(ruleset: RuleSet) -> frozenset[str]:
    """The questions of the short daily check (marked `recheck` in questions.toml)."""
    return frozenset(q.id for q in ruleset.questions if q.recheck)
