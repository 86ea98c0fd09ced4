"""What changed between two rule sets, and which decisions it changes (`triage-tui rules diff`).

Two parts:

1. By id: the questions, choices, rules, adjustments, modifications and stop cues added, removed
   or changed (with the names of the fields that changed).
2. Decisions. Every answer set cannot be tried (about 10^20 of them), so the search varies only
   the questions that matter to what changed: the questions the added, removed or changed rules
   and adjustments look at (for an adjustment, also those of the rules that make the
   modifications it tests or changes), the questions added, removed or changed in a way that
   counts (type, choices, range, `ask_when`, optional), and the questions that decide whether
   any of these are asked. Every other question keeps its default answer
   (`core.screening.enumerate.default_answers`). Over the varied questions the search is
   exhaustive: every combination of their telling answers, smallest first, up to `limit` sets.

A decision is its outcome, refer urgency and set of modifications. A witness is an answer set
whose decision differs between the two rule sets, and its size is how many answers differ from
the defaults: the first witness found for each (old decision, new decision) pair is one of the
smallest, because sets are tried in order of size. Each pair is reported once, with a count of
the answer sets that show it.

Answer sets that only one rule set accepts (an answer that uses a choice or number the other
does not offer) are not compared, only counted: nobody could give that answer under the other
rule set. An answer to a question one rule set does not have is ignored by it, as `decide`
ignores it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from triage_tui.core.rules.conditions import referenced_items
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.screening.decision import Decision
from triage_tui.core.screening.enumerate import all_questions, answer_sets, default_answers, valid_answer, valid_for
from triage_tui.core.screening.evaluator import decide
from triage_tui.core.screening.resolve import Answer, resolve

SET_LIMIT = 4_000
"""Most answer sets compared; the shipped rules against one rule changed take well under this."""

_DECIDING = {
    "rules": ("when", "outcome", "refer_urgency", "mods"),
    "adjustments": ("if_mods", "remove", "add", "when"),
    "questions": ("type", "choices", "min", "max", "ask_when", "optional"),
}


@dataclass(frozen=True, slots=True)
class Changes:
    """Ids added and removed, and (id, changed field names) for ids in both."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def to_json(self) -> dict[str, Any]:
        return {"added": list(self.added), "removed": list(self.removed),
                "changed": {id_: list(fields) for id_, fields in self.changed}}


@dataclass(frozen=True, slots=True)
class Witness:
    """The smallest answer set found for one (old decision, new decision) pair."""

    changed: Mapping[str, Answer]
    """The answers that differ from the defaults."""
    answers: Mapping[str, Answer]
    """Every answer that counts in either rule set (asked there)."""
    old: Decision
    new: Decision
    count: int
    """How many of the answer sets compared give this same pair of decisions."""


@dataclass(frozen=True, slots=True)
class RulesDiff:
    structure: Mapping[str, Changes]
    """"questions", "choices", "rules", "adjustments", "modifications", "stop_cues"."""
    varied: tuple[str, ...]
    defaults: Mapping[str, Answer]
    witnesses: tuple[Witness, ...]
    compared: int = 0
    differing: int = 0
    only_old: int = 0
    only_new: int = 0
    complete: bool = True
    """False when the search stopped at `limit` before trying every combination."""
    largest: int = 0
    """The most changed answers in any set tried."""

    @property
    def decisions_differ(self) -> bool:
        return bool(self.witnesses)


def decision_key(decision: Decision) -> tuple[str, str | None, frozenset[str]]:
    """What counts as the decision here: outcome, refer urgency, the set of modifications."""
    return decision.outcome, decision.urgency, frozenset(decision.modifications)


def diff_rules(old: RuleSet, new: RuleSet, limit: int = SET_LIMIT) -> RulesDiff:
    """Compare two rule sets (see the module docstring)."""
    structure = {
        "questions": _compare(old.questions, new.questions),
        "choices": _choices(old, new),
        "rules": _compare(old.rules, new.rules),
        "adjustments": _compare(old.adjustments, new.adjustments),
        "modifications": _compare(old.modifications, new.modifications),
        "stop_cues": _compare(old.stop_cues, new.stop_cues),
    }
    pair = (old, new)
    varied = _varied(old, new, structure)
    defaults = default_answers(pair)
    base_ok = [all(valid_answer(r.question_by_id[q], a) for q, a in defaults.items() if q in r.question_by_id)
               for r in pair]
    found: dict[tuple, list] = {}
    compared = differing = only_old = only_new = tried = largest = 0
    complete = True
    for answers, changed in answer_sets(pair, varied, defaults):
        if tried >= limit:
            complete = False
            break
        tried += 1
        largest = len(changed)
        ok_old, ok_new = _fits(old, answers, changed, base_ok[0]), _fits(new, answers, changed, base_ok[1])
        if not (ok_old and ok_new):
            only_old += ok_old
            only_new += ok_new
            continue
        compared += 1
        before, after = decide(old, answers), decide(new, answers)
        key = (decision_key(before), decision_key(after))
        if key[0] == key[1]:
            continue
        differing += 1
        if key in found:
            found[key][-1] += 1
        else:
            found[key] = [answers, changed, before, after, 1]
    witnesses = tuple(_witness(pair, *entry) for entry in found.values())
    return RulesDiff(structure, tuple(varied), defaults, witnesses, compared, differing,
                     only_old, only_new, complete, largest)


