"""Saved records as TOML tables, and back: the screening and the sessions.

Reading checks every field by hand (no pydantic: the app reads these at start-up, and start-up
is measured). A record that does not fit raises ValueError naming the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any, NamedTuple, TYPE_CHECKING

from triage_tui.core.session.record import ENDED_WORDS, HoldRecord, SessionRecord

if TYPE_CHECKING:
    from triage_tui.core.screening.decision import Decision
    from triage_tui.core.screening.resolve import Answer

SCHEMA_VERSION = 1


class SavedScreening(NamedTuple):
    """The last screening: what was answered, what was decided, by which rules, and when."""

    at: datetime
    """UTC."""
    answers: Mapping[str, Answer]
    outcome: str
    urgency: str | None
    modifications: tuple[str, ...]
    reasons: tuple[tuple[str, str], ...]
    """(rule id, message) pairs."""
    notes: tuple[str, ...]
    rules_version: str
    rules_hash: str
    checked_at: datetime | None = None
    """UTC time of the last short daily check (the full screening is `at`)."""
    sessions_before: int | None = None
    """How many sessions were saved before this screening: order by what happened, not by a
    wall clock that may have been wrong (None in records from before it was kept)."""
    cleared: tuple[str, ...] = ()
    """Refer rules set aside because a clinician cleared them (`core.screening.clearance`)."""

    @property
    def allows_session(self) -> bool:
        return self.outcome in ("standard", "modified")

    @classmethod
    def from_decision(cls, decision: Decision, answers: Mapping[str, Answer], at: datetime) -> SavedScreening:
        return cls(at, dict(answers), decision.outcome, decision.urgency, decision.modifications,
                   tuple((r.rule, r.message) for r in decision.reasons), decision.notes,
                   decision.rules_version, decision.rules_hash)


# --- writing ------------------------------------------------------------------------------------


def screening_to_toml(s: SavedScreening) -> dict[str, Any]:
    table: dict[str, Any] = {
        "at": _utc(s.at),
        "outcome": s.outcome,
        "modifications": list(s.modifications),
        "rules_version": s.rules_version,
        "rules_hash": s.rules_hash,
        "notes": list(s.notes),
        "reasons": [{"rule": rule, "message": message} for rule, message in s.reasons],
        "answers": {k: list(v) if isinstance(v, tuple) else v for k, v in s.answers.items()},
    }
    if s.urgency is not None:
        table["urgency"] = s.urgency
    if s.checked_at is not None:
        table["checked_at"] = _utc(s.checked_at)
    if s.sessions_before is not None:
        table["sessions_before"] = s.sessions_before
    if s.cleared:
        table["cleared"] = list(s.cleared)
    return table


def session_to_toml(r: SessionRecord, rules_hash: str = "") -> dict[str, Any]:
    table: dict[str, Any] = {
        "position": r.position,
        "style": r.style,
        "mods": list(r.mods),
        "hold_seconds": r.hold_seconds,
        "rounds": r.rounds,
        "ended": r.ended,
        "holds": [
            {"round": h.round, "kind": h.kind, "planned": h.planned, "done": float(h.done),
             **({"side": h.side} if h.side else {})}
            for h in r.holds
        ],
    }
    for key, value in (("started_at", r.started_at), ("ended_at", r.ended_at)):
        if value is not None:
            table[key] = _utc(value)
    for key, value in (("stop_cue", r.stop_cue), ("pain_before", r.pain_before), ("pain_after", r.pain_after)):
        if value is not None:
            table[key] = value
    if rules_hash:
        table["rules_hash"] = rules_hash
    return table


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("record times must be timezone-aware")
    return value.astimezone(timezone.utc)


# --- reading ------------------------------------------------------------------------------------


def _count(value: int | None, where: str) -> int | None:
    if value is not None and not 0 <= value <= 10**7:
        raise ValueError(f"{where}.sessions_before: expected a count of sessions, got {value}")
    return value


class _Reader:
    """Typed access to one table, with errors that name the key."""

    def __init__(self, table: Any, where: str) -> None:
        if not isinstance(table, dict):
            raise ValueError(f"{where}: expected a table")
        self.table, self.where = table, where

    def get(self, key: str, kind: type | tuple[type, ...], optional: bool = False) -> Any:
        if key not in self.table:
            if optional:
                return None
            raise ValueError(f"{self.where}.{key}: missing")
        value = self.table[key]
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise ValueError(f"{self.where}.{key}: expected {_names(kind)}, got {value!r}")
        if not isinstance(value, kind):
            raise ValueError(f"{self.where}.{key}: expected {_names(kind)}, got {type(value).__name__}")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        values = self.get(key, list)
        if not all(isinstance(v, str) for v in values):
            raise ValueError(f"{self.where}.{key}: expected a list of text")
        return tuple(values)

    def time(self, key: str, optional: bool = False) -> datetime | None:
        value = self.get(key, datetime, optional)
        if value is not None and value.tzinfo is None:
            raise ValueError(f"{self.where}.{key}: expected a time with its UTC offset")
        return value

    def pain(self, key: str) -> int | None:
        value = self.get(key, int, optional=True)
        if value is not None and not 0 <= value <= 10:
            raise ValueError(f"{self.where}.{key}: expected 0 to 10, got {value}")
        return value


def _names(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join({"str": "text", "int": "a whole number", "float": "a number", "list": "a list",
                        "dict": "a table", "datetime": "a date and time"}.get(k.__name__, k.__name__)
                       for k in kinds)


def screening_from_toml(table: Any, where: str = "screening") -> SavedScreening:
    r = _Reader(table, where)
    answers_table = r.get("answers", dict)
    answers: dict[str, Answer] = {}
    for key, value in answers_table.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            answers[key] = tuple(value)
        elif isinstance(value, (str, int)) and not isinstance(value, bool):
            answers[key] = value
        else:
            raise ValueError(f"{where}.answers.{key}: expected a choice, a list of choices or a whole number")
    reasons = []
    for i, item in enumerate(r.get("reasons", list)):
        reason = _Reader(item, f"{where}.reasons[{i}]")
        reasons.append((reason.get("rule", str), reason.get("message", str)))
    outcome = r.get("outcome", str)
    if outcome not in ("urgent", "refer", "modified", "standard", "incomplete"):
        raise ValueError(f"{where}.outcome: unknown outcome {outcome!r}")
    return SavedScreening(
        at=r.time("at"),  # type: ignore[arg-type]
        answers=answers,
        outcome=outcome,
        urgency=r.get("urgency", str, optional=True),
        modifications=r.strings("modifications"),
        reasons=tuple(reasons),
        notes=r.strings("notes"),
        rules_version=r.get("rules_version", str),
        rules_hash=r.get("rules_hash", str),
        checked_at=r.time("checked_at", optional=True),
        sessions_before=_count(r.get("sessions_before", int, optional=True), where),
        cleared=r.strings("cleared") if "cleared" in table else (),
    )


def session_from_toml(table: Any, where: str = "session") -> tuple[SessionRecord, str]:
    """A session record and the hash of the rules it ran under."""
    r = _Reader(table, where)
    holds = []
    for i, item in enumerate(r.get("holds", list)):
        h = _Reader(item, f"{where}.holds[{i}]")
        side = h.get("side", str, optional=True)
        if side not in (None, "left", "right"):
            raise ValueError(f"{where}.holds[{i}].side: expected left or right")
        kind = h.get("kind", str)
        if kind not in ("hold", "drops"):
            raise ValueError(f"{where}.holds[{i}].kind: expected hold or drops")
        done = h.get("done", (int, float))
        holds.append(HoldRecord(h.get("round", int), side, kind, h.get("planned", int), float(done)))
    ended = r.get("ended", str)
    if ended not in ENDED_WORDS:
        raise ValueError(f"{where}.ended: unknown ending {ended!r}")
    record = SessionRecord(
        started_at=r.time("started_at", optional=True),
        ended_at=r.time("ended_at", optional=True),
        position=r.get("position", str),
        style=r.get("style", str),
        mods=r.strings("mods"),
        hold_seconds=r.get("hold_seconds", int),
        rounds=r.get("rounds", int),
        holds=tuple(holds),
        ended=ended,  # type: ignore[arg-type]
        stop_cue=r.get("stop_cue", str, optional=True),
        pain_before=r.pain("pain_before"),
        pain_after=r.pain("pain_after"),
    )
    return record, r.get("rules_hash", str, optional=True) or ""
