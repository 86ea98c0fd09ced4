"""Where the next session starts: the settings last used for this version of the stretch, and a
longer hold after good sessions or a shorter one after a pain stop (thresholds in the rules).

Pure: it reads the saved sessions and the rules, and says in one line why it proposes a hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from triage_tui.core.rules.ruleset import RuleSet, Timing
from triage_tui.core.session.record import SessionRecord


class Proposal(NamedTuple):
    hold: int
    rounds: int
    why: str | None
    """Why the hold differs from last time, in one line; None when it does not."""


def _good(record: SessionRecord) -> bool:
    return (record.complete and record.pain_before is not None and record.pain_after is not None
            and record.pain_after <= record.pain_before)  # a session with holds skipped does not count


def propose(ruleset: RuleSet, sessions: Sequence[SessionRecord], mods: Sequence[str], limits: Timing) -> Proposal:
    """The hold and rounds to offer for a session of the version `mods`, within `limits`."""
    same = [s for s in sessions if tuple(s.mods) == tuple(mods) and s.style == "hold" and s.started_at is not None]
    same.sort(key=lambda s: s.started_at)  # type: ignore[arg-type, return-value]
    if not same:
        return Proposal(limits.hold_default, limits.rounds_default, None)
    last = same[-1]
    hold = min(max(last.hold_seconds, limits.hold_min), limits.hold_max)
    rounds = min(max(last.rounds, limits.rounds_min), limits.rounds_max)
    progression = ruleset.progression
    if progression is None:
        return Proposal(hold, rounds, None)
    step = progression.step_seconds
    if last.ended == "pain":
        shorter = max(hold - step, limits.hold_min)
        if shorter < hold:
            return Proposal(shorter, rounds, f"Your last session stopped for pain, so the hold is {hold - shorter} s "
                                             f"shorter: {shorter} s.")
        return Proposal(hold, rounds, None)
    recent = same[-progression.good_in_a_row:]
    if (len(recent) == progression.good_in_a_row and all(_good(s) for s in recent)
            and all(s.hold_seconds == last.hold_seconds for s in recent)):
        longer = min(hold + step, limits.hold_max)
        if longer > hold:
            return Proposal(longer, rounds, f"{len(recent)} good sessions in a row at {hold} s, with no more pain "
                                            f"after than before: the hold is {longer - hold} s longer, {longer} s. "
                                            "Make it shorter if you like.")
    return Proposal(hold, rounds, None)
