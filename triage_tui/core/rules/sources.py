"""Where each rule comes from, and why it exists: the lookup the exports use, and the `rules
check` that requires them.

Every rule, adjustment, surgery row, modification and stop cue says
where it comes from (`source`: the guideline or paper and its section, as the clinical brief cites
it) and why it exists (`why`: one plain line; a modification's `why` says who it is for).

The rule-file models accept a missing `source` or `why`, so a rule set from before these fields
still loads; this check is what requires them, naming the file and the key to add.
Rules generated from a surgery row take that row's fields, so the row is what is checked.
"""

from __future__ import annotations

from collections.abc import Iterable

from triage_tui.core.limits import control_characters
from triage_tui.core.rules.ruleset import Origin, RuleSet

WHY_LIMIT = 160
"""Most characters in a `why`: it is one line, shown beside the reason."""


def source_of(ruleset: RuleSet, rule_id: str) -> tuple[str, str]:
    """(source, why) of the rule or adjustment `rule_id`; empty strings for an id the rule set
    does not have (a record saved under other rules)."""
    for item in (*ruleset.rules, *ruleset.adjustments):
        if item.id == rule_id:
            return item.source, item.why
    return "", ""


def source_findings(ruleset: RuleSet) -> list[tuple[str, str, str]]:
    """(file, key, message) for each missing `source` or `why`, a `why` that is not one line, and
    each control character in either (`control_findings`)."""
    found: list[tuple[str, str, str]] = control_findings(ruleset)
    for what, id_, origin, source, why in _items(ruleset):
        if not source.strip():
            found.append((origin.file, f"{origin.key}.source",
                          f"{what} '{id_}' has no source: name the guideline or paper and its section"))
        if not why.strip():
            found.append((origin.file, f"{origin.key}.why",
                          f"{what} '{id_}' has no why: say in one plain line why it is there"))
        elif "\n" in why or len(why) > WHY_LIMIT:
            found.append((origin.file, f"{origin.key}.why",
                          f"{what} '{id_}': why must be one line of at most {WHY_LIMIT} characters"))
    return found


def control_findings(ruleset: RuleSet) -> list[tuple[str, str, str]]:
    """(file, key, message) for each `source` or `why` holding a control character: they reach
    the terminal as text, so escape sequences are refused as in every other rule text."""
    found = []
    for _, _, origin, source, why in _items(ruleset):
        for key, text in (("source", source), ("why", why)):
            chars = control_characters(text)
            if chars:
                found.append((origin.file, f"{origin.key}.{key}",
                              f"control character {', '.join(chars)} in text (escape sequences are not allowed)"))
    return found


def _items(ruleset: RuleSet) -> Iterable[tuple[str, str, Origin, str, str]]:
    return [
        *(("rule", r.id, r.origin, r.source, r.why) for r in ruleset.rules if r.origin.file != "surgery.toml"),
        *(("surgery row", s.id, Origin("surgery.toml", f"surgery[{i}]"), s.source, s.why)
          for i, s in enumerate(ruleset.surgeries)),
        *(("adjustment", a.id, a.origin, a.source, a.why) for a in ruleset.adjustments),
        *(("modification", m.id, m.origin, m.source, m.why) for m in ruleset.modifications),
        *(("stop cue", c.id, c.origin, c.source, c.why) for c in ruleset.stop_cues),
    ]
