"""Checks across rule files: every id referred to exists, ids are unique, and tests fit types."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from triage_tui.core.rules.conditions import Condition
from triage_tui.core.errors import Problem, RulesError, did_you_mean
from triage_tui.core.rules.hints import Hints
from triage_tui.core.rules.ruleset import Adjustment, Origin, Question, RuleSet


class _Collector:
    """The problems found, and the lookups every check shares (each built once per rule set, so
    the checks cost time linear in the rule set however many problems there are)."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.problems: list[Problem] = []
        self.question_hints = Hints(ruleset.question_by_id)
        self.mods = ruleset.modification_by_id
        self.mod_hints = Hints(self.mods)
        self.rule_by_id = {r.id: r for r in ruleset.rules}
        self.rule_hints = Hints(self.rule_by_id)
        self._choices: dict[str, tuple[frozenset[str], Hints]] = {}

    def choices(self, question: Question) -> tuple[frozenset[str], Hints]:
        """The choice ids of `question`, and hints among them."""
        found = self._choices.get(question.id)
        if found is None:
            ids = question.choice_ids
            found = self._choices[question.id] = (frozenset(ids), Hints(ids))
        return found

    def add(self, origin: Origin, key: str, message: str) -> None:
        full = f"{origin.key}.{key}" if key else origin.key
        self.problems.append(Problem(origin.file, full, message))

    def unique(self, what: str, items: Iterable[tuple[str, Origin]]) -> None:
        seen: dict[str, Origin] = {}
        for item_id, origin in items:
            if item_id in seen:
                first = seen[item_id]
                self.add(origin, "id", f"duplicate {what} id '{item_id}' (first at {first.file} {first.key})")
            else:
                seen[item_id] = origin


def check_references(ruleset: RuleSet, files: Mapping[str, Mapping[str, Any]]) -> None:
    """Raise RulesError listing every broken reference, duplicate id or misfit test."""
    out = _Collector(ruleset)
    questions = ruleset.questions

    out.unique("section", ((s.id, Origin("questions.toml", f"section[{i}]")) for i, s in enumerate(ruleset.sections)))
    out.unique("question", ((q.id, q.origin) for q in questions))
    out.unique("rule", [(r.id, r.origin) for r in ruleset.rules] + [(a.id, a.origin) for a in ruleset.adjustments])
    out.unique("modification", ((m.id, m.origin) for m in ruleset.modifications))
    out.unique("stop cue", ((c.id, c.origin) for c in ruleset.stop_cues))
    out.unique("step", ((s.id, Origin("exercise.toml", f"step[{i}]")) for i, s in enumerate(ruleset.steps)))
    sets = files["questions.toml"].get("choice_set", [])
    out.unique("choice set", ((cs["id"], Origin("questions.toml", f"choice_set[{i}]")) for i, cs in enumerate(sets)))
    set_ids = {cs["id"] for cs in sets}
    set_hints = Hints(set_ids)
    section_hints = Hints(ruleset.section_by_id)

    earlier: dict[str, Question] = {}
    for index, spec in enumerate(files["questions.toml"]["question"]):
        if spec.get("choice_set") is not None and spec["choice_set"] not in set_ids:
            origin = Origin("questions.toml", f"question[{index}]")
            out.add(origin, "choice_set", f"unknown choice set '{spec['choice_set']}'{set_hints(spec['choice_set'])}")
    for q in questions:
        out.unique(f"choice (in question '{q.id}')", ((c.id, q.origin) for c in q.choices))
        if q.section not in ruleset.section_by_id:
            out.add(q.origin, "section", f"unknown section '{q.section}'{section_hints(q.section)}")
        if q.ask_when is not None and not _generated(q.origin):
            _check_condition(out, q.origin, "ask_when", q.ask_when, earlier, later_hint=ruleset.question_by_id)
        earlier[q.id] = q

    every = ruleset.question_by_id
    for rule in ruleset.rules:
        if not _generated(rule.origin):
            _check_condition(out, rule.origin, "when", rule.when, every)
            _check_mods(out, rule.origin, "mods", rule.mods)
    for adj in ruleset.adjustments:
        if adj.when is not None:
            _check_condition(out, adj.origin, "when", adj.when, every)
        for key in ("if_mods", "remove", "add"):
            _check_mods(out, adj.origin, key, getattr(adj, key))
        _check_instead(out, adj)
    for cue in ruleset.stop_cues:
        if cue.shown_when is not None:
            _check_condition(out, cue.origin, "shown_when", cue.shown_when, every)
        _check_mods(out, cue.origin, "next_time_mods", cue.next_time_mods)

    out.unique("escalation", ((e.id, e.origin) for e in ruleset.escalations))
    for esc in ruleset.escalations:
        _check_mods(out, esc.origin, "mods", esc.mods)
    _check_surgery(out, ruleset, files["surgery.toml"])
    _check_modifications(out, ruleset)
    if out.problems:
        raise RulesError(out.problems)


