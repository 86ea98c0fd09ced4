"""Run cases (`core.rules.cases`) against a rule set with the one `decide`, and say what differs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from triage_tui.core.rules.cases import Case, Expected
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.screening.decision import Decision
from triage_tui.core.screening.evaluator import decide


@dataclass(frozen=True, slots=True)
class Failure:
    """A case whose decision is not what it expects."""

    case: Case
    expected: str
    got: str
    decision_differs: bool
    """True when outcome, urgency or modifications differ (not only which rules fired)."""

    def line(self) -> str:
        """One line: where the case is, its id, what was expected and what came out."""
        where = self.case.file if self.case.line is None else f"{self.case.file}:{self.case.line}"
        return f"{where}: {self.case.id}: expected {self.expected}; got {self.got}"


def check_case(ruleset: RuleSet, case: Case) -> Failure | None:
    """The failure of one case, or None when the rules decide what it expects."""
    decision = decide(ruleset, case.answers)
    want = case.expect
    if not same_decision(want, decision):
        return Failure(case, describe_expected(want, ruleset), describe_decision(decision), True)
    fired = set(decision.matched) | {r.rule for r in decision.reasons}
    silent = [rule for rule in want.fires if rule not in fired]
    if silent:
        return Failure(
            case,
            f"{describe_expected(want, ruleset)} with {_list(want.fires)} firing",
            f"{describe_decision(decision)} without {_list(silent)} (fired: {_list(decision.matched) or 'none'})",
            False,
        )
    return None


def run_cases(ruleset: RuleSet, cases: Iterable[Case]) -> list[Failure]:
    """Every failing case, in the order given."""
    return [failure for case in cases if (failure := check_case(ruleset, case)) is not None]


def same_decision(want: Expected, decision: Decision) -> bool:
    return (
        decision.outcome == want.outcome
        and decision.urgency == want.urgency
        and set(decision.modifications) == want.modifications
    )


def describe_expected(want: Expected, ruleset: RuleSet) -> str:
    order = [m.id for m in ruleset.modifications]
    mods = sorted(want.modifications, key=lambda m: order.index(m) if m in order else len(order))
    return _describe(want.outcome, want.urgency, mods)


def describe_decision(decision: Decision) -> str:
    text = _describe(decision.outcome, decision.urgency, decision.modifications)
    if decision.outcome == "incomplete":
        text += f" (still to answer: {_list(decision.missing)})"
    return text


def _describe(outcome: str, urgency: str | None, mods: Iterable[str]) -> str:
    if outcome == "refer":
        return f"refer ({urgency})"
    if outcome == "modified":
        return f"modified [{_list(mods)}]"
    return outcome


def _list(items: Iterable[str]) -> str:
    return ", ".join(items)
