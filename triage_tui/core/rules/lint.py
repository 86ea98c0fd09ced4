"""Lint a rule set beyond validity: things that can never happen, things nobody uses, and words
that sound less urgent than the decision they belong to (`core.rules.texts`).

Reachability is shown by example (`core.rules.firing` searches for the answers): a rule is
reported only when no combination of telling answers fires it; a search too large to finish is
reported as such.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from triage_tui.core.rules.firing import (
    SEARCH_LIMIT,
    SearchTooLarge,
    adjustment_answers,
    enabling_answers,
    firing_answers,
    modification_answers,
)
from triage_tui.core.screening.resolve import Answers
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.rules.texts import control_findings, tier_word_findings
from triage_tui.core.rules import lint_poses, sources

@dataclass(frozen=True, slots=True)
class Finding:
    file: str
    key: str
    message: str


def lint(ruleset: RuleSet) -> list[Finding]:
    """Everything worth fixing in a valid rule set (empty when all is well)."""
    findings = [Finding(*f) for f in (*control_findings(ruleset), *lint_poses.pose_findings(ruleset), *sources.source_findings(ruleset))]
    for question in ruleset.questions:
        if question.ask_when is not None:
            _report(findings, question.origin.file, question.origin.key, "question",
                    f"question '{question.id}' can never be asked",
                    lambda q=question: enabling_answers(ruleset, q))
    for rule in ruleset.rules:
        _report(findings, rule.origin.file, rule.origin.key, "rule",
                f"rule '{rule.id}' can never fire: no answers make its condition true",
                lambda r=rule: firing_answers(ruleset, r))
    for adj in ruleset.adjustments:
        _report(findings, adj.origin.file, adj.origin.key, "adjustment",
                f"adjustment '{adj.id}' can never apply",
                lambda a=adj.id: adjustment_answers(ruleset, a))
    decided = {m for rule in ruleset.rules for m in rule.mods}
    decided |= {m for adj in ruleset.adjustments for m in adj.add}
    used = decided | {m for cue in ruleset.stop_cues for m in cue.next_time_mods}
    used |= {m for esc in ruleset.escalations for m in esc.mods}
    for mod in ruleset.modifications:
        if mod.id not in used:
            findings.append(Finding(mod.origin.file, mod.origin.key,
                                    f"modification '{mod.id}' is not used by any rule, stop cue or escalation"))
        elif mod.id in decided:
            _report(findings, mod.origin.file, mod.origin.key, "modification",
                    f"modification '{mod.id}' never reaches a decision (always removed again)",
                    lambda m=mod.id: modification_answers(ruleset, m))
    for found in tier_word_findings(ruleset):
        findings.append(Finding(found.text.file, found.text.key, found.message))
    return findings


def _report(findings: list[Finding], file: str, key: str, what: str, message: str,
            search: Callable[[], Answers | None]) -> None:
    try:
        if search() is None:
            findings.append(Finding(file, key, message))
    except SearchTooLarge:
        findings.append(Finding(file, key, f"{what} is too complex to check for reachability "
                                           f"(over {SEARCH_LIMIT:,} answer combinations)"))
