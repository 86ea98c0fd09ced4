"""Answers that make a rule fire, a question be asked, an adjustment apply or a modification reach
a decision: the search that `core.rules.lint` and the tests use to show reachability by example.

For a target, it tries combinations of telling answers (each choice; numbers at, just under and
just over every threshold the rule set uses) for the questions the target looks at, plus the
questions that decide whether those are asked. It returns the first combination that works, or
None when none does; a search too large to finish raises SearchTooLarge.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from triage_tui.core.rules.conditions import Condition, Test, referenced_items
from triage_tui.core.screening.evaluator import merge_modifications
from triage_tui.core.screening.resolve import Answer, Answers, resolve, to_value
from triage_tui.core.rules.ruleset import Adjustment, Question, Rule, RuleSet

SEARCH_LIMIT = 200_000
"""Most answer combinations tried for one target."""

class SearchTooLarge(Exception):
    """The combination search for one target would exceed SEARCH_LIMIT."""

def firing_answers(ruleset: RuleSet, rule: Rule) -> Answers | None:
    """Some answers that make `rule` fire, or None if there are none."""
    return _holding_answers(ruleset, rule.when)


def enabling_answers(ruleset: RuleSet, question: Question) -> Answers | None:
    """Some answers that make `question` asked, or None."""
    if question.ask_when is None:
        return {}
    return _holding_answers(ruleset, question.ask_when)


def _holding_answers(ruleset: RuleSet, condition: Condition) -> Answers | None:
    """Some answers under which `condition` holds on the values a screening would see, or None.

    Only the questions the condition looks at (and those deciding whether they are asked) are
    answered, and their ask_when look only at each other: resolving them alone, in asking order,
    gives the values the condition sees (as `resolve` would). A question's candidate answers
    are grouped by what every test on it in these conditions says of them, and one answer per
    group is tried: answers that no test can tell apart are interchangeable, so the search stays
    exhaustive. Answers some test of `condition` likes come first, and answers before "left
    unanswered", so a condition that can hold is usually shown so within a few combinations.
    """
    questions = _items_for(ruleset, referenced_items(condition))
    wanted: dict[str, list[Test]] = {}
    for test in condition.tests():
        wanted.setdefault(test.item, []).append(test)
    gates: dict[str, list[Test]] = {}
    for question in questions:
        if question.ask_when is not None:
            for test in question.ask_when.tests():
                gates.setdefault(test.item, []).append(test)
    options = [_classes(ruleset, q, wanted.get(q.id, ()), gates.get(q.id, ())) for q in questions]
    total = 1
    for opts in options:
        total *= len(opts) + 1  # +1: left unanswered
    if total > SEARCH_LIMIT:
        raise SearchTooLarge
    for combo in itertools.product(*[[*opts, None] for opts in options]):
        values: dict = {}
        for question, picked in zip(questions, combo):
            if picked is not None and (question.ask_when is None or question.ask_when.holds(values)):
                values[question.id] = picked[1]
        if condition.holds(values):
            return {q.id: picked[0] for q, picked in zip(questions, combo) if picked is not None}
    return None


def _classes(ruleset: RuleSet, question: Question, wanted: Sequence[Test],
             gates: Sequence[Test]) -> list[tuple[Answer, object]]:
    """One candidate answer (with its value) per group the tests cannot tell apart; the answers
    some `wanted` test likes first."""
    valued = _valued(ruleset, question)
    columns = [_truth(ruleset, question, test) for test in (*wanted, *gates)]
    if not columns:
        return valued[:1]
    first: dict[tuple[bool, ...], int] = {}
    for index, row in enumerate(zip(*columns)):
        first.setdefault(row, index)
    liked = len(wanted)
    picked = sorted(first.items(), key=lambda item: not any(item[0][:liked]))  # stable
    return [valued[index] for _, index in picked]


def _truth(ruleset: RuleSet, question: Question, test: Test) -> tuple[bool, ...]:
    """Whether `test` holds for each candidate answer of `question` (worked out once per test)."""
    cache = _cached(ruleset).truth
    column = cache.get(test)
    if column is None:
        column = cache[test] = tuple(test.holds({question.id: value}) for _, value in _valued(ruleset, question))
    return column


def adjustment_answers(ruleset: RuleSet, adjustment_id: str) -> Answers | None:
    """Some answers whose decision applies the adjustment, or None."""
    return _adjustment_answers(ruleset, next(a for a in ruleset.adjustments if a.id == adjustment_id))


def _adjustment_answers(ruleset: RuleSet, adj: Adjustment) -> Answers | None:
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
    """The modify rules asking for `mod_id` (indexed once per rule set)."""
    return _cached(ruleset).producers.get(mod_id, [])


def _mods_search(ruleset: RuleSet, conditions: Sequence[Condition | None],
                 accept: Callable[[tuple[str, ...], list], bool]) -> Answers | None:
    wanted = [item for c in conditions for item in referenced_items(c)]
    modify_rules = _cached(ruleset).modify_rules

    def check(answers: Answers) -> bool:
        values = resolve(ruleset, answers).values
        if not all(c is None or c.holds(values) for c in conditions):
            return False
        fired = [r for r in modify_rules if r.when.holds(values)]
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
    position = _cached(ruleset).position
    return [ruleset.question_by_id[qid] for qid in sorted(needed, key=position.__getitem__)]


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
    cache = _cached(ruleset).candidates
    if question.id not in cache:
        cache[question.id] = _candidates(ruleset, question)
    return list(cache[question.id])


def _candidates(ruleset: RuleSet, question: Question) -> list[Answer]:
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


def _valued(ruleset: RuleSet, question: Question) -> list[tuple[Answer, object]]:
    """Each candidate answer of `question` with its condition value (worked out once)."""
    cache = _cached(ruleset).valued
    if question.id not in cache:
        cache[question.id] = [(a, to_value(question, a)) for a in candidate_answers(ruleset, question)]
    return cache[question.id]


def _tests_on(ruleset: RuleSet, item: str) -> list:
    """Every test on `item` in the rule set (indexed once per rule set, not scanned per call)."""
    return _cached(ruleset).tests.get(item, [])


class _Cache:
    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.tests: dict[str, list] = {}
        self.candidates: dict[str, list[Answer]] = {}
        self.valued: dict[str, list[tuple[Answer, object]]] = {}
        self.truth: dict[Test, tuple[bool, ...]] = {}
        self.position = {q.id: i for i, q in enumerate(ruleset.questions)}
        self.modify_rules = [r for r in ruleset.rules if r.outcome == "modify"]
        self.producers: dict[str, list[Rule]] = {}
        for rule in self.modify_rules:
            for mod in dict.fromkeys(rule.mods):
                self.producers.setdefault(mod, []).append(rule)
        conditions: list[Condition | None] = [r.when for r in ruleset.rules]
        conditions += [a.when for a in ruleset.adjustments]
        conditions += [q.ask_when for q in ruleset.questions]
        for condition in conditions:
            if condition is not None:
                for test in condition.tests():
                    self.tests.setdefault(test.item, []).append(test)


_LAST: list[_Cache] = []


def _cached(ruleset: RuleSet) -> _Cache:
    if not _LAST or _LAST[0].ruleset is not ruleset:
        _LAST[:] = [_Cache(ruleset)]
    return _LAST[0]
