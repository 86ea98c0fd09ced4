"""Cleared by my clinician: a record that a doctor or physio has seen the person, and what it does
to the next decision.

From a `refer` result (never from `urgent`) the person may record the date a clinician saw them,
an optional name, which of the referral reasons the clinician cleared (the refer rules that
fired), and an optional hold limit. While the record holds, those refer rules are taken as
answered by the clinician: the decision comes from every other rule, exactly as the rules say.

It stops holding:
- when it lapses: `clearance_days` (rules, default 180) after the day the clinician saw them;
- at once, when it is voided by a new or worse red-flag answer. "Worse" means exactly one of:
  an urgent rule fires; a refer rule fires that the clinician did not clear; or a cleared refer
  rule fires on an answer the clinician did not see: a different choice, a choice added to a
  multi-choice answer, a question answered that was not answered then, or, for a number asked
  in the daily check (pain today), a number further past the rule's threshold. Numbers that grow
  with the calendar (age, weeks of pain, weeks since an operation) are not compared.

The record is one, with the old "I have seen a clinician" date: a bare date saved by earlier
versions is read as a record that clears no reasons (it still restarts the escalation counts).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple, TYPE_CHECKING

if TYPE_CHECKING:
    from triage_tui.core.rules.ruleset import RuleSet
    from triage_tui.core.screening.decision import Decision, Reason
    from triage_tui.core.screening.resolve import Answer

NAME_MAX = 80


class Clearance(NamedTuple):
    """What the person recorded after a clinician saw them."""

    seen_on: date
    """The day the clinician saw them (the person's local date)."""
    recorded_at: datetime
    """When it was recorded (UTC); escalations count only sessions after it."""
    reasons: tuple[str, ...] = ()
    """Ids of the refer rules the clinician cleared (empty: an old bare "seen" date)."""
    evidence: Mapping[str, Answer] = {}
    """The answers those rules fired on when they were cleared."""
    name: str = ""
    hold_limit: int | None = None
    """Longest hold, in seconds, the clinician allows (a cap; never raises the rules' limit)."""
    sessions_before: int | None = None
    """How many sessions were saved before it (order, whatever the clock said)."""
    voided_at: datetime | None = None
    why_void: str = ""

    def lapses_on(self, days: int) -> date:
        return self.seen_on + timedelta(days=days)

    def active(self, days: int, today: date) -> bool:
        """Clears reasons today: some reasons, not voided, not lapsed."""
        return bool(self.reasons) and self.voided_at is None and today < self.lapses_on(days)

    def voided(self, at: datetime, why: str) -> Clearance:
        return self._replace(voided_at=at, why_void=why)


def legacy(at: datetime, after: int | None = None) -> Clearance:
    """An old bare "I have seen a clinician" date: clears no reasons, restarts escalations."""
    return Clearance(at.date(), at, sessions_before=after)


def days_of(ruleset: RuleSet) -> int:
    return ruleset.clearance_days


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


# --- the decision with a clearance applied --------------------------------------------------------


class Applied(NamedTuple):
    """The decision with the clearance applied, and what the clearance did."""

    decision: Decision
    cleared: tuple[Reason, ...] = ()
    """The refer reasons set aside because the clinician cleared them (empty: none were)."""
    void: str | None = None
    """Why the clearance was voided just now, in words (None: it was not)."""
    lapsed_on: date | None = None
    """Set when a clearance that would have applied has lapsed."""


def clearable(decision: Decision) -> tuple[Reason, ...]:
    """The reasons a clinician may clear: the refer rules of a `refer` decision (none otherwise:
    an urgent decision is never cleared)."""
    if decision.outcome != "refer":
        return ()
    return tuple(r for r in decision.reasons if r.kind == "refer")


def apply_clearance(ruleset: RuleSet, answers: Mapping[str, Answer], clearance: Clearance | None,
                    today: date) -> Applied:
    """`decide`, with the refer rules the clinician cleared taken as answered by them."""
    from triage_tui.core.screening.evaluator import decide  # not at import: start-up reads records

    plain = decide(ruleset, answers)
    if clearance is None or not clearance.reasons or clearance.voided_at is not None:
        return Applied(plain)
    fired = clearable(plain)
    if plain.outcome == "urgent":
        return Applied(plain, void="an answer now needs urgent help")
    if not fired:
        return Applied(plain)
    if not clearance.active(days_of(ruleset), today):
        hits = any(r.rule in clearance.reasons for r in fired)
        return Applied(plain, lapsed_on=clearance.lapses_on(days_of(ruleset)) if hits else None)
    new = [r for r in fired if r.rule not in clearance.reasons]
    if new:
        return Applied(plain, void=f"there is a new reason to see someone ({_about(ruleset, new[0])})")
    for reason in fired:
        question = worse_answer(ruleset, reason, clearance.evidence)
        if question is not None:
            return Applied(plain, void=f"an answer changed since the visit ({ruleset.question_by_id[question].short})")
    kept = tuple(rule for rule in ruleset.rules if rule.id not in clearance.reasons)
    return Applied(decide(ruleset._replace(rules=kept), answers), fired)


def _about(ruleset: RuleSet, reason: Reason) -> str:
    """What a reason is about, in a few words: the short name of its first question."""
    item = next(iter(reason.answers), None)
    question = ruleset.question_by_id.get(item) if item else None
    return question.short if question is not None else reason.rule


def worse_answer(ruleset: RuleSet, reason: Reason, evidence: Mapping[str, Answer]) -> str | None:
    """The first question whose answer, behind a cleared reason, is worse than the one cleared."""
    rule = next((r for r in ruleset.rules if r.id == reason.rule), None)
    for item, now in reason.answers.items():
        then = evidence.get(item)
        question = ruleset.question_by_id.get(item)
        if then is None:
            return item
        if isinstance(now, tuple) or isinstance(then, tuple):
            now_set = set(now) if isinstance(now, tuple) else {now}
            then_set = set(then) if isinstance(then, tuple) else {then}
            if now_set - then_set:
                return item
        elif isinstance(now, int) and isinstance(then, int):
            if question is not None and question.recheck and rule is not None and _further(rule, item, now, then):
                return item
        elif now != then:
            return item
    return None


def _further(rule: Any, item: str, now: int, then: int) -> bool:
    """Is `now` further past the rule's threshold for `item` than `then`?"""
    for test in rule.when.tests():
        if test.item != item:
            continue
        if (test.gte is not None or test.gt is not None) and now > then:
            return True
        if (test.lt is not None or test.lte is not None) and now < then:
            return True
    return False


class Note(NamedTuple):
    """What a clearance did to a decision, in words, for every face."""

    kind: str
    """"cleared", "voided" or "lapsed"."""
    headline: str
    lines: tuple[str, ...] = ()


def note_for(applied: Applied, clearance: Clearance | None, days: int) -> Note | None:
    """The words for `applied` (None when the clearance played no part)."""
    if clearance is None:
        return None
    when = long_date(clearance.seen_on)
    if applied.cleared:
        who = f" ({clearance.name})" if clearance.name else ""
        lines = [f"Checked: {r.message}" for r in applied.cleared]
        if clearance.hold_limit is not None:
            lines.append(f"Your clinician set the longest hold at {clearance.hold_limit} seconds.")
        lines.append(f"This counts until {long_date(clearance.lapses_on(days))}. After that, or if a "
                     "warning sign is new or worse, the app asks you to see someone again.")
        return Note("cleared", f"Cleared by your clinician{who} on {when}", tuple(lines))
    if applied.void is not None:
        return Note("voided", f"Your clinician's all-clear from {when} no longer counts",
                    (f"It stopped because {applied.void}.", "Please see a doctor or physio again before you start."))
    if applied.lapsed_on is not None:
        return Note("lapsed", f"Your clinician's all-clear from {when} ended on {long_date(applied.lapsed_on)}",
                    ("It counts for {days} days. Please see a doctor or physio again.".format(days=days),))
    return None


def describe(ruleset: RuleSet, clearance: Clearance, today: date) -> list[str]:
    """The record in words, for the history and the export (one line each)."""
    days = days_of(ruleset)
    who = f" with {clearance.name}" if clearance.name else ""
    lines = [f"Visit on {clearance.seen_on.isoformat()}{who}."]
    messages = {rule.id: rule.message for rule in ruleset.rules}
    lines += [f"Cleared: {messages.get(rule, rule)}" for rule in clearance.reasons]
    if clearance.hold_limit is not None:
        lines.append(f"Longest hold allowed: {clearance.hold_limit} seconds.")
    if clearance.voided_at is not None:
        lines.append(f"No longer counts since {clearance.voided_at.date().isoformat()}, because {clearance.why_void}.")
    elif clearance.reasons:
        end = clearance.lapses_on(days)
        lines.append(f"{'Counted' if end <= today else 'Counts'} until {end.isoformat()}.")
    return lines


def status(ruleset: RuleSet, clearance: Clearance, today: date) -> str:
    """"active", "lapsed", "voided", or "seen" (a record that clears no reasons)."""
    if clearance.voided_at is not None:
        return "voided"
    if not clearance.reasons:
        return "seen"
    return "active" if clearance.active(days_of(ruleset), today) else "lapsed"
