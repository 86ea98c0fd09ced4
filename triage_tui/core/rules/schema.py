"""The rule-file format: strict pydantic models, one per TOML file in a rule set.

These models are the reference for anyone editing `rules/`; every field's docstring says what it
means. Unknown keys are errors (`extra="forbid"`), never silently ignored. `triage-tui rules
schema` prints these models as JSON Schema so an editor can check rule files as you type.

Conditions are structured tables, never code:

    when = { item = "saddle_numbness", in = ["yes", "unsure"] }
    when = { all = [ {...}, { any = [ {...}, {...} ] } ] }
    when = { not = { item = "maternity_ok", in = ["yes"] } }

An item test is true only when the item is answered (and its question is enabled) and every
comparison in the table holds. Comparisons: `in` (the answer, or any of a multi answer, is one
of these choices), `not_in` (answered, and none of these choices is chosen), `contains` (a multi
answer includes all of these), `gte` / `gt` / `lt` / `lte` (number answers; a choice such as
`dont_know` counts as the number its choice declares), `answered` (true / false).
"""

from __future__ import annotations

import string
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
"""A stable snake_case id."""
Text = Annotated[str, StringConstraints(min_length=1)]
"""Plain text shown to people; must not be empty."""
Urgency = Literal["same_day", "soon", "routine"]


class Strict(BaseModel):
    """Base for every rule-file table: unknown keys are errors; values are immutable."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, populate_by_name=True
    )


# --- conditions ----------------------------------------------------------------------------------


class ItemTest(Strict):
    """Compare one question's answer. All comparisons given must hold."""

    item: Id
    """The question id whose answer is tested."""
    in_: list[Id] | None = Field(default=None, alias="in", min_length=1)
    """True if the answer (or, for a multi-choice answer, any chosen choice) is one of these."""
    not_in: list[Id] | None = Field(default=None, min_length=1)
    """True if the question is answered and none of these choices is chosen."""
    contains: list[Id] | None = Field(default=None, min_length=1)
    """True if a multi-choice answer includes every one of these choices."""
    gte: int | None = None
    """Number answer is at least this."""
    gt: int | None = None
    """Number answer is more than this."""
    lt: int | None = None
    """Number answer is less than this."""
    lte: int | None = None
    """Number answer is at most this."""
    answered: bool | None = None
    """True: the question is enabled and answered. False: it is not."""

    @model_validator(mode="after")
    def _needs_a_comparison(self) -> ItemTest:
        ops = ("in_", "not_in", "contains", "gte", "gt", "lt", "lte", "answered")
        if all(getattr(self, op) is None for op in ops):
            raise ValueError(
                "an item test needs a comparison: in, not_in, contains, gte, gt, lt, lte or answered"
            )
        return self


class AllOf(Strict):
    """True if every condition in the list is true."""

    all: list[Condition] = Field(min_length=1)


class AnyOf(Strict):
    """True if at least one condition in the list is true."""

    any: list[Condition] = Field(min_length=1)


class NotOf(Strict):
    """True if the inner condition is false."""

    not_: Condition = Field(alias="not")


def _condition_kind(value: Any) -> str | None:
    """Pick the condition table type from its keys, so errors speak of the right table."""
    if isinstance(value, BaseModel):
        return {ItemTest: "item", AllOf: "all", AnyOf: "any", NotOf: "not"}.get(type(value))
    if not isinstance(value, dict):
        return None
    kinds = [k for k in ("all", "any", "not", "item") if k in value]
    return kinds[0] if len(kinds) == 1 else None


Condition = Annotated[
    Union[
        Annotated[ItemTest, Tag("item")],
        Annotated[AllOf, Tag("all")],
        Annotated[AnyOf, Tag("any")],
        Annotated[NotOf, Tag("not")],
    ],
    Discriminator(
        _condition_kind,
        custom_error_type="condition",
        custom_error_message="a condition is a table with exactly one of: item, all, any, not",
    ),
]
AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()


# --- ruleset.toml --------------------------------------------------------------------------------


class RulesetInfo(Strict):
    """Name and version of the rule set; every decision and saved record quotes them."""

    name: Text
    """Short name shown with every decision."""
    version: Text
    """Version of the rule content (bump it whenever a rule changes)."""
    description: str = ""
    """What this rule set is and who reviewed it."""


class RulesetFile(Strict):
    """`ruleset.toml`: what this rule set is."""

    ruleset: RulesetInfo


# --- questions.toml ------------------------------------------------------------------------------


class ChoiceSpec(Strict):
    """One answer a person can pick."""

    id: Id
    """Stable id used in rules and answers files."""
    label: Text
    """What the person reads on the button."""
    exclusive: bool = False
    """Multi-choice only: this choice cannot be combined with others (e.g. `none`)."""
    number: int | None = None
    """Number questions only: the number this choice stands for in comparisons (e.g. 0)."""


