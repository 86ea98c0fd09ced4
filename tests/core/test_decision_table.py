"""The clinical brief's decision table (section 6 and table 2.9), row by row, boundaries included.

Each case starts from a complete set of benign answers (tests/data/answers/all_no.toml, which
gives `standard`) and changes only what the row is about. The comment on each case names the
table item it checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from triage_tui.core.screening.evaluator import decide

HIP = ("hip_prop", "no_forward_lean", "short_holds")
SPINE_FUSION = ("no_forward_lean", "reduced_rotation", "short_holds")
DECOMPRESSION = ("no_forward_lean", "short_holds")
KNEE = ("hip_prop", "short_holds")
TUMMY = ("no_forward_lean", "reduced_rotation", "short_holds")
BONES = ("no_forward_lean", "reduced_rotation")


@dataclass(frozen=True)
class Row:
    name: str
    change: dict[str, Any]
    outcome: str
    urgency: str | None = None
    mods: tuple[str, ...] = ()
    fired: tuple[str, ...] = ()
    """Rule ids that must be among the reasons."""
    drop: tuple[str, ...] = field(default=())
    """Benign answers to remove first."""


def surgery(kind: str, weeks: Any, cleared: str | None = None, **more: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {"surgery_types": (kind,), f"weeks_since_{kind}": weeks}
    if cleared is not None:
        answers[f"cleared_{kind}"] = cleared
    if kind in ("hip_replacement", "hip_resurfacing", "knee_replacement"):
        answers["replaced_joint_symptoms"] = "none"
    return {**answers, **more}


ROWS = [
    Row("baseline all benign", {}, "standard"),
    # item 1: saddle numbness; unsure counts as yes
    Row("1 saddle yes", {"saddle_numbness": "yes"}, "urgent", fired=("ces_saddle",)),
    Row("1 saddle unsure", {"saddle_numbness": "unsure"}, "urgent", fired=("ces_saddle",)),
    # item 2: bladder / bowel change
    Row("2 bladder yes", {"bladder_bowel_change": "yes"}, "urgent", fired=("ces_bladder_bowel",)),
    Row("2 bladder unsure", {"bladder_bowel_change": "unsure"}, "urgent", fired=("ces_bladder_bowel",)),
    # item 3: sexual function; prefer_not_to_say is same-day referral
    Row("3 sexual yes", {"sexual_function_change": "yes"}, "urgent", fired=("ces_sexual_function",)),
    Row("3 sexual unsure", {"sexual_function_change": "unsure"}, "urgent"),
    Row("3 sexual prefer not", {"sexual_function_change": "prefer_not_to_say"}, "refer", "same_day",
        fired=("sexual_function_not_said",)),
    # item 4: both legs
    Row("4 both legs new", {"both_legs_symptoms": "yes_new_or_worse"}, "urgent", fired=("ces_both_legs",)),
    Row("4 both legs unsure", {"both_legs_symptoms": "unsure"}, "urgent", fired=("ces_both_legs",)),
    Row("4 both legs long-standing", {"both_legs_symptoms": "yes_long_standing_same"}, "refer", "soon",
        fired=("both_legs_long_standing",)),
    # item 5: leg weakness
    Row("5 weak both", {"leg_weakness": "both_legs"}, "urgent", fired=("weakness_both_legs",)),
    Row("5 weak one", {"leg_weakness": "one_leg"}, "refer", "same_day", fired=("weakness_one_leg",)),
    Row("5 weak unsure", {"leg_weakness": "unsure"}, "refer", "same_day", fired=("weakness_one_leg",)),
    # item 6: collapse / severe pain
    Row("6 collapse yes", {"collapse_severe_pain": "yes"}, "urgent", fired=("vascular_collapse",)),
    Row("6 collapse unsure", {"collapse_severe_pain": "unsure"}, "urgent"),
    # item 7 and C1: injury
    Row("7 serious accident", {"injury_start": "serious_accident"}, "urgent", fired=("fracture_serious_accident",)),
    Row("7 small fall, no risk, 40", {"injury_start": "small_fall_or_strain"}, "standard"),
    Row("C1 small fall + osteoporosis", {"injury_start": "small_fall_or_strain", "bone_risk": ("osteoporosis",)},
        "refer", "same_day", fired=("fracture_minor_trauma",)),
    Row("C1 small fall + bone unsure", {"injury_start": "small_fall_or_strain", "bone_risk": ("unsure",)},
        "refer", "same_day", fired=("fracture_minor_trauma",)),
    Row("C1 small fall + age 65", {"injury_start": "small_fall_or_strain", "age_years": 65},
        "refer", "same_day", fired=("fracture_minor_trauma",)),
    Row("C1 small fall + age 64", {"injury_start": "small_fall_or_strain", "age_years": 64}, "standard"),
    Row("C1 injury unsure + age 65", {"injury_start": "unsure", "age_years": 65}, "refer", "same_day"),
    Row("C1 injury unsure + steroids", {"injury_start": "unsure", "bone_risk": ("steroid_tablets_3_months",)},
        "refer", "same_day"),
    Row("C1 injury unsure, no risk", {"injury_start": "unsure"}, "standard"),
    Row("C1 no injury + osteoporosis is not a referral", {"bone_risk": ("osteoporosis",)}, "modified",
        mods=BONES, fired=("bone_fragility",)),
    # item 8: bone risk without injury -> modify
    Row("8 past fracture", {"bone_risk": ("past_spine_fracture",)}, "modified", mods=BONES),
    Row("8 unsure", {"bone_risk": ("unsure",)}, "modified", mods=BONES),
    Row("8 several", {"bone_risk": ("osteoporosis", "steroid_tablets_3_months")}, "modified", mods=BONES),
    # items 9-11: cancer screen, refer soon
    Row("9 cancer yes", {"cancer_history": "yes"}, "refer", "soon", fired=("cancer_history",)),
    Row("9 cancer unsure", {"cancer_history": "unsure"}, "refer", "soon"),
    Row("10 weight loss yes", {"weight_loss": "yes"}, "refer", "soon", fired=("weight_loss",)),
    Row("10 weight loss unsure", {"weight_loss": "unsure"}, "refer", "soon"),
    Row("11 night pain yes", {"night_pain": "yes"}, "refer", "soon", fired=("night_pain",)),
    Row("11 night pain unsure", {"night_pain": "unsure"}, "refer", "soon"),
    # item 12: fever, same day
    Row("12 fever yes", {"fever_unwell": "yes"}, "refer", "same_day", fired=("fever_unwell",)),
    Row("12 fever unsure", {"fever_unwell": "unsure"}, "refer", "same_day"),
    # item 13: infection risk
    Row("13 injects drugs", {"infection_risk": ("injects_drugs",)}, "refer", "soon", fired=("infection_risk",)),
    Row("13 weak immune", {"infection_risk": ("weak_immune_system",)}, "refer", "soon"),
    Row("13 recent infection", {"infection_risk": ("recent_infection",)}, "refer", "soon"),
    Row("13 spine procedure", {"infection_risk": ("recent_spine_procedure_3_months",)}, "refer", "soon"),
    Row("13 unsure", {"infection_risk": ("unsure",)}, "refer", "soon"),
    # item 14: tummy pulsing, same day
    Row("14 pulsing yes", {"tummy_pulsing": "yes"}, "refer", "same_day", fired=("tummy_pulsing",)),
    Row("14 pulsing unsure", {"tummy_pulsing": "unsure"}, "refer", "same_day"),
    # item 15: advisory only (checked for notes below)
    Row("15 inflammatory yes stays standard", {"inflammatory_pattern": "yes"}, "standard"),
    Row("15 optional may be skipped", {}, "standard", drop=("inflammatory_pattern",)),
    # item 16: age
    Row("16 age 15 out of scope", {"age_years": 15}, "refer", "routine", fired=("age_under_16",)),
    Row("16 age 16 in scope", {"age_years": 16}, "standard"),
    Row("16 age 64", {"age_years": 64}, "standard"),
    Row("16 age 65 short holds", {"age_years": 65}, "modified", mods=("short_holds",), fired=("age_65_plus",)),
    # E1: age >= 50, >= 4 weeks, not improving, not assessed -> refer soon
    Row("E1 at 50 and 4 weeks", {"age_years": 50, "pain_duration_weeks": 4, "pain_trend": "same"},
        "refer", "soon", fired=("e1_not_improving_age_50",)),
    Row("E1 age 49", {"age_years": 49, "pain_duration_weeks": 4, "pain_trend": "same"}, "standard"),
    Row("E1 3 weeks", {"age_years": 50, "pain_duration_weeks": 3, "pain_trend": "same"}, "standard"),
    Row("E1 trend unsure", {"age_years": 55, "pain_duration_weeks": 5, "pain_trend": "unsure"}, "refer", "soon"),
    Row("E1 assessed unsure counts as no", {"age_years": 55, "pain_duration_weeks": 5, "pain_trend": "same",
        "assessed_before": "unsure"}, "refer", "soon"),
    Row("E1 off when assessed", {"age_years": 55, "pain_duration_weeks": 5, "pain_trend": "same",
        "assessed_before": "yes"}, "standard"),
    Row("E1 improving", {"age_years": 55, "pain_duration_weeks": 5, "pain_trend": "better"}, "standard"),
    # E2: >= 6 weeks, not improving, not assessed -> refer routine
    Row("E2 at 6 weeks", {"pain_duration_weeks": 6, "pain_trend": "same"}, "refer", "routine",
        fired=("e2_not_improving_6_weeks",)),
    Row("E2 5 weeks", {"pain_duration_weeks": 5, "pain_trend": "same"}, "standard"),
    Row("E2 duration unsure counts as 6", {"pain_duration_weeks": "unsure", "pain_trend": "same"},
        "refer", "routine", fired=("e2_not_improving_6_weeks",)),
    Row("E2 off when assessed", {"pain_duration_weeks": 20, "pain_trend": "same", "assessed_before": "yes"},
        "standard"),
    Row("E1+E2 highest urgency wins", {"age_years": 60, "pain_duration_weeks": 8, "pain_trend": "same"},
        "refer", "soon", fired=("e1_not_improving_age_50", "e2_not_improving_6_weeks")),
    # E3: getting worse -> refer soon, even if assessed
    Row("E3 worse", {"pain_trend": "worse"}, "refer", "soon", fired=("e3_getting_worse",)),
    Row("E3 worse even if assessed", {"pain_trend": "worse", "assessed_before": "yes"}, "refer", "soon"),
    # item 20: pain today
    Row("20 pain 6", {"pain_today": 6}, "standard"),
    Row("20 pain 7", {"pain_today": 7}, "modified", mods=("supine", "short_holds"), fired=("pain_high_today",)),
    Row("20 pain 8", {"pain_today": 8}, "modified", mods=("supine", "short_holds")),
    Row("20 pain 9", {"pain_today": 9}, "refer", "soon", fired=("pain_very_high",)),
    Row("20 pain 10", {"pain_today": 10}, "refer", "soon"),
    # item 21: surgery types without follow-ups
    Row("21 other surgery", {"surgery_types": ("other_surgery_last_12_weeks",)}, "refer", "routine",
        fired=("surgery_other_surgery_last_12_weeks",)),
    Row("21 surgery unsure", {"surgery_types": ("unsure",)}, "refer", "routine", fired=("surgery_unsure",)),
    # 2.9 hip replacement / resurfacing / arthroscopy: 12-week window, clearance, hip mods
    *[
        row
        for kind in ("hip_replacement", "hip_resurfacing", "hip_arthroscopy")
        for row in (
            Row(f"2.9 {kind} 11 weeks", surgery(kind, 11), "refer", "routine", fired=(f"surgery_{kind}_recent",)),
            Row(f"2.9 {kind} 12 weeks cleared", surgery(kind, 12, "yes"), "modified", mods=HIP,
                fired=(f"surgery_{kind}_cleared",)),
            Row(f"2.9 {kind} 12 weeks not cleared", surgery(kind, 12, "no"), "refer", "routine",
                fired=(f"surgery_{kind}_not_cleared",)),
            Row(f"2.9 {kind} clearance unsure = no", surgery(kind, 40, "unsure"), "refer", "routine"),
            Row(f"2.9 {kind} weeks unknown = 0", surgery(kind, "dont_know"), "refer", "routine",
                fired=(f"surgery_{kind}_weeks_unknown",)),
            Row(f"2.9 {kind} never stops mattering", surgery(kind, 2000, "yes"), "modified", mods=HIP),
        )
    ],
    # 2.9 lumbar fusion: 12 weeks, permanent fusion mods
    Row("2.9 fusion 11 weeks", surgery("lumbar_fusion", 11), "refer", "routine"),
    Row("2.9 fusion 12 cleared", surgery("lumbar_fusion", 12, "yes"), "modified", mods=SPINE_FUSION),
    Row("2.9 fusion 12 not cleared", surgery("lumbar_fusion", 12, "no"), "refer", "routine"),
    Row("2.9 fusion years later still modified", surgery("lumbar_fusion", 520, "yes"), "modified", mods=SPINE_FUSION),
    # 2.9 lumbar decompression: 6 weeks; no effect from 52
    Row("2.9 decompression 5 weeks", surgery("lumbar_decompression", 5), "refer", "routine",
        fired=("surgery_lumbar_decompression_recent",)),
    Row("2.9 decompression 6 cleared", surgery("lumbar_decompression", 6, "yes"), "modified", mods=DECOMPRESSION),
    Row("2.9 decompression 6 not cleared", surgery("lumbar_decompression", 6, "no"), "refer", "routine"),
    Row("2.9 decompression 51 cleared", surgery("lumbar_decompression", 51, "yes"), "modified", mods=DECOMPRESSION),
    Row("2.9 decompression 51 unsure", surgery("lumbar_decompression", 51, "unsure"), "refer", "routine"),
    Row("2.9 decompression 52 no effect", surgery("lumbar_decompression", 52), "standard"),
    # 2.9 knee replacement: 12 weeks, knee mods
    Row("2.9 knee 11 weeks", surgery("knee_replacement", 11), "refer", "routine"),
    Row("2.9 knee 12 cleared", surgery("knee_replacement", 12, "yes"), "modified", mods=KNEE),
    Row("2.9 knee 12 not cleared", surgery("knee_replacement", 12, "no"), "refer", "routine"),
    # 2.9 abdominal surgery (caesarean included): 6 weeks; no effect from 12
    Row("2.9 tummy 5 weeks", surgery("abdominal_surgery", 5), "refer", "routine"),
    Row("2.9 tummy 6 cleared", surgery("abdominal_surgery", 6, "yes"), "modified", mods=TUMMY),
    Row("2.9 tummy 11 not cleared", surgery("abdominal_surgery", 11, "no"), "refer", "routine"),
    Row("2.9 tummy 12 no effect", surgery("abdominal_surgery", 12), "standard"),
    # two operations: the stricter row wins, and cleared mods merge
    Row("2.9 hip cleared + fusion cleared", {
        **surgery("hip_replacement", 30, "yes"), **surgery("lumbar_fusion", 30, "yes"),
        "surgery_types": ("hip_replacement", "lumbar_fusion")},
        "modified", mods=("hip_prop", "no_forward_lean", "reduced_rotation", "short_holds")),
    Row("2.9 hip cleared + recent tummy", {
        **surgery("hip_replacement", 30, "yes"), **surgery("abdominal_surgery", 2),
        "surgery_types": ("hip_replacement", "abdominal_surgery")},
        "refer", "routine", fired=("surgery_abdominal_surgery_recent",)),
    # item 24: replaced joint symptoms
    Row("24 new pain in replaced joint", surgery("hip_replacement", 30, "yes",
        replaced_joint_symptoms="new_pain_swelling_or_clunk"), "refer", "soon",
        fired=("replaced_joint_new_symptoms",)),
    Row("24 sudden severe", surgery("knee_replacement", 30, "yes",
        replaced_joint_symptoms="sudden_severe_cannot_stand"), "urgent", fired=("replaced_joint_emergency",)),
    # item 25: floor transfer
    Row("25 with support", {"floor_transfer": "with_support"}, "modified", mods=("hands_supported",),
        fired=("floor_with_support",)),
    Row("25 cannot", {"floor_transfer": "cannot"}, "modified", mods=("elevated",), fired=("floor_cannot",)),
    Row("25 unsure", {"floor_transfer": "unsure"}, "modified", mods=("elevated",)),
    # item 26: knee pain
    Row("26 kneeling discomfort", {"knee_pain": "kneeling_discomfort"}, "modified", mods=("hip_prop",),
        fired=("knee_kneeling_discomfort",)),
    Row("26 bending to 90 hurts", {"knee_pain": "pain_bending_to_90"}, "modified", mods=("supine",),
        fired=("knee_pain_bending",)),
    Row("26 unsure", {"knee_pain": "unsure"}, "modified", mods=("supine",)),
    # item 27: movement pain
    Row("27 bending forward", {"movement_pain": ("bending_forward",)}, "modified",
        mods=("hands_supported", "no_forward_lean"), fired=("bending_forward_hurts",)),
    Row("27 twisting", {"movement_pain": ("twisting",)}, "modified", mods=("reduced_rotation",),
        fired=("twisting_hurts",)),
    Row("27 both", {"movement_pain": ("bending_forward", "twisting")}, "modified",
        mods=("hands_supported", "no_forward_lean", "reduced_rotation")),
    Row("27 unsure = all three", {"movement_pain": ("unsure",)}, "modified",
        mods=("hands_supported", "no_forward_lean", "reduced_rotation"), fired=("movement_pain_unsure",)),
    # item 28: one leg
    Row("28 stable", {"one_leg_symptoms": "stable_or_improving"}, "modified", mods=("no_forward_lean", "short_holds"),
        fired=("one_leg_steady",)),
    Row("28 unsure", {"one_leg_symptoms": "unsure"}, "modified", mods=("no_forward_lean", "short_holds")),
    Row("28 getting worse", {"one_leg_symptoms": "getting_worse"}, "refer", "soon", fired=("one_leg_getting_worse",)),
    # item 29: balance
    Row("29 unsteady yes", {"balance_unsteady": "yes"}, "modified", mods=("hands_supported",),
        fired=("balance_unsteady",)),
    Row("29 unsteady unsure", {"balance_unsteady": "unsure"}, "modified", mods=("hands_supported",)),
    # item 30: pregnancy / postpartum
    Row("30 pregnant <16w ok", {"pregnancy_postpartum": "pregnant_under_16w", "maternity_ok": "yes"},
        "modified", mods=("hands_supported", "no_forward_lean"), fired=("pregnant_cleared",)),
    Row("30 pregnant 16w+ ok", {"pregnancy_postpartum": "pregnant_16w_plus", "maternity_ok": "yes"},
        "modified", mods=("hands_supported", "no_forward_lean")),
    Row("30 pregnant not ok", {"pregnancy_postpartum": "pregnant_16w_plus", "maternity_ok": "no"},
        "refer", "routine", fired=("pregnant_not_cleared",)),
    Row("30 pregnant ok unsure", {"pregnancy_postpartum": "pregnant_under_16w", "maternity_ok": "unsure"},
        "refer", "routine"),
    Row("30 birth < 6 weeks", {"pregnancy_postpartum": "birth_under_6w"}, "refer", "routine",
        fired=("birth_under_6_weeks",)),
    Row("30 birth 6-12 weeks", {"pregnancy_postpartum": "birth_6_to_12w"}, "modified",
        mods=("hands_supported", "short_holds"), fired=("birth_6_to_12_weeks",)),
    Row("30 prefer not to say", {"pregnancy_postpartum": "prefer_not_to_say"}, "standard"),
    Row("30 pregnant, ok not yet answered", {"pregnancy_postpartum": "pregnant_under_16w"}, "incomplete"),
    # R1: pregnant 16w+ and supine -> elevated + hands_supported instead
    Row("R1 pregnant 16w+ high pain", {"pregnancy_postpartum": "pregnant_16w_plus", "maternity_ok": "yes",
        "pain_today": 7}, "modified", mods=("elevated", "hands_supported", "no_forward_lean", "short_holds"),
        fired=("r1_pregnant_16w_not_lying",)),
    Row("R1 pregnant 16w+ knee pain", {"pregnancy_postpartum": "pregnant_16w_plus", "maternity_ok": "yes",
        "knee_pain": "pain_bending_to_90"}, "modified", mods=("elevated", "hands_supported", "no_forward_lean")),
    # R2: supine drops the sitting / kneeling changes, keeps reduced_rotation and short_holds
    Row("R2 pregnant <16w high pain stays lying", {"pregnancy_postpartum": "pregnant_under_16w",
        "maternity_ok": "yes", "pain_today": 8}, "modified", mods=("supine", "short_holds"),
        fired=("r2_lying_down_version",)),
    Row("R2 knee pain + bending + floor cannot", {"knee_pain": "unsure", "movement_pain": ("bending_forward",),
        "floor_transfer": "cannot"}, "modified", mods=("supine",)),
    Row("R2 keeps rotation and holds", {"knee_pain": "pain_bending_to_90", "movement_pain": ("twisting",),
        "age_years": 70}, "modified", mods=("supine", "reduced_rotation", "short_holds")),
    # canonical order with many modifications
    Row("order of modifications", {"floor_transfer": "cannot", "knee_pain": "kneeling_discomfort",
        "movement_pain": ("bending_forward", "twisting"), "age_years": 66}, "modified",
        mods=("elevated", "hands_supported", "hip_prop", "no_forward_lean", "reduced_rotation", "short_holds")),
    # evaluation order: urgent > refer > modify; refer carries no modifications
    Row("urgent beats refer and mods", {"saddle_numbness": "yes", "cancer_history": "yes", "pain_today": 7},
        "urgent"),
    Row("refer beats mods", {"cancer_history": "yes", "floor_transfer": "cannot"}, "refer", "soon"),
    Row("same_day beats soon and routine", {"fever_unwell": "yes", "cancer_history": "yes",
        "surgery_types": ("unsure",)}, "refer", "same_day"),
]


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.name)
def test_decision_table(ruleset, benign, row: Row) -> None:
    answers = {k: v for k, v in benign.items() if k not in row.drop}
    if "surgery_types" in row.change:
        answers.pop("surgery_types")
    answers.update(row.change)
    decision = decide(ruleset, answers)
    assert decision.outcome == row.outcome, decision.reasons
    assert decision.urgency == row.urgency
    assert decision.modifications == row.mods
    assert decision.ignored == ()
    reason_ids = {r.rule for r in decision.reasons}
    assert set(row.fired) <= reason_ids, reason_ids
    if row.outcome in ("urgent", "refer"):
        assert decision.modifications == ()


def test_inflammatory_pattern_adds_a_note_only(ruleset, benign) -> None:
    # item 15: advisory note rides along with any outcome and never changes it
    for value, noted in (("yes", True), ("unsure", True), ("no", False)):
        decision = decide(ruleset, {**benign, "inflammatory_pattern": value})
        assert decision.outcome == "standard"
        assert bool(decision.notes) is noted
    urgent = decide(ruleset, {**benign, "inflammatory_pattern": "yes", "saddle_numbness": "yes"})
    assert urgent.outcome == "urgent" and urgent.notes


def test_urgent_wins_over_missing_answers(ruleset) -> None:
    # evaluation order 1: an urgent answer decides at once, whatever is still unanswered
    decision = decide(ruleset, {"saddle_numbness": "unsure"})
    assert decision.outcome == "urgent"
    assert decision.missing  # still reported


def test_missing_answers_make_it_incomplete(ruleset, benign) -> None:
    answers = dict(benign)
    del answers["pain_today"]
    decision = decide(ruleset, {**answers, "cancer_history": "yes"})
    assert decision.outcome == "incomplete"
    assert decision.missing == ("pain_today",)
    assert decision.urgency is None and decision.modifications == ()
    assert [r.rule for r in decision.reasons] == ["cancer_history"]


def test_follow_ups_of_a_surgery_not_chosen_are_ignored(ruleset, benign) -> None:
    # design 3 / safety 3: answers to questions that are not asked never count
    stale = {"weeks_since_hip_replacement": 2, "cleared_hip_replacement": "no", "maternity_ok": "no"}
    decision = decide(ruleset, {**benign, **stale})
    assert decision.outcome == "standard"
    assert decision.ignored == ("weeks_since_hip_replacement", "cleared_hip_replacement", "maternity_ok")


def test_clearance_outside_the_window_is_ignored(ruleset, benign) -> None:
    # 2.9: under 12 weeks clearance is not asked (refer whatever the answer)
    answers = {**benign, **surgery("hip_replacement", 8, "yes")}
    decision = decide(ruleset, answers)
    assert (decision.outcome, decision.urgency) == ("refer", "routine")
    assert decision.ignored == ("cleared_hip_replacement",)


def test_reasons_name_the_answers_that_fired(ruleset, benign) -> None:
    decision = decide(ruleset, {**benign, "injury_start": "small_fall_or_strain", "age_years": 70})
    reason = next(r for r in decision.reasons if r.rule == "fracture_minor_trauma")
    assert reason.answers == {"injury_start": "small_fall_or_strain", "age_years": 70}
    assert reason.message


def test_every_rule_is_covered_by_a_row(ruleset) -> None:
    # the table above must exercise every rule and adjustment of the shipped rule set
    fired = {rule for row in ROWS for rule in row.fired}
    covered_elsewhere = {"inflammatory_pattern"}
    generated = {r.id for r in ruleset.rules if r.id.startswith("surgery_")}
    missing = {r.id for r in ruleset.rules} - fired - covered_elsewhere - generated
    missing |= {a.id for a in ruleset.adjustments} - fired
    assert not missing, f"rules without a table row: {sorted(missing)}"
