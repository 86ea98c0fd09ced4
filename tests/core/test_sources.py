"""Every rule, adjustment, surgery row, modification and stop cue says where it comes from
(`source`) and why it is there (`why`); `rules check` requires both; the faces show them."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from support import DATA, RULES_DIR, copy_rules
from triage_tui.cli import main
from triage_tui.core.history.records import SavedScreening
from triage_tui.core.history.store import Store
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.rules.sources import source_findings, source_of
from triage_tui.core.journey import steps
from triage_tui.core.screening.evaluator import decide
from triage_tui.core.screening.resolve import resolve
from triage_tui.fhir import codes
from triage_tui.fhir.response import response_bundle
from triage_tui.plain import pages

CITES = re.compile(r"\[S\d+[a-z]?(, S\d+[a-z]?)*\]|[Pp]roduct choice|Brief \d")
"""A source names a brief source id ([S6], [S7, S8]), the brief's section, or a product choice."""


def _everything(ruleset):
    yield from (("rule", r.id, r.source, r.why) for r in ruleset.rules)
    yield from (("adjustment", a.id, a.source, a.why) for a in ruleset.adjustments)
    yield from (("surgery", s.id, s.source, s.why) for s in ruleset.surgeries)
    yield from (("modification", m.id, m.source, m.why) for m in ruleset.modifications)
    yield from (("stop cue", c.id, c.source, c.why) for c in ruleset.stop_cues)


def test_every_shipped_item_has_a_source_that_cites_the_brief_and_a_one_line_why(ruleset) -> None:
    assert source_findings(ruleset) == []
    items = list(_everything(ruleset))
    assert len(items) > 80
    for what, id_, source, why in items:
        assert CITES.search(source) and "Brief" in source, (what, id_, source)
        assert why and "\n" not in why and len(why) <= 160, (what, id_, why)
    # generated surgery rules carry their row's source and why
    row = next(s for s in ruleset.surgeries if s.id == "lumbar_fusion")
    assert source_of(ruleset, "surgery_lumbar_fusion_recent") == (row.source, row.why)


def _drop(folder: Path, file: str, block: str, key: str) -> None:
    """Remove `key = ...` from the table whose id line is `block`."""
    path = folder / file
    text = path.read_text()
    start = text.index(block)
    line = re.compile(rf"^{key} = .*\n", re.M).search(text, start)
    assert line is not None
    path.write_text(text[:line.start()] + text[line.end():])


@pytest.mark.parametrize("file, block, key, expected", [
    ("decisions.toml", 'id = "ces_saddle"', "source", "rule[0].source: rule 'ces_saddle' has no source"),
    ("decisions.toml", 'id = "r2_lying_down_version"', "why", "adjustment[1].why: adjustment 'r2_lying_down_version' has no why"),
    ("surgery.toml", 'id = "knee_replacement"', "source", "surgery[5].source: surgery row 'knee_replacement' has no source"),
    ("exercise.toml", 'id = "supine"', "source", "modification[1].source: modification 'supine' has no source"),
    ("stop_cues.toml", 'id = "dizzy"', "why", "cue[6].why: stop cue 'dizzy' has no why"),
])
def test_a_missing_source_or_why_is_found_naming_file_and_key(tmp_path, file, block, key, expected) -> None:
    folder = copy_rules(tmp_path)
    _drop(folder, file, block, key)
    findings = source_findings(load_rules(folder, use_cache=False))
    [(found_file, key_and_message)] = [(f, f"{k}: {m}") for f, k, m in findings]
    assert found_file == file and key_and_message.startswith(expected)


def test_rules_check_fails_on_a_missing_source_with_file_line_and_key(tmp_path, capsys) -> None:
    folder = copy_rules(tmp_path)
    _drop(folder, "decisions.toml", 'id = "cancer_history"', "source")
    assert main(["rules", "check", str(folder)]) == 2
    err = capsys.readouterr().err
    assert re.search(r"decisions\.toml:\d+: rule\[\d+\]\.source: rule 'cancer_history' has no source", err), err


