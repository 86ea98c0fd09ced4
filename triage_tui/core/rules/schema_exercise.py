"""Models of the session files: `exercise.toml`, `stop_cues.toml` and `escalation.toml`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from triage_tui.core.rules.schema_base import Id, Strict, Text, Urgency
from triage_tui.core.rules.schema_conditions import Condition
from triage_tui.core.rules.schema_poses import PoseSpec

# --- exercise.toml -------------------------------------------------------------------------------


class StepSpec(Strict):
    """One step of the standard 90/90 stretch."""

    id: Id
    title: Text
    text: Text


class ChangeSpec(Strict):
    """How a modification changes one step. A change to a step that is not there is skipped."""

    step: Id
    action: Literal["replace", "remove", "note", "insert_after"]
    """`replace` the text (and title), `remove` the step, add a `note` to it, or `insert_after`
    it a new step (`new_step`, `title`, `text`)."""
    text: str = ""
    title: str = ""
    new_step: Id | None = None

    @model_validator(mode="after")
    def _fields_fit_action(self) -> ChangeSpec:
        if self.action == "remove":
            if self.text or self.title or self.new_step:
                raise ValueError("remove takes no text, title or new_step")
        elif not self.text:
            raise ValueError(f"{self.action} needs text")
        if (self.action == "insert_after") != (self.new_step is not None):
            raise ValueError("new_step is required for insert_after and only for it")
        if self.action == "insert_after" and not self.title:
            raise ValueError("insert_after needs a title for the new step")
        return self


class TimingLimits(Strict):
    """Session timing in seconds. The person may change hold, prep and rounds within limits."""

    hold_min: int = Field(ge=5)
    hold_max: int = Field(ge=5)
    hold_default: int = Field(ge=5)
    rounds_min: int = Field(ge=1)
    rounds_max: int = Field(ge=1)
    rounds_default: int = Field(ge=1)
    prep_min: int = Field(ge=0)
    prep_max: int = Field(ge=0)
    prep_default: int = Field(ge=0)
    switch_seconds: int = Field(ge=0)
    """Extra time to change sides; never taken from a hold."""
    rest_seconds: int = Field(ge=0)
    """Rest between rounds."""

    @model_validator(mode="after")
    def _ordered(self) -> TimingLimits:
        for name in ("hold", "rounds", "prep"):
            low, high, default = (getattr(self, f"{name}_{k}") for k in ("min", "max", "default"))
            if not low <= default <= high:
                raise ValueError(f"{name}: need {name}_min <= {name}_default <= {name}_max")
        return self


class ProgressionSpec(Strict):
    """How the hold grows over the weeks (the brief: start at 30-60 s, build up towards 2 minutes)."""

    good_in_a_row: int = Field(ge=1, le=20)
    """Sessions of a version of the stretch, in a row at the same hold, finished without a pain
    stop and with pain after no higher than before, before a longer hold is offered."""
    step_seconds: int = Field(ge=5, le=60)
    """How much longer (after good sessions) or shorter (after a pain stop) the next hold is."""


class TimingOverride(Strict):
    """A modification's timing changes; only the keys given replace the standard limits."""

    hold_min: int | None = Field(default=None, ge=5)
    hold_max: int | None = Field(default=None, ge=5)
    hold_default: int | None = Field(default=None, ge=5)
    rounds_min: int | None = Field(default=None, ge=1)
    rounds_max: int | None = Field(default=None, ge=1)
    rounds_default: int | None = Field(default=None, ge=1)


class ModificationSpec(Strict):
    """A change to the standard stretch. File order is the canonical order of modifications."""

    id: Id
    title: Text
    """Short name ("Shorter holds")."""
    summary: Text
    """What changes, in plain words."""
    why: Text
    """Who it is for, in plain words."""
    source: Text | None = None
    """Where it comes from: the guideline or paper and its section, as the clinical brief cites
    it. `rules check` requires it."""
    position: Literal["floor", "raised", "lying"] | None = None
    """Sets the starting position of the whole stretch (at most one modification may do so)."""
    changes: list[ChangeSpec] = []
    timing: TimingOverride | None = None


class ExerciseInfo(Strict):
    """The stretch itself."""

    title: Text
    intro: Text


