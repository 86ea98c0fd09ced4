"""Model of `surgery.toml`: the operation table, its follow-up questions and reason templates."""

from __future__ import annotations

import string
from typing import Annotated

from pydantic import Field, model_validator

from triage_tui.core.rules.schema_base import Id, Strict, Text
from triage_tui.core.rules.schema_screening import ChoiceSpec

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
    """Fewer weeks than `refer_below_weeks` (a number was given)."""
    weeks_unknown: Template
    """The person does not know how many weeks: treated as recent, but not said to be."""
    not_cleared: Template
    cleared: Template
    always: Template

    @model_validator(mode="after")
    def _templates(self) -> SurgeryMessages:
        for text in (self.recent, self.weeks_unknown, self.not_cleared, self.cleared, self.always):
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
    source: Text | None = None
    """Where it comes from: the guideline or paper and its section, as the clinical brief cites
    it (e.g. "NICE NG59 [S3]; brief 1.3"). `rules check` requires it."""
    why: Text | None = None
    """One line in plain words: why this row's rules exist. `rules check` requires it."""

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

