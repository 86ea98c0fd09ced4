"""Issue #10: what a person reads says as much as the rules decide, and no more.

One test per fix (1-8), each reading the text a person would see: the question help, the
decision's outcome message and "why" list (`decide` + `core.screening.wording`), stop cues and
the exercise text. Then a sweep: the "why" list names only positions the result uses.
"""

from __future__ import annotations

import itertools
import re

import pytest

from triage_tui.core.screening.evaluator import decide
from triage_tui.core.screening.wording import headline, outcome_message

PREGNANT_16W_OK = {"pregnancy_postpartum": "pregnant_16w_plus", "maternity_ok": "yes"}


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


def why(decision) -> list[str]:
    return [r.message for r in decision.reasons]


def test_fix1_leg_weakness_help_does_not_call_a_same_day_or_urgent_sign_soon(ruleset, benign) -> None:
    help_text = ruleset.question_by_id["leg_weakness"].help
    assert "soon" not in words(help_text)
    assert "emergency" in words(help_text)  # both legs
    one = decide(ruleset, {**benign, "leg_weakness": "one_leg"})
    assert (one.outcome, one.urgency) == ("refer", "same_day")
    assert headline(one).endswith("(today)")
    assert "today" in words(outcome_message(ruleset, one))
    assert decide(ruleset, {**benign, "leg_weakness": "both_legs"}).outcome == "urgent"


@pytest.mark.parametrize("question", ["saddle_numbness", "bladder_bowel_change"])
def test_fix2_emergency_signs_are_described_as_emergencies_in_the_help(ruleset, benign, question) -> None:
    help_text = ruleset.question_by_id[question].help.lower()
    assert "today" not in help_text and "same day" not in help_text
    assert "emergency" in help_text and "now" in words(help_text)
    decision = decide(ruleset, {**benign, question: "yes"})
    assert decision.outcome == "urgent"
    assert "emergency" in outcome_message(ruleset, decision).lower()


@pytest.mark.parametrize("kind", ["hip_replacement", "lumbar_decompression", "abdominal_surgery"])
def test_fix3_weeks_not_known_is_treated_as_recent_without_saying_it_was(ruleset, benign, kind) -> None:
    extra = {"replaced_joint_symptoms": "none"} if kind == "hip_replacement" else {}
    unknown = decide(ruleset, {**benign, "surgery_types": (kind,), f"weeks_since_{kind}": "dont_know", **extra})
    assert (unknown.outcome, unknown.urgency) == ("refer", "routine")
    [reason] = unknown.reasons
    assert "weeks ago" not in reason.message and "less than" not in reason.message
    assert "not sure" in reason.message and "recent" in reason.message
    recent = decide(ruleset, {**benign, "surgery_types": (kind,), f"weeks_since_{kind}": 2, **extra})
    assert "less than" in recent.reasons[0].message and "weeks ago" in recent.reasons[0].message


@pytest.mark.parametrize(("change", "rule"), [
    ({"pain_today": 7}, "pain_high_today"),
    ({"knee_pain": "pain_bending_to_90"}, "knee_pain_bending"),
])
def test_fix4_pregnant_16_weeks_why_never_says_lie_on_your_back(ruleset, benign, change, rule) -> None:
    decision = decide(ruleset, {**benign, **PREGNANT_16W_OK, **change})
    assert "supine" not in decision.modifications and "elevated" in decision.modifications
    ids = [r.rule for r in decision.reasons]
    for reason in decision.reasons:
        if reason.rule != "r1_pregnant_16w_not_lying":
            assert "lying" not in reason.message and "on your back" not in reason.message, reason
    # said what is used instead, right before the adjustment's own explanation
    assert ids.index(rule) == ids.index("r1_pregnant_16w_not_lying") - 1
    assert "raised surface" in decision.reasons[ids.index(rule)].message
    assert ids[0] == "pregnant_cleared"


@pytest.mark.parametrize("floor", ["cannot", "unsure"])
def test_fix5_floor_is_hard_and_the_result_is_lying_down_why_says_a_firm_bed_is_fine(ruleset, benign, floor) -> None:
    decision = decide(ruleset, {**benign, "floor_transfer": floor, "pain_today": 8})
    assert decision.modifications == ("supine", "short_holds")
    ids = [r.rule for r in decision.reasons]
    reason = decision.reasons[ids.index("floor_cannot")]
    assert "firm bed" in reason.message and "raised" not in reason.message
    assert ids.index("floor_cannot") == ids.index("r2_lying_down_version") - 1
    # the JSON contract keeps its shape
    assert set(decision.to_json()["reasons"][0]) == {"rule", "message", "answers", "source", "why"}


