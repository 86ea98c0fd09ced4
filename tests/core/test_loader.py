"""Loading rule sets: the shipped rules load; each kind of mistake gives a clear, located error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import RULES_DIR, copy_rules, edit
from triage_tui.core.errors import RulesError
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.rules.ruleset import RULE_FILES

pytestmark = pytest.mark.fresh_cache  # tests of the cache and folders: an empty cache each

# (case, file, old text, new text, expected words in the message, expected key path)
BROKEN = [
    ("unknown key with did-you-mean", "questions.toml", 'item = "16"', 'itme = "16"',
     "unknown key 'itme' (did you mean 'item'?)", "question[15].itme"),
    ("wrong type", "exercise.toml", "hold_min = 30", 'hold_min = "thirty"', "expected a whole number", "timing.hold_min"),
    ("bad outcome", "decisions.toml", 'outcome = "urgent"', 'outcome = "emergency"',
     "expected 'urgent', 'refer', 'modify' or 'advisory'", "rule[0].outcome"),
    ("refer without urgency", "decisions.toml", 'refer_urgency = "same_day"\n', "",
     "refer_urgency is required for outcome 'refer'", "rule[8]"),
    ("bad id", "decisions.toml", 'id = "ces_saddle"', 'id = "CES saddle"', "not a valid id", "rule[0].id"),
    ("condition with two kinds", "decisions.toml",
     'when = { item = "saddle_numbness", in = ["yes", "unsure"] }',
     'when = { item = "saddle_numbness", any = [] }', "exactly one of: item, all, any, not", "rule[0].when"),
    ("condition without comparison", "decisions.toml",
     'when = { item = "saddle_numbness", in = ["yes", "unsure"] }', 'when = { item = "saddle_numbness" }',
     "needs a comparison", "rule[0].when"),
    ("unknown key inside a condition", "decisions.toml",
     'when = { item = "saddle_numbness", in = ["yes", "unsure"] }',
     'when = { item = "saddle_numbness", inn = ["yes", "unsure"] }', "unknown key 'inn' (did you mean 'in'?)",
     "rule[0].when.inn"),
    ("unknown question in a rule", "decisions.toml", 'item = "saddle_numbness", in', 'item = "sadle_numbness", in',
     "unknown question 'sadle_numbness' (did you mean 'saddle_numbness'?)", "rule[0].when"),
    ("unknown choice in a rule", "decisions.toml", 'in = ["yes", "unsure"] }\noutcome = "urgent"',
     'in = ["yes", "unsur"] }\noutcome = "urgent"', "'unsur' is not a choice of 'saddle_numbness'", "rule[0].when"),
    ("number test on a choice question", "decisions.toml", 'when = { item = "saddle_numbness", in = ["yes", "unsure"] }',
     'when = { item = "saddle_numbness", gte = 3 }', "gte needs a number question", "rule[0].when"),
    ("unknown modification", "decisions.toml", 'mods = ["short_holds"]', 'mods = ["short_hold"]',
     "unknown modification 'short_hold' (did you mean 'short_holds'?)", "mods"),
    ("duplicate rule id", "decisions.toml", 'id = "ces_bladder_bowel"', 'id = "ces_saddle"',
     "duplicate rule id 'ces_saddle'", "rule[1].id"),
    ("duplicate question id", "questions.toml", 'id = "weight_loss"', 'id = "cancer_history"',
     "duplicate question id 'cancer_history'", "question[9].id"),
    ("ask_when on a later question", "questions.toml",
     'ask_when = { item = "surgery_types", in', 'ask_when = { item = "floor_transfer", in',
     "'floor_transfer' is asked later", "ask_when"),
    ("unknown section", "questions.toml", 'section = "pregnancy"\noptional', 'section = "pregnant"\noptional',
     "unknown section 'pregnant' (did you mean 'pregnancy'?)", "section"),
    ("unknown choice set", "questions.toml", 'choice_set = "yes_no_unsure"\ntext = "Is there',
     'choice_set = "yes_no"\ntext = "Is there', "unknown choice set 'yes_no'", "question[0].choice_set"),
    ("number question without range", "questions.toml", "min = 0\nmax = 120\n", "",
     "a number question needs min and max", "question[15]"),
    ("surgery not a choice", "surgery.toml", 'id = "knee_replacement"', 'id = "knee_replacment"',
     "'knee_replacment' is not a choice of 'surgery_types'", "surgery[5].id"),
    ("unknown template placeholder", "surgery.toml", "{label}?", "{lable}?", "unknown placeholder {lable}", "weeks_question"),
    ("bad timing order", "exercise.toml", "hold_default = 60", "hold_default = 200",
     "need hold_min <= hold_default <= hold_max", "timing"),
    ("change to an unknown step", "exercise.toml", '{ step = "hinge", action = "remove" },\n]\n\n[[modification]]\nid = "reduced',
     '{ step = "hing", action = "remove" },\n]\n\n[[modification]]\nid = "reduced', "unknown step 'hing'", "changes[0].step"),
    ("bad stop cue action", "stop_cues.toml", 'action = "pause"', 'action = "rest"', "expected 'urgent'", "cue[8].action"),
    ("empty text", "ruleset.toml", 'version = "2026.11.4"', 'version = ""', "at least 1 character", "ruleset.version"),
]


@pytest.mark.parametrize(("case", "file", "old", "new", "words", "key"), BROKEN, ids=[c[0] for c in BROKEN])
def test_each_mistake_is_reported_with_file_key_and_line(tmp_path, case, file, old, new, words, key) -> None:
    folder = copy_rules(tmp_path)
    edit(folder, file, old, new)
    with pytest.raises(RulesError) as caught:
        load_rules(folder, use_cache=False)
    problems = caught.value.problems
    match = [p for p in problems if words in p.message]
    assert match, [str(p) for p in problems]
    problem = match[0]
    assert problem.file.endswith(file)
    assert key in problem.key
    assert problem.line is not None and problem.line > 0
    assert str(problem).startswith(f"{folder / file}:{problem.line}: ")


def test_the_line_points_at_the_mistake(tmp_path) -> None:
    folder = copy_rules(tmp_path)
    edit(folder, "exercise.toml", "hold_min = 30", 'hold_min = "thirty"')
    with pytest.raises(RulesError) as caught:
        load_rules(folder, use_cache=False)
    (problem,) = caught.value.problems
    lines = (folder / "exercise.toml").read_text().splitlines()
    assert lines[problem.line - 1] == 'hold_min = "thirty"'


def test_toml_syntax_error_gives_the_parser_line(tmp_path) -> None:
    folder = copy_rules(tmp_path)
    edit(folder, "decisions.toml", 'outcome = "urgent"', 'outcome = "urgent', count=1)
    with pytest.raises(RulesError) as caught:
        load_rules(folder, use_cache=False)
    (problem,) = caught.value.problems
    assert "not valid TOML" in problem.message and problem.line is not None


@pytest.mark.parametrize("file", RULE_FILES)
def test_a_missing_file_is_named(tmp_path, file: str) -> None:
    folder = copy_rules(tmp_path)
    (folder / file).unlink()
    with pytest.raises(RulesError, match="missing rule file"):
        load_rules(folder, use_cache=False)


def test_an_unknown_file_is_an_error_with_did_you_mean(tmp_path) -> None:
    folder = copy_rules(tmp_path)
    (folder / "questons.toml").write_text("")
    with pytest.raises(RulesError, match=r"did you mean 'questions.toml'"):
        load_rules(folder, use_cache=False)


def test_not_a_folder(tmp_path) -> None:
    with pytest.raises(RulesError, match="no such folder"):
        load_rules(tmp_path / "nope")


def test_not_utf8(tmp_path) -> None:
    folder = copy_rules(tmp_path)
    (folder / "stop_cues.toml").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(RulesError, match="not UTF-8"):
        load_rules(folder, use_cache=False)


def test_all_problems_are_reported_at_once(tmp_path) -> None:
    folder = copy_rules(tmp_path)
    edit(folder, "exercise.toml", "hold_min = 30", 'hold_min = "x"')
    edit(folder, "ruleset.toml", 'version = "2026.11.4"', "version = 3")
    with pytest.raises(RulesError) as caught:
        load_rules(folder, use_cache=False)
    assert {Path(p.file).name for p in caught.value.problems} == {"exercise.toml", "ruleset.toml"}


def test_cached_and_fresh_loads_agree(tmp_path) -> None:
    fresh = load_rules(RULES_DIR, use_cache=False)
    first = load_rules(RULES_DIR)  # writes the cache
    cached = load_rules(RULES_DIR)  # reads it
    assert fresh == first == cached
    assert fresh.hash == cached.hash


def test_a_damaged_cache_is_ignored(isolated_env) -> None:
    load_rules(RULES_DIR)
    cache_files = list((isolated_env / "cache").glob("rules-*.json"))
    assert len(cache_files) == 1
    cache_files[0].write_text(json.dumps({name: {"nonsense": 1} for name in RULE_FILES}))
    assert load_rules(RULES_DIR) == load_rules(RULES_DIR, use_cache=False)


def test_an_edit_changes_the_hash(tmp_path) -> None:
    folder = copy_rules(tmp_path)
    before = load_rules(folder).hash
    edit(folder, "decisions.toml", "Stop here", "Stop right here")
    after = load_rules(folder)
    assert after.hash != before
    assert after.messages["urgent"].startswith("Stop right here")


def test_surgery_follow_ups_are_generated_after_the_surgery_question(ruleset) -> None:
    ids = [q.id for q in ruleset.questions]
    start = ids.index("surgery_types") + 1
    assert ids[start:start + 2] == ["weeks_since_hip_replacement", "cleared_hip_replacement"]
    assert "weeks_since_other_surgery_last_12_weeks" not in ids
    assert "cleared_other_surgery_last_12_weeks" not in ids
    weeks = ruleset.question_by_id["weeks_since_knee_replacement"]
    assert weeks.type == "number" and weeks.choice("dont_know").number == 0
    assert "knee replacement" in weeks.text
    cleared = ruleset.question_by_id["cleared_lumbar_fusion"]
    assert "bend and twist your back" in cleared.text


def test_the_brief_ids_are_exact(ruleset) -> None:
    """The decision table's question, choice and modification ids are a contract."""
    expected = {
        "saddle_numbness": ["yes", "no", "unsure"],
        "sexual_function_change": ["yes", "no", "unsure", "prefer_not_to_say"],
        "both_legs_symptoms": ["no", "yes_new_or_worse", "yes_long_standing_same", "unsure"],
        "leg_weakness": ["no", "one_leg", "both_legs", "unsure"],
        "injury_start": ["no_injury", "serious_accident", "small_fall_or_strain", "unsure"],
        "bone_risk": ["osteoporosis", "past_spine_fracture", "steroid_tablets_3_months", "none", "unsure"],
        "infection_risk": ["injects_drugs", "weak_immune_system", "recent_infection",
                           "recent_spine_procedure_3_months", "none", "unsure"],
        "pain_trend": ["better", "same", "worse", "unsure"],
        "surgery_types": ["none", "hip_replacement", "hip_resurfacing", "hip_arthroscopy", "lumbar_fusion",
                          "lumbar_decompression", "knee_replacement", "abdominal_surgery",
                          "other_surgery_last_12_weeks", "unsure"],
        "replaced_joint_symptoms": ["none", "new_pain_swelling_or_clunk", "sudden_severe_cannot_stand"],
        "floor_transfer": ["easily", "with_support", "cannot", "unsure"],
        "knee_pain": ["none", "kneeling_discomfort", "pain_bending_to_90", "unsure"],
        "movement_pain": ["bending_forward", "twisting", "neither", "unsure"],
        "one_leg_symptoms": ["none", "stable_or_improving", "getting_worse", "unsure"],
        "pregnancy_postpartum": ["not_applicable", "pregnant_under_16w", "pregnant_16w_plus", "birth_under_6w",
                                 "birth_6_to_12w", "prefer_not_to_say"],
        "maternity_ok": ["yes", "no", "unsure"],
    }
    for qid, choices in expected.items():
        assert list(ruleset.question_by_id[qid].choice_ids) == choices, qid
    numbers = {"age_years", "pain_duration_weeks", "pain_today"}
    assert {q.id for q in ruleset.questions if q.type == "number" and not q.id.startswith("weeks_")} == numbers
    assert [m.id for m in ruleset.modifications] == [
        "elevated", "supine", "hands_supported", "hip_prop", "no_forward_lean", "reduced_rotation", "short_holds"]
    recheck = [q.id for q in ruleset.questions if q.recheck]
    assert recheck == ["saddle_numbness", "bladder_bowel_change", "sexual_function_change", "both_legs_symptoms",
                       "leg_weakness", "collapse_severe_pain", "injury_start", "pain_today"]
    assert {q.id for q in ruleset.questions if q.optional} == {"inflammatory_pattern", "pregnancy_postpartum"}
