"""Single-point changes ("mutants") to a rule set, built in memory, and whether the cases catch them.

Each mutant is one plausible slip in one rule file: an outcome changed, an urgency one step lower,
a number threshold moved by one, a choice dropped from a condition, a modification added or
dropped, an `all` turned into `any`, a surgery's weeks moved by one. The parsed TOML of that one
file is changed, validated by the file's model (as the loader does) and compiled into a RuleSet;
no file is written.

Whether a mutant changes a decision, and whether the cases catch it: `tests/mutant_judge.py`.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from triage_tui.core.errors import InputError
from triage_tui.core.rules.compile import compile_ruleset
from triage_tui.core.rules.ruleset import RULE_FILES, RuleSet
from triage_tui.core.rules.schema import FILE_MODELS

Tables = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Mutant:
    kind: str
    what: str
    file: str
    data: dict[str, Any]
    """The whole changed file, as parsed TOML."""
    focus: tuple[str, ...]
    """Question ids the change is about."""


def parse_rules(folder: Path) -> Tables:
    return {name: tomllib.loads((folder / name).read_text(encoding="utf-8")) for name in RULE_FILES}


def normalize(name: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """One file's table as the loader keeps it: validated by its model, dumped without None."""
    return FILE_MODELS[name].model_validate(data).model_dump(mode="json", by_alias=True, exclude_none=True)


class Builder:
    """Builds the original rule set and its mutants from parsed TOML, in memory."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.normal = {name: normalize(name, data) for name, data in tables.items()}
        self.original = compile_ruleset(self.normal, "original")

    def build(self, mutant: Mutant) -> RuleSet | None:
        """The mutant's RuleSet, or None when the change makes the rule set invalid."""
        try:
            files = {**self.normal, mutant.file: normalize(mutant.file, mutant.data)}
            return compile_ruleset(files, f"mutant {mutant.what}")
        except (ValidationError, InputError):
            return None


# --- generating the mutants --------------------------------------------------------------------


def mutants(tables: Tables) -> Iterator[Mutant]:
    mods = [m["id"] for m in tables["exercise.toml"]["modification"]]
    yield from _rule_mutants(tables["decisions.toml"], mods)
    yield from _adjustment_mutants(tables["decisions.toml"])
    yield from _question_mutants(tables["questions.toml"])
    yield from _surgery_mutants(tables["surgery.toml"], mods)


def _changed(tables_file: dict[str, Any], section: str, index: int) -> tuple[dict[str, Any], dict[str, Any]]:
    data = copy.deepcopy(tables_file)
    return data, data[section][index]


def _rule_mutants(decisions: dict[str, Any], mods: Sequence[str]) -> Iterator[Mutant]:
    file = "decisions.toml"
    for i, rule in enumerate(decisions["rule"]):
        rid, focus = rule["id"], tuple(_items(rule["when"]))

        def make(kind: str, what: str, change: Any) -> Mutant:
            data, target = _changed(decisions, "rule", i)
            change(target)
            return Mutant(kind, f"rule {rid}: {what}", file, data, focus)

        for kind, what, change in _outcome_changes(rule):
            yield make(kind, what, change)
        for what, change in _condition_changes(rule["when"], ("when",)):
            kind, _, words = what.partition(": ")
            yield make(kind, words, change)
        own = list(rule.get("mods", ()))
        for mod in own if len(own) > 1 else ():
            yield make("mod_dropped", f"drop {mod}", lambda t, m=mod: t["mods"].remove(m))
        for mod in mods if rule["outcome"] == "modify" else ():
            if mod not in own:
                yield make("mod_added", f"add {mod}", lambda t, m=mod: t["mods"].append(m))


def _outcome_changes(rule: Mapping[str, Any]) -> Iterator[tuple[str, str, Any]]:
    def to(outcome: str, urgency: str | None = None, *, keep_mods: bool = False) -> Any:
        def change(t: dict[str, Any]) -> None:
            t["outcome"] = outcome
            t.pop("call_first", None)
            t.pop("refer_urgency", None)
            if not keep_mods:
                t.pop("mods", None)
            if urgency:
                t["refer_urgency"] = urgency
        return change

    outcome, urgency = rule["outcome"], rule.get("refer_urgency")
    if outcome == "urgent":
        yield "urgency", "urgent -> refer same_day", to("refer", "same_day")
    elif outcome == "refer":
        yield "outcome", "refer -> urgent", to("urgent")
        yield "outcome", "refer -> advisory", to("advisory")
        lower = {"same_day": "soon", "soon": "routine"}.get(urgency or "")
        if lower:
            yield "urgency", f"{urgency} -> {lower}", to("refer", lower)
    elif outcome == "modify":
        yield "outcome", "modify -> refer routine", to("refer", "routine")
        yield "outcome", "modify -> advisory", to("advisory")
    elif outcome == "advisory":
        yield "outcome", "advisory -> refer routine", to("refer", "routine")


