"""Session settings given ahead of time (`--hold`, `--prep`, `--rounds`), checked and fitted.

A flag is checked once against every limit the rules allow for any version of the stretch
(out of that range: a clear error before anything starts). When the person's own plan allows
less, the value is brought within the plan's limits and the setup says so: the rules' limits
for a modification are never overruled by a flag.
"""

from __future__ import annotations

from typing import NamedTuple

from triage_tui.core.rules.ruleset import RuleSet, Timing
from triage_tui.core.session.exercise import timing

NAMES = {"hold": "seconds", "prep": "seconds", "rounds": ""}
FLAG_WORDS = {"hold": "hold each side", "prep": "get-ready countdown", "rounds": "rounds per side"}


class Settings(NamedTuple):
    """Chosen before the setup (each None when not given)."""

    hold: int | None = None
    prep: int | None = None
    rounds: int | None = None

    @property
    def given(self) -> bool:
        return any(v is not None for v in self)


def _bounds(limits: Timing, name: str) -> tuple[int, int]:
    return getattr(limits, f"{name}_min"), getattr(limits, f"{name}_max")


def allowed_ranges(ruleset: RuleSet) -> dict[str, tuple[int, int]]:
    """For each setting, the widest range any version of the stretch allows."""
    every = [timing(ruleset, ())] + [timing(ruleset, (m.id,)) for m in ruleset.modifications]
    ranges = {}
    for name in NAMES:
        lows, highs = zip(*(_bounds(limits, name) for limits in every), strict=True)
        ranges[name] = (min(lows), max(highs))
    return ranges


def check_settings(ruleset: RuleSet, settings: Settings) -> list[str]:
    """One line per setting outside every range the rules allow (empty when all are fine)."""
    problems = []
    ranges = allowed_ranges(ruleset)
    for name, value in settings._asdict().items():
        if value is None:
            continue
        low, high = ranges[name]
        if not low <= value <= high:
            unit = f" {NAMES[name]}" if NAMES[name] else ""
            problems.append(f"--{name} {value}: the {FLAG_WORDS[name]} must be from {low} to {high}{unit}.")
    return problems


def fit(settings: Settings, limits: Timing) -> tuple[dict[str, int], tuple[str, ...]]:
    """The settings brought within this plan's limits, and a line for each one that had to change."""
    values: dict[str, int] = {}
    notes: list[str] = []
    for name, value in settings._asdict().items():
        if value is None:
            continue
        low, high = _bounds(limits, name)
        kept = min(max(value, low), high)
        values[name] = kept
        if kept != value:
            unit = " s" if NAMES[name] else ""
            notes.append(f"You asked for {value}{unit} ({FLAG_WORDS[name]}); this version of the stretch "
                         f"allows {low} to {high}{unit}, so it is {kept}{unit}.")
    return values, tuple(notes)


def cap_hold(limits: Timing, cap: int | None) -> Timing:
    """The limits with the longest hold brought down to `cap` (a clinician's limit): it caps the
    hold like a modification's limit would, and never raises it."""
    if cap is None or cap >= limits.hold_max:
        return limits
    return limits._replace(hold_max=cap, hold_min=min(limits.hold_min, cap),
                           hold_default=min(limits.hold_default, cap))
