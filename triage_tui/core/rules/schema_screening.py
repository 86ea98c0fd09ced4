"""Models of the screening files: `ruleset.toml`, `questions.toml` and `decisions.toml`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from triage_tui.core.rules.schema_base import Id, Strict, Text, Urgency
from triage_tui.core.rules.schema_clearance import ClearanceSpec
from triage_tui.core.rules.schema_conditions import Condition

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
    none_choice: Id | None = None
    """Recheck `choice` questions: the answer "this does not apply" gives (e.g. `no`). With it,
    the daily check lists the question with the other urgent items on one screen, and "None of
    these" answers it; an item the person ticks is then asked in full."""

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
        if self.none_choice is not None:
            if self.type != "choice" or not self.recheck:
                raise ValueError("none_choice is only for recheck questions of type choice")
            if self.choices is not None and self.none_choice not in {c.id for c in self.choices}:
                raise ValueError(f"none_choice '{self.none_choice}' is not one of this question's choices")
        return self


class QuestionsFile(Strict):
    """`questions.toml`: sections, shared choice sets and questions, in the order they are asked."""

    choice_set: list[ChoiceSetSpec] = []
    section: list[SectionSpec] = Field(min_length=1)
    question: list[QuestionSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _none_choice_in_its_set(self) -> QuestionsFile:
        sets = {s.id: {c.id for c in s.choices} for s in self.choice_set}
        for q in self.question:
            if q.none_choice is not None and q.choice_set in sets and q.none_choice not in sets[q.choice_set]:
                raise ValueError(f"question '{q.id}': none_choice '{q.none_choice}' is not in choice set "
                                 f"'{q.choice_set}'")
        return self


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
    source: Text | None = None
    """Where it comes from: the guideline or paper and its section, as the clinical brief cites
    it (e.g. "NICE NG59 [S3]; brief 1.3"). `rules check` requires it."""
    why: Text | None = None
    """One line in plain words: why this rule exists. `rules check` requires it."""
    call_first: bool = False
    """Urgent rules only: the person may be unable to travel safely (fainting, cannot stand), so
    the outcome message is `messages.urgent_call_first` (call for help first, do not travel
    alone) instead of `messages.urgent`."""

    @model_validator(mode="after")
    def _fields_fit_outcome(self) -> RuleSpec:
        if (self.outcome == "refer") != (self.refer_urgency is not None):
            raise ValueError("refer_urgency is required for outcome 'refer' and only for it")
        if (self.outcome == "modify") != bool(self.mods):
            raise ValueError("mods are required for outcome 'modify' and only for it")
        if self.call_first and self.outcome != "urgent":
            raise ValueError("call_first is only for outcome 'urgent'")
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
    """Why the set of changes was adjusted, in plain words; shown as a reason."""
    source: Text | None = None
    """Where it comes from: the guideline or paper and its section, as the clinical brief cites
    it (e.g. "NICE NG59 [S3]; brief 1.3"). `rules check` requires it."""
    why: Text | None = None
    """One line in plain words: why this adjustment exists. `rules check` requires it."""
    instead: dict[Id, Text] = {}
    """Rule id -> what that rule's reason says when this adjustment took away some or all of its
    modifications (say what is done instead). Without an entry, a reason whose modifications are
    all gone is left out, and one that keeps some of them is shown as written."""

    @model_validator(mode="after")
    def _changes_something(self) -> AdjustmentSpec:
        if not self.remove and not self.add:
            raise ValueError("an adjustment needs remove or add")
        return self


class OutcomeMessages(Strict):
    """What to tell the person for each outcome (and each refer urgency)."""

    urgent: Text
    urgent_call_first: Text
    """Urgent, when a rule with `call_first` fired: call for help, do not travel alone."""
    refer_same_day: Text
    refer_soon: Text
    refer_routine: Text
    modified: Text
    standard: Text
    incomplete: Text


class TierWords(Strict):
    """For each urgency tier, words its texts must not use because they sound less urgent.

    A text takes the tier of what it belongs to (see `core.rules.texts`); `rules check` reports
    a text that uses a word of its tier's list."""

    urgent: list[Text]
    """E.g. "today" or "soon": an emergency is now."""
    same_day: list[Text]
    """E.g. "soon" or "few days": a same-day check is today."""
    soon: list[Text]
    """E.g. "whenever": a check within a few days should not sound optional."""
    routine: list[Text]
    """E.g. "no need": a routine check before starting is still needed."""


class DecisionsFile(Strict):
    """`decisions.toml`: decision rules, adjustment rules, outcome messages and tier words."""

    messages: OutcomeMessages
    tier_words: TierWords
    clearance: ClearanceSpec = ClearanceSpec()
    """How long a clinician's all-clear lasts (`[clearance] days`, default 180)."""
    rule: list[RuleSpec] = Field(min_length=1)
    adjustment: list[AdjustmentSpec] = []
