"""Shared building blocks of the rule-file models: the `Strict` base table and common field types.

Every rule-file model (see `core.rules.schema`) derives from `Strict`, so unknown keys are errors
(`extra="forbid"`), never silently ignored, and each field's docstring becomes its description in
the JSON Schema printed by `triage-tui rules schema`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

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
