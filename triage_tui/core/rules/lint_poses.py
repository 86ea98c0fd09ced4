"""`rules check` for pose pictures: every step, and every modification that changes a pose,
has a picture; and every picture is about a step and a modification that exist.

What must have a picture (`[[pose]]` in `exercise.toml`):
- each `[[step]]` of the standard stretch (a pose without `mods`);
- each change a modification makes by `replace`, `note` or `insert_after`, for the step it
  changes: a picture with `mods` = that one, or `unchanged = true` when only the words change;
- each step of the stretch done with a modification that sets the position (raised, lying):
  its own picture, since a floor picture would be wrong on a bench or lying down.
A change by `remove` needs none: the step is gone.
"""

from __future__ import annotations

from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.session.exercise import build_steps

FILE = "exercise.toml"


def pose_findings(ruleset: RuleSet) -> list[tuple[str, str, str]]:
    """(file, key, message) for each missing, unknown or repeated pose picture."""
    found: list[tuple[str, str, str]] = []
    have: dict[tuple[str, str], bool] = {}
    """(step, the one mod of the pose or "") -> is a picture (False: marked unchanged)."""
    steps = {s.id for s in ruleset.steps}
    steps |= {c.new_step for m in ruleset.modifications for c in m.changes if c.new_step}
    mods = {m.id for m in ruleset.modifications}
    seen: set[tuple[str, frozenset[str]]] = set()
    for pose in ruleset.poses:
        where = (pose.origin.file, pose.origin.key)
        if (pose.step, frozenset(pose.mods)) in seen:
            found.append((*where, f"a second pose for step '{pose.step}'{_with(pose.mods)}"))
        seen.add((pose.step, frozenset(pose.mods)))
        if len(pose.mods) < 2:
            have.setdefault((pose.step, "".join(pose.mods)), not pose.unchanged)
        if pose.step not in steps:
            found.append((*where, f"pose for unknown step '{pose.step}'"))
        for mod in pose.mods:
            if mod not in mods:
                found.append((*where, f"pose for unknown modification '{mod}'"))
    for index, step in enumerate(ruleset.steps):
        if not have.get((step.id, "")):
            found.append((FILE, f"step[{index}]", f"step '{step.id}' has no picture: add a "
                                                  f'[[pose]] with step = "{step.id}", says and art'))
    reported: set[tuple[str, str]] = set()
    for index, mod in enumerate(ruleset.modifications):
        for number, change in enumerate(mod.changes):
            target = change.new_step or change.step
            if change.action != "remove" and (target, mod.id) not in have:
                reported.add((target, mod.id))
                found.append((FILE, f"modification[{index}].changes[{number}]",
                              f"modification '{mod.id}' changes step '{target}' but has no picture "
                              f'for it: add a [[pose]] with step = "{target}", mods = ["{mod.id}"] '
                              f"(or unchanged = true when the pose stays the same)"))
        if mod.position is None:
            continue
        for step in build_steps(ruleset, [mod.id]):
            if not have.get((step.id, mod.id)) and (step.id, mod.id) not in reported:
                found.append((FILE, f"modification[{index}]",
                              f"modification '{mod.id}' sets the position '{mod.position}', but step "
                              f"'{step.id}' has no picture for it: add a [[pose]] with "
                              f'step = "{step.id}", mods = ["{mod.id}"]'))
    return found


def _with(mods: tuple[str, ...]) -> str:
    return f" with mods {', '.join(mods)}" if mods else ""