def test_decide_json_gives_each_reason_its_source_and_why(ruleset, tmp_path, capsys) -> None:
    data = tomllib.loads((DATA / "answers" / "all_no.toml").read_text())["answers"]
    data.update({"cancer_history": "yes", "pain_today": 9})
    answers = tmp_path / "answers.toml"
    answers.write_text("[answers]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in data.items()))
    assert main(["decide", "--answers", str(answers), "--rules", str(RULES_DIR), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {r["rule"] for r in out["reasons"]} == {"cancer_history", "pain_very_high"}
    for reason in out["reasons"]:
        source, why = source_of(ruleset, reason["rule"])
        assert source and why and (reason["source"], reason["why"]) == (source, why)


def test_an_escape_sequence_in_a_why_is_refused_by_check_and_decide(tmp_path, capsys) -> None:
    folder = copy_rules(tmp_path)
    path = folder / "decisions.toml"
    text = path.read_text()
    start = text.index('id = "cancer_history"')
    at = text.index('why = "', start) + len('why = "')
    path.write_text(text[:at] + "\\u001b[31m" + text[at:])
    assert main(["rules", "check", str(folder)]) == 2
    assert re.search(r"rule\[\d+\]\.why: control character", capsys.readouterr().err)
    answers = tmp_path / "a.toml"
    answers.write_text('[answers]\ncancer_history = "yes"\n')
    assert main(["decide", "--answers", str(answers), "--rules", str(folder), "--json"]) == 2
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out + captured.err and "control character" in captured.err


REFER = {"cancer_history": "yes", "bone_risk": ("osteoporosis",), "pain_today": 9}
"""Refer: two refer rules fire (cancer history, very high pain)."""


def test_the_markdown_export_gives_each_reason_its_why_and_source(ruleset, benign, tmp_path) -> None:
    answers = {**benign, **REFER}
    Store(tmp_path / "data").save_screening(
        SavedScreening.from_decision(decide(ruleset, answers), answers, datetime.now(timezone.utc) - timedelta(days=1)))
    out = tmp_path / "for-gp.md"
    assert main(["--data-dir", str(tmp_path / "data"), "export", "--out", str(out)]) == 0
    text = out.read_text()
    for rule in ("cancer_history", "pain_very_high"):
        source, why = source_of(ruleset, rule)
        assert f"(`{rule}`)\n  - Why this rule: {why}\n  - Source: {source}\n" in text


def test_the_fhir_risk_assessment_names_each_rule_with_its_why_and_source(ruleset, benign) -> None:
    r4b = pytest.importorskip("fhir.resources.R4B")
    answers = {**benign, **REFER}
    at = datetime(2026, 3, 4, 9, 30, tzinfo=timezone.utc)
    bundle = response_bundle(ruleset, SavedScreening.from_decision(decide(ruleset, answers), answers, at), at)
    [assessment] = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "RiskAssessment"]
    r4b.get_fhir_model_class("RiskAssessment").model_validate(json.loads(json.dumps(assessment)))
    by_rule = {c["coding"][0]["code"]: c for c in assessment["reasonCode"]}
    assert set(by_rule) == {"cancer_history", "pain_very_high"}
    for rule, concept in by_rule.items():
        source, why = source_of(ruleset, rule)
        assert concept["coding"][0]["system"] == codes.RULE_SYSTEM
        assert concept["text"] == f"{why} Source: {source}."


def test_plain_mode_result_page_shows_why_and_source_but_the_urgent_page_stays_short(ruleset, benign) -> None:
    answers = {**benign, **REFER}
    decision = decide(ruleset, answers)
    lines = pages.result(ruleset, steps.Result(decision, answers, resolve(ruleset, answers).values, (), "full"))
    for rule in ("cancer_history", "pain_very_high"):
        source, why = source_of(ruleset, rule)
        assert f"  Why this rule: {why}" in lines and f"  Source: {source}" in lines
    urgent = {**benign, "saddle_numbness": "yes"}
    page = pages.urgent(ruleset, steps.Urgent(decide(ruleset, urgent)))
    assert any("ces_saddle" == r.rule for r in decide(ruleset, urgent).reasons)
    assert not any(line.startswith(("  Why this rule:", "  Source:")) for line in page)
