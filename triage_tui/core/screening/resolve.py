"""Which questions are asked, given the answers so far.

A question is enabled when its `ask_when` holds on the answers of the enabled questions before
it. Answers to questions that are not enabled are ignored: they never reach a rule (a changed
parent answer hides its follow-ups, and their stale answers stop counting).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from triage_tui.core.rules.conditions import Value
from triage_tui.core.rules.ruleset import Question, RuleSet

Answer = str | int | tuple[str, ...]
"""A choice id, a whole number, or a tuple of choice ids (multi-choice)."""
Answers = Mapping[str, Answer]


@dataclass(frozen=True, slots=True)
class Resolution:
    """The answers as the rules see them."""

    enabled: tuple[Question, ...]
    """Questions currently asked, in order."""
    values: Mapping[str, Value]
    """Answers of enabled questions, in the form conditions test."""
    given: Mapping[str, Answer]
    """Answers of enabled questions, as given."""
    missing: tuple[str, ...]
    """Enabled, required and unanswered."""
    ignored: tuple[str, ...]
    """Answered but not enabled (or not a question of this rule set)."""


def to_value(question: Question, answer: Answer) -> Value:
    """The condition view of a (valid) answer."""
    if isinstance(answer, tuple):
        return Value(frozenset(answer))
    if isinstance(answer, int):
        return Value(frozenset(), answer)
    choice = question.choice(answer)
    return Value(frozenset((answer,)), choice.number if choice is not None else None)


def resolve(ruleset: RuleSet, answers: Answers) -> Resolution:
    """Work out the enabled questions and the answers that count."""
    values: dict[str, Value] = {}
    given: dict[str, Answer] = {}
    enabled: list[Question] = []
    missing: list[str] = []
    for question in ruleset.questions:
        if question.ask_when is not None and not question.ask_when.holds(values):
            continue
        enabled.append(question)
        answer = answers.get(question.id)
        if answer is None:
            if not question.optional:
                missing.append(question.id)
            continue
        values[question.id] = to_value(question, answer)
        given[question.id] = answer
    ignored = tuple(qid for qid in answers if qid not in given)
    order = {q.id: i for i, q in enumerate(ruleset.questions)}
    ignored = tuple(sorted(ignored, key=lambda qid: (order.get(qid, len(order)), qid)))
    return Resolution(tuple(enabled), values, given, tuple(missing), ignored)
