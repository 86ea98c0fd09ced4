"""Pose pictures: which picture a step shows for a person's modifications, and for which side.

Pictures are text art kept in `exercise.toml` (`[[pose]]`), each drawn for the LEFT side (left
leg in front, or knees tipped to the left). The RIGHT side is the mirror image, made here by
reversing each line and swapping direction characters, so only one drawing is ever stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple

from triage_tui.core.rules.ruleset import Pose, RuleSet
from triage_tui.core.session.exercise import StepView

Side = Literal["left", "right"]

_SWAP = str.maketrans("/\\()<>[]{}", "\\/)(><][}{")
"""Characters that point one way and their mirror images."""


class Picture(NamedTuple):
    """A step's picture, ready to draw: every line the same width."""

    step: str
    lines: tuple[str, ...]
    says: str
    """One line of plain words: what plain mode and screen readers use instead of the art."""
    side: Side = "left"

    @property
    def width(self) -> int:
        return len(self.lines[0]) if self.lines else 0

    @property
    def text(self) -> str:
        """The art as one string, trailing spaces dropped."""
        return "\n".join(line.rstrip() for line in self.lines)


def mirror(lines: Iterable[str]) -> tuple[str, ...]:
    """The picture flipped left to right. Lines are first padded to one width, so mirroring
    twice gives back the padded picture."""
    rows = list(lines)
    width = max((len(row) for row in rows), default=0)
    return tuple(row.ljust(width)[::-1].translate(_SWAP) for row in rows)


def pose_for(ruleset: RuleSet, step: str, mods: Iterable[str]) -> Pose | None:
    """The picture a step shows for these modifications (None when the rule set has none).

    Of the pictures for the step whose modifications the person all has (the standard one has
    none), the one naming the most wins; then one whose modification sets the position (a bench
    or lying picture over a floor one); then the first in the catalogue's order, which runs from
    the biggest change of pose down. A modification marked `unchanged` keeps the others.
    """
    wanted = set(mods)
    order = {m.id: index for index, m in enumerate(ruleset.modifications)}
    positioned = {m.id for m in ruleset.modifications if m.position is not None}

    def rank(pose: Pose) -> tuple[int, bool, int]:
        first = min((order.get(m, len(order)) for m in pose.mods), default=len(order))
        return len(pose.mods), bool(positioned.intersection(pose.mods)), -first

    fitting = [p for p in ruleset.poses if p.step == step and not p.unchanged and wanted.issuperset(p.mods)]
    return max(fitting, key=rank, default=None)


def picture(pose: Pose, side: Side = "left") -> Picture:
    """A pose drawn for `side`: as stored for the left, mirrored for the right."""
    width = max((len(line) for line in pose.lines), default=0)
    return for_side(Picture(pose.step, tuple(line.ljust(width) for line in pose.lines), pose.says), side)


def for_side(drawn: Picture, side: Side) -> Picture:
    """The same picture for `side`: mirrored when it was drawn for the other one."""
    return drawn if drawn.side == side else drawn._replace(lines=mirror(drawn.lines), side=side)


def step_picture(ruleset: RuleSet, step: StepView | str, mods: Iterable[str],
                 side: Side = "left") -> Picture | None:
    """The picture for one step of a plan, for these modifications and this side."""
    pose = pose_for(ruleset, step if isinstance(step, str) else step.id, mods)
    return None if pose is None else picture(pose, side)


def step_pictures(ruleset: RuleSet, steps: Iterable[StepView], mods: Iterable[str]) -> tuple[Picture | None, ...]:
    """Each step's picture (left side), in the steps' order: what a session plan carries."""
    mods = tuple(mods)
    return tuple(step_picture(ruleset, s, mods) for s in steps)