def _generated(origin: Origin) -> bool:
    """Generated from the surgery table: correct by construction once its row checks out."""
    return origin.file == "surgery.toml"


def _check_mods(out: _Collector, origin: Origin, key: str, ids: Iterable[str]) -> None:
    for mod in ids:
        if mod not in out.mods:
            out.add(origin, key, f"unknown modification '{mod}'{out.mod_hints(mod)}")


def _check_instead(out: _Collector, adj: Adjustment) -> None:
    """Each `instead` text must belong to a modify rule that loses a modification to `adj`."""
    for rule_id in adj.instead:
        rule = out.rule_by_id.get(rule_id)
        if rule is None:
            out.add(adj.origin, f"instead.{rule_id}", f"unknown rule '{rule_id}'{out.rule_hints(rule_id)}")
        elif not set(rule.mods) & set(adj.remove):
            out.add(adj.origin, f"instead.{rule_id}",
                    f"rule '{rule_id}' asks for none of the modifications this adjustment removes")


def _check_condition(
    out: _Collector,
    origin: Origin,
    key: str,
    condition: Condition,
    allowed: Mapping[str, Question],
    later_hint: Mapping[str, Question] | None = None,
) -> None:
    for test in condition.tests():
        question = allowed.get(test.item)
        if question is None:
            if later_hint is not None and test.item in later_hint:
                out.add(origin, key, f"'{test.item}' is asked later; ask_when may only use earlier questions")
            else:
                out.add(origin, key, f"unknown question '{test.item}'{out.question_hints(test.item)}")
            continue
        choice_ids, choice_hints = out.choices(question)
        for op, ids in (("in", test.in_), ("not_in", test.not_in), ("contains", test.contains)):
            for choice in sorted(ids or ()):
                if choice not in choice_ids:
                    out.add(
                        origin,
                        key,
                        f"'{choice}' is not a choice of '{question.id}' "
                        f"(choices: {', '.join(question.choice_ids) or 'none'}){choice_hints(choice)}",
                    )
        if test.contains is not None and question.type != "multi":
            out.add(origin, key, f"contains needs a multi-choice question; '{question.id}' is {question.type}")
        numeric = [op for op in ("gte", "gt", "lt", "lte") if getattr(test, op) is not None]
        if numeric and question.type != "number":
            out.add(origin, key, f"{numeric[0]} needs a number question; '{question.id}' is {question.type}")


def _check_surgery(out: _Collector, ruleset: RuleSet, surgery_file: Mapping[str, Any]) -> None:
    parent = ruleset.question_by_id.get(ruleset.surgery_question)
    if parent is None or parent.type != "multi":
        hint = did_you_mean(ruleset.surgery_question, ruleset.question_by_id)
        out.add(Origin("surgery.toml", "question"), "", f"'{ruleset.surgery_question}' must be a multi-choice question{hint}")
        return
    cleared_ids = {c["id"] for c in surgery_file["cleared_question"]["choices"]}
    missing = {"yes", "no", "unsure"} - cleared_ids
    if missing:
        out.add(Origin("surgery.toml", "cleared_question"), "choices", f"needs the choices yes, no and unsure (missing: {', '.join(sorted(missing))})")
    for index, surgery in enumerate(ruleset.surgeries):
        row = Origin("surgery.toml", f"surgery[{index}]")
        if surgery.id not in parent.choice_ids:
            out.add(row, "id", f"'{surgery.id}' is not a choice of '{parent.id}'{out.choices(parent)[1](surgery.id)}")
        _check_mods(out, row, "mods_if_cleared", surgery.mods_if_cleared)
    out.unique("surgery", ((s.id, Origin("surgery.toml", f"surgery[{i}]")) for i, s in enumerate(ruleset.surgeries)))


def _check_modifications(out: _Collector, ruleset: RuleSet) -> None:
    steps = {s.id for s in ruleset.steps}
    for mod in ruleset.modifications:
        for change in mod.changes:
            if change.new_step:
                steps.add(change.new_step)
    base = ruleset.timing
    step_hints = Hints(steps)
    for mod in ruleset.modifications:
        for index, change in enumerate(mod.changes):
            if change.step not in steps:
                out.add(mod.origin, f"changes[{index}].step", f"unknown step '{change.step}'{step_hints(change.step)}")
        merged = {name: mod.timing.get(name, getattr(base, name)) for name in ("hold_min", "hold_max", "hold_default", "rounds_min", "rounds_max", "rounds_default")}
        for name in ("hold", "rounds"):
            low, default, high = merged[f"{name}_min"], merged[f"{name}_default"], merged[f"{name}_max"]
            if not low <= default <= high:
                out.add(mod.origin, "timing", f"{name}: need {name}_min <= {name}_default <= {name}_max (got {low}, {default}, {high})")
