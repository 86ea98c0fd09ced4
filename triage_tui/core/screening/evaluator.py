"""The decision function: (rule set, answers) -> Decision. Pure: no I/O, no clock, no globals.

Order (the brief's section 6):
1. any urgent rule fires -> `urgent` (even while other answers are missing);
2. else, answers missing -> `incomplete`;
3. else any refer rule -> `refer`, with the highest urgency (same_day > soon > routine);
4. else the union of matched modifications, adjusted in order (R1, R2...) -> `modified`; its
   reasons describe the adjusted result (see `_modify_reasons`);
5. else `standard`.
Advisory notes ride along with every outcome. Urgent and refer never carry modifications.
"""

from __future__ import annotations

from collections.abc import Sequence

from triage_tui.core.rules.conditions import Condition, Values
from triage_tui.core.screening.decision import URGENCY_RANK, Decision, Outcome, Reason, Urgency
from triage_tui.core.screening.resolve import Answer, Answers, Resolution, resolve
from triage_tui.core.rules.ruleset import Adjustment, Rule, RuleSet


def decide(ruleset: RuleSet, answers: Answers) -> Decision:
    """Evaluate every rule against the answers of the enabled questions."""
    res = resolve(ruleset, answers)
    matched = [rule for rule in ruleset.rules if rule.when.holds(res.values)]
    by_kind: dict[str, list[Rule]] = {"urgent": [], "refer": [], "modify": [], "advisory": []}
    for rule in matched:
        by_kind[rule.outcome].append(rule)
    notes = tuple(rule.message for rule in by_kind["advisory"])

    def build(
        outcome: Outcome, reasons: list[Reason], urgency: Urgency | None = None, mods: Sequence[str] = ()
    ) -> Decision:
        return Decision(
            outcome=outcome,
            urgency=urgency,
            modifications=tuple(mods),
            reasons=tuple(reasons),
            notes=notes,
            missing=res.missing,
            ignored=res.ignored,
            rules_version=ruleset.version,
            rules_hash=ruleset.hash,
            matched=tuple(rule.id for rule in matched),
        )

    if by_kind["urgent"]:
        return build("urgent", [_reason(r, res) for r in by_kind["urgent"]])
    if res.missing:
        so_far = by_kind["refer"] or by_kind["modify"]
        return build("incomplete", [_reason(r, res) for r in so_far])
    if by_kind["refer"]:
        urgency = max((r.refer_urgency for r in by_kind["refer"]), key=lambda u: URGENCY_RANK[u or ""])
        return build("refer", [_reason(r, res) for r in by_kind["refer"]], urgency=urgency)

    mods, applied = merge_modifications(ruleset, by_kind["modify"], res.values)
    if mods:
        return build("modified", _modify_reasons(by_kind["modify"], mods, applied, res), mods=mods)
    return build("standard", [])


def merge_modifications(
    ruleset: RuleSet, modify_rules: Sequence[Rule], values: Values
) -> tuple[tuple[str, ...], list[Adjustment]]:
    """Union of the rules' modifications, adjusted in order; canonical order; adjustments used."""
    mods: set[str] = {mod for rule in modify_rules for mod in rule.mods}
    applied = []
    for adj in ruleset.adjustments:
        if all(m in mods for m in adj.if_mods) and (adj.when is None or adj.when.holds(values)):
            mods.difference_update(adj.remove)
            mods.update(adj.add)
            applied.append(adj)
    order = [m.id for m in ruleset.modifications]
    return tuple(sorted(mods, key=order.index)), applied


def _modify_reasons(
    rules: Sequence[Rule], mods: Sequence[str], applied: Sequence[Adjustment], res: Resolution
) -> list[Reason]:
    """The "why" of a modified decision, describing only what the result does.

    A rule whose modifications all survived keeps its message. When an adjustment took some
    away, the adjustment's `instead` text for the rule (what is done instead) is shown just
    before the adjustment's own explanation; without one, the rule's reason is left out if none
    of its modifications remain, and shown as written if some do.
    """
    reasons: list[Reason] = []
    beside: dict[str, list[Reason]] = {adj.id: [] for adj in applied}
    for rule in rules:
        lost = [m for m in rule.mods if m not in mods]
        by = next((adj for adj in applied if set(lost) & set(adj.remove)), None)
        if by is not None and rule.id in by.instead:
            beside[by.id].append(_reason(rule, res, by.instead[rule.id]))
        elif len(lost) < len(rule.mods):
            reasons.append(_reason(rule, res))
    for adj in applied:
        reasons += beside[adj.id]
        reasons.append(Reason(adj.id, adj.message, _answers(adj.when, res), "adjustment", None, adj.source, adj.why))
    return reasons


def _reason(rule: Rule, res: Resolution, message: str | None = None) -> Reason:
    text = rule.message if message is None else message
    return Reason(rule.id, text, _answers(rule.when, res), rule.outcome, rule.refer_urgency, rule.source, rule.why)


def _answers(condition: Condition | None, res: Resolution) -> dict[str, Answer]:
    if condition is None:
        return {}
    values: Values = res.values
    return {item: res.given[item] for item in dict.fromkeys(condition.witnesses(values))}
