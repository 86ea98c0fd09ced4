"""The running session as lines: one per phase start and per cue, each with the time elapsed.

`[00:00] Get ready (10 s). ...`, `[00:10] Hold · LEFT leg in front · round 1 of 1. Hold 60 s. ...`,
`[01:00] 10 seconds left.`, `[01:10] Time. Well done.` Words come from `core.session.words`,
the same as the full-screen timer's.
"""

from __future__ import annotations

from collections.abc import Sequence

from triage_tui.core.journey.steps import Running
from triage_tui.core.session.phase_pose import snapshot_picture
from triage_tui.core.session.snapshot import CueEvent, Snapshot
from triage_tui.core.session.words import cue_words, elapsed_text, phase_start


class Timeline:
    """Remembers what was said, so each phase start and each state change is said once."""

    def __init__(self) -> None:
        self.index: int | None = None
        self.state: str | None = None
        self.notice: str | None = None
        self.last: Snapshot | None = None

    def closing(self, cues: Sequence[CueEvent]) -> list[str]:
        """The cues of the call that ended the session (the step is no longer `Running`)."""
        snap = self.last
        if snap is None:
            return []
        return self._cues(snap, snap.active + snap.remaining, cues)

    def _cues(self, snap: Snapshot, active: float, cues: Sequence[CueEvent]) -> list[str]:
        stamp = f"[{elapsed_text(active)}]"
        last = len(snap.plan.phases) - 1
        return [f"{stamp} {cue_words(cue.kind, cue.phase, cue.index >= last)}"
                for cue in cues if cue.kind != "gap"]  # a gap: the journey asks about it next

    def lines(self, step: Running, cues: Sequence[CueEvent]) -> list[str]:
        snap = step.snapshot
        self.last = snap
        stamp = f"[{elapsed_text(snap.active)}]"
        out = self._cues(snap, snap.active, cues)
        if snap.phase is not None and snap.index != self.index and snap.state in ("running", "paused"):
            self.index = snap.index
            out.append(f"{stamp} {phase_start(snap.plan, snap.phase)}")
            drawn = snapshot_picture(snap)  # the pose in words: plain mode never draws the art
            out += [f"{stamp} Picture: {drawn.says}"] if drawn is not None else []
        if snap.state != self.state:
            if snap.state == "paused" and self.state == "running":
                out.append(f"{stamp} Paused. Press Enter to go on.")
            elif snap.state == "running" and self.state == "paused":
                out.append(f"{stamp} Going on.")
            self.state = snap.state
        if step.notice and step.notice != self.notice:
            out.append(f"{stamp} {step.notice}")
        self.notice = step.notice
        return out
