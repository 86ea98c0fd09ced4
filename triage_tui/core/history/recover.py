"""`triage-tui history --recover`: bring back what can be read from whatever was set aside.

Sources: old TOML files moved aside (`sessions.corrupt-*.toml`...), database files moved aside
(`history.corrupt-*.sqlite3`), and records set aside one by one. Nothing comes back twice: a
session already in the history (same start time, or same content) is skipped, and each source
is marked as looked at, so running it again changes nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from pathlib import Path
from typing import Any

from triage_tui.core.history import database as db
from triage_tui.core.history.migrate import Unreadable, add_session_row, import_table, later_clearance, newer_screening, read_toml_file
from triage_tui.core.history.rows import (
    SESSION_COLUMNS,
    read_json,
    screening_from_text,
    screening_text,
    session_from_row,
    session_from_table,
    session_row,
    state_from_rows,
)

_MARK = "recover:"
_COLUMNS = ", ".join(SESSION_COLUMNS)


def _sources(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if db.CORRUPT_MARK in p.name and p.suffix in (".toml", ".sqlite3"))


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def waiting(connection: sqlite3.Connection, folder: Path) -> list[str]:
    """Set-aside files and records `--recover` has not looked at yet, named for a notice."""
    seen = {name for (name,) in connection.execute("SELECT name FROM imported WHERE name LIKE 'recover:%'")}
    names = [p.name for p in _sources(folder) if _MARK + p.name not in seen]
    (records,) = connection.execute("SELECT COUNT(*) FROM set_aside WHERE restored = 0").fetchone()
    if records:
        names.append(f"{records} record{'' if records == 1 else 's'} inside {db.DB_FILE}")
    return names


class _Known:
    """The sessions already in the history, to skip duplicates."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        rows = connection.execute(f"SELECT {_COLUMNS} FROM sessions").fetchall()
        self.starts = {row[0] for row in rows if row[0] is not None}
        self.rows = {tuple(row) for row in rows}
        self.added = self.skipped = 0

    def keep(self, row: tuple[Any, ...]) -> bool:
        if row[0] in self.starts or tuple(row) in self.rows:
            self.skipped += 1
            return False
        self.starts.add(row[0])
        self.rows.add(tuple(row))
        self.added += 1
        return True


def _place(connection: sqlite3.Connection, row: tuple[Any, ...]) -> None:
    """Add a recovered session where it belongs by its start time (its sequence number between
    its neighbours'), so the last session is still the last one done."""
    if row[0] is None:
        add_session_row(connection, row)
        return
    (before,) = connection.execute("SELECT MAX(seq) FROM sessions WHERE started_at <= ?", (row[0],)).fetchone()
    if before is None:
        (first,) = connection.execute("SELECT MIN(seq) FROM sessions").fetchone()
        add_session_row(connection, row, None if first is None else first - 1)
        return
    (after,) = connection.execute("SELECT MIN(seq) FROM sessions WHERE seq > ?", (before,)).fetchone()
    add_session_row(connection, row, None if after is None else (before + after) / 2)


def recover(connection: sqlite3.Connection, folder: Path, at: str) -> list[str]:
    """Bring back every readable set-aside record; returns what was done, in lines for a person."""
    lines: list[str] = []
    with db.folder_lock(folder), db.transaction(connection):
        known = _Known(connection)

        def keep(row: tuple[Any, ...]) -> bool:
            if known.keep(row):
                _place(connection, row)
            return False  # placed here, not appended by the importer

        seen = {name for (name,) in connection.execute("SELECT name FROM imported WHERE name LIKE 'recover:%'")}
        for path in _sources(folder):
            if _MARK + path.name in seen:
                continue
            before = known.added, known.skipped
            try:
                digest = _digest(path)
                if path.suffix == ".toml":
                    table, _ = read_toml_file(path)
                    kind = path.name.split(db.CORRUPT_MARK)[0]
                    import_table(connection, kind, table, path.name, at, keep)
                else:
                    _from_database(connection, path, keep)
            except (Unreadable, OSError, sqlite3.Error) as error:
                lines.append(f"{path.name}: nothing could be read ({str(error)[:80]}).")
                digest = digest if "digest" in locals() else ""
            else:
                lines.append(f"{path.name}: {known.added - before[0]} sessions brought back, "
                             f"{known.skipped - before[1]} were already there.")
            connection.execute("INSERT OR REPLACE INTO imported (name, sha256, at) VALUES (?, ?, ?)",
                               (_MARK + path.name, digest, at))
        lines += _from_set_aside_rows(connection, known, keep)
    if not lines:
        lines.append("Nothing was set aside: there is nothing to recover.")
    else:
        lines.append("The set-aside files are kept. Delete them yourself once you are happy with your history.")
    return lines


def _from_database(connection: sqlite3.Connection, path: Path, keep: Any) -> None:
    """Read a set-aside database from a copy (with its -wal), row by row."""
    import shutil  # only when a set-aside file is read: not at every start
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.sqlite3"
        shutil.copyfile(path, copy)
        with contextlib.suppress(FileNotFoundError):
            shutil.copyfile(f"{path}-wal", f"{copy}-wal")
        other = sqlite3.connect(copy)
        try:
            for row in other.execute(f"SELECT {_COLUMNS} FROM sessions ORDER BY seq, id"):
                with contextlib.suppress(ValueError):
                    record, rules_hash = session_from_row(tuple(row), "session")
                    keep(session_row(record, rules_hash))
            with contextlib.suppress(sqlite3.Error, ValueError, TypeError):
                (body,) = other.execute("SELECT body FROM screening").fetchone()
                newer_screening(connection, screening_text(screening_from_text(body)))
            with contextlib.suppress(sqlite3.Error, ValueError):
                state = state_from_rows(other.execute("SELECT name, body FROM state").fetchall())
                if "escalations_cleared_at" in state:
                    later_clearance(connection, state["escalations_cleared_at"])
                if "clearance" in state:
                    from triage_tui.core.history.clearance_record import keep_later

                    keep_later(connection, state["clearance"])
        finally:
            other.close()


def _from_set_aside_rows(connection: sqlite3.Connection, known: _Known, keep: Any) -> list[str]:
    """Records set aside one by one: those readable now come back; the rest stay, marked as seen."""
    rows = connection.execute("SELECT id, kind, body, why FROM set_aside WHERE restored = 0").fetchall()
    back = still = 0
    for ident, kind, body, _why in rows:
        restored = -1
        with contextlib.suppress(ValueError):
            value = read_json(body, "record")
            if kind == "session-row" and isinstance(value, list) and len(value) == len(SESSION_COLUMNS):
                record, rules_hash = session_from_row(tuple(value), "session")
                keep(session_row(record, rules_hash))
                restored = 1
            elif kind == "session":
                keep(session_row(*session_from_table(value, "session")))
                restored = 1
            elif kind in ("screening", "screening-row"):
                newer_screening(connection, screening_text(screening_from_text(
                    body if kind == "screening" else value)))
                restored = 1
        back += restored == 1
        still += restored == -1
        connection.execute("UPDATE set_aside SET restored = ? WHERE id = ?", (restored, ident))
    lines = []
    if back:
        lines.append(f"{back} set-aside record{'' if back == 1 else 's'} could be read again and "
                     f"{'was' if back == 1 else 'were'} brought back (duplicates skipped).")
    if still:
        lines.append(f"{still} set-aside record{'' if still == 1 else 's'} still cannot be read; "
                     f"{'it stays' if still == 1 else 'they stay'} set aside inside {db.DB_FILE}.")
    return lines
