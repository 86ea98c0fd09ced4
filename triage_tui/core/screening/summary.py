"""A short Markdown summary of a screening, to bring to an appointment."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from triage_tui.core.screening.decision import Decision
from triage_tui.core.session.exercise import chosen
from triage_tui.core.screening.resolve import Answer, resolve
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.screening.wording import answer_label, headline, outcome_message


def screening_markdown(
    ruleset: RuleSet, decision: Decision, answers: Mapping[str, Answer], when: datetime
) -> str:
    """The screening's outcome, reasons and answers, with the rules that produced it."""
    lines = [
        "# Back pain self-check: summary",
        "",
        f"Date: {when.strftime('%Y-%m-%d %H:%M %Z').strip()}",
        "",
        f"**Outcome: {headline(decision)}**",
        "",
        outcome_message(ruleset, decision),
    ]
    if decision.modifications:
        lines += ["", "## Changes to the stretch", ""]
        lines += [f"- {m.title}: {m.summary}" for m in chosen(ruleset, decision.modifications)]
    if decision.reasons:
        lines += ["", "## Why", ""]
        for reason in decision.reasons:
            lines.append(f"- {reason.message}")
            for qid, answer in reason.answers.items():
                question = ruleset.question_by_id[qid]
                lines.append(f"  - {question.short}: {answer_label(question, answer)}")
    if decision.notes:
        lines += ["", "## Also worth mentioning", ""]
        lines += [f"- {note}" for note in decision.notes]
    given = resolve(ruleset, answers).given
    lines += ["", "## Answers", "", "| Question | Answer |", "| --- | --- |"]
    for question in ruleset.questions:
        if question.id in given:
            lines.append(f"| {_cell(question.short)} | {_cell(answer_label(question, given[question.id]))} |")
    lines += [
        "",
        f"Rules: {ruleset.name}, version {decision.rules_version} (content hash {decision.rules_hash[:12]}).",
        "",
        "Made with triage-tui, a self-check app. It is not a diagnosis and not medical advice.",
        "",
    ]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
