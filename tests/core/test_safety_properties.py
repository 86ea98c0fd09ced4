"""The safety properties of design.md section 5, checked with hypothesis over the shipped rules."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from answer_strategies import answer_for, answer_sets
from support import RULES_DIR
from triage_tui.core.screening.evaluator import decide
from triage_tui.core.screening.resolve import resolve
from triage_tui.core.rules.firing import firing_answers
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.rules.ruleset import RuleSet

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RULESET: RuleSet = load_rules(RULES_DIR, use_cache=False)
URGENT_RULES = [r for r in RULESET.rules if r.outcome == "urgent"]

# For each red-flag item, the answers that mean "yes" in some form. The brief's mapping column
# sets `unsure` below the worst form for two items on purpose (leg_weakness: both_legs is urgent,
# unsure is same-day; injury_start: serious_accident is urgent, unsure follows C1), so those two
# compare unsure with their milder "yes".
YES_FORMS = {
    "saddle_numbness": ["yes"],
    "bladder_bowel_change": ["yes"],
    "sexual_function_change": ["yes", "prefer_not_to_say"],
    "both_legs_symptoms": ["yes_new_or_worse", "yes_long_standing_same"],
    "leg_weakness": ["one_leg"],
    "collapse_severe_pain": ["yes"],
    "injury_start": ["small_fall_or_strain"],
    "bone_risk": [("osteoporosis",), ("past_spine_fracture",), ("steroid_tablets_3_months",)],
    "cancer_history": ["yes"],
    "weight_loss": ["yes"],
    "night_pain": ["yes"],
    "fever_unwell": ["yes"],
    "infection_risk": [("injects_drugs",), ("weak_immune_system",), ("recent_infection",),
                       ("recent_spine_procedure_3_months",)],
    "tummy_pulsing": ["yes"],
    "inflammatory_pattern": ["yes"],
}


def test_yes_forms_cover_every_red_flag_item() -> None:
    red_flags = {q.id for q in RULESET.questions if q.section == "red_flags"}
    assert set(YES_FORMS) == red_flags


@SETTINGS
@given(data=st.data(), rule=st.sampled_from(URGENT_RULES))
def test_any_urgent_rule_gives_urgent_whatever_else(data: st.DataObject, rule) -> None:
    """Property 1: an urgent trigger wins over any other answers (complete or not)."""
    witness = firing_answers(RULESET, rule)
    assert witness is not None
    answers = data.draw(answer_sets(RULESET, fixed=witness, complete=data.draw(st.booleans())))
    decision = decide(RULESET, answers)
    assert decision.outcome == "urgent"
    assert rule.id in {r.rule for r in decision.reasons}
    assert decision.modifications == () and decision.urgency is None


@SETTINGS
@given(data=st.data(), item=st.sampled_from(sorted(YES_FORMS)))
def test_unsure_is_at_least_as_severe_as_yes(data: st.DataObject, item: str) -> None:
    """Property 2: for every red-flag item, `unsure` is never milder than `yes`."""
    answers = data.draw(answer_sets(RULESET))
    yes = data.draw(st.sampled_from(YES_FORMS[item]))
    unsure = ("unsure",) if isinstance(yes, tuple) else "unsure"
    with_yes = decide(RULESET, {**answers, item: yes})
    with_unsure = decide(RULESET, {**answers, item: unsure})
    assert with_unsure.severity >= with_yes.severity


@SETTINGS
@given(data=st.data())
def test_hidden_answers_never_change_the_decision(data: st.DataObject) -> None:
    """Property 3: answers to questions that are not asked never fire a rule."""
    answers = data.draw(answer_sets(RULESET, complete=data.draw(st.booleans())))
    enabled = {q.id for q in resolve(RULESET, answers).enabled}
    hidden = [q for q in RULESET.questions if q.id not in enabled]
    extra = {q.id: data.draw(answer_for(q)) for q in hidden if data.draw(st.booleans())}
    before = decide(RULESET, answers)
    after = decide(RULESET, {**answers, **extra})
    assert (after.outcome, after.urgency, after.modifications) == (before.outcome, before.urgency, before.modifications)
    assert after.reasons == before.reasons and after.notes == before.notes
    assert after.missing == before.missing
    assert set(after.ignored) == set(before.ignored) | set(extra)


@SETTINGS
@given(data=st.data())
def test_urgent_and_refer_never_carry_modifications(data: st.DataObject) -> None:
    """Property: only `modified` has modifications; `refer` (and only refer) has an urgency."""
    decision = decide(RULESET, data.draw(answer_sets(RULESET)))
    assert decision.outcome != "incomplete"
    assert bool(decision.modifications) == (decision.outcome == "modified")
    assert (decision.urgency is not None) == (decision.outcome == "refer")


@pytest.mark.parametrize("rule", RULESET.rules, ids=lambda r: r.id)
def test_every_shipped_rule_can_fire(rule) -> None:
    """Property 4: every rule has answers that fire it, and then it is among the matched rules."""
    witness = firing_answers(RULESET, rule)
    assert witness is not None
    assert rule.id in decide(RULESET, witness).matched


@pytest.mark.parametrize("mod", [m.id for m in RULESET.modifications])
def test_every_modification_reaches_a_complete_decision(benign, mod: str) -> None:
    """Property 4: each modification appears in some complete, modified decision."""
    from triage_tui.core.rules.firing import modification_answers

    witness = modification_answers(RULESET, mod)
    assert witness is not None
    answers = {k: v for k, v in benign.items() if k != "surgery_types" or "surgery_types" not in witness}
    decision = decide(RULESET, {**answers, **witness})
    assert decision.outcome == "modified" and mod in decision.modifications
