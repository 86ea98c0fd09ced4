"""The stretch as a person will do it: the standard steps with the decision's modifications applied."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from triage_tui.core.rules.ruleset import Modification, RuleSet, Timing

POSITION_WORDS = {"floor": "on the floor", "raised": "on a raised surface", "lying": "lying on your back"}


class StepView(NamedTuple):
    """One step to show, and which modifications changed it."""

    id: str
    title: str
    text: str
    notes: tuple[str, ...] = ()
    changed_by: tuple[str, ...] = ()
    """Modification ids that replaced, added or noted something here."""


def chosen(ruleset: RuleSet, mods: Iterable[str]) -> list[Modification]:
    """The modifications named, in canonical order."""
    wanted = set(mods)
    return [m for m in ruleset.modifications if m.id in wanted]


def build_steps(ruleset: RuleSet, mods: Iterable[str]) -> tuple[StepView, ...]:
    """Apply each modification's changes, in canonical order; changes to absent steps are skipped."""
    steps = [StepView(s.id, s.title, s.text) for s in ruleset.steps]
    for mod in chosen(ruleset, mods):
        for change in mod.changes:
            index = next((i for i, s in enumerate(steps) if s.id == change.step), None)
            if index is None:
                continue
            step = steps[index]
            by = (*step.changed_by, mod.id) if mod.id not in step.changed_by else step.changed_by
            if change.action == "remove":
                del steps[index]
            elif change.action == "replace":
                steps[index] = step._replace(title=change.title or step.title, text=change.text, changed_by=by)
            elif change.action == "note":
                steps[index] = step._replace(notes=(*step.notes, change.text), changed_by=by)
            else:
                new = StepView(change.new_step or "", change.title, change.text, changed_by=(mod.id,))
                steps.insert(index + 1, new)
    return tuple(steps)


def position(ruleset: RuleSet, mods: Iterable[str]) -> str:
    """`lying`, `raised` or `floor`: the most restful position any modification asks for."""
    positions = {m.position for m in chosen(ruleset, mods)}
    for candidate in ("lying", "raised"):
        if candidate in positions:
            return candidate
    return "floor"


def timing(ruleset: RuleSet, mods: Iterable[str]) -> Timing:
    """Timing limits with every modification's overrides applied (later ones win)."""
    limits = ruleset.timing
    for mod in chosen(ruleset, mods):
        if mod.timing:
            limits = limits._replace(**mod.timing)
    return limits
