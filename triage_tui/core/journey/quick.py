"""The daily check's urgent items on one list: "None of these" in one key, ticks for the rest.

Every item is still asked every day (nothing is carried over from yesterday): an item left
unticked is answered with its rules-given `none_choice` ("this does not apply"), and an item
the person ticks is then asked in full, on its own, exactly as in the full screening.
"""

from __future__ import annotations

from triage_tui.core.rules.ruleset import Question
from triage_tui.core.screening.questionnaire import Questionnaire

HEADING = "Would you answer yes to any of these today?"
HINT = "Tick each one that applies; you will then be asked about it. If none do, say so in one key."


def listed(state: Questionnaire) -> tuple[Question, ...]:
    """The questions of this check that go on the list: asked now, with a `none_choice`, and
    before any question that is not on it (so the list is the start of the check)."""
    items = []
    for question in state.asked():
        if question.type != "choice" or not question.none_choice or question.choice(question.none_choice) is None:
            break
        items.append(question)
    return tuple(items)


def fill(state: Questionnaire, ids: frozenset[str], ticked: frozenset[str]) -> Questionnaire:
    """Answer each listed, unticked question the check reaches with its `none_choice`, until it
    reaches one the person must answer (a ticked item, or the first one after the list)."""
    while (question := state.current) is not None and question.id in ids and question.id not in ticked:
        state = state.answer(question.none_choice)
    return state


def back_lands_on_list(state: Questionnaire, ids: frozenset[str]) -> bool:
    """Would going back from here reach a listed question (so the list should show again)?"""
    return state.at_start or state.back().position in ids
