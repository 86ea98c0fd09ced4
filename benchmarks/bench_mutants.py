"""The mutation score of the shipped cases over ALL mutants of the shipped rules.

Every single-point change of `tests/mutants.py` (an outcome changed, an urgency one step lower, a
number threshold moved by one, a choice dropped from a condition, a modification added or
dropped, an `all` turned into `any`, a surgery's weeks moved by one) is built in memory and
judged: does it change some decision (outcome, urgency or modifications) for some complete set
of answers, and does `rules test` (the cases in rules/cases/) fail on it? The score is
caught / decision-changing; the test suite judges a fixed third of the mutants
(tests/core/test_rule_mutants.py), this script all of them.

    python benchmarks/bench_mutants.py [--rules DIR] [--list]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from mutant_judge import Judge, judge_all, report  # noqa: E402
from mutants import Builder, mutants, parse_rules  # noqa: E402
from triage_tui.core.rules.cases import cases_folder, load_cases  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=Path, default=ROOT / "rules", help="rule-set folder (with cases/)")
    parser.add_argument("--list", action="store_true", help="also list the mutants that change no decision, and invalid ones")
    args = parser.parse_args()
    started = time.perf_counter()
    tables = parse_rules(args.rules)
    builder = Builder(tables)
    cases = load_cases(cases_folder(args.rules), builder.original)
    benign = next(case for case in cases if case.id == "all_clear").answers
    verdicts = judge_all(builder, Judge(builder.original, benign, cases), list(mutants(tables)))
    score, text = report(verdicts)
    print(f"{len(cases)} cases, {len(verdicts)} mutants, {time.perf_counter() - started:.1f} s")
    print(text)
    if args.list:
        for v in verdicts:
            if not v.valid:
                print(f"  invalid (the loader refuses it): {v.mutant.file} {v.mutant.what}")
            elif not v.changes_decision:
                caught = " (a case's `fires` still notices it)" if v.killed_by else ""
                print(f"  changes no decision: {v.mutant.file} {v.mutant.what}{caught}")
    return 0 if score >= 0.9 else 1


if __name__ == "__main__":
    sys.exit(main())
