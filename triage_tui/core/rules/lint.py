"""Lint a rule set beyond validity: things that can never happen, things nobody uses, and words
that sound less urgent than the decision they belong to (`core.rules.texts`).

Reachability is shown by example: for a rule, the search tries combinations of telling answers
(each choice; numbers at, just under and just over every threshold the rule set uses) for the
questions the rule looks at, plus the questions that decide whether those are asked. A rule is
reported only when no combination fires it; a search too large to finish is reported as such.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from triage_tui.core.rules.conditions import Condition, referenced_items
from triage_tui.core.screening.evaluator import merge_modifications
from triage_tui.core.screening.resolve import Answer, Answers, resolve
from triage_tui.core.rules.ruleset import Question, Rule, RuleSet
from triage_tui.core.rules.texts import tier_word_findings

SEARCH_LIMIT = 200_000
"""Most answer combinations tried for one target."""


@dataclass(frozen=True, slots=True)
class Finding:
    file: str
    key: str
    message: str


class SearchTooLarge(Exception):
    """The combination search for one target would exceed SEARCH_LIMIT."""


def lint(ruleset: RuleSet) -> list[Finding]:
    """Everything worth fixing in a valid rule set (empty when all is well)."""
    findings: list[Finding] = []
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
    cues = {m for cue in ruleset.stop_cues for m in cue.next_time_mods}
    cues |= {m for esc in ruleset.escalations for m in esc.mods}
    for mod in ruleset.modifications:
        if mod.id not in decided | cues:
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


def firing_answers(ruleset: RuleSet, rule: Rule) -> Answers | None:
    """Some answers that make `rule` fire, or None if there are none."""
    return _search(ruleset, _items_for(ruleset, referenced_items(rule.when)),
                   lambda answers: rule.when.holds(resolve(ruleset, answers).values))


def enabling_answers(ruleset: RuleSet, question: Question) -> Answers | None:
    """Some answers that make `question` asked, or None."""
    items = _items_for(ruleset, referenced_items(question.ask_when))
    return _search(ruleset, items,
                   lambda answers: question in resolve(ruleset, answers).enabled)


def adjustment_answers(ruleset: RuleSet, adjustment_id: str) -> Answers | None:
    """Some answers whose decision applies the adjustment, or None."""
    adj = next(a for a in ruleset.adjustments if a.id == adjustment_id)
    for producers in itertools.product(*(_producers(ruleset, m) for m in adj.if_mods)):
        found = _mods_search(ruleset, [adj.when, *(p.when for p in producers)],
                             lambda mods, applied: adj in applied)
        if found is not None:
            return found
    return None


def modification_answers(ruleset: RuleSet, mod_id: str) -> Answers | None:
    """Some answers whose (would-be) modified decision includes `mod_id`, or None."""
    producers: list[Sequence[Condition | None]] = [[rule.when] for rule in _producers(ruleset, mod_id)]
    for adj in ruleset.adjustments:
        if mod_id in adj.add:
            for chain in itertools.product(*(_producers(ruleset, m) for m in adj.if_mods)):
                producers.append([adj.when, *(p.when for p in chain)])
    for conditions in producers:
        found = _mods_search(ruleset, conditions, lambda mods, applied: mod_id in mods)
        if found is not None:
            return found
    return None


def _producers(ruleset: RuleSet, mod_id: str) -> list[Rule]:
    return [rule for rule in ruleset.rules if rule.outcome == "modify" and mod_id in rule.mods]


def _mods_search(ruleset: RuleSet, conditions: Sequence[Condition | None],
                 accept: Callable[[tuple[str, ...], list], bool]) -> Answers | None:
    wanted = [item for c in conditions for item in referenced_items(c)]

    def check(answers: Answers) -> bool:
        values = resolve(ruleset, answers).values
        if not all(c is None or c.holds(values) for c in conditions):
            return False
        fired = [r for r in ruleset.rules if r.outcome == "modify" and r.when.holds(values)]
        return accept(*merge_modifications(ruleset, fired, values))

    return _search(ruleset, _items_for(ruleset, wanted), check)


def _items_for(ruleset: RuleSet, items: Sequence[str]) -> list[Question]:
    """The questions named, plus those that decide whether they are asked, in asking order."""
    needed: set[str] = set()
    stack = list(items)
    while stack:
        qid = stack.pop()
        question = ruleset.question_by_id.get(qid)
        if question is None or qid in needed:
            continue
        needed.add(qid)
        stack.extend(referenced_items(question.ask_when))
    return [q for q in ruleset.questions if q.id in needed]


def _search(ruleset: RuleSet, questions: list[Question],
            accept: Callable[[Answers], bool]) -> Answers | None:
    options = [candidate_answers(ruleset, q) for q in questions]
    total = 1
    for opts in options:
        total *= len(opts) + 1  # +1: left unanswered
    if total > SEARCH_LIMIT:
        raise SearchTooLarge
    for combo in itertools.product(*[[None, *opts] for opts in options]):
        answers = {q.id: a for q, a in zip(questions, combo) if a is not None}
        if accept(answers):
            return answers
    return None


def candidate_answers(ruleset: RuleSet, question: Question) -> list[Answer]:
    """Telling answers for `question`: every choice, and numbers around every threshold."""
    if question.type == "choice":
        return list(question.choice_ids)
    if question.type == "multi":
        singles: list[Answer] = [(c,) for c in question.choice_ids]
        together = tuple(c.id for c in question.choices if not c.exclusive)
        extra = [tuple(sorted(t.contains, key=question.choice_ids.index))
                 for t in _tests_on(ruleset, question.id) if t.contains]
        return list(dict.fromkeys([*singles, together, *extra]))
    assert question.min is not None and question.max is not None
    numbers = {question.min, question.max}
    for test in _tests_on(ruleset, question.id):
        for bound in (test.gte, test.gt, test.lt, test.lte):
            if bound is not None:
                numbers.update((bound - 1, bound, bound + 1))
    in_range = sorted(n for n in numbers if question.min <= n <= question.max)
    return [*in_range, *question.choice_ids]


def _tests_on(ruleset: RuleSet, item: str) -> Iterator:
    conditions: list[Condition | None] = [r.when for r in ruleset.rules]
    conditions += [a.when for a in ruleset.adjustments]
    conditions += [q.ask_when for q in ruleset.questions]
    for condition in conditions:
        if condition is not None:
            for test in condition.tests():
                if test.item == item:
                    yield test
