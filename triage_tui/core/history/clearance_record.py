"""The clinician's clearance (`core.screening.clearance`) as one row of the store's small state:
JSON, written and read back checked field by field (ValueError naming the key).

An old bare "I have seen a clinician" date (`escalations_cleared_at`) is still read, as a record
that clears no reasons and restarts the escalation counts.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, TYPE_CHECKING

from triage_tui.core.screening.clearance import Clearance, legacy

if TYPE_CHECKING:
    from triage_tui.core.screening.resolve import Answer


def clearance_json(c: Clearance) -> dict[str, Any]:
    table: dict[str, Any] = {"seen_on": c.seen_on.isoformat(), "recorded_at": c.recorded_at.isoformat(),
                             "reasons": list(c.reasons), "name": c.name,
                             "evidence": {k: list(v) if isinstance(v, tuple) else v for k, v in c.evidence.items()}}
    for key in ("hold_limit", "sessions_before"):
        if getattr(c, key) is not None:
            table[key] = getattr(c, key)
    if c.voided_at is not None:
        table["voided_at"] = c.voided_at.isoformat()
        table["why_void"] = c.why_void
    return table


def clearance_from_json(table: Any, where: str = "clearance") -> Clearance:
    """A record read back, checked field by field; ValueError naming the key."""
    if not isinstance(table, dict):
        raise ValueError(f"{where}: expected a table")
    unknown = set(table) - {"seen_on", "recorded_at", "reasons", "name", "evidence", "hold_limit",
                            "sessions_before", "voided_at", "why_void"}
    if unknown:
        raise ValueError(f"{where}.{sorted(unknown)[0]}: unknown key")

    def text(key: str, default: str | None = None) -> str:
        value = table.get(key, default)
        if not isinstance(value, str) or len(value) > 4000:
            raise ValueError(f"{where}.{key}: expected text")
        return value

    def moment(key: str) -> datetime:
        try:
            value = datetime.fromisoformat(text(key)[:40])
        except ValueError:
            raise ValueError(f"{where}.{key}: expected a date and time") from None
        if value.tzinfo is None:
            raise ValueError(f"{where}.{key}: expected a time with its UTC offset")
        return value

    def count(key: str, high: int) -> int | None:
        value = table.get(key)
        if value is not None and (type(value) is not int or not 0 <= value <= high):
            raise ValueError(f"{where}.{key}: expected a whole number from 0 to {high}")
        return value

    try:
        seen_on = date.fromisoformat(text("seen_on")[:10])
    except ValueError:
        raise ValueError(f"{where}.seen_on: expected a date") from None
    reasons = table.get("reasons", [])
    if not isinstance(reasons, list) or not all(isinstance(r, str) for r in reasons):
        raise ValueError(f"{where}.reasons: expected a list of rule ids")
    evidence: dict[str, Answer] = {}
    raw = table.get("evidence", {})
    if not isinstance(raw, dict):
        raise ValueError(f"{where}.evidence: expected a table")
    for key, value in raw.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            evidence[key] = tuple(value)
        elif isinstance(value, (str, int)) and not isinstance(value, bool):
            evidence[key] = value
        else:
            raise ValueError(f"{where}.evidence.{key}: expected a choice, a list of choices or a whole number")
    name = " ".join(text("name", "").split())
    if not name.isprintable():
        raise ValueError(f"{where}.name: expected printable text")
    return Clearance(seen_on, moment("recorded_at"), tuple(reasons), evidence, name,
                     count("hold_limit", 3600), count("sessions_before", 10**7),
                     moment("voided_at") if "voided_at" in table else None, text("why_void", ""))


def from_state(state: Mapping[str, Any]) -> Clearance | None:
    """The clearance in the store's small state: the record, or an old bare date read as one
    (the later of the two, when both are there)."""
    record = state.get("clearance")
    old = state.get("escalations_cleared_at")
    if isinstance(old, datetime) and (record is None or old > record.recorded_at):
        return legacy(old, state.get("escalations_cleared_after"))
    return record


def keep_later(connection: sqlite3.Connection, clearance: Clearance) -> None:
    """Save `clearance` (one brought back by `history --recover`) unless the one saved is as recent."""
    saved = connection.execute("SELECT body FROM state WHERE name = 'clearance'").fetchone()
    if saved is not None:
        with contextlib.suppress(ValueError, TypeError):
            if clearance_from_json(json.loads(saved[0])).recorded_at >= clearance.recorded_at:
                return
    connection.execute("INSERT OR REPLACE INTO state (name, body) VALUES ('clearance', ?)",
                       (json.dumps(clearance_json(clearance), ensure_ascii=False, separators=(",", ":")),))
