"""`triage-tui decide`: the decision for an answers file, as text or JSON."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from triage_tui.core import paths
from triage_tui.core.errors import Problem, RulesError
from triage_tui.core.limits import printable
from triage_tui.core.screening.answers import read_answers
from triage_tui.core.screening.decision import Decision
from triage_tui.core.screening.evaluator import decide
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.rules import sources
from triage_tui.core.rules.texts import control_findings
from triage_tui.core.screening.wording import headline, outcome_message


def run(answers_path: str, rules_dir: str | None, *, as_json: bool) -> int:
    """Print the decision; exit 0 when decided, 3 when answers are missing."""
    ruleset = load_rules(rules_dir)
    _refuse_control_characters(ruleset, rules_dir)
    answers = read_answers(answers_path, ruleset)
    decision = decide(ruleset, answers)
    if as_json:
        print(json.dumps(decision.to_json(), indent=2, ensure_ascii=False))
    else:
        print(render_text(ruleset, decision))
    return 3 if decision.outcome == "incomplete" else 0


def _refuse_control_characters(ruleset: RuleSet, rules_dir: str | None) -> None:
    """Rule texts with terminal escapes are invalid (`rules check` says so too): never print them."""
    found = control_findings(ruleset) + sources.control_findings(ruleset)  # sources: shown with the reasons
    if found:
        folder = Path(rules_dir) if rules_dir else paths.rules_dir().path
        raise RulesError([Problem(str(folder / file), key, message) for file, key, message in found])


def render_text(ruleset: RuleSet, decision: Decision) -> str:
    width = 78
    wrap = textwrap.TextWrapper(width=width, subsequent_indent="    ")
    lines = [headline(decision), "", *textwrap.wrap(outcome_message(ruleset, decision), width)]
    if decision.modifications:
        lines += ["", "Changes to the stretch:"]
        for mod_id in decision.modifications:
            mod = ruleset.modification_by_id[mod_id]
            lines += wrap.wrap(f"  - {mod.title}: {mod.summary}")
    if decision.reasons:
        lines += ["", "Why:"]
        for reason in decision.reasons:
            given = ", ".join(f"{k} = {_show(v)}" for k, v in reason.answers.items())
            lines += wrap.wrap(f"  - {reason.message} [{reason.rule}" + (f": {given}]" if given else "]"))
    if decision.notes:
        lines += ["", "Also worth knowing:"]
        for note in decision.notes:
            lines += wrap.wrap(f"  - {note}")
    if decision.missing:
        lines += ["", "Still to answer:"]
        lines += wrap.wrap("  " + ", ".join(decision.missing))
    if decision.ignored:
        lines += ["", "Ignored (these questions are not asked with your other answers):"]
        lines += wrap.wrap("  " + ", ".join(decision.ignored))
    lines += ["", f"Rules: {ruleset.name} {decision.rules_version} ({decision.rules_hash[:12]})"]
    return printable("\n".join(lines))  # no rule text may drive the terminal


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(value) + "]"
    return str(value)
