"""Moving the old TOML files (screening.toml, sessions.toml, state.toml) into the database, once.

Each file is read with limits, its readable records imported in order in one transaction that
also records the file's SHA-256, then renamed `NAME.migrated` (kept, never deleted). A copy of the
app killed between the two, or a second copy starting at the same moment, imports nothing twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from triage_tui.core.history import database as db
from triage_tui.core.history.records import SCHEMA_VERSION as TOML_SCHEMA
from triage_tui.core.history.rows import (
    SESSION_COLUMNS,
    screening_from_text,
    screening_text,
    session_from_table,
    session_row,
    write_json,
)
from triage_tui.core.limits import FileLimitError, check_toml_text, read_capped

OLD_FILES = db.OLD_FILES
OLD_FILE_CAP = 256 * 1024 * 1024
"""Largest old file read, in bytes (30,000 sessions take about 15 MB)."""
HINT = "To get back what can be read, run: triage-tui history --recover"


class Unreadable(Exception):
    """A whole file cannot be read; the message says why in a few words."""


def old_files(folder: Path) -> list[str]:
    """The old files still in `folder` (three look-ups: cheap at every start)."""
    return [name for name in OLD_FILES if (folder / name).exists()]


def read_toml_file(path: Path) -> tuple[dict[str, Any], str]:
    """An old data file's table and SHA-256, read with limits; Unreadable if it cannot be."""
    try:
        data = read_capped(path, OLD_FILE_CAP)
    except FileLimitError as error:
        raise Unreadable(error.reason) from None
    digest = hashlib.sha256(data).hexdigest()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Unreadable("not valid TOML (not UTF-8 text)") from None
    refused = check_toml_text(text)
    if refused:
        raise Unreadable(f"not valid TOML ({refused})")
    import tomllib  # only when an old TOML file is read: every start looks for set-aside files

    try:
        table = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError) as error:
        raise Unreadable(f"not valid TOML ({str(error).split(' (at')[0][:80]})") from None
    return table, digest


def move_in(connection: sqlite3.Connection, folder: Path, names: list[str],
            wall: Callable[[], datetime]) -> list[str]:
    """Import each old file, then rename it; returns notices (problems only)."""
    notices: list[str] = []
    with db.folder_lock(folder):  # two copies starting at once: one moves in, the other waits
        for name in names:
            try:
                notices += _move_in_one(connection, folder, name, wall)
            except (OSError, sqlite3.Error) as error:
                notices.append(f"{name} could not be moved into the new history file ({db.describe(error)}); "
                               "it is left as it is and will be tried again next time.")
    return notices


def _move_in_one(connection: sqlite3.Connection, folder: Path, name: str, wall: Callable[[], datetime]) -> list[str]:
    path = folder / name
    if not path.exists():
        return []  # moved in by another copy a moment ago
    try:
        table, digest = read_toml_file(path)
        version = table.get("schema_version")
        if isinstance(version, int) and not isinstance(version, bool) and version > TOML_SCHEMA:
            return [f"{name} was written by a newer version of triage-tui (schema {version}); it is left "
                    "as it is and was not read."]
        if version != TOML_SCHEMA:
            raise Unreadable(f"unknown schema_version {version!r}"[:60])
        if name == "sessions.toml" and not isinstance(table.get("session", []), list):
            raise Unreadable("session: expected a list of [[session]] tables")
    except Unreadable as why:
        aside = db.move_aside(path, db.aside_name(path, wall()))
        return [f"{name} could not be read ({why}). It was moved to {aside.name}; the app goes on without it. "
                + HINT]
    notices: list[str] = []
    with db.transaction(connection):
        done = connection.execute("SELECT 1 FROM imported WHERE name = ? AND sha256 = ?", (name, digest)).fetchone()
        if not done:
            bad = import_table(connection, name, table, name, wall().isoformat())
            connection.execute("INSERT INTO imported (name, sha256, at) VALUES (?, ?, ?)",
                               (name, digest, wall().isoformat()))
            if bad:
                notices.append(f"{len(bad)} record{'' if len(bad) == 1 else 's'} in {name} could not be read "
                               f"({bad[0]}). {'It was' if len(bad) == 1 else 'They were'} put aside; everything "
                               f"else was moved into the new history file. {HINT}")
    with contextlib.suppress(FileNotFoundError):
        db.move_aside(path, path.with_name(f"{name}.migrated"))
    return notices


