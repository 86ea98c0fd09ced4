"""Which pose picture a session shows now: the phase's step, for the side being stretched.

Getting ready shows the first step (setting up); a hold shows the last step (the pose held);
a switch shows setting up again for the side that comes next; knee drops show the step after
setting up, for the side the knees are tipping to; a rest shows none.
"""

from __future__ import annotations

from triage_tui.core.session.plan import Phase, SessionPlan, drop_instruction
from triage_tui.core.session.poses import Picture, Side, for_side
from triage_tui.core.session.snapshot import Snapshot


def phase_picture(plan: SessionPlan, phase: Phase | None, *, next_phase: Phase | None = None,
                  elapsed_in_phase: float = 0.0) -> Picture | None:
    """The picture for `phase` (None for a rest, or when the plan has no pictures)."""
    pictures = plan.pictures
    if phase is None or not pictures or phase.kind == "rest":
        return None
    side: Side = phase.side or "left"
    if phase.kind == "hold":
        index = len(pictures) - 1
    elif phase.kind == "drops":
        index = min(1, len(pictures) - 1)
        side = drop_instruction(elapsed_in_phase)[0]
    else:  # prep or switch: set up for the side that comes next
        index = 0
        if phase.kind == "switch":
            side = next_phase.side if next_phase is not None and next_phase.side else "right"
    drawn = pictures[index]
    return None if drawn is None else for_side(drawn, side)


def snapshot_picture(snap: Snapshot) -> Picture | None:
    """The picture for the moment a snapshot shows."""
    return phase_picture(snap.plan, snap.phase, next_phase=snap.next_phase,
                         elapsed_in_phase=snap.elapsed_in_phase)
