"""Records as database rows and back: a session as columns, the screening and state as JSON text.

Every row is checked on its own when read; one that does not fit raises ValueError naming the
field, so the store can set that row aside alone. JSON is read with limits (length, nesting,
digits), so a hostile row cannot crash a reader.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from triage_tui.core.history.records import (
    SavedScreening,
    screening_from_toml,
    screening_to_toml,
    session_from_toml,
)
from triage_tui.core.limits import MAX_DIGITS
from triage_tui.core.session.record import ENDED_WORDS, HoldRecord, SessionRecord

SESSION_COLUMNS = ("started_at", "ended_at", "position", "style", "mods", "hold_seconds", "rounds", "holds",
                   "ended", "stop_cue", "pain_before", "pain_after", "rules_hash")
MAX_JSON = 256 * 1024
"""Longest JSON text read from one row, in characters."""
_TIME_KEYS = ("at", "checked_at", "started_at", "ended_at", "escalations_cleared_at")


# --- JSON with limits ---------------------------------------------------------------------------


def _small_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"a number with more than {MAX_DIGITS} digits")
    return int(text)


def _no_constant(text: str) -> Any:
    raise ValueError(f"{text} is not a number")


_CHECKED = json.JSONDecoder(parse_int=_small_int, parse_constant=_no_constant)
_PLAIN = json.JSONDecoder(parse_constant=_no_constant)
_LONG_DIGITS = re.compile(f"[0-9]{{{MAX_DIGITS + 1}}}")
"""A run of digits longer than any number may be: only then is each number checked as it is read
(a call per number, the slow part of reading decades of sessions)."""


def read_json(text: Any, where: str) -> Any:
    """`text` parsed as JSON, or ValueError (never RecursionError or a huge number)."""
    if not isinstance(text, str):
        raise ValueError(f"{where}: expected JSON text")
    if len(text) > MAX_JSON:
        raise ValueError(f"{where}: too long ({len(text):,} characters)")
    try:
        return (_CHECKED if _LONG_DIGITS.search(text) else _PLAIN).decode(text)
    except RecursionError:
        raise ValueError(f"{where}: nested too deeply") from None
    except ValueError as error:
        raise ValueError(f"{where}: not readable ({str(error)[:80]})") from None


def write_json(value: Any) -> str:
    return json.dumps(value, default=_time_text, ensure_ascii=False, separators=(",", ":"))


def _time_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def with_times(table: Any) -> Any:
    """A JSON table with its known time fields turned back into datetimes (others untouched)."""
    if isinstance(table, dict):
        for key in _TIME_KEYS:
            value = table.get(key)
            if isinstance(value, str) and len(value) <= 40:
                try:
                    table[key] = datetime.fromisoformat(value)
                except ValueError:
                    pass  # left as text: the check after says what was expected
    return table


# --- sessions ------------------------------------------------------------------------------------


def session_row(record: SessionRecord, rules_hash: str = "") -> tuple[Any, ...]:
    """The SESSION_COLUMNS of one session, in order."""
    return (_utc_text(record.started_at), _utc_text(record.ended_at), record.position, record.style,
            write_json(list(record.mods)), record.hold_seconds, record.rounds,
            write_json([[h.round, h.side, h.kind, h.planned, float(h.done)] for h in record.holds]),
            record.ended, record.stop_cue, record.pain_before, record.pain_after, rules_hash)


def _utc_text(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("record times must be timezone-aware")
    from datetime import timezone

    return value.astimezone(timezone.utc).isoformat()


def session_from_row(row: tuple[Any, ...], where: str, *, full: bool = True) -> tuple[SessionRecord, str]:
    """A session from its SESSION_COLUMNS (and the rules hash), checked field by field.

    With `full=False` the exercise details (mods, holds) are neither read nor checked: an
    outline, enough for counting, streaks and escalations."""
    (started, ended_at, position, style, mods, hold_seconds, rounds, holds, ended, stop_cue,
     before, after, rules_hash) = row
    if ended not in ENDED_WORDS:
        raise ValueError(f"{where}.ended: unknown ending {str(ended)[:40]!r}")
    record = SessionRecord(
        time_value(started, f"{where}.started_at"), time_value(ended_at, f"{where}.ended_at"),
        _text(position, f"{where}.position"), _text(style, f"{where}.style"),
        _mods(mods, where) if full else (), _int(hold_seconds, f"{where}.hold_seconds"),
        _int(rounds, f"{where}.rounds"), _holds(holds, where) if full else (), ended,
        None if stop_cue is None else _text(stop_cue, f"{where}.stop_cue"),
        pain_value(before, f"{where}.pain_before"), pain_value(after, f"{where}.pain_after"))
    return record, "" if rules_hash is None else _text(rules_hash, f"{where}.rules_hash")


def time_value(value: Any, where: str) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError(f"{where}: expected a date and time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{where}: expected a date and time") from None
    if moment.tzinfo is None:
        raise ValueError(f"{where}: expected a time with its UTC offset")
    return moment


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{where}: expected text")
    return value


def _int(value: Any, where: str) -> int:
    if type(value) is not int:
        raise ValueError(f"{where}: expected a whole number")
    return value


def pain_value(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if type(value) is not int or not 0 <= value <= 10:
        raise ValueError(f"{where}: expected 0 to 10, got {str(value)[:20]}")
    return value


def _mods(text: Any, where: str) -> tuple[str, ...]:
    mods = read_json(text, f"{where}.mods")
    if not isinstance(mods, list) or not all(isinstance(m, str) for m in mods):
        raise ValueError(f"{where}.mods: expected a list of text")
    return tuple(mods)


def _holds(text: Any, where: str) -> tuple[HoldRecord, ...]:
    items = read_json(text, f"{where}.holds")
    if not isinstance(items, list):
        raise ValueError(f"{where}.holds: expected a list")
    holds = []
    for i, item in enumerate(items):
        if not (type(item) is list and len(item) == 5):
            raise ValueError(f"{where}.holds[{i}]: expected [round, side, kind, planned, done]")
        number, side, kind, planned, done = item
        if side not in _SIDES or kind not in _KINDS:
            raise ValueError(f"{where}.holds[{i}]: expected left or right, hold or drops")
        if type(done) is not float and type(done) is not int:
            raise ValueError(f"{where}.holds[{i}].done: expected a number")
        if type(number) is not int or type(planned) is not int:
            _int(number, f"{where}.holds[{i}].round")
            _int(planned, f"{where}.holds[{i}].planned")
        # tuple.__new__: the checks are done, and a NamedTuple's own __new__ is a Python call
        holds.append(_new(HoldRecord, (number, side, kind, planned, float(done))))
    return tuple(holds)


_SIDES = (None, "left", "right")  # tuples, not sets: a list or table read from JSON cannot be hashed
_KINDS = ("hold", "drops")
_new = tuple.__new__


def session_from_table(table: Any, where: str) -> tuple[SessionRecord, str]:
    """A session from a TOML or JSON table (old files, set-aside records), checked."""
    return session_from_toml(with_times(table), where)


# --- the screening and small state ------------------------------------------------------------


def screening_text(screening: SavedScreening) -> str:
    return write_json(screening_to_toml(screening))


def screening_from_text(text: Any) -> SavedScreening:
    return screening_from_toml(with_times(read_json(text, "screening")))


def state_from_rows(rows: list[tuple[Any, Any]]) -> dict[str, Any]:
    """The small state (name -> value); ValueError for a value that does not fit."""
    state: dict[str, Any] = {}
    for name, text in rows:
        value = with_times({name: read_json(text, f"state.{name}")})[name]
        if name == "escalations_cleared_at" and not (isinstance(value, datetime) and value.tzinfo is not None):
            raise ValueError("escalations_cleared_at: expected a date and time with its offset")
        if name == "escalations_cleared_after" and not (type(value) is int and 0 <= value <= 10**7):
            raise ValueError("escalations_cleared_after: expected a count of sessions")
        if name == "clearance":
            from triage_tui.core.history.clearance_record import clearance_from_json

            value = clearance_from_json(value, "state.clearance")
        state[name] = value
    return state
