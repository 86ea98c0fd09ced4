"""Judge mutants (tests/mutants.py): does one change a decision, and do the cases catch it?

A mutant counts only if it changes some decision (outcome, urgency or modifications) for some
complete set of answers; `Judge.witness` searches for one: the failing cases first, then every
combination of telling answers for the questions the change touches (in a few contexts that
bring in the adjustments), then each rule's firing answers alone and each pair of modify rules'.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mutants import Builder, Mutant
from triage_tui.core.rules.case_runner import check_case
from triage_tui.core.rules.cases import Case
from triage_tui.core.rules.conditions import referenced_items
from triage_tui.core.rules.firing import SearchTooLarge, firing_answers
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.screening.evaluator import decide
from triage_tui.core.screening.resolve import Answer, resolve

Key = tuple[str, str | None, tuple[str, ...]]
PRODUCT_LIMIT = 4000
"""Most combinations tried for the questions one change touches (per context)."""

CONTEXTS: tuple[dict[str, Answer], ...] = (
    {},
    {"pregnancy_postpartum": "pregnant_16w_plus", "maternity_ok": "yes"},
    {"pregnancy_postpartum": "pregnant_under_16w", "maternity_ok": "yes"},
    {"knee_pain": "pain_bending_to_90"},
    {"pain_today": 7},
    {"pain_today": 7, "pregnancy_postpartum": "pregnant_16w_plus", "maternity_ok": "yes"},
)
"""Answers laid over the benign ones before the changed questions are varied: the adjustments
(lying down, pregnancy from 16 weeks) only show with them."""


def decision_key(ruleset: RuleSet, answers: Mapping[str, Answer]) -> Key | None:
    """(outcome, urgency, modifications), or None when answers are missing (not a witness)."""
    decision = decide(ruleset, answers)
    if decision.outcome == "incomplete":
        return None
    return decision.outcome, decision.urgency, decision.modifications


class Judge:
    """Finds, for a mutant, whether the cases catch it and an answer set it decides differently."""

    def __init__(self, original: RuleSet, benign: Mapping[str, Answer], cases: Sequence[Case]) -> None:
        self.original = original
        self.benign = dict(benign)
        self.cases = cases
        self._keys: dict[tuple, Key | None] = {}
        self._firing: dict[int, tuple[list[dict[str, Answer]], list[dict[str, Answer]]]] = {}

    def killed(self, mutant: RuleSet, focus: Sequence[str] = ()) -> list[str]:
        """Ids of the cases that fail on the mutant (stops at the first whose decision differs).

        Cases that change a focus question from its benign answer run first: they are the likely
        catchers, and all cases run only for a mutant none of them catches.
        """
        wanted = set(focus)
        first = [c for c in self.cases if wanted & {q for q, a in c.answers.items() if self.benign.get(q) != a}]
        failed = []
        for case in {c.id: c for c in [*first, *self.cases]}.values():
            failure = check_case(mutant, case)
            if failure is not None:
                failed.append(case.id)
                if failure.decision_differs and decision_key(mutant, case.answers) is not None:
                    break
        return failed

    def witness(self, mutant: RuleSet, focus: Sequence[str], failed: Sequence[str] = ()) -> dict[str, Answer] | None:
        """A complete answer set whose decision differs between the original and the mutant."""
        by_id = {c.id: c for c in self.cases}
        for answers in itertools.chain((by_id[i].answers for i in failed), self._probes(mutant, focus)):
            full = self._fill(mutant, answers)
            before = self._original_key(full)
            if before is None:
                continue
            after = decision_key(mutant, full)
            if after is not None and after != before:
                return full
        return None

    def _original_key(self, answers: dict[str, Answer]) -> Key | None:
        frozen = tuple(sorted(answers.items()))
        if frozen not in self._keys:
            self._keys[frozen] = decision_key(self.original, answers)
        return self._keys[frozen]

    def _probes(self, mutant: RuleSet, focus: Sequence[str]) -> Iterator[dict[str, Answer]]:
        questions = _with_gates(self.original, mutant, focus)
        options = [[None, *_candidates(self.original, mutant, q)] for q in questions]
        size = 1
        for opts in options:
            size *= len(opts)
        if size <= PRODUCT_LIMIT:
            for context in CONTEXTS:
                for combo in itertools.product(*options):
                    yield {**self.benign, **context, **{q: a for q, a in zip(questions, combo) if a is not None}}
        every, gentler = self._firing_sets(self.original)
        more, more_gentler = self._firing_sets(mutant)
        for one in _unique(every + more):
            yield {**self.benign, **one}
        # Changes to the stretch only show when nothing refers: pairs of modify rules suffice.
        for one, two in itertools.combinations(_unique(gentler + more_gentler), 2):
            yield {**self.benign, **one, **two}

    def _firing_sets(self, ruleset: RuleSet) -> tuple[list[dict[str, Answer]], list[dict[str, Answer]]]:
        """Answers that fire each rule: (all rules, modify rules only)."""
        if id(ruleset) not in self._firing:
            every, gentler = [], []
            for rule in ruleset.rules:
                try:
                    answers = firing_answers(ruleset, rule)
                except SearchTooLarge:
                    answers = None
                if answers is not None:
                    every.append(dict(answers))
                    if rule.outcome == "modify":
                        gentler.append(dict(answers))
            self._firing[id(ruleset)] = (every, gentler)
        return self._firing[id(ruleset)]

    def _fill(self, mutant: RuleSet, answers: Mapping[str, Answer]) -> dict[str, Answer]:
        """Answer every question either rule set asks and `answers` leaves open, harmlessly."""
        full = dict(answers)
        for ruleset in (self.original, mutant):
            for _ in range(3):  # a filled answer can open a follow-up question
                missing = resolve(ruleset, full).missing
                if not missing:
                    break
                for qid in missing:
                    full[qid] = _harmless(ruleset.question_by_id[qid])
        return full


def _unique(sets: Sequence[dict[str, Answer]]) -> list[dict[str, Answer]]:
    return list({tuple(sorted(s.items())): s for s in sets}.values())


def _harmless(question: Any) -> Answer:
    if question.id.startswith("cleared_") or question.id == "maternity_ok":
        return "yes"
    if question.type == "number":
        return question.max
    for choice in ("none", "no", "not_applicable"):
        if choice in question.choice_ids:
            return (choice,) if question.type == "multi" else choice
    first = question.choice_ids[0]
    return (first,) if question.type == "multi" else first


def _with_gates(original: RuleSet, mutant: RuleSet, focus: Sequence[str]) -> list[str]:
    """The focus questions and those deciding whether they are asked (in either rule set)."""
    seen: list[str] = []
    stack = list(focus)
    while stack:
        qid = stack.pop(0)
        if qid in seen:
            continue
        seen.append(qid)
        for ruleset in (original, mutant):
            question = ruleset.question_by_id.get(qid)
            if question is not None:
                stack.extend(referenced_items(question.ask_when))
    return [q for q in seen if q in original.question_by_id]


def _candidates(original: RuleSet, mutant: RuleSet, qid: str) -> list[Answer]:
    """Every choice (each alone, and all that combine together), and numbers at and beside every
    threshold either rule set tests on this question."""
    question = original.question_by_id[qid]
    if question.type == "choice":
        return list(question.choice_ids)
    if question.type == "multi":
        together = tuple(c.id for c in question.choices if not c.exclusive)
        return list(dict.fromkeys([*((c,) for c in question.choice_ids), together]))
    numbers = {question.min, question.max}
    for ruleset in (original, mutant):
        conditions = [r.when for r in ruleset.rules] + [q.ask_when for q in ruleset.questions if q.ask_when]
        for condition in conditions:
            for test in condition.tests():
                if test.item == qid:
                    for bound in (test.gte, test.gt, test.lt, test.lte):
                        if bound is not None:
                            numbers.update((bound - 1, bound, bound + 1))
    return [*sorted(n for n in numbers if question.min <= n <= question.max), *question.choice_ids]


# --- the score ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    mutant: Mutant
    valid: bool
    changes_decision: bool
    killed_by: tuple[str, ...]


def judge_all(builder: Builder, judge: Judge, chosen: Sequence[Mutant]) -> list[Verdict]:
    out = []
    for mutant in chosen:
        ruleset = builder.build(mutant)
        if ruleset is None:
            out.append(Verdict(mutant, False, False, ()))
            continue
        failed = judge.killed(ruleset, mutant.focus)
        changes = judge.witness(ruleset, mutant.focus, failed) is not None
        out.append(Verdict(mutant, True, changes, tuple(failed)))
    return out


def report(verdicts: Sequence[Verdict]) -> tuple[float, str]:
    """(killed / decision-changing, a few lines: the score by kind and every survivor)."""
    changing = [v for v in verdicts if v.changes_decision]
    killed = [v for v in changing if v.killed_by]
    score = len(killed) / len(changing) if changing else 1.0
    lines = [f"mutation score: {len(killed)}/{len(changing)} = {score:.1%} of the decision-changing mutants "
             f"caught ({len(verdicts)} generated, {sum(not v.valid for v in verdicts)} invalid, "
             f"{sum(v.valid and not v.changes_decision for v in verdicts)} change no decision)"]
    kinds = sorted({v.mutant.kind for v in changing})
    for kind in kinds:
        of_kind = [v for v in changing if v.mutant.kind == kind]
        lines.append(f"  {kind}: {sum(bool(v.killed_by) for v in of_kind)}/{len(of_kind)}")
    for v in changing:
        if not v.killed_by:
            lines.append(f"  SURVIVED {v.mutant.kind}: {v.mutant.file} {v.mutant.what}")
    return score, "\n".join(lines)
