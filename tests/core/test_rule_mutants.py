"""The cases must catch mistakes: single-point changes to the shipped rules that change some
decision must fail `rules test` (at least 90 % of them).

The mutants are generated in memory (tests/mutants.py). This test judges a fixed sample (every
third mutant) to stay within a few seconds; `python benchmarks/bench_mutants.py` judges all of
them. Run with `pytest -s` to see the score and any survivors.
"""

from __future__ import annotations

from collections import Counter

import pytest

from mutant_judge import Judge, judge_all, report
from mutants import Builder, mutants, parse_rules
from support import RULES_DIR
from triage_tui.core.rules.cases import cases_folder, load_cases

SAMPLE_EVERY = 3
KINDS = {"outcome", "urgency", "threshold", "choice_dropped", "mod_added", "mod_dropped", "all_to_any",
         "surgery_weeks"}


@pytest.fixture(scope="module")
def setup():
    tables = parse_rules(RULES_DIR)
    builder = Builder(tables)
    cases = load_cases(cases_folder(RULES_DIR), builder.original)
    benign = next(case for case in cases if case.id == "all_clear").answers
    return tables, builder, Judge(builder.original, benign, cases)


@pytest.fixture(scope="module")
def generated(setup):
    return list(mutants(setup[0]))


def test_every_kind_of_mistake_is_generated(setup, generated) -> None:
    _, builder, _ = setup
    assert set(Counter(m.kind for m in generated)) == KINDS
    built = [builder.build(m) for m in generated[::9]]
    assert sum(r is not None for r in built) > 0.8 * len(built)  # most are valid rule sets


def test_the_cases_catch_at_least_90_percent_of_the_decision_changing_mutants(setup, generated) -> None:
    _, builder, judge = setup
    sample = generated[::SAMPLE_EVERY]
    verdicts = judge_all(builder, judge, sample)
    score, text = report(verdicts)
    print("\n" + text)
    changing = [v for v in verdicts if v.changes_decision]
    assert len(changing) > 0.8 * len(sample)
    assert score >= 0.9, text


def test_a_mutant_the_cases_miss_is_reported_as_a_survivor(setup, generated) -> None:
    """Without the cases about the gentler versions, changing a modification survives."""
    _, builder, judge = setup
    kept = [c for c in judge.cases if not c.file.endswith("gentler.toml")]
    fewer = Judge(builder.original, judge.benign, kept)
    chosen = [m for m in generated if m.what == "rule bending_forward_hurts: drop hands_supported"]
    assert len(chosen) == 1
    (verdict,) = judge_all(builder, fewer, chosen)
    assert verdict.changes_decision and not verdict.killed_by
    assert "SURVIVED mod_dropped: decisions.toml rule bending_forward_hurts: drop hands_supported" in report([verdict])[1]
