"""Hypothesis strategies for answer sets that fit a rule set's questions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hypothesis import strategies as st

from triage_tui.core.screening.resolve import Answer, resolve
from triage_tui.core.rules.ruleset import Question, RuleSet


def answer_for(question: Question) -> st.SearchStrategy[Answer]:
    """Any valid answer to `question`."""
    ids = list(question.choice_ids)
    if question.type == "choice":
        return st.sampled_from(ids)
    if question.type == "number":
        assert question.min is not None and question.max is not None
        numbers = st.integers(question.min, question.max)
        return st.one_of(numbers, st.sampled_from(ids)) if ids else numbers
    alone = [c.id for c in question.choices if c.exclusive]
    combinable = [c.id for c in question.choices if not c.exclusive]
    subsets = st.lists(st.sampled_from(combinable), min_size=1, unique=True).map(
        lambda chosen: tuple(sorted(chosen, key=ids.index))
    )
    return st.one_of(st.sampled_from([(c,) for c in alone]), subsets) if alone else subsets


@st.composite
def answer_sets(
    draw: st.DrawFn,
    ruleset: RuleSet,
    fixed: Mapping[str, Answer] | None = None,
    complete: bool = True,
) -> dict[str, Any]:
    """Answers walked in asking order: every enabled question answered (optional ones maybe).

    `fixed` answers are kept as given; with `complete=False` some questions are left out.
    """
    answers: dict[str, Any] = dict(fixed or {})
    for question in ruleset.questions:
        if question.id in answers:
            continue
        if question.ask_when is not None and not question.ask_when.holds(resolve(ruleset, answers).values):
            continue
        if question.optional and draw(st.booleans()):
            continue
        if not complete and draw(st.integers(0, 7)) == 0:
            continue
        answers[question.id] = draw(answer_for(question))
    return answers
