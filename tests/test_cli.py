"""The command line: exit codes, the JSON contract, text output, rules check / schema, where."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import tomli_w

from support import DATA, RULES_DIR, copy_rules, edit
from triage_tui.cli import main

ALL_NO = DATA / "answers" / "all_no.toml"
CONTRACT_KEYS = ["outcome", "urgency", "modifications", "reasons", "notes", "missing", "ignored",
                 "rules_version", "rules_hash"]


def write_answers(tmp_path, answers: dict) -> str:
    path = tmp_path / "answers.toml"
    path.write_text(tomli_w.dumps({"answers": answers}))
    return str(path)


def run_json(capsys, *args: str) -> tuple[int, dict]:
    status = main(["decide", *args, "--json"])
    out = capsys.readouterr().out
    return status, json.loads(out)


def test_standard_exit_0_and_exact_json_shape(capsys) -> None:
    status, result = run_json(capsys, "--answers", str(ALL_NO))
    assert status == 0
    assert list(result) == CONTRACT_KEYS
    assert result["outcome"] == "standard"
    assert result["urgency"] is None
    assert result["modifications"] == [] and result["reasons"] == [] and result["missing"] == []
    assert result["rules_version"] == "2026.11.4"
    assert len(result["rules_hash"]) == 64


def test_refer_json_carries_urgency_and_reasons(tmp_path, capsys, benign) -> None:
    answers = {**benign, "fever_unwell": "unsure", "bone_risk": ["osteoporosis"]}
    status, result = run_json(capsys, "--answers", write_answers(tmp_path, answers))
    assert status == 0
    assert result["outcome"] == "refer" and result["urgency"] == "same_day"
    assert result["modifications"] == []
    (reason,) = result["reasons"]
    assert reason == {"rule": "fever_unwell", "message": reason["message"], "answers": {"fever_unwell": "unsure"},
                      "source": reason["source"], "why": reason["why"]}
    assert "[S11, S12]" in reason["source"] and reason["why"]


def test_modified_json_lists_modifications_in_canonical_order(tmp_path, capsys, benign) -> None:
    answers = {**benign, "age_years": 70, "floor_transfer": "cannot", "movement_pain": ["twisting"]}
    status, result = run_json(capsys, "--answers", write_answers(tmp_path, answers))
    assert status == 0 and result["outcome"] == "modified"
    assert result["modifications"] == ["elevated", "reduced_rotation", "short_holds"]
    multi = next(r for r in result["reasons"] if r["rule"] == "twisting_hurts")
    assert multi["answers"] == {"movement_pain": ["twisting"]}


def test_incomplete_exit_3_lists_missing(tmp_path, capsys) -> None:
    status, result = run_json(capsys, "--answers", write_answers(tmp_path, {"saddle_numbness": "no"}))
    assert status == 3
    assert result["outcome"] == "incomplete"
    assert "bladder_bowel_change" in result["missing"]


def test_urgent_wins_over_missing_exit_0(tmp_path, capsys) -> None:
    status, result = run_json(capsys, "--answers", write_answers(tmp_path, {"saddle_numbness": "unsure"}))
    assert status == 0
    assert result["outcome"] == "urgent" and result["reasons"][0]["rule"] == "ces_saddle"


def test_ignored_answers_are_reported(tmp_path, capsys, benign) -> None:
    answers = {**benign, "weeks_since_knee_replacement": 3}
    status, result = run_json(capsys, "--answers", write_answers(tmp_path, answers))
    assert status == 0 and result["outcome"] == "standard"
    assert result["ignored"] == ["weeks_since_knee_replacement"]


def test_bad_answers_exit_2_one_line(tmp_path, capsys) -> None:
    path = write_answers(tmp_path, {"age_years": 300})
    assert main(["decide", "--answers", path]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"{path}:2: answers.age_years: 300 is out of range: expected a whole number from 0 to 120"]


def test_bad_rules_exit_2(tmp_path, capsys) -> None:
    folder = copy_rules(tmp_path)
    edit(folder, "decisions.toml", 'outcome = "urgent"', 'outcome = "now"')
    assert main(["decide", "--answers", str(ALL_NO), "--rules", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "decisions.toml" in err and "rule[0].outcome" in err


def test_text_output_is_readable(tmp_path, capsys, benign) -> None:
    path = write_answers(tmp_path, {**benign, "cancer_history": "yes", "inflammatory_pattern": "yes"})
    assert main(["decide", "--answers", path]) == 0
    out = capsys.readouterr().out
    assert out.startswith("SEE SOMEONE FIRST (within a few days)")
    assert "Why:" in out and "[cancer_history: cancer_history = yes]" in out
    assert "Also worth knowing:" in out
    assert "Rules: triage-tui default rules 2026.11.4" in out


def test_rules_check_passes_on_shipped_rules(capsys) -> None:
    assert main(["rules", "check", str(RULES_DIR)]) == 0
    assert capsys.readouterr().out.startswith("OK: ")


def test_rules_check_reports_lint_problems(tmp_path, capsys) -> None:
    folder = copy_rules(tmp_path)
    # a rule that can never fire (age at least 70 and under 60), and a modification nobody uses
    edit(folder, "decisions.toml", 'when = { item = "age_years", lt = 16 }',
         'when.all = [{ item = "age_years", gte = 70 }, { item = "age_years", lt = 60 }]')
    edit(folder, "decisions.toml", 'mods = ["hip_prop"]', 'mods = ["short_holds"]')
    edit(folder, "surgery.toml", '"hip_prop", ', "", count=3)
    edit(folder, "surgery.toml", '["hip_prop", "short_holds"]', '["short_holds"]')
    assert main(["rules", "check", str(folder)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert any("rule 'age_under_16' can never fire" in line and "decisions.toml:" in line for line in lines)
    assert any("modification 'hip_prop' is not used" in line for line in lines)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('metric = "pain_rise"\npoints', 'metric = "pain_rises"\npoints', "pain_rise"),
    ("points = 2\n", "", "metric 'pain_rise' needs points"),
    ('mods = ["short_holds"]', 'mods = ["short_hold"]', "did you mean 'short_holds'"),
    ('refer_urgency = "soon"\n', "", "refer_urgency is required for action 'refer'"),
    ("weeks = 4\n", "weeks = 999999999\n", "less than or equal to 520"),
    ("days = 365\n", "days = 3651\n", "less than or equal to 3650"),
], ids=["unknown metric", "missing threshold", "unknown modification", "refer without urgency",
        "weeks past date arithmetic", "days past ten years"])
def test_rules_check_rejects_a_broken_escalation_rule(tmp_path, capsys, old, new, expected) -> None:
    """The escalation thresholds are data, checked like every other rule file: exit 2, one line
    naming the file."""
    folder = copy_rules(tmp_path)
    edit(folder, "escalation.toml", old, new)
    assert main(["rules", "check", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert any("escalation.toml" in line and expected in line for line in err.splitlines()), err


def test_rules_schema_is_json_schema(capsys) -> None:
    assert main(["rules", "schema"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert set(document["files"]) == {"ruleset.toml", "questions.toml", "decisions.toml", "surgery.toml",
                                      "exercise.toml", "stop_cues.toml", "escalation.toml"}
    questions = document["files"]["questions.toml"]
    assert questions["additionalProperties"] is False
    assert "question" in questions["required"]
    assert main(["rules", "schema", "--file", "decisions.toml"]) == 0
    rule = json.loads(capsys.readouterr().out)["$defs"]["RuleSpec"]
    assert "refer_urgency" in rule["properties"] and rule["additionalProperties"] is False


def test_rules_schema_unknown_file(capsys) -> None:
    assert main(["rules", "schema", "--file", "decision.toml"]) == 2
    assert "did you mean 'decisions.toml'" in capsys.readouterr().err


def test_where_names_the_folders(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("TRIAGE_TUI_DATA_DIR", str(tmp_path / "env-data"))
    assert main(["where"]) == 0
    out = capsys.readouterr().out
    assert f"data:  {tmp_path / 'env-data'}  [TRIAGE_TUI_DATA_DIR]" in out
    assert main(["--data-dir", str(tmp_path / "flag"), "where"]) == 0
    assert f"{tmp_path / 'flag'}  [--data-dir]" in capsys.readouterr().out


def test_usage_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["decide"])
    assert caught.value.code == 2
    assert "--answers" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.parametrize("args", [["decide", "--answers", str(ALL_NO), "--json"], ["rules", "check"]])
def test_as_a_real_process(args) -> None:
    done = subprocess.run([sys.executable, "-m", "triage_tui", *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


@pytest.mark.slow
def test_bad_input_as_a_real_process_has_no_traceback(tmp_path) -> None:
    path = tmp_path / "a.toml"
    path.write_text("[answers]\nage_years = 'x'\n")
    done = subprocess.run([sys.executable, "-m", "triage_tui", "decide", "--answers", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
