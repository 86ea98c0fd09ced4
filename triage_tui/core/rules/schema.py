"""The rule-file format: strict pydantic models, one per TOML file in a rule set.

These models are the reference for anyone editing `rules/`; every field's docstring says what it
means. Unknown keys are errors (`extra="forbid"`), never silently ignored. `triage-tui rules
schema` prints these models as JSON Schema so an editor can check rule files as you type.

The models live in modules named for what they own: `schema_base` (the `Strict` base and field
types), `schema_conditions` (condition tables), `schema_screening` (ruleset, questions,
decisions), `schema_surgery` (surgery) and `schema_exercise` (exercise, stop cues, escalation).
This module is the public entry point: it re-exports them and maps each rule file to its
model in `FILE_MODELS`.
"""

from __future__ import annotations

from triage_tui.core.rules.schema_base import Id, Strict, Text, Urgency
from triage_tui.core.rules.schema_conditions import AllOf, AnyOf, Condition, ItemTest, NotOf
from triage_tui.core.rules.schema_exercise import (
    ChangeSpec,
    EscalationFile,
    EscalationSpec,
    ExerciseFile,
    ExerciseInfo,
    ModificationSpec,
    StepSpec,
    StopCueSpec,
    StopCuesFile,
    TimingLimits,
    TimingOverride,
)
from triage_tui.core.rules.schema_screening import (
    AdjustmentSpec,
    ChoiceSetSpec,
    ChoiceSpec,
    DecisionsFile,
    OutcomeMessages,
    QuestionsFile,
    QuestionSpec,
    RulesetFile,
    RulesetInfo,
    RuleSpec,
    SectionSpec,
    TierWords,
)
from triage_tui.core.rules.schema_surgery import (
    ClearedQuestion,
    FollowUpText,
    SurgeryFile,
    SurgeryMessages,
    SurgerySpec,
    Template,
    WeeksQuestion,
)

__all__ = [
    "FILE_MODELS",
    "AdjustmentSpec", "AllOf", "AnyOf", "ChangeSpec", "ChoiceSetSpec", "ChoiceSpec",
    "ClearedQuestion", "Condition", "DecisionsFile", "EscalationFile", "EscalationSpec",
    "ExerciseFile", "ExerciseInfo", "FollowUpText", "Id", "ItemTest", "ModificationSpec",
    "NotOf", "OutcomeMessages", "QuestionSpec", "QuestionsFile", "RuleSpec", "RulesetFile",
    "RulesetInfo", "SectionSpec", "StepSpec", "StopCueSpec", "StopCuesFile", "Strict",
    "SurgeryFile", "SurgeryMessages", "SurgerySpec", "Template", "Text", "TierWords", "TimingLimits",
    "TimingOverride", "Urgency", "WeeksQuestion",
]

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
