"""`triage-tui rules diff OLD_DIR NEW_DIR [--json]`: what changed between two rule sets, and a
witness for each decision that changes (see `core.rules.diff`).

Exit 0 when no decision differs, 1 when some do; bad folders raise RulesError (exit 2, one line
per problem, from the CLI).
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping
from typing import Any

from triage_tui.core.limits import printable
from triage_tui.core.rules.diff import Changes, RulesDiff, Witness, diff_rules
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.screening.decision import Decision

_TITLES = {
    "questions": "Questions",
    "choices": "Choices",
    "rules": "Rules",
    "adjustments": "Adjustments",
    "modifications": "Modifications",
    "stop_cues": "Stop cues",
}
WIDTH = 78
WITNESS_LIMIT = 20
"""Most pairs of decisions printed as text (--json lists them all)."""


def run(old: str, new: str, as_json: bool) -> int:
    """Print the diff; 0 when no decision differs, 1 otherwise."""
    before, after = load_rules(old), load_rules(new)
    found = diff_rules(before, after)
    if as_json:
        print(json.dumps(to_json(before, after, found), indent=2, ensure_ascii=False))
    else:
        print(render_text(old, new, before, after, found))
    return 1 if found.decisions_differ else 0


def to_json(old: RuleSet, new: RuleSet, found: RulesDiff) -> dict[str, Any]:
    """The one object `rules diff --json` prints."""
    return {
        "old": _about(old),
        "new": _about(new),
        **{kind: changes.to_json() for kind, changes in found.structure.items()},
        "search": {
            "varied": list(found.varied),
            "compared": found.compared,
            "differing": found.differing,
            "only_valid_in_old": found.only_old,
            "only_valid_in_new": found.only_new,
            "complete": found.complete,
            "largest_witness_size_tried": found.largest,
            "defaults": _plain(found.defaults),
        },
        "decisions_differ": found.decisions_differ,
        "witnesses": [_witness_json(w) for w in found.witnesses],
    }


def _about(ruleset: RuleSet) -> dict[str, str]:
    return {"name": ruleset.name, "version": ruleset.version, "hash": ruleset.hash}


def _witness_json(witness: Witness) -> dict[str, Any]:
    return {
        "size": len(witness.changed),
        "changed": _plain(witness.changed),
        "answers": _plain(witness.answers),
        "old": _decision_json(witness.old),
        "new": _decision_json(witness.new),
        "count": witness.count,
    }


def _decision_json(decision: Decision) -> dict[str, Any]:
    return {
        "outcome": decision.outcome,
        "urgency": decision.urgency,
        "modifications": list(decision.modifications),
        "rules": [r.rule for r in decision.reasons],
    }


def _plain(answers: Mapping[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}


KEEP = "\xa0"
"""Joins an answer's id to its value while lines are wrapped, so `key = value` never splits."""


def render_text(old_dir: str, new_dir: str, old: RuleSet, new: RuleSet, found: RulesDiff) -> str:
    wrap = textwrap.TextWrapper(width=WIDTH, subsequent_indent="    ")
    lines = [f"Old: {old_dir} - {old.name} {old.version} ({old.short_hash})",
             f"New: {new_dir} - {new.name} {new.version} ({new.short_hash})", ""]
    listed = False
    for kind, changes in found.structure.items():
        if changes:
            listed = True
            lines += _changes_lines(_TITLES[kind], changes, wrap)
    if not listed:
        lines.append("No question, choice, rule, adjustment, modification or stop cue was added, removed or changed.")
    lines.append("")
    lines += wrap.wrap(_search_line(found))
    if not found.witnesses:
        lines.append("No decision differs.")
    for number, witness in enumerate(found.witnesses[:WITNESS_LIMIT], 1):
        lines += ["", *_witness_lines(number, witness, wrap)]
    if len(found.witnesses) > WITNESS_LIMIT:
        lines += ["", f"... and {len(found.witnesses) - WITNESS_LIMIT} more pairs of decisions (see --json)."]
    if found.witnesses:
        asked = found.witnesses[0].answers
        shown = ", ".join(f"{k}{KEEP}={KEEP}{_show(v)}" for k, v in found.defaults.items()
                          if k in asked and k not in found.varied)
        lines += ["", *wrap.wrap(f"Every other question keeps its default answer: {shown}.")]
    return printable("\n".join(lines).replace(KEEP, " "))  # no rule text may drive the terminal


def _changes_lines(title: str, changes: Changes, wrap: textwrap.TextWrapper) -> list[str]:
    lines: list[str] = []
    if changes.added:
        lines += wrap.wrap(f"{title} added: " + ", ".join(changes.added))
    if changes.removed:
        lines += wrap.wrap(f"{title} removed: " + ", ".join(changes.removed))
    if changes.changed:
        parts = [f"{id_} ({', '.join(fields)})" for id_, fields in changes.changed]
        lines += wrap.wrap(f"{title} changed: " + "; ".join(parts))
    return lines


def _search_line(found: RulesDiff) -> str:
    if not found.varied:
        scope = "No change can alter a decision, so only the default answers were compared."
    else:
        scope = (f"Questions varied ({len(found.varied)}): {', '.join(found.varied)}. Every other question "
                 f"keeps its default answer.")
    counted = f" {found.compared} answer sets compared, {found.differing} with a different decision."
    skipped = ""
    if found.only_old or found.only_new:
        skipped = (f" Not compared, because the other rule set does not offer one of the answers: "
                   f"{found.only_old} valid only in the old rules, {found.only_new} only in the new.")
    stop = "" if found.complete else (f" The search stopped at its limit, after every set with up to "
                                      f"{max(found.largest - 1, 0)} changed answers.")
    return scope + counted + skipped + stop


def _witness_lines(number: int, witness: Witness, wrap: textwrap.TextWrapper) -> list[str]:
    sets = "answer set" if witness.count == 1 else "answer sets"
    given = ", ".join(f"{k}{KEEP}={KEEP}{_show(v)}" for k, v in witness.changed.items()) or "(the default answers)"
    lines = wrap.wrap(f"{number}. {_decision_words(witness.old)} -> {_decision_words(witness.new)} "
                      f"({witness.count} {sets})")
    lines += wrap.wrap(f"   Smallest example: {given}")
    lines += wrap.wrap(f"   Old: {_decision_words(witness.old, rules=True)}")
    lines += wrap.wrap(f"   New: {_decision_words(witness.new, rules=True)}")
    return lines


def _decision_words(decision: Decision, rules: bool = False) -> str:
    text = decision.outcome
    if decision.urgency:
        text += f" ({decision.urgency.replace('_', ' ')})"
    if decision.modifications:
        text += ": " + ", ".join(decision.modifications)
    if rules and decision.reasons:
        text += " [" + ", ".join(r.rule for r in decision.reasons) + "]"
    return text


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(value) + "]"
    return str(value)
