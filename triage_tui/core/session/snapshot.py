"""What the session engine hands out: a snapshot of one moment, and the cues from its queue.

Plain values, so a face can draw a session without reading the engine (`core.session.engine`).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from triage_tui.core.session.plan import Phase, SessionPlan

State = Literal["ready", "running", "paused", "done", "stopped"]
Cue = Literal["warn", "t3", "t2", "t1", "end", "gap"]


class CueEvent(NamedTuple):
    """One cue from the queue."""

    kind: Cue
    phase: Phase
    """The phase the cue is about: for "end", the phase that just ended."""
    index: int
    """That phase's index in the plan."""
    at: float
    """Engine clock time when the cue was made."""


class Snapshot(NamedTuple):
    """Everything the screen draws, at one moment."""

    state: State
    pause_reason: Literal["user", "gap"] | None
    index: int
    phase: Phase | None
    next_phase: Phase | None
    remaining: float
    """Seconds left in this phase (frozen while paused)."""
    display: int
    """Whole seconds to show: `ceil(remaining)`; it steps down by one, never repeats."""
    elapsed_in_phase: float
    active: float
    """Seconds of the session done, pauses excluded."""
    progress: float
    """0 to 1 over the whole session."""
    cues: tuple[Cue, ...]
    """What this call made (all of them also go to the queue: see `SessionEngine.drain`)."""
    plan: SessionPlan
    """The plan as it stands (holds change with +/-)."""
    warn_at: int | None
    """Seconds before the end of a hold for the early warning; None when off."""
    next_second_in: float | None
    """Seconds from this snapshot until the countdown shows its next whole second; None
    unless running. A face sleeps until then instead of polling."""
