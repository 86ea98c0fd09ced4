"""The daily check's urgent items on one list: "None of these" in one step, ticked items asked
in full, nothing pre-ticked or carried over, and back and forth without losing anything."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from journey_helpers import Run, saved_screening
from support import copy_rules, edit
from triage_tui.core.errors import RulesError
from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from triage_tui.core.rules.loader import load_rules

URGENT_ITEMS = ["saddle_numbness", "bladder_bowel_change", "sexual_function_change", "both_legs_symptoms",
                "leg_weakness", "collapse_severe_pain", "injury_start"]


def daily(ruleset, answers, **saved):
    run = Run(ruleset, screening=saved_screening(ruleset, answers, days_ago=1))
    run.send(ev.Start())
    return run


def test_the_list_holds_every_urgent_item_in_full_and_nothing_is_ticked(ruleset, benign):
    yesterday = {**benign, "injury_start": "small_fall_or_strain"}
    run = daily(ruleset, yesterday)
    assert isinstance(run.step, st.QuickList)
    assert [q.id for q in run.step.items] == URGENT_ITEMS
    assert run.step.ticked == frozenset()  # nothing carried over from yesterday


def test_none_of_these_answers_each_item_and_goes_on_to_todays_pain(ruleset, benign):
    run = daily(ruleset, {**benign, "injury_start": "small_fall_or_strain"})
    step = run.send(ev.Ticked(()))
    assert isinstance(step, st.Ask) and step.question.id == "pain_today"
    answers = run.journey.check.state.answers  # type: ignore[union-attr]
    assert answers["injury_start"] == "no_injury"  # today's answer, not yesterday's
    assert all(answers[q] == ruleset.question_by_id[q].none_choice for q in URGENT_ITEMS)


def test_a_ticked_item_is_asked_in_full_and_can_stop_everything(ruleset, benign):
    run = daily(ruleset, benign)
    step = run.send(ev.Ticked(("bladder_bowel_change", "injury_start")))
    assert isinstance(step, st.Ask) and step.question.id == "bladder_bowel_change"
    assert isinstance(run.send(ev.Answered("yes")), st.Urgent)
    (save,) = run.saves
    assert save.screening.outcome == "urgent"


def test_a_ticked_item_answered_no_goes_on(ruleset, benign):
    run = daily(ruleset, benign)
    run.send(ev.Ticked(("injury_start",)))
    step = run.send(ev.Answered("no_injury"))
    assert isinstance(step, st.Ask) and step.question.id == "pain_today"


def test_back_shows_the_list_again_with_its_ticks_and_then_home(ruleset, benign):
    run = daily(ruleset, benign)
    run.send(ev.Ticked(("leg_weakness",)), ev.Answered("no"))
    assert run.step.question.id == "pain_today"  # type: ignore[union-attr]
    step = run.send(ev.Back())
    assert isinstance(step, st.QuickList) and step.ticked == {"leg_weakness"}
    leave = run.send(ev.Back())
    assert isinstance(leave, st.ConfirmStep) and "7 answers" in leave.question  # they would be lost: ask
    assert isinstance(run.send(ev.Confirm(False)), st.QuickList)
    run.send(ev.Back())
    assert isinstance(run.send(ev.Confirm(True)), st.Home)


def test_ticks_that_are_not_on_the_list_change_nothing(ruleset, benign):
    run = daily(ruleset, benign)
    step = run.step
    assert run.send(ev.Ticked(("age_years",))) is step


@settings(max_examples=30, deadline=None)
@given(ticked=hs.sets(hs.sampled_from(URGENT_ITEMS)))
def test_every_item_is_answered_today_whatever_is_ticked(ruleset, benign, ticked):
    run = daily(ruleset, benign)
    run.send(ev.Ticked(tuple(ticked)))
    asked = []
    while isinstance(run.step, st.Ask) and run.step.question.id != "pain_today":
        asked.append(run.step.question.id)
        question = run.step.question
        run.send(ev.Answered(question.none_choice))  # on a closer look, it does not apply after all
    assert asked == [q for q in URGENT_ITEMS if q in ticked]  # each ticked item, in full, in order
    answers = run.journey.check.state.answers  # type: ignore[union-attr]
    assert {q for q in URGENT_ITEMS if q in answers} == set(URGENT_ITEMS)


def test_a_none_choice_must_be_one_of_the_questions_choices(tmp_path):
    rules = copy_rules(tmp_path / "rules")
    edit(rules, "questions.toml", 'none_choice = "no_injury"', 'none_choice = "nope"')
    with pytest.raises(RulesError) as error:
        load_rules(rules, use_cache=False)
    assert "none_choice" in "\n".join(error.value.lines())
