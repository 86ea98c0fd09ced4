"""The rule set as the app uses it: plain, immutable values built by `core.compile`.

These types need no pydantic, so the app can start from a cached, already checked copy of the
rule files without importing it (see `core.loader`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from triage_tui.core.conditions import Condition

RULE_FILES: tuple[str, ...] = (
    "ruleset.toml",
    "questions.toml",
    "decisions.toml",
    "surgery.toml",
    "exercise.toml",
    "stop_cues.toml",
)
"""Every file of a rule set, in the order they are read and hashed."""

MOD_POSITIONS = ("floor", "raised", "lying")


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a thing was defined, for error messages."""

    file: str
    key: str


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    label: str
    exclusive: bool = False
    number: int | None = None


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    intro: str = ""


@dataclass(frozen=True, slots=True)
class Question:
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

    def choice(self, choice_id: str) -> Choice | None:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        return None

    @property
    def choice_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.choices)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    when: Condition
    outcome: Literal["urgent", "refer", "modify", "advisory"]
    message: str
    origin: Origin
    item: str = ""
    refer_urgency: Literal["same_day", "soon", "routine"] | None = None
    mods: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Adjustment:
    id: str
    if_mods: tuple[str, ...]
    remove: tuple[str, ...]
    add: tuple[str, ...]
    message: str
    origin: Origin
    item: str = ""
    when: Condition | None = None


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class Change:
    step: str
    action: Literal["replace", "remove", "note", "insert_after"]
    text: str = ""
    title: str = ""
    new_step: str | None = None


@dataclass(frozen=True, slots=True)
class Timing:
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


@dataclass(frozen=True, slots=True)
class Modification:
    id: str
    title: str
    summary: str
    why: str
    origin: Origin
    position: Literal["floor", "raised", "lying"] | None = None
    changes: tuple[Change, ...] = ()
    timing: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StopCue:
    id: str
    label: str
    action: Literal["urgent", "stop", "end_hold", "pause"]
    message: str
    origin: Origin
    next_time_mods: tuple[str, ...] = ()
    shown_when: Condition | None = None


@dataclass(frozen=True, slots=True)
class Surgery:
    id: str
    label: str
    always_refer: bool
    refer_below_weeks: int | None
    no_effect_from_weeks: int | None
    clearance: str
    mods_if_cleared: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RuleSet:
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
    exercise_intro: str
    steps: tuple[Step, ...]
    timing: Timing
    modifications: tuple[Modification, ...]
    """In canonical order."""
    stop_cues: tuple[StopCue, ...]
    surgeries: tuple[Surgery, ...]
    surgery_question: str
    question_by_id: Mapping[str, Question] = field(default_factory=dict)
    modification_by_id: Mapping[str, Modification] = field(default_factory=dict)
    section_by_id: Mapping[str, Section] = field(default_factory=dict)

    @property
    def short_hash(self) -> str:
        return self.hash[:12]