def import_table(connection: sqlite3.Connection, name: str, table: dict[str, Any], source: str, at: str,
                 keep: Callable[[tuple[Any, ...]], bool] = lambda _: True) -> list[str]:
    """Add the readable records of one old file's table (inside the caller's transaction).

    Returns why each unreadable record was put aside. `keep(row)` may refuse a session (a
    duplicate, when recovering)."""
    bad: list[str] = []

    def aside(kind: str, item: Any, why: str) -> None:
        bad.append(why)
        connection.execute("INSERT INTO set_aside (kind, source, body, why, at) VALUES (?, ?, ?, ?, ?)",
                           (kind, source, write_json_safe(item), why, at))

    if name.startswith("sessions"):
        for i, item in enumerate(table.get("session", [])):
            try:
                row = session_row(*session_from_table(item, f"session[{i}]"))
            except ValueError as error:
                aside("session", item, str(error))
                continue
            if keep(row):
                add_session_row(connection, row)
    elif name.startswith("screening") and "screening" in table:
        try:
            text = screening_text(screening_from_text(write_json_safe(table["screening"])))
        except ValueError as error:
            aside("screening", table["screening"], str(error))
        else:
            newer_screening(connection, text)
    elif name.startswith("state"):
        cleared = table.get("escalations_cleared_at")
        if cleared is not None:
            if isinstance(cleared, datetime) and cleared.tzinfo is not None:
                later_clearance(connection, cleared)
            else:
                aside("state", {"escalations_cleared_at": cleared}, "escalations_cleared_at: expected a date "
                      "and time with its offset")
    return bad


def add_session_row(connection: sqlite3.Connection, row: tuple[Any, ...], seq: float | None = None) -> None:
    import os

    marks = ", ".join("?" * len(SESSION_COLUMNS))
    if seq is None:
        connection.execute(f"INSERT INTO sessions (key, seq, {', '.join(SESSION_COLUMNS)}) VALUES "
                           f"(?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM sessions), {marks})", (os.urandom(12).hex(), *row))
    else:
        connection.execute(f"INSERT INTO sessions (key, seq, {', '.join(SESSION_COLUMNS)}) VALUES (?, ?, {marks})",
                           (os.urandom(12).hex(), seq, *row))


def newer_screening(connection: sqlite3.Connection, text: str) -> bool:
    """Keep the screening `text` unless the one saved is at least as recent; True if kept."""
    saved = connection.execute("SELECT body FROM screening WHERE id = 1").fetchone()
    if saved is not None:
        with contextlib.suppress(ValueError):
            old, new = screening_from_text(saved[0]), screening_from_text(text)
            if (old.checked_at or old.at) >= (new.checked_at or new.at):
                return False
    connection.execute("INSERT OR REPLACE INTO screening (id, seq, body) VALUES "
                       "(1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM sessions), ?)", (text,))
    return True


def later_clearance(connection: sqlite3.Connection, cleared: datetime) -> None:
    saved = connection.execute("SELECT body FROM state WHERE name = 'escalations_cleared_at'").fetchone()
    if saved is not None:
        with contextlib.suppress(ValueError, TypeError):
            if datetime.fromisoformat(saved[0].strip('"')) >= cleared:
                return
    connection.execute("INSERT OR REPLACE INTO state (name, body) VALUES ('escalations_cleared_at', ?)",
                       (write_json(cleared),))


def write_json_safe(value: Any) -> str:
    """Any value read from TOML as JSON text (dates and times as text)."""
    import json

    return json.dumps(value, default=str, ensure_ascii=False, separators=(",", ":"))
