"""`triage-tui rules diff` and the answer-set enumeration behind it (core.screening.enumerate)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import RULES_DIR, copy_rules, edit
from triage_tui.cli import main
from triage_tui.commands.rules_diff import run
from triage_tui.core.rules.diff import diff_rules
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.screening.enumerate import (
    answer_sets,
    candidate_answers,
    default_answers,
    valid_answer,
    valid_for,
)
from triage_tui.core.screening.evaluator import decide
from triage_tui.core.screening.resolve import resolve

SADDLE_URGENT = 'when = { item = "saddle_numbness", in = ["yes", "unsure"] }\noutcome = "urgent"'
SADDLE_REFER = 'when = { item = "saddle_numbness", in = ["yes", "unsure"] }\noutcome = "refer"\nrefer_urgency = "same_day"'
NEW_QUESTION = '''[[question]]
id = "hip_clicks"
short = "Hip clicks"
section = "movement"
type = "choice"
choice_set = "yes_no_unsure"
text = "Does your hip click when you move it?"
help = "A click on its own is common."

[[question]]
id = "floor_transfer"'''


def _changed(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = copy_rules(tmp_path)
    edit(folder, file, old, new)
    return folder


# --- enumeration --------------------------------------------------------------------------------


def test_the_default_answers_give_standard_and_are_all_valid(ruleset) -> None:
    defaults = default_answers([ruleset])
    decision = decide(ruleset, defaults)
    assert (decision.outcome, decision.missing) == ("standard", ())
    assert set(defaults) == {q.id for q in ruleset.questions}
    assert all(valid_answer(ruleset.question_by_id[q], a) for q, a in defaults.items())


@pytest.mark.parametrize("question, expected", [
    ("age_years", {15, 16, 17, 64, 65, 66, 0, 120}),
    ("weeks_since_lumbar_decompression", {5, 6, 7, 51, 52, 53, "dont_know"}),
    ("saddle_numbness", {"yes", "no", "unsure"}),
    ("bone_risk", {("none",), ("osteoporosis",), ("osteoporosis", "past_spine_fracture", "steroid_tablets_3_months", "unsure")}),
])
def test_candidates_cover_every_choice_and_each_side_of_every_threshold(ruleset, question, expected) -> None:
    found = candidate_answers([ruleset], question)
    assert expected <= set(found)
    assert all(valid_answer(ruleset.question_by_id[question], a) for a in found)


def test_answer_sets_come_smallest_first_and_never_change_a_hidden_question(ruleset) -> None:
    vary = ["surgery_types", "weeks_since_hip_replacement", "cleared_hip_replacement", "pain_today"]
    defaults = default_answers([ruleset])
    sizes, seen = [], set()
    for answers, changed in answer_sets([ruleset], vary, defaults):
        sizes.append(len(changed))
        assert {q for q in vary if answers[q] != defaults[q]} == set(changed)
        enabled = {q.id for q in resolve(ruleset, answers).enabled}
        assert set(changed) <= enabled
        assert valid_for(ruleset, answers)
        key = tuple(sorted((q, str(answers[q])) for q in changed))
        assert key not in seen
        seen.add(key)
    assert sizes == sorted(sizes) and sizes[0] == 0
    assert max(sizes) == 4  # a chosen hip replacement, its weeks, its clearance and the pain


def test_answer_sets_of_a_follow_up_alone_are_skipped(ruleset) -> None:
    # with no operation chosen, the weeks question is never asked: changing it alone is no new set
    sets = list(answer_sets([ruleset], ["weeks_since_hip_replacement"]))
    assert [changed for _, changed in sets] == [()]


# --- rules diff -----------------------------------------------------------------------------------


def test_the_shipped_rules_against_themselves_change_nothing(capsys) -> None:
    assert run(str(RULES_DIR), str(RULES_DIR), as_json=True) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["decisions_differ"] is False and out["witnesses"] == []
    for kind in ("questions", "choices", "rules", "adjustments", "modifications", "stop_cues"):
        assert out[kind] == {"added": [], "removed": [], "changed": {}}, kind


def test_saddle_numbness_made_refer_gives_a_witness_with_both_decisions(tmp_path, capsys) -> None:
    new = _changed(tmp_path, "decisions.toml", SADDLE_URGENT, SADDLE_REFER)
    assert run(str(RULES_DIR), str(new), as_json=False) == 1
    text = capsys.readouterr().out
    assert "Rules changed: ces_saddle (outcome, refer_urgency)" in text
    assert "urgent -> refer (same day)" in text
    assert "Smallest example: saddle_numbness = yes" in text
    found = diff_rules(load_rules(RULES_DIR), load_rules(new))
    [witness] = found.witnesses
    assert dict(witness.changed) == {"saddle_numbness": "yes"}
    assert (witness.old.outcome, witness.new.outcome, witness.new.urgency) == ("urgent", "refer", "same_day")
    assert witness.count == 2  # "yes" and "unsure"
    assert found.varied == ("saddle_numbness",) and found.complete


@pytest.mark.parametrize("file, old, new, changed, before, after", [
    # the fracture rule's age from 65 to 60: someone of 60-64 after a small fall is now referred
    ("decisions.toml", '{ item = "age_years", gte = 65 },', '{ item = "age_years", gte = 60 },',
     {"injury_start": "small_fall_or_strain", "age_years": 60}, "standard", "refer"),
    # a hip replacement refers below 10 weeks instead of 12: at 10 or 11 weeks, cleared, it is modified
    ("surgery.toml", 'refer_below_weeks = 12\nclearance = "do stretches that turn your hip in and out"',
     'refer_below_weeks = 10\nclearance = "do stretches that turn your hip in and out"',
     {"surgery_types": ("hip_replacement",), "weeks_since_hip_replacement": 10}, "refer", "modified"),
])
def test_each_change_is_shown_by_a_smallest_witness(tmp_path, file, old, new, changed, before, after) -> None:
    found = diff_rules(load_rules(RULES_DIR), load_rules(_changed(tmp_path, file, old, new)))
    first = found.witnesses[0]
    assert (dict(first.changed), first.old.outcome, first.new.outcome) == (changed, before, after)
    assert found.complete and found.differing == sum(w.count for w in found.witnesses)


def test_a_question_added_is_listed_and_answering_it_changes_no_decision(tmp_path, capsys) -> None:
    new = _changed(tmp_path, "questions.toml", '[[question]]\nid = "floor_transfer"', NEW_QUESTION)
    assert run(str(RULES_DIR), str(new), as_json=False) == 0
    text = capsys.readouterr().out
    assert "Questions added: hip_clicks" in text and "No decision differs." in text
    # the other way round it is removed; the old rules ignore an answer to it, as decide does
    found = diff_rules(load_rules(new), load_rules(RULES_DIR))
    assert found.structure["questions"].removed == ("hip_clicks",)
    assert found.varied == ("hip_clicks",) and found.compared == 3 and not found.witnesses


def test_answers_only_one_rule_set_offers_are_counted_not_compared(tmp_path) -> None:
    new = _changed(tmp_path, "questions.toml", '{ id = "prefer_not_to_say", label = "I\'d rather not say" },',
                   '{ id = "prefer_not_to_say", label = "I\'d rather not say" },\n  { id = "skip", label = "Skip" },')
    found = diff_rules(load_rules(RULES_DIR), load_rules(new))
    assert found.structure["choices"].added == ("sexual_function_change.skip",)
    assert (found.only_old, found.only_new, found.witnesses) == (0, 1, ())


def test_json_is_one_object_with_the_changes_the_search_and_the_witnesses(tmp_path, capsys) -> None:
    new = _changed(tmp_path, "decisions.toml", SADDLE_URGENT, SADDLE_REFER)
    assert run(str(RULES_DIR), str(new), as_json=True) == 1
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"old", "new", "questions", "choices", "rules", "adjustments", "modifications",
                        "stop_cues", "search", "decisions_differ", "witnesses"}
    assert out["rules"]["changed"] == {"ces_saddle": ["outcome", "refer_urgency"]}
    assert out["search"]["varied"] == ["saddle_numbness"] and out["search"]["complete"] is True
    [witness] = out["witnesses"]
    assert witness["changed"] == {"saddle_numbness": "yes"} and witness["size"] == 1
    assert witness["old"] == {"outcome": "urgent", "urgency": None, "modifications": [], "rules": ["ces_saddle"]}
    assert witness["new"]["outcome"] == "refer" and witness["new"]["urgency"] == "same_day"
    assert witness["answers"]["saddle_numbness"] == "yes" and witness["answers"]["bone_risk"] == ["none"]


def test_a_bad_folder_exits_2_with_a_line_naming_it(tmp_path, capsys) -> None:
    missing = tmp_path / "nowhere"
    assert main(["rules", "diff", str(RULES_DIR), str(missing)]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and "Traceback" not in err