class ExerciseFile(Strict):
    """`exercise.toml`: the standard steps, the session timing and the modification catalogue."""

    exercise: ExerciseInfo
    step: list[StepSpec] = Field(min_length=1)
    timing: TimingLimits
    progression: ProgressionSpec | None = None
    """Omit to keep the hold where the person leaves it."""
    modification: list[ModificationSpec] = Field(min_length=1)
    pose: list[PoseSpec] = []
    """Pictures of the steps (see `core.rules.schema_poses`)."""


# --- stop_cues.toml ------------------------------------------------------------------------------


class StopCueSpec(Strict):
    """Something a person may feel during the stretch, and what the app does about it."""

    id: Id
    label: Text
    """What the person picks ("Sharp or shooting pain")."""
    action: Literal["urgent", "stop", "end_hold", "pause"]
    """`urgent`: stop and show the urgent screen. `stop`: end the session with advice.
    `end_hold`: end this hold and offer the gentler version. `pause`: pause and advise."""
    message: Text
    """What to do now, in plain words."""
    source: Text | None = None
    """Where it comes from: the guideline or paper and its section, as the clinical brief cites
    it (e.g. "NICE NG59 [S3]; brief 1.3"). `rules check` requires it."""
    why: Text | None = None
    """One line in plain words: why this stop cue exists. `rules check` requires it."""
    next_time_mods: list[Id] = []
    """Modifications to use next time (a gentler version)."""
    shown_when: Condition | None = None
    """Offer this cue only when the screening answers match (e.g. a replaced hip)."""


class StopCuesFile(Strict):
    """`stop_cues.toml`: when to stop, listed on the result screen and in the pain-stop menu."""

    cue: list[StopCueSpec] = Field(min_length=1)


# --- escalation.toml ------------------------------------------------------------------------------

_METRIC_NEEDS = {
    "pain_rise": ("points", "of_last"),
    "pain_stops_in_a_row": (),
    "not_improving": ("weeks",),
    "pain_stops_within": ("days",),
}


class EscalationSpec(Strict):
    """A rule over the session history: when pain keeps coming back, say so and act."""

    id: Id
    metric: Literal["pain_rise", "pain_stops_in_a_row", "not_improving", "pain_stops_within"]
    """`pain_rise`: sessions where pain after minus pain before is at least `points`, counted
    over the last `of_last` rated sessions. `pain_stops_in_a_row`: the last `count` sessions all
    ended with a pain stop. `not_improving`: `weeks` or more of sessions, and pain before in the
    last 7 days is not at least `min_improvement` lower than in the first 7 days.
    `pain_stops_within`: `count` or more pain stops in the last `days` days."""
    count: int = Field(default=1, ge=1, le=1000)
    points: int | None = Field(default=None, ge=1, le=10)
    of_last: int | None = Field(default=None, ge=1, le=1000)
    weeks: int | None = Field(default=None, ge=1, le=520)
    """At most 520 (ten years); `days` at most 3,650: longer spans are not a clinical window, and
    an unbounded number would overflow date arithmetic and stop every start."""
    days: int | None = Field(default=None, ge=1, le=3650)
    min_improvement: int = Field(default=1, ge=0, le=10)
    action: Literal["gentler", "refer", "assessment"]
    """`gentler`: add `mods` to the next sessions. `refer`: no session until the person has seen
    a clinician. `assessment`: show the "get a proper assessment" card."""
    refer_urgency: Urgency | None = None
    mods: list[Id] = []
    message: Text

    @model_validator(mode="after")
    def _fits_metric_and_action(self) -> EscalationSpec:
        for name in _METRIC_NEEDS[self.metric]:
            if getattr(self, name) is None:
                raise ValueError(f"metric '{self.metric}' needs {name}")
        if self.metric == "pain_rise" and self.of_last is not None and self.count > self.of_last:
            raise ValueError("count cannot be more than of_last")
        if (self.action == "refer") != (self.refer_urgency is not None):
            raise ValueError("refer_urgency is required for action 'refer' and only for it")
        if (self.action == "gentler") != bool(self.mods):
            raise ValueError("mods are required for action 'gentler' and only for it")
        return self


class EscalationFile(Strict):
    """`escalation.toml`: what the history of sessions can trigger (brief section 5)."""

    escalation: list[EscalationSpec] = []