class ChoiceSetSpec(Strict):
    """A named list of choices shared by several questions (e.g. yes / no / not sure)."""

    id: Id
    choices: list[ChoiceSpec] = Field(min_length=2)


class SectionSpec(Strict):
    """A group of questions shown together under one heading."""

    id: Id
    title: Text
    """Heading shown above each question of the section."""
    intro: str = ""
    """One or two sentences shown when the section starts."""


class QuestionSpec(Strict):
    """One question, asked on its own screen."""

    id: Id
    """Stable id; answers files and rules use it."""
    item: str = ""
    """The row of the clinical decision table this question implements (for reviewers)."""
    section: Id
    """The section it belongs to."""
    text: Text
    """The question, in plain words."""
    short: Text
    """A few words naming the question in summaries ("Saddle numbness")."""
    help: str = ""
    """Why we ask, or how to answer; shown under the question."""
    type: Literal["choice", "multi", "number"]
    """`choice`: pick one. `multi`: pick one or more. `number`: a whole number."""
    choices: list[ChoiceSpec] | None = None
    """The choices (for `number`, optional extra answers such as `dont_know`)."""
    choice_set: Id | None = None
    """Use a shared choice set instead of listing `choices`."""
    min: int | None = None
    """Number questions: smallest allowed answer."""
    max: int | None = None
    """Number questions: largest allowed answer."""
    unit: str = ""
    """Number questions: the unit shown after the box (e.g. `weeks`)."""
    ask_when: Condition | None = None
    """Ask only when this holds (it may refer only to questions asked earlier)."""
    optional: bool = False
    """May be left unanswered; the decision does not wait for it."""
    recheck: bool = False
    """Asked again in the short daily check before each session (urgent items, pain today)."""

    @model_validator(mode="after")
    def _shape_fits_type(self) -> QuestionSpec:
        if self.choices is not None and self.choice_set is not None:
            raise ValueError("give either choices or choice_set, not both")
        if self.type == "number":
            if self.min is None or self.max is None:
                raise ValueError("a number question needs min and max")
            if self.min > self.max:
                raise ValueError(f"min ({self.min}) is larger than max ({self.max})")
            if self.choice_set is not None:
                raise ValueError("a number question lists its extra answers under choices")
        else:
            if self.min is not None or self.max is not None or self.unit:
                raise ValueError(f"min, max and unit are only for number questions, not {self.type}")
            if self.choices is None and self.choice_set is None:
                raise ValueError(f"a {self.type} question needs choices or choice_set")
            if self.choices is not None and len(self.choices) < 2:
                raise ValueError("a question needs at least two choices")
        for choice in self.choices or ():
            if choice.number is not None and self.type != "number":
                raise ValueError(f"choice '{choice.id}': number is only for number questions")
            if choice.exclusive and self.type != "multi":
                raise ValueError(f"choice '{choice.id}': exclusive is only for multi questions")
        return self


class QuestionsFile(Strict):
    """`questions.toml`: sections, shared choice sets and questions, in the order they are asked."""

    choice_set: list[ChoiceSetSpec] = []
    section: list[SectionSpec] = Field(min_length=1)
    question: list[QuestionSpec] = Field(min_length=1)


# --- decisions.toml ------------------------------------------------------------------------------


class RuleSpec(Strict):
    """A decision rule: when its condition holds, it pushes the decision towards its outcome."""

    id: Id
    item: str = ""
    """The decision-table row (e.g. "7", "C1", "E2") this rule implements."""
    when: Condition
    outcome: Literal["urgent", "refer", "modify", "advisory"]
    """`urgent`: seek emergency care now. `refer`: see someone first. `modify`: use a gentler
    version (`mods`). `advisory`: a note that does not change the outcome."""
    refer_urgency: Urgency | None = None
    """Required for `refer`: `same_day`, `soon` (within days) or `routine`."""
    mods: list[Id] = []
    """Required for `modify`: modification ids from `exercise.toml`."""
    message: Text
    """Why this matters, in plain words; shown as the reason."""

    @model_validator(mode="after")
    def _fields_fit_outcome(self) -> RuleSpec:
        if (self.outcome == "refer") != (self.refer_urgency is not None):
            raise ValueError("refer_urgency is required for outcome 'refer' and only for it")
        if (self.outcome == "modify") != bool(self.mods):
            raise ValueError("mods are required for outcome 'modify' and only for it")
        return self


class AdjustmentSpec(Strict):
    """Applied in file order after the matched modifications are merged."""

    id: Id
    item: str = ""
    when: Condition | None = None
    """Extra condition on the answers (omit to depend only on the modifications)."""
    if_mods: list[Id] = Field(min_length=1)
    """Applies only if all of these modifications are in the set."""
    remove: list[Id] = []
    add: list[Id] = []
    message: Text

    @model_validator(mode="after")
    def _changes_something(self) -> AdjustmentSpec:
        if not self.remove and not self.add:
            raise ValueError("an adjustment needs remove or add")
        return self


