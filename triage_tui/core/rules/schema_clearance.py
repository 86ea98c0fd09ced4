"""The `[clearance]` table of `decisions.toml`: how long a clinician's all-clear lasts.

See `core.screening.clearance` for what a clearance does to the decision.
"""

from __future__ import annotations

from pydantic import Field

from triage_tui.core.rules.ruleset import CLEARANCE_DAYS
from triage_tui.core.rules.schema_base import Strict


class ClearanceSpec(Strict):
    """A person told to see someone first may record that a clinician has seen them and cleared
    some of the reasons. The record counts for this many days after the visit."""

    days: int = Field(default=CLEARANCE_DAYS, ge=1, le=730)
    """Days a clinician's clearance lasts, counted from the day of the visit (1 to 730)."""
