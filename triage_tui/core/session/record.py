"""What a session did: planned against done for each hold, and how it ended."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, NamedTuple

Ended = Literal["finished", "quit", "pain", "interrupted", "unfinished"]
ENDED_WORDS = {
    "finished": "Finished",
    "quit": "Stopped early (you quit)",
    "pain": "Stopped early (pain or a warning sign)",
    "interrupted": "Stopped early (the app was closed or interrupted)",
    "unfinished": "Not finished",
}
CUT_SHORT = "Session over, but some holds were skipped or cut short"
"""The end of a session that ran to its end with holds skipped (`SessionRecord.complete` false)."""
ENDED_SHORT = {
    "finished": "Finished",
    "quit": "Quit early",
    "pain": "Pain stop",
    "interrupted": "Interrupted",
    "unfinished": "Not finished",
}
"""For tables, where the long words would wrap."""


class HoldRecord(NamedTuple):
    round: int
    side: Literal["left", "right"] | None
    """None for knee drops, which go to both sides in turn."""
    kind: Literal["hold", "drops"]
    planned: int
    """Seconds planned (after any +/- adjustment)."""
    done: float
    """Seconds actually held (pauses excluded)."""


class SessionRecord(NamedTuple):
    started_at: datetime | None
    """UTC."""
    ended_at: datetime | None
    position: str
    style: str
    mods: tuple[str, ...]
    hold_seconds: int
    rounds: int
    holds: tuple[HoldRecord, ...]
    ended: Ended
    stop_cue: str | None = None
    """The stop cue id the person reported, for a pain stop."""
    pain_before: int | None = None
    pain_after: int | None = None

    @property
    def partial(self) -> bool:
        """Ended early, for whatever reason."""
        return self.ended != "finished"

    @property
    def complete(self) -> bool:
        """Finished with every hold held for its planned time: nothing skipped or cut short.
        Only such sessions count towards a longer hold (`progression`)."""
        return self.ended == "finished" and all(h.done >= h.planned for h in self.holds)

    @property
    def held_seconds(self) -> float:
        return sum(h.done for h in self.holds)

    @property
    def planned_seconds(self) -> int:
        return sum(h.planned for h in self.holds)
