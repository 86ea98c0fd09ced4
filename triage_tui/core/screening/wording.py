"""Words for decisions and answers, shared by the CLI, the app and the exported summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triage_tui.core.rules.ruleset import Question, RuleSet
    from triage_tui.core.screening.decision import Decision
    from triage_tui.core.screening.resolve import Answer

HEADLINES = {
    "urgent": "URGENT: get emergency help now",
    "refer": "SEE SOMEONE FIRST",
    "modified": "OK WITH CHANGES: a gentler version",
    "standard": "OK: the standard stretch",
    "incomplete": "NOT DECIDED YET: answers are missing",
}
URGENCY_WORDS = {"same_day": "today", "soon": "within a few days", "routine": "before you start"}


def headline(decision: Decision) -> str:
    """One line, in words (never colour alone): what the outcome is."""
    text = HEADLINES[decision.outcome]
    if decision.outcome == "refer" and decision.urgency:
        text += f" ({URGENCY_WORDS[decision.urgency]})"
    return text


def outcome_message(ruleset: RuleSet, decision: Decision) -> str:
    """What to do, from the rule set's messages (per urgency for refer).

    Urgent: `urgent_call_first` (call for help, do not travel alone) when a fired rule says the
    person may be unable to travel safely (`call_first`), else `urgent`.
    """
    key = f"refer_{decision.urgency}" if decision.outcome == "refer" else decision.outcome
    if key == "urgent" and "urgent_call_first" in ruleset.messages:
        call_first = {rule.id for rule in ruleset.rules if rule.call_first}
        if any(reason.rule in call_first for reason in decision.reasons):
            key = "urgent_call_first"
    return ruleset.messages[key]


def answer_label(question: Question, answer: Answer) -> str:
    """An answer as the person saw it: choice labels, or the number with its unit."""
    if isinstance(answer, tuple):
        return "; ".join(_choice_label(question, a) for a in answer)
    if isinstance(answer, int):
        return f"{answer} {question.unit}".strip()
    return _choice_label(question, answer)


def _choice_label(question: Question, choice_id: str) -> str:
    choice = question.choice(choice_id)
    return choice.label if choice is not None else choice_id


def count(n: int, noun: str) -> str:
    """"1 session", "3 sessions", "30,002 sessions": a number with its noun (nouns that take an s)."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