class OutcomeMessages(Strict):
    """What to tell the person for each outcome (and each refer urgency)."""

    urgent: Text
    refer_same_day: Text
    refer_soon: Text
    refer_routine: Text
    modified: Text
    standard: Text
    incomplete: Text


class DecisionsFile(Strict):
    """`decisions.toml`: decision rules, adjustment rules and outcome messages."""

    messages: OutcomeMessages
    rule: list[RuleSpec] = Field(min_length=1)
    adjustment: list[AdjustmentSpec] = []


# --- surgery.toml --------------------------------------------------------------------------------

_PLACEHOLDERS = frozenset({"label", "clearance", "weeks"})


def _check_template(text: str) -> str:
    fields = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    unknown = sorted(fields - _PLACEHOLDERS)
    if unknown:
        raise ValueError(
            f"unknown placeholder {{{unknown[0]}}}; use {{label}}, {{clearance}} or {{weeks}}"
        )
    return text


Template = Annotated[Text, Field(description="Text with {label}, {clearance} or {weeks}.")]


class FollowUpText(Strict):
    """Wording of one generated follow-up question (shared by all operations)."""

    text: Template
    short: Template
    help: str = ""

    @model_validator(mode="after")
    def _templates(self) -> FollowUpText:
        for text in (self.text, self.short, self.help):
            _check_template(text)
        return self


class WeeksQuestion(FollowUpText):
    """`weeks_since_<surgery>`: how long ago. Not knowing counts as 0 weeks (recent)."""

    max: int = Field(ge=1)
    """Largest number of weeks accepted."""
    dont_know_label: Text


class ClearedQuestion(FollowUpText):
    """`cleared_<surgery>`: has the surgical team OK'd the movement. Needs yes / no / unsure."""

    choices: list[ChoiceSpec] = Field(min_length=2)


class SurgeryMessages(Strict):
    """Reason texts for the generated rules (templates)."""

    recent: Template
    not_cleared: Template
    cleared: Template
    always: Template

    @model_validator(mode="after")
    def _templates(self) -> SurgeryMessages:
        for text in (self.recent, self.not_cleared, self.cleared, self.always):
            _check_template(text)
        return self


class SurgerySpec(Strict):
    """One row of the surgery threshold table."""

    id: Id
    """Must be a choice of the surgery question."""
    label: Text
    """Name of the operation in a sentence ("hip replacement")."""
    always_refer: bool = False
    """Refer whatever the weeks (no follow-up questions are asked)."""
    refer_below_weeks: int | None = Field(default=None, ge=0)
    """Refer if the operation was fewer than this many weeks ago (exactly this many passes)."""
    no_effect_from_weeks: int | None = Field(default=None, ge=1)
    """From this many weeks the operation no longer matters (omit: it always matters)."""
    clearance: str = ""
    """What the surgeon or physio must have OK'd, finishing "told you it is OK to ..."."""
    mods_if_cleared: list[Id] = []
    """Modifications once past the window and cleared."""

    @model_validator(mode="after")
    def _complete_row(self) -> SurgerySpec:
        if self.always_refer:
            if self.refer_below_weeks is not None or self.mods_if_cleared or self.clearance:
                raise ValueError("an always_refer operation takes no weeks, clearance or mods")
            return self
        if self.refer_below_weeks is None or not self.clearance or not self.mods_if_cleared:
            raise ValueError("needs refer_below_weeks, clearance and mods_if_cleared")
        if (
            self.no_effect_from_weeks is not None
            and self.no_effect_from_weeks <= self.refer_below_weeks
        ):
            raise ValueError("no_effect_from_weeks must be larger than refer_below_weeks")
        _check_template(self.clearance)
        return self


class SurgeryFile(Strict):
    """`surgery.toml`: the operation table; follow-up questions and rules are generated from it."""

    question: Id
    """The multi-choice question whose choices are these operations."""
    weeks_question: WeeksQuestion
    cleared_question: ClearedQuestion
    messages: SurgeryMessages
    surgery: list[SurgerySpec] = Field(min_length=1)


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
    modification: list[ModificationSpec] = Field(min_length=1)


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
    count: int = Field(default=1, ge=1)
    points: int | None = Field(default=None, ge=1, le=10)
    of_last: int | None = Field(default=None, ge=1)
    weeks: int | None = Field(default=None, ge=1)
    days: int | None = Field(default=None, ge=1)
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


FILE_MODELS: dict[str, type[Strict]] = {
    "ruleset.toml": RulesetFile,
    "questions.toml": QuestionsFile,
    "decisions.toml": DecisionsFile,
    "surgery.toml": SurgeryFile,
    "exercise.toml": ExerciseFile,
    "stop_cues.toml": StopCuesFile,
    "escalation.toml": EscalationFile,
}
"""Every file of a rule set, and the model that checks it."""
