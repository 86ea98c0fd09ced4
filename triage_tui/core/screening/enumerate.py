"""Exhaustive enumeration of answer sets, smallest first.

An answer set here is a full set of answers: every question of the rule set(s) has a default
answer (`default_answers`), and an enumerated set changes some of them to other *telling*
answers (`candidate_answers`: each choice; for multi-choice each single choice, all the
combinable ones together and each `contains` set a rule tests; for numbers the ends of the range
and every threshold any rule or `ask_when` uses, at, one under and one over). Answers no test can
tell apart give the same decision, so trying one of each keeps the search exhaustive over the
questions varied.

`answer_sets` walks every combination of changes to the questions it is told to vary, in order of
size (how many answers differ from the defaults), so the first set found with some property is
one of the smallest with it. A change to a question that is not asked (its `ask_when` does not
hold in any of the rule sets) is skipped: the answer would be ignored, and the set equals a
smaller one already seen.

Several rule sets can be enumerated together (`rules diff` compares two): the questions, choices
and thresholds of all of them are used, and `valid_for` says whether a set fits one of them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence

from triage_tui.core.rules.conditions import Condition, Test
from triage_tui.core.rules.ruleset import Question, RuleSet
from triage_tui.core.screening.resolve import Answer, Answers, resolve, to_value

_RANK = {"urgent": 40, "refer": 30, "modify": 20, "advisory": 10}
_URGENCY = {"same_day": 3, "soon": 2, "routine": 1}


def all_questions(rulesets: Sequence[RuleSet]) -> list[Question]:
    """Every question of the rule sets once, in asking order (the first rule set's version of a
    question it has; a question only a later set has comes after its predecessor there)."""
    merged: list[Question] = []
    seen: set[str] = set()
    for ruleset in rulesets:
        for index, question in enumerate(ruleset.questions):
            if question.id in seen:
                continue
            before = ruleset.questions[index - 1].id if index else None
            at = next((i + 1 for i, q in enumerate(merged) if q.id == before), 0 if before is None else len(merged))
            merged.insert(at, question)
            seen.add(question.id)
    return merged


def _tests_on(rulesets: Sequence[RuleSet], item: str) -> list[Test]:
    conditions: list[Condition | None] = []
    for ruleset in rulesets:
        conditions += [r.when for r in ruleset.rules]
        conditions += [a.when for a in ruleset.adjustments]
        conditions += [q.ask_when for q in ruleset.questions]
    return [t for c in conditions if c is not None for t in c.tests() if t.item == item]


def candidate_answers(rulesets: Sequence[RuleSet], question_id: str) -> list[Answer]:
    """The telling answers to one question, over every rule set that has it (module docstring)."""
    versions = [r.question_by_id[question_id] for r in rulesets if question_id in r.question_by_id]
    tests = _tests_on(rulesets, question_id)
    found: list[Answer] = []
    for question in versions:
        ids = question.choice_ids
        if question.type == "choice":
            found += ids
        elif question.type == "multi":
            found += [(c,) for c in ids]
            found.append(tuple(c.id for c in question.choices if not c.exclusive))
            found += [tuple(c for c in ids if c in t.contains) for t in tests if t.contains]
        else:
            assert question.min is not None and question.max is not None
            numbers = {question.min, question.max}
            for test in tests:
                for bound in (test.gte, test.gt, test.lt, test.lte):
                    if bound is not None:
                        numbers.update((bound - 1, bound, bound + 1))
            found += sorted(n for n in numbers if question.min <= n <= question.max)
            found += ids
    return [a for a in dict.fromkeys(found) if a != ()]


def valid_answer(question: Question, answer: Answer) -> bool:
    """Whether `answer` is one a person could give to `question`."""
    if isinstance(answer, tuple):
        if question.type != "multi" or not answer or not set(answer) <= set(question.choice_ids):
            return False
        exclusive = {c.id for c in question.choices if c.exclusive}
        return len(answer) == 1 or not exclusive & set(answer)
    if isinstance(answer, int):
        return question.type == "number" and question.min is not None and question.max is not None \
            and question.min <= answer <= question.max
    return question.type != "multi" and answer in question.choice_ids


def valid_for(ruleset: RuleSet, answers: Answers) -> bool:
    """Whether every answer that counts under `ruleset` (asked, and a question of it) is valid.

    Answers to questions the rule set does not have, or does not ask, are ignored by it, as
    `decide` ignores them.
    """
    given = resolve(ruleset, answers).given
    return all(valid_answer(ruleset.question_by_id[qid], a) for qid, a in given.items())


def default_answers(rulesets: Sequence[RuleSet]) -> dict[str, Answer]:
    """One calm answer to every question: in asking order, the candidate that makes the least
    severe rules fire, then the fewest, then asks the fewest follow-ups, given the defaults
    before it; ties go to the first candidate, and answers valid in every rule set are preferred.
    A follow-up question is scored as if it were asked (its parents given the first candidate
    answers that ask it), so its default is calm when a change makes it count."""
    chosen: dict[str, Answer] = {}
    values: dict = {}
    rules = [(r, {t.item for t in r.when.tests()}) for ruleset in rulesets for r in ruleset.rules]
    questions = all_questions(rulesets)
    for question in questions:
        versions = [r.question_by_id[question.id] for r in rulesets if question.id in r.question_by_id]
        context = _asking(rulesets, question, values)
        later = [q for q in questions if q.ask_when is not None and question.id in {t.item for t in q.ask_when.tests()}]
        best: tuple | None = None
        for answer in candidate_answers(rulesets, question.id):
            trial = {**context, question.id: to_value(question, answer)}
            fired = [r for r, items in rules if question.id in items and r.when.holds(trial)]
            worst = max((_RANK[r.outcome] + _URGENCY.get(r.refer_urgency or "", 0) for r in fired), default=0)
            invalid = sum(not valid_answer(v, answer) for v in versions)
            asks = sum(q.ask_when.holds(trial) for q in later if q.ask_when is not None)
            score = (invalid, worst, len(fired), asks)
            if best is None or score < best[0]:
                best = (score, answer)
        if best is not None:
            chosen[question.id] = best[1]
            values[question.id] = to_value(question, best[1])
    return chosen


def _asking(rulesets: Sequence[RuleSet], question: Question, values: Mapping) -> dict:
    """`values`, with the items of `question.ask_when` changed to the first candidates that make
    it hold (unchanged if it holds already, or if nothing does within a small search)."""
    condition = question.ask_when
    if condition is None or condition.holds(values):
        return dict(values)
    items = list(dict.fromkeys(t.item for t in condition.tests()))
    known = {q.id: q for q in all_questions(rulesets)}
    options = [candidate_answers(rulesets, i) if i in known else [] for i in items]
    for picked in itertools.islice(itertools.product(*options), 5_000):
        trial = {**values, **{i: to_value(known[i], a) for i, a in zip(items, picked)}}
        if condition.holds(trial):
            return trial
    return dict(values)


def answer_sets(
    rulesets: Sequence[RuleSet],
    vary: Sequence[str],
    base: Mapping[str, Answer] | None = None,
    max_changed: int | None = None,
) -> Iterator[tuple[dict[str, Answer], tuple[str, ...]]]:
    """Every answer set that changes some of the `vary` questions from `base`, smallest first.

    Yields (answers, changed question ids). `base` defaults to `default_answers`. The set with
    no change comes first; then every set changing one question, then two, and so on up to
    `max_changed` (default: all of `vary`). Each change is to a candidate answer other than the
    base one, and to a question asked (in at least one rule set) given the other answers.
    """
    base = dict(default_answers(rulesets) if base is None else base)
    order = {q.id: i for i, q in enumerate(all_questions(rulesets))}
    vary = sorted(dict.fromkeys(q for q in vary if q in order), key=order.__getitem__)
    options = {q: [a for a in candidate_answers(rulesets, q) if a != base.get(q)] for q in vary}
    asked = _asked(rulesets, base)
    parents = {q: _parents(rulesets, q) for q in vary}
    top = len(vary) if max_changed is None else min(max_changed, len(vary))
    for size in range(top + 1):
        for chosen in itertools.combinations(vary, size):
            together = set(chosen)
            # a question hidden by the defaults stays hidden unless a parent of it changes too
            if any(q not in asked and not parents[q] & together for q in chosen):
                continue
            recheck = [q for q in order if q in together or any(q in parents[c] for c in chosen)] \
                if any(parents[q] & together for q in chosen) else None
            for picked in itertools.product(*(options[q] for q in chosen)):
                answers = {**base, **dict(zip(chosen, picked))}
                if recheck is not None and not _each_asked(rulesets, answers, recheck, together):
                    continue
                yield answers, chosen


def _asked(rulesets: Sequence[RuleSet], answers: Answers) -> set[str]:
    """The questions asked, given `answers`, in at least one of the rule sets."""
    asked: set[str] = set()
    for ruleset in rulesets:
        asked.update(q.id for q in resolve(ruleset, answers).enabled)
    return asked


def _each_asked(rulesets: Sequence[RuleSet], answers: Answers, walk: Sequence[str], chosen: set[str]) -> bool:
    """Whether every `chosen` question is asked in some rule set. `walk` is the chosen questions
    and all their parents in asking order: whether they are asked depends on nothing else."""
    asked: set[str] = set()
    for ruleset in rulesets:
        values: dict = {}
        for qid in walk:
            question = ruleset.question_by_id.get(qid)
            if question is None or (question.ask_when is not None and not question.ask_when.holds(values)):
                continue
            asked.add(qid)
            if qid in answers:
                values[qid] = to_value(question, answers[qid])
    return chosen <= asked


def _parents(rulesets: Sequence[RuleSet], question_id: str) -> set[str]:
    """The questions whose answers decide (directly or not) whether this one is asked."""
    found: set[str] = set()
    stack = [question_id]
    while stack:
        qid = stack.pop()
        for ruleset in rulesets:
            question = ruleset.question_by_id.get(qid)
            if question is not None and question.ask_when is not None:
                for test in question.ask_when.tests():
                    if test.item not in found:
                        found.add(test.item)
                        stack.append(test.item)
    return found


def count_answer_sets(rulesets: Sequence[RuleSet], vary: Sequence[str], base: Mapping[str, Answer]) -> int:
    """An upper bound on how many sets `answer_sets` yields (hidden changes not yet removed)."""
    total = 1
    for q in dict.fromkeys(vary):
        total *= 1 + len([a for a in candidate_answers(rulesets, q) if a != base.get(q)])
    return total