def _condition_changes(cond: Mapping[str, Any], path: tuple[Any, ...]) -> Iterator[tuple[str, Any]]:
    """(kind: words, change) for each single-point change inside one condition table."""
    def at(target: dict[str, Any]) -> dict[str, Any]:
        for part in path:
            target = target[part]
        return target

    for key in ("all", "any"):
        if key in cond:
            if key == "all":
                def to_any(t: dict[str, Any]) -> None:
                    node = at(t)
                    node["any"] = node.pop("all")
                yield f"all_to_any: {'.'.join(map(str, path))} all -> any", to_any
            for j, part in enumerate(cond[key]):
                yield from _condition_changes(part, (*path, key, j))
    if "not" in cond:
        yield from _condition_changes(cond["not"], (*path, "not"))
    if "item" not in cond:
        return
    item = cond["item"]
    for op in ("in", "not_in", "contains"):
        choices = cond.get(op, [])
        for choice in choices if len(choices) > 1 else ():
            yield (f"choice_dropped: {item} {op} drops {choice}",
                   lambda t, o=op, c=choice: at(t)[o].remove(c))
    for op in ("gte", "gt", "lt", "lte"):
        if op in cond:
            for step in (-1, 1):
                yield (f"threshold: {item} {op} {cond[op]} -> {cond[op] + step}",
                       lambda t, o=op, s=step: at(t).__setitem__(o, at(t)[o] + s))


def _adjustment_mutants(decisions: dict[str, Any]) -> Iterator[Mutant]:
    file = "decisions.toml"
    for i, adj in enumerate(decisions.get("adjustment", [])):
        focus = tuple(_items(adj.get("when")))
        for what, change in _condition_changes(adj["when"], ("when",)) if "when" in adj else ():
            kind, _, words = what.partition(": ")
            data, target = _changed(decisions, "adjustment", i)
            change(target)
            yield Mutant(kind, f"adjustment {adj['id']}: {words}", file, data, focus)
        for field in ("remove", "add"):
            for mod in adj.get(field, []):
                data, target = _changed(decisions, "adjustment", i)
                target[field].remove(mod)
                yield Mutant("mod_dropped", f"adjustment {adj['id']}: {field} drops {mod}", file, data, focus)


def _question_mutants(questions: dict[str, Any]) -> Iterator[Mutant]:
    for i, question in enumerate(questions["question"]):
        if "ask_when" not in question:
            continue
        focus = (question["id"], *_items(question["ask_when"]))
        for what, change in _condition_changes(question["ask_when"], ("ask_when",)):
            kind, _, words = what.partition(": ")
            data, target = _changed(questions, "question", i)
            change(target)
            yield Mutant(kind, f"question {question['id']} ask_when: {words}", "questions.toml", data, focus)


def _surgery_mutants(surgery: dict[str, Any], mods: Sequence[str]) -> Iterator[Mutant]:
    file = "surgery.toml"
    for i, row in enumerate(surgery["surgery"]):
        sid = row["id"]
        focus = (surgery["question"], f"weeks_since_{sid}", f"cleared_{sid}", "replaced_joint_symptoms")

        def make(kind: str, what: str, change: Any) -> Mutant:
            data, target = _changed(surgery, "surgery", i)
            change(target)
            return Mutant(kind, f"surgery {sid}: {what}", file, data, focus)

        for key in ("refer_below_weeks", "no_effect_from_weeks"):
            if key in row:
                for step in (-1, 1):
                    yield make("surgery_weeks", f"{key} {row[key]} -> {row[key] + step}",
                               lambda t, k=key, s=step: t.__setitem__(k, t[k] + s))
        own = list(row.get("mods_if_cleared", ()))
        for mod in own if len(own) > 1 else ():
            yield make("mod_dropped", f"mods_if_cleared drops {mod}", lambda t, m=mod: t["mods_if_cleared"].remove(m))
        for mod in mods if own else ():
            if mod not in own:
                yield make("mod_added", f"mods_if_cleared adds {mod}", lambda t, m=mod: t["mods_if_cleared"].append(m))


def _items(cond: Mapping[str, Any] | None) -> list[str]:
    if not cond:
        return []
    if "item" in cond:
        return [cond["item"]]
    parts = cond.get("all") or cond.get("any") or ([cond["not"]] if "not" in cond else [])
    return list(dict.fromkeys(i for part in parts for i in _items(part)))
