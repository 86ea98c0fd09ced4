"""Cases as data (rules/cases/*.toml) and `triage-tui rules test`: the shipped cases pass, a
changed rule fails the cases that pin it, and a bad case file is one clear line per problem."""

from __future__ import annotations

import pytest

from support import RULES_DIR, copy_rules, edit
from triage_tui.cli import main
from triage_tui.commands.rules_test import run
from triage_tui.core.rules.cases import cases_folder, load_cases
from triage_tui.core.screening.evaluator import decide


@pytest.fixture(scope="module")
def shipped_cases(ruleset):
    return load_cases(cases_folder(RULES_DIR), ruleset)


def test_the_shipped_cases_pass(capsys) -> None:
    assert run(str(RULES_DIR)) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("OK: ") and " cases passed " in out[0]


def test_rules_check_runs_the_cases_and_counts_them(capsys, shipped_cases) -> None:
    assert main(["rules", "check", str(RULES_DIR)]) == 0
    assert f"; {len(shipped_cases)} cases passed." in capsys.readouterr().out


def test_saddle_numbness_made_refer_fails_the_cases_that_pin_it(tmp_path, capsys) -> None:
    folder = copy_rules(tmp_path)
    edit(folder, "decisions.toml", 'in = ["yes", "unsure"] }\noutcome = "urgent"',
         'in = ["yes", "unsure"] }\noutcome = "refer"\nrefer_urgency = "same_day"')
    assert main(["rules", "test", str(folder)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith("FAIL ") and "red_flags.toml:" in line
               and "saddle_numbness_yes: expected urgent; got refer (same_day)" in line for line in out), out
    assert "saddle_numbness_unsure: expected urgent; got refer (same_day)" in "\n".join(out)
    assert out[-1].startswith("FAILED: ") and " cases failed." in out[-1]
    assert main(["rules", "check", str(folder)]) == 1  # check runs the same cases


def test_a_rule_that_fires_no_more_fails_its_fires_expectation(tmp_path, capsys) -> None:
    """The advisory note changes no outcome; only the case's `fires` can notice it is gone."""
    folder = copy_rules(tmp_path)
    edit(folder, "decisions.toml", 'item = "inflammatory_pattern", in = ["yes", "unsure"]',
         'item = "inflammatory_pattern", in = ["unsure"]')
    assert run(str(folder)) == 1
    out = capsys.readouterr().out
    assert "inflammatory_yes: expected standard with inflammatory_pattern firing; got standard without inflammatory_pattern" in out


CASE = '[[case]]\nid = "c1"\ndescription = "A case."\nfrom = "all_clear"\n'

BAD_FILES = [
    ("not toml", "[[case]\n", "not valid TOML"),
    ("unknown key with hint", CASE + 'answers = {}\nexpect = { outcome = "standard" }\ndescripton = "x"\n',
     "case[0].descripton: case 'c1': unknown key 'descripton' (did you mean 'description'?)"),
    ("unknown question", CASE + 'answers = { saddle_numbnes = "yes" }\nexpect = { outcome = "urgent" }\n',
     "case[0].answers.saddle_numbnes: case 'c1': unknown question id 'saddle_numbnes' (did you mean 'saddle_numbness'?)"),
    ("unknown choice", CASE + 'answers = { saddle_numbness = "maybe" }\nexpect = { outcome = "urgent" }\n',
     "'maybe' is not a choice; expected one of: yes, no, unsure"),
    ("number out of range", CASE + 'answers = { age_years = 500 }\nexpect = { outcome = "standard" }\n',
     "case[0].answers.age_years: case 'c1': 500 is out of range"),
    ("unknown outcome", CASE + 'answers = {}\nexpect = { outcome = "refered" }\n',
     "case[0].expect.outcome: case 'c1': expected one of: urgent, refer, modified, standard, incomplete"),
    ("refer without urgency", CASE + 'answers = { cancer_history = "yes" }\nexpect = { outcome = "refer" }\n',
     "case[0].expect.urgency: case 'c1': a refer case needs urgency"),
    ("modified without changes", CASE + 'answers = { balance_unsteady = "yes" }\nexpect = { outcome = "modified" }\n',
     "a modified case needs its modifications"),
    ("unknown modification", CASE + 'answers = {}\nexpect = { outcome = "modified", modifications = ["supin"] }\n',
     "unknown modification id 'supin' (did you mean 'supine'?)"),
    ("unknown rule", CASE + 'answers = {}\nexpect = { outcome = "standard", fires = ["ces_sadle"] }\n',
     "unknown rule id 'ces_sadle' (did you mean 'ces_saddle'?)"),
    ("no expect", CASE + "answers = {}\n", "case[0].expect: case 'c1': needs an expect table"),
    ("duplicate id", CASE + 'answers = {}\nexpect = { outcome = "standard" }\n' + CASE.replace('"c1"', '"all_clear"')
     + 'answers = {}\nexpect = { outcome = "standard" }\n', "case[1].id: case 'all_clear': duplicate id (also in"),
    ("unknown from", CASE.replace("all_clear", "all_cler") + 'answers = {}\nexpect = { outcome = "standard" }\n',
     "case[0].from: case 'c1': no case with id 'all_cler' (did you mean 'all_clear'?)"),
    ("from loop", CASE.replace("all_clear", "c2") + 'answers = {}\nexpect = { outcome = "standard" }\n'
     + CASE.replace('"c1"', '"c2"').replace("all_clear", "c1") + 'answers = {}\nexpect = { outcome = "standard" }\n',
     "'from' goes round in a loop"),
    ("stray table", '[answers]\nage_years = 40\n', "unknown key 'answers'; a case file holds only [[case]] tables"),
]


@pytest.mark.parametrize(("content", "expected"), [pytest.param(c, e, id=name) for name, c, e in BAD_FILES])
def test_a_bad_case_file_is_exit_2_with_one_clear_line(tmp_path, capsys, content: str, expected: str) -> None:
    folder = copy_rules(tmp_path)
    (cases_folder(folder) / "zz_bad.toml").write_text(content, encoding="utf-8")
    assert main(["rules", "test", str(folder)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err and all(line.startswith(str(cases_folder(folder) / "zz_bad.toml")) for line in err), err
    assert any(expected in line for line in err), err
    assert "Traceback" not in "\n".join(err)


def test_a_rule_set_without_cases_is_a_clear_error(tmp_path, capsys) -> None:
    folder = copy_rules(tmp_path)
    for path in cases_folder(folder).iterdir():
        path.unlink()
    assert main(["rules", "test", str(folder)]) == 2
    assert "no case files" in capsys.readouterr().err
    cases_folder(folder).rmdir()
    assert main(["rules", "test", str(folder)]) == 2
    assert "no cases folder" in capsys.readouterr().err
    assert main(["rules", "check", str(folder)]) == 0  # check runs cases only where there are some


def test_a_case_starts_from_another_and_overrides_it(shipped_cases) -> None:
    by_id = {case.id: case for case in shipped_cases}
    base, case = by_id["all_clear"], by_id["saddle_numbness_yes"]
    assert case.answers == {**base.answers, "saddle_numbness": "yes"}


# --- what the shipped cases cover ---------------------------------------------------------------


def test_every_rule_and_adjustment_fires_in_some_case(ruleset, shipped_cases) -> None:
    fired: set[str] = set()
    for case in shipped_cases:
        decision = decide(ruleset, case.answers)
        fired |= set(decision.matched) | {r.rule for r in decision.reasons}
    wanted = {r.id for r in ruleset.rules} | {a.id for a in ruleset.adjustments}
    assert wanted - fired == set()


def test_every_number_threshold_has_cases_at_below_and_above(ruleset, shipped_cases) -> None:
    """For each number a rule compares with, cases answer that number, one less and one more
    (among the cases whose answers reach that rule's question)."""
    tried: dict[str, set[int]] = {}
    for case in shipped_cases:
        for qid, answer in case.answers.items():
            if isinstance(answer, int):
                tried.setdefault(qid, set()).add(answer)
    missing = []
    for rule in ruleset.rules:
        for test in rule.when.tests():
            for bound in (test.gte, test.gt, test.lt, test.lte):
                if bound is not None and not {bound - 1, bound, bound + 1} <= tried.get(test.item, set()):
                    missing.append((rule.id, test.item, bound, sorted(tried.get(test.item, ()))))
    assert missing == []


def test_the_readme_example_case_is_valid_and_passes(tmp_path, capsys) -> None:
    readme = (RULES_DIR.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Cases: how a clinician adds one", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    folder = copy_rules(tmp_path)
    (cases_folder(folder) / "zz_readme.toml").write_text(example, encoding="utf-8")
    assert run(str(folder)) == 0
    assert "OK: " in capsys.readouterr().out