@pytest.mark.parametrize("change", [
    {"collapse_severe_pain": "yes"},
    {"collapse_severe_pain": "unsure"},
    {"surgery_types": ("knee_replacement",), "weeks_since_knee_replacement": 30,
     "cleared_knee_replacement": "yes", "replaced_joint_symptoms": "sudden_severe_cannot_stand"},
    {"collapse_severe_pain": "yes", "saddle_numbness": "yes"},  # call first wins
])
def test_fix6_fainting_or_cannot_stand_is_told_to_call_first_and_not_travel_alone(ruleset, benign, change) -> None:
    decision = decide(ruleset, {**benign, **change})
    assert decision.outcome == "urgent"
    message = outcome_message(ruleset, decision)
    assert "call your local emergency number now" in message.lower()
    assert "on your own" in message
    assert "emergency department" not in message.lower()
    for cue in ("chest_or_collapse", "replaced_hip_emergency"):
        text = next(c for c in ruleset.stop_cues if c.id == cue).message
        assert "call your local emergency number" in text.lower() and "on your own" in text


def test_fix6_other_urgent_signs_keep_go_or_call_now(ruleset, benign) -> None:
    message = outcome_message(ruleset, decide(ruleset, {**benign, "saddle_numbness": "yes"}))
    assert "emergency department now" in message and "emergency number" in message
    assert "today" not in words(message)


def test_fix7_exercise_intro_speaks_of_comfortable_movement_not_a_mechanism(ruleset) -> None:
    intro = ruleset.exercise_intro.lower()
    for claim in ("load", "decompress", "lengthen", "fix", "take some"):
        assert claim not in intro
    assert "comfortable" in intro and "hips" in intro and "not a cure" in intro


def test_fix8_surgery_reasons_read_as_short_sentences(ruleset) -> None:
    generated = [r for r in ruleset.rules if r.origin.file == "surgery.toml"]
    generated += [q for q in ruleset.questions if q.origin.file == "surgery.toml"]  # type: ignore[misc]
    assert len(generated) > 20
    for thing in generated:
        text = getattr(thing, "message", None) or thing.text
        assert not re.search(r"\b(a|an) (tummy|lower back|keyhole|hip|knee)\b", text, re.I), text
        for sentence in re.split(r"(?<=[.?])\s+", text):
            assert len(sentence.split()) <= 20, sentence
    not_cleared = next(r for r in ruleset.rules if r.id == "surgery_lumbar_decompression_not_cleared")
    assert not_cleared.message.startswith("Because of your lower back disc or nerve surgery, please ask")


# A reason may name a position only if the result uses it (adjustments may say what they removed).
POSITION_WORDS = {
    "supine": ("lying on your back", "lying-down version"),
    "elevated": ("raised surface",),
    "hands_supported": ("on your hands", "hands for support"),
    "hip_prop": ("padding", "cushion"),
}


def test_the_why_list_names_only_positions_the_result_uses(ruleset, benign) -> None:
    grid = {
        "pain_today": [3, 8],
        "knee_pain": ["none", "kneeling_discomfort", "pain_bending_to_90"],
        "floor_transfer": ["easily", "with_support", "cannot"],
        "movement_pain": [("neither",), ("bending_forward",), ("unsure",)],
        "balance_unsteady": ["no", "yes"],
        "pregnancy_postpartum": ["not_applicable", "pregnant_under_16w", "pregnant_16w_plus", "birth_6_to_12w"],
    }
    checked = 0
    for combo in itertools.product(*grid.values()):
        answers = {**benign, **dict(zip(grid, combo)), "maternity_ok": "yes"}
        decision = decide(ruleset, answers)
        for reason in decision.reasons:
            if reason.rule.startswith(("r1_", "r2_")):
                continue
            for mod, phrases in POSITION_WORDS.items():
                if mod not in decision.modifications:
                    assert not any(p in reason.message for p in phrases), (combo, reason)
        checked += decision.outcome == "modified"
    assert checked > 100


def test_plus_and_minus_say_what_changed_or_which_limit_held(ruleset) -> None:
    """The same words in every face: the new hold, or why it stayed (version's shortest or
    longest, or the clinician's limit, which is lower than the version's)."""
    from triage_tui.core.session.plan import build_plan
    from triage_tui.core.session.words import adjust_words

    plan = build_plan(ruleset, (), hold=60)
    assert adjust_words(45, plan, 15) == "Holds are now 60 s on each side."
    top = build_plan(ruleset, (), hold=plan.limits.hold_max)
    assert adjust_words(top.hold_seconds, top, 15).endswith("the longest for this version of the stretch.")
    bottom = build_plan(ruleset, (), hold=plan.limits.hold_min)
    assert adjust_words(bottom.hold_seconds, bottom, -15).endswith("the shortest for this version of the stretch.")
    capped = build_plan(ruleset, (), hold=40, hold_cap=40)
    assert adjust_words(40, capped, 15) == "Holds stay at 40 s: the longest your clinician allows."