def _fits(ruleset: RuleSet, answers: Mapping[str, Answer], changed: Sequence[str], base_ok: bool) -> bool:
    """`valid_for`, quickly: when the defaults are valid for the rule set (they nearly always
    are) and so is each changed answer, no need to work out which answers are asked."""
    known = ruleset.question_by_id
    if base_ok and all(q not in known or valid_answer(known[q], answers[q]) for q in changed):
        return True
    return valid_for(ruleset, answers)


def _witness(pair: Sequence[RuleSet], answers: Mapping[str, Answer], changed: Sequence[str],
             old: Decision, new: Decision, count: int) -> Witness:
    counted: dict[str, Answer] = {}
    for ruleset in pair:
        counted.update(resolve(ruleset, answers).given)
    order = [qid for qid in answers if qid in counted]
    return Witness({q: answers[q] for q in changed}, {q: counted[q] for q in order}, old, new, count)


def _compare(old: Iterable[Any], new: Iterable[Any]) -> Changes:
    """Ids added, removed and changed between two sequences of NamedTuples with `id` fields."""
    before = {item.id: item for item in old}
    after = {item.id: item for item in new}
    changed = []
    for id_, item in after.items():
        if id_ in before and before[id_] != item:
            fields = tuple(f for f in item._fields if f not in ("origin",)
                           and getattr(item, f) != getattr(before[id_], f))
            if fields:
                changed.append((id_, fields))
    return Changes(tuple(i for i in after if i not in before), tuple(i for i in before if i not in after),
                   tuple(changed))


def _choices(old: RuleSet, new: RuleSet) -> Changes:
    """Choices added or removed on questions both rule sets have, as `question.choice`."""
    added: list[str] = []
    removed: list[str] = []
    for question in new.questions:
        before = old.question_by_id.get(question.id)
        if before is None:
            continue
        added += [f"{question.id}.{c}" for c in question.choice_ids if c not in before.choice_ids]
        removed += [f"{question.id}.{c}" for c in before.choice_ids if c not in question.choice_ids]
    return Changes(tuple(added), tuple(removed))


def _varied(old: RuleSet, new: RuleSet, structure: Mapping[str, Changes]) -> list[str]:
    """The questions whose answers matter to what changed (module docstring), in asking order."""
    items: list[str] = []
    both = (old, new)

    def touched(kind: str) -> list[str]:
        changes = structure[kind]
        deciding = [id_ for id_, fields in changes.changed if set(fields) & set(_DECIDING[kind])]
        return [*changes.added, *changes.removed, *deciding]

    rules = touched("rules")
    for ruleset in both:
        items += [i for r in ruleset.rules if r.id in rules for i in referenced_items(r.when)]
    for ruleset in both:
        for adj in ruleset.adjustments:
            mods = _adjustment_mods(old, new, adj.id, structure["adjustments"])
            if mods is None:
                continue
            items += referenced_items(adj.when)
            for other in both:
                items += [i for r in other.rules if set(r.mods) & mods for i in referenced_items(r.when)]
    for qid in touched("questions"):
        items.append(qid)
    # the questions that decide whether these are asked, in either rule set
    needed: dict[str, None] = {}
    stack = list(items)
    while stack:
        qid = stack.pop()
        if qid in needed:
            continue
        needed[qid] = None
        for ruleset in both:
            question = ruleset.question_by_id.get(qid)
            if question is not None:
                stack += referenced_items(question.ask_when)
    order = {q.id: i for i, q in enumerate(all_questions(both))}
    return sorted((q for q in needed if q in order), key=order.__getitem__)


def _adjustment_mods(old: RuleSet, new: RuleSet, adj_id: str, changes: Changes) -> set[str] | None:
    """The modifications whose makers matter to a change of adjustment `adj_id` (None: no change
    that counts). A changed `remove` or `add` needs only the mods it tests and the ones that
    moved; an adjustment added or removed, or with a new `when` or `if_mods`, needs them all."""
    fields = dict(changes.changed).get(adj_id)
    versions = [a for r in (old, new) for a in r.adjustments if a.id == adj_id]
    every = {m for a in versions for m in (*a.if_mods, *a.remove, *a.add)}
    if adj_id in changes.added or adj_id in changes.removed:
        return every
    if fields is None or not set(fields) & set(_DECIDING["adjustments"]):
        return None
    if {"when", "if_mods"} & set(fields):
        return every
    before, after = versions
    return {*before.if_mods, *after.if_mods, *(set(before.remove) ^ set(after.remove)),
            *(set(before.add) ^ set(after.add))}
