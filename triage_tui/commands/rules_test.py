"""`triage-tui rules test [DIR]`: run the rule set's cases (DIR/cases/*.toml) against its rules."""

from __future__ import annotations

from pathlib import Path

from triage_tui.core import paths
from triage_tui.core.limits import safe_text
from triage_tui.core.rules.case_runner import Failure, run_cases
from triage_tui.core.rules.cases import cases_folder, load_cases
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.rules.ruleset import RuleSet


def run(directory: str | None) -> int:
    """Exit 0 with a one-line summary when every case passes; 1 listing each failing case.

    A bad rule set or case file raises RulesError (the CLI prints one line per problem, exit 2).
    """
    folder = Path(directory) if directory else paths.rules_dir().path
    ruleset = load_rules(folder)
    passed, failures = run_folder(folder, ruleset)
    if failures:
        print_failures(failures, passed)
        return 1
    print(f"OK: {passed} cases passed ({cases_folder(folder)}) against {ruleset.name} "
          f"{ruleset.version} ({ruleset.short_hash}).")
    return 0


def run_folder(folder: Path, ruleset: RuleSet) -> tuple[int, list[Failure]]:
    """Load and run the cases of the rule set in `folder`: (how many passed, the failures)."""
    cases = load_cases(cases_folder(folder), ruleset)
    failures = run_cases(ruleset, cases)
    return len(cases) - len(failures), failures


def print_failures(failures: list[Failure], passed: int) -> None:
    for failure in failures:
        print(f"FAIL {safe_text(failure.line(), None)}")
    total = passed + len(failures)
    print(f"FAILED: {len(failures)} of {total} cases failed.")
