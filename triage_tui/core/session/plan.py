"""The session plan: the phases of a timed 90/90 session, built from a decision.

Prep, then for each round: hold with the LEFT side, a switch, hold with the RIGHT side, and a
rest before the next round. The switch and the rest are extra time: a side's hold is never
shortened to make room for them. Lying down, the stretch can instead be slow knee drops.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Literal, NamedTuple

from triage_tui.core.session.exercise import StepView, build_steps, position, timing
from triage_tui.core.session.poses import Picture, step_pictures
from triage_tui.core.rules.ruleset import RuleSet, Timing
from triage_tui.core.session.settings import cap_hold

PhaseKind = Literal["prep", "hold", "switch", "rest", "drops"]
Side = Literal["left", "right"]
Style = Literal["hold", "drops"]

TIP_SECONDS = 8
"""One knee drop: about 3 s tipping over, a short stay, then back to the middle."""
TIPS_DEFAULT, TIPS_MIN, TIPS_MAX = 8, 6, 10


class Phase(NamedTuple):
    kind: PhaseKind
    seconds: int
    round: int = 0
    """1-based round of a hold, switch, rest or drops phase; 0 for prep."""
    side: Side | None = None


class SessionPlan(NamedTuple):
    """Everything the timer needs, and what the person chose on the setup screen."""

    mods: tuple[str, ...]
    position: Literal["floor", "raised", "lying"]
    style: Style
    steps: tuple[StepView, ...]
    limits: Timing
    hold_seconds: int
    prep_seconds: int
    rounds: int
    tips: int
    phases: tuple[Phase, ...]
    pictures: tuple[Picture | None, ...] = ()
    """Each step's pose picture, drawn for the left side (see `core.session.poses`)."""
    clinician_cap: int | None = None
    """The longest hold a clinician allows, when it is lower than the version's own limit."""

    @property
    def active_seconds(self) -> int:
        return sum(p.seconds for p in self.phases)


def build_plan(
    ruleset: RuleSet,
    mods: Iterable[str],
    *,
    hold: int | None = None,
    prep: int | None = None,
    rounds: int | None = None,
    style: Style | None = None,
    tips: int | None = None,
    hold_cap: int | None = None,
) -> SessionPlan:
    """A plan within the limits of the decision's modifications. Raises ValueError outside them."""
    mods = tuple(mods)
    own = timing(ruleset, mods)
    limits = cap_hold(own, hold_cap)  # hold_cap: a clinician's limit, if any
    where = position(ruleset, mods)
    style = style or ("drops" if where == "lying" else "hold")
    if style == "drops" and where != "lying":
        raise ValueError("knee drops are only for the lying-down version")
    hold = _within("hold", limits.hold_default if hold is None else hold, limits.hold_min, limits.hold_max)
    prep = _within("prep", limits.prep_default if prep is None else prep, limits.prep_min, limits.prep_max)
    rounds = _within("rounds", limits.rounds_default if rounds is None else rounds, limits.rounds_min,
                     limits.rounds_max)
    tips = _within("tips", TIPS_DEFAULT if tips is None else tips, TIPS_MIN, TIPS_MAX)
    phases: list[Phase] = [Phase("prep", prep)] if prep else []
    for r in range(1, rounds + 1):
        if style == "drops":
            phases.append(Phase("drops", tips * TIP_SECONDS, r))
        else:
            phases += [
                Phase("hold", hold, r, "left"),
                Phase("switch", limits.switch_seconds, r),
                Phase("hold", hold, r, "right"),
            ]
        if r < rounds and limits.rest_seconds:
            phases.append(Phase("rest", limits.rest_seconds, r))
    phases = [p for p in phases if p.seconds > 0]
    steps = build_steps(ruleset, mods)
    return SessionPlan(mods, where, style, steps, limits, hold, prep, rounds, tips, tuple(phases),
                       step_pictures(ruleset, steps, mods),
                       hold_cap if hold_cap is not None and hold_cap < own.hold_max else None)


def _within(name: str, value: int, low: int, high: int) -> int:
    if not low <= value <= high:
        raise ValueError(f"{name} must be from {low} to {high}, not {value}")
    return value


SIDE_WORDS = {
    "floor": "{SIDE} leg in front",
    "raised": "{SIDE} leg in front",
    "lying": "knees tipped to the {SIDE}",
}


def phase_words(plan: SessionPlan, phase: Phase) -> str:
    """The phase in words, never by colour alone: "Hold · LEFT leg in front · round 1 of 2"."""
    of = f"round {phase.round} of {plan.rounds}"
    if phase.kind == "prep":
        return "Get ready"
    if phase.kind == "hold" and phase.side:
        side = SIDE_WORDS[plan.position].format(SIDE=phase.side.upper())
        return f"Hold · {side} · {of}"
    if phase.kind == "switch":
        return f"Switch sides · {of}"
    if phase.kind == "rest":
        return f"Rest · before round {phase.round + 1} of {plan.rounds}"
    return f"Knee drops · {of}"


def drop_instruction(elapsed_in_phase: float) -> tuple[Side, str]:
    """Which way the knees go now in a knee-drops phase, and what to do."""
    tip = int(elapsed_in_phase // TIP_SECONDS)
    side: Side = "left" if tip % 2 == 0 else "right"
    into = elapsed_in_phase - tip * TIP_SECONDS
    if into < 3:
        return side, f"Slowly tip both knees to the {side.upper()}"
    if into < 6:
        return side, f"Stay there, knees to the {side.upper()}, and breathe"
    return side, "Bring your knees back to the middle"


BREATH_IN, BREATH_OUT = 4.0, 6.0
"""Slow breathing: about 6 breaths a minute."""


def breath(elapsed: float) -> tuple[str, float]:
    """("Breathe in" | "Breathe out", how full the pacing bar is, 0 to 1) at `elapsed` seconds."""
    t = elapsed % (BREATH_IN + BREATH_OUT)
    if t < BREATH_IN:
        return "Breathe in", t / BREATH_IN
    return "Breathe out", 1 - (t - BREATH_IN) / BREATH_OUT


def breath_next_change(elapsed: float, cells: int) -> float:
    """Seconds from `elapsed` until a pacing bar of `cells` cells (filled to the nearest cell,
    as `breath` gives it) or its words next change."""
    t = elapsed % (BREATH_IN + BREATH_OUT)
    start, length = (0.0, BREATH_IN) if t < BREATH_IN else (BREATH_IN, BREATH_OUT)
    step = length / cells
    cell = math.floor((t - start) / step + 0.5)  # the cell boundaries sit half a step in
    return min(start + (cell + 0.5) * step, start + length) - t
