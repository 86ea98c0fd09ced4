"""Which stop cues apply to this person: the list on the result screen and at a pain stop.

One function, so every face shows the same list (a cue about a replaced hip only to those who
have one).
"""

from __future__ import annotations

from collections.abc import Mapping

from triage_tui.core.rules.conditions import Value
from triage_tui.core.rules.ruleset import RuleSet, StopCue


def stop_cues_for(ruleset: RuleSet, values: Mapping[str, Value]) -> tuple[StopCue, ...]:
    """The stop cues shown for these answers (`values` as `resolve` gives them), in file order."""
    return tuple(c for c in ruleset.stop_cues if c.shown_when is None or c.shown_when.holds(values))
