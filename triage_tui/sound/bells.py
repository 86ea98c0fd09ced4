"""Bell patterns: each kind of cue has a rhythm of its own, heard with the eyes closed.

The terminal bell has one sound, so cues differ by how many bells ring and how far apart:
one bell for each of 3, 2, 1 (and the 10-second warning); three quick bells when a hold ends;
two when the next part starts (the get-ready countdown, a switch or a rest ends); and four
slow bells at the end of the session. Pure patterns plus a small player that rings them
through the callables it is given (a face passes its bell and its timer), so a test can
record every pattern without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from triage_tui.core.session.snapshot import CueEvent

Pattern = tuple[float, ...]
"""Seconds after the cue at which a bell rings (the first is always 0)."""

ONE: Pattern = (0.0,)
GO: Pattern = (0.0, 0.3)
HOLD_END: Pattern = (0.0, 0.25, 0.5)
SESSION_END: Pattern = (0.0, 0.7, 1.4, 2.1)
NONE: Pattern = ()


def pattern(cue: CueEvent, last_index: int) -> Pattern:
    """The bells for one cue; `last_index` is the index of the plan's last phase."""
    if cue.kind == "end":
        if cue.index >= last_index:
            return SESSION_END
        return HOLD_END if cue.phase.kind in ("hold", "drops") else GO
    if cue.kind in ("t3", "t2", "t1", "warn", "gap"):
        return ONE
    return NONE


def patterns(cues: Sequence[CueEvent], last_index: int) -> Pattern:
    """The bells for the cues of one moment: the last cue's pattern (a tick that ends a phase
    brings its end cue alone; the engine never queues two cues of one moment otherwise)."""
    return pattern(cues[-1], last_index) if cues else NONE


class BellPlayer:
    """Rings patterns: `ring()` sounds one bell; `later(delay, ring)` schedules one."""

    def __init__(self, ring: Callable[[], object], later: Callable[[float, Callable[[], object]], object],
                 muted: bool = False) -> None:
        self.ring = ring
        self.later = later
        self.muted = muted
        """`m` in the session: no bell at all (each cue still shows on screen)."""

    def play(self, cues: Sequence[CueEvent], last_index: int) -> Pattern:
        """Ring the pattern for these cues (nothing when muted); returns what was rung."""
        bells = patterns(cues, last_index)
        if self.muted or not bells:
            return NONE
        for delay in bells:
            if delay <= 0:
                self.ring()
            else:
                self.later(delay, self._ring_unless_muted)
        return bells

    def _ring_unless_muted(self) -> None:
        if not self.muted:  # `m` during a pattern silences the rest of it
            self.ring()
