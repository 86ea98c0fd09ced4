"""The rule set as the app uses it: plain, immutable values built by `core.compile`.

These types need no pydantic, so the app can start from a cached, already checked copy of the
rule files without importing it (see `core.loader`). They are NamedTuples rather than frozen
dataclasses because defining a dataclass costs about 1 ms at import, and start-up is measured.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, NamedTuple

from triage_tui.core.rules.conditions import Condition

RULE_FILES: tuple[str, ...] = (
    "ruleset.toml",
    "questions.toml",
    "decisions.toml",
    "surgery.toml",
    "exercise.toml",
    "stop_cues.toml",
    "escalation.toml",
)
"""Every file of a rule set, in the order they are read and hashed."""



class Origin(NamedTuple):
    """Where a thing was defined, for error messages."""

    file: str
    key: str


class Choice(NamedTuple):
    id: str
    label: str
    exclusive: bool = False
    number: int | None = None


class Section(NamedTuple):
    id: str
    title: str
    intro: str = ""


class Question(NamedTuple):
    id: str
    section: str
    text: str
    short: str
    help: str
    type: Literal["choice", "multi", "number"]
    choices: tuple[Choice, ...]
    origin: Origin
    item: str = ""
    min: int | None = None
    max: int | None = None
    unit: str = ""
    ask_when: Condition | None = None
    optional: bool = False
    recheck: bool = False
    none_choice: str = ""
    """For the daily check's list of urgent items: the answer "this does not apply" gives."""

    def choice(self, choice_id: str) -> Choice | None:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        return None

    @property
    def choice_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.choices)


class Rule(NamedTuple):
    id: str
    when: Condition
    outcome: Literal["urgent", "refer", "modify", "advisory"]
    message: str
    origin: Origin
    item: str = ""
    refer_urgency: Literal["same_day", "soon", "routine"] | None = None
    mods: tuple[str, ...] = ()
    call_first: bool = False
    source: str = ""
    """Guideline or paper and section it comes from (empty only where `rules check` complains)."""
    why: str = ""
    """One plain line: why it exists."""


class Adjustment(NamedTuple):
    id: str
    if_mods: tuple[str, ...]
    remove: tuple[str, ...]
    add: tuple[str, ...]
    message: str
    origin: Origin
    item: str = ""
    when: Condition | None = None
    instead: Mapping[str, str] = {}
    """Rule id -> what that rule's reason says when this adjustment took away its changes."""
    source: str = ""
    """Guideline or paper and section it comes from (empty only where `rules check` complains)."""
    why: str = ""
    """One plain line: why it exists."""


class Step(NamedTuple):
    id: str
    title: str
    text: str


class Change(NamedTuple):
    step: str
    action: Literal["replace", "remove", "note", "insert_after"]
    text: str = ""
    title: str = ""
    new_step: str | None = None


class Timing(NamedTuple):
    hold_min: int
    hold_max: int
    hold_default: int
    rounds_min: int
    rounds_max: int
    rounds_default: int
    prep_min: int
    prep_max: int
    prep_default: int
    switch_seconds: int
    rest_seconds: int


class Modification(NamedTuple):
    id: str
    title: str
    summary: str
    why: str
    origin: Origin
    timing: Mapping[str, int]
    """Timing limits this modification overrides (empty for most)."""
    position: Literal["floor", "raised", "lying"] | None = None
    changes: tuple[Change, ...] = ()
    source: str = ""
    """Guideline or paper and section it comes from (`why` above says who it is for)."""


class Pose(NamedTuple):
    """A picture of one step (drawn for the LEFT side), or a modification's "same picture"."""

    step: str
    mods: tuple[str, ...]
    """() for the standard stretch."""
    lines: tuple[str, ...]
    """The text art, trailing spaces dropped; empty when `unchanged`."""
    says: str
    origin: Origin
    unchanged: bool = False


class StopCue(NamedTuple):
    id: str
    label: str
    action: Literal["urgent", "stop", "end_hold", "pause"]
    message: str
    origin: Origin
    next_time_mods: tuple[str, ...] = ()
    shown_when: Condition | None = None
    source: str = ""
    """Guideline or paper and section it comes from (empty only where `rules check` complains)."""
    why: str = ""
    """One plain line: why it exists."""


class Surgery(NamedTuple):
    id: str
    label: str
    always_refer: bool
    refer_below_weeks: int | None
    no_effect_from_weeks: int | None
    clearance: str
    mods_if_cleared: tuple[str, ...]
    source: str = ""
    """Guideline or paper and section it comes from (empty only where `rules check` complains)."""
    why: str = ""
    """One plain line: why it exists."""


class Escalation(NamedTuple):
    id: str
    metric: str
    action: Literal["gentler", "refer", "assessment"]
    message: str
    origin: Origin
    count: int = 1
    points: int | None = None
    of_last: int | None = None
    weeks: int | None = None
    days: int | None = None
    min_improvement: int = 1
    refer_urgency: Literal["same_day", "soon", "routine"] | None = None
    mods: tuple[str, ...] = ()


class Progression(NamedTuple):
    good_in_a_row: int
    step_seconds: int


CLEARANCE_DAYS = 180
"""How long a clinician's clearance counts when the rules do not say (decisions.toml [clearance])."""


class RuleSet(NamedTuple):
    """A complete, checked rule set."""

    name: str
    version: str
    hash: str
    """sha256 of the rule files' bytes (see `core.loader.content_hash`)."""
    description: str
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    """In asking order, generated surgery follow-ups included."""
    rules: tuple[Rule, ...]
    adjustments: tuple[Adjustment, ...]
    messages: Mapping[str, str]
    exercise_title: str
    steps: tuple[Step, ...]
    timing: Timing
    modifications: tuple[Modification, ...]
    """In canonical order."""
    stop_cues: tuple[StopCue, ...]
    surgeries: tuple[Surgery, ...]
    surgery_question: str
    escalations: tuple[Escalation, ...]
    question_by_id: Mapping[str, Question]
    modification_by_id: Mapping[str, Modification]
    section_by_id: Mapping[str, Section]
    exercise_intro: str = ""
    tier_words: Mapping[str, tuple[str, ...]] = {}
    """Urgency tier -> words a text of that tier must not use (see `core.rules.texts`)."""
    progression: Progression | None = None
    """How the hold grows after good sessions and steps back after a pain stop."""
    clearance_days: int = CLEARANCE_DAYS
    """Days a clinician's clearance lasts after the visit (`decisions.toml` `[clearance]`)."""
    poses: tuple[Pose, ...] = ()
    """Pictures of the steps, in file order (see `core.session.poses`)."""

    @property
    def short_hash(self) -> str:
        return self.hash[:12]
