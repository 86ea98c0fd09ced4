"""The result of evaluating a rule set against answers, and its JSON form (the CLI contract)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, TYPE_CHECKING

if TYPE_CHECKING:
    from triage_tui.core.screening.resolve import Answer


Outcome = Literal["urgent", "refer", "modified", "standard", "incomplete"]
Urgency = Literal["same_day", "soon", "routine"]

OUTCOME_RANK: Mapping[str, int] = {"incomplete": 0, "standard": 1, "modified": 2, "refer": 3, "urgent": 4}
URGENCY_RANK: Mapping[str, int] = {"routine": 1, "soon": 2, "same_day": 3}


@dataclass(frozen=True, slots=True)
class Reason:
    """One rule (or adjustment) that shaped the decision."""

    rule: str
    message: str
    answers: Mapping[str, Answer]
    """The answers that made the rule fire."""
    kind: Literal["urgent", "refer", "modify", "advisory", "adjustment"] = "refer"
    urgency: Urgency | None = None
    source: str = ""
    """The guideline or paper (and section) the rule comes from."""
    why: str = ""
    """One plain line: why the rule exists."""

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "message": self.message,
            "answers": {k: list(v) if isinstance(v, tuple) else v for k, v in self.answers.items()},
            "source": self.source,
            "why": self.why,
        }


@dataclass(frozen=True, slots=True)
class Decision:
    """What the rules say for one set of answers."""

    outcome: Outcome
    urgency: Urgency | None
    """Set only for `refer`."""
    modifications: tuple[str, ...]
    """Canonical order; empty unless `modified`."""
    reasons: tuple[Reason, ...]
    notes: tuple[str, ...]
    missing: tuple[str, ...]
    ignored: tuple[str, ...]
    rules_version: str
    rules_hash: str
    matched: tuple[str, ...] = ()
    """Every rule id whose condition held (for tests and lint)."""

    @property
    def allows_session(self) -> bool:
        return self.outcome in ("standard", "modified")

    @property
    def severity(self) -> tuple[int, int]:
        """Orders decisions from least to most severe (outcome, then refer urgency)."""
        return OUTCOME_RANK[self.outcome], URGENCY_RANK.get(self.urgency or "", 0)

    def to_json(self) -> dict[str, Any]:
        """Exactly the object `triage-tui decide --json` prints."""
        return {
            "outcome": self.outcome,
            "urgency": self.urgency,
            "modifications": list(self.modifications),
            "reasons": [r.to_json() for r in self.reasons],
            "notes": list(self.notes),
            "missing": list(self.missing),
            "ignored": list(self.ignored),
            "rules_version": self.rules_version,
            "rules_hash": self.rules_hash,
        }
