"""The private history on disk: the last screening, every session, and a little state.

One SQLite file (`core.history.database`), one transaction per save, records addressed by id and
ordered by a sequence number. Each record is checked on its own when read (`core.history.rows`);
a bad one is put aside alone, with a notice, and the rest stay visible. Old TOML files are
moved in on first use (`core.history.migrate`).
"""

from __future__ import annotations

import gc
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

from triage_tui.core.history.database import CORRUPT_MARK, DB_FILE
from triage_tui.core.history.keeper import RECOVER_HINT, Keeper
from triage_tui.core.history.records import SavedScreening
from triage_tui.core.history.outlines import CODED_QUERY, OUTLINE_COLUMNS, outlines_from_coded, outlines_from_rows
from triage_tui.core.history.rows import (
    SESSION_COLUMNS,
    screening_from_text,
    screening_text,
    session_from_row,
    session_row,
    state_from_rows,
    write_json,
)
from triage_tui.core.session.record import SessionRecord

__all__ = ["CORRUPT_MARK", "DB_FILE", "Store", "StoredSession", "files_set_aside"]

StoredSession = tuple[SessionRecord, str]
"""A session and the content hash of the rules it ran under."""
_COLUMNS = ", ".join(SESSION_COLUMNS)
_SET = ", ".join(f"{c} = ?" for c in SESSION_COLUMNS)
_NEXT_SEQ = "(SELECT COALESCE(MAX(seq), 0) + 1 FROM sessions)"


class Store(Keeper):
    """Reads and writes the history. Every save is one transaction; every read is checked.

    `Store(folder, wall=...)`; `notices` says, in plain words, what went wrong with the files."""

    # --- screening ----------------------------------------------------------------------------

    def load_screening(self) -> SavedScreening | None:
        row = self._read(lambda c: c.execute("SELECT id, body FROM screening").fetchone())
        if row is None:
            return None
        try:
            return screening_from_text(row[1])
        except ValueError as error:
            def still_bad(c: sqlite3.Connection, ident: Any) -> tuple[str, str] | None:
                again = c.execute("SELECT body FROM screening WHERE id = ?", (ident,)).fetchone()
                try:
                    return None if again is None else screening_from_text(again[0]) and None
                except ValueError as error:
                    return write_json(again[0]), str(error)

            self._put_aside("screening", [(row[0], write_json(row[1]), str(error))], still_bad,
                            "Your saved screening could not be read ({why}). It was put aside, so the "
                            "app will ask the full screening again. " + RECOVER_HINT)
            return None

    def save_screening(self, screening: SavedScreening) -> None:
        text = screening_text(screening)
        self._write(lambda c: c.execute(f"INSERT OR REPLACE INTO screening (id, seq, body) VALUES "
                                        f"(1, {_NEXT_SEQ}, ?)", (text,)))

    # --- sessions -----------------------------------------------------------------------------

    def load_sessions(self, last: int | None = None) -> list[StoredSession]:
        """Every session (or the `last` few), in the order they were saved."""
        query = f"SELECT id, {_COLUMNS} FROM sessions ORDER BY seq, id"
        if last is not None:
            query = (f"SELECT id, {_COLUMNS} FROM sessions WHERE seq >= COALESCE((SELECT seq FROM sessions "
                     f"ORDER BY seq DESC LIMIT 1 OFFSET {max(int(last), 1) - 1}), -1e308) ORDER BY seq, id")
        return self._sessions(query, full=True)

    def load_outlines(self) -> list[SessionRecord]:
        """Every session without its exercise details (mods and holds left empty): enough for
        counting, streaks and escalations, at a fraction of the cost."""
        with _Bulk():
            coded = self._read(lambda c: c.execute(CODED_QUERY).fetchall()) or []
            fast = outlines_from_coded(coded)
            if fast is not None:
                return fast
            del coded
            rows = self._read(lambda c: c.execute(f"SELECT id, {', '.join(OUTLINE_COLUMNS)} FROM sessions "
                                                  "ORDER BY seq, id").fetchall()) or []
            outlines, problems = outlines_from_rows(rows)
        if problems:
            self._set_aside_sessions([(ident, "", why) for ident, why in problems], full=False)
        return outlines

    def _sessions(self, query: str, full: bool) -> list[StoredSession]:
        good: list[StoredSession] = []
        bad: list[tuple[int, str, str]] = []
        with _Bulk():
            rows = self._read(lambda c: c.execute(query).fetchall()) or []
            for row in rows:
                try:
                    good.append(session_from_row(row[1:], f"session {row[0]}", full=full))
                except ValueError as error:
                    bad.append((row[0], write_json(list(row[1:])), str(error)))
        if bad:
            self._set_aside_sessions(bad, full=full)
        return good

    def _set_aside_sessions(self, bad: list[tuple[int, str, str]], full: bool) -> None:
        def still_bad(c: sqlite3.Connection, ident: Any) -> tuple[str, str] | None:
            row = c.execute(f"SELECT {_COLUMNS} FROM sessions WHERE id = ?", (ident,)).fetchone()
            try:
                if row is not None:
                    session_from_row(row, f"session {ident}", full=full)
                return None
            except ValueError as error:
                return write_json(list(row)), str(error)

        self._put_aside("session", bad, still_bad, "{n} saved session{s} could not be read ({why}). "
                        "{it_was} put aside, and the rest of your history is shown as usual. " + RECOVER_HINT)

    def add_session(self, record: SessionRecord, rules_hash: str = "") -> int:
        """Save a new session; returns its id (to update it as it goes on)."""
        key = os.urandom(12).hex()
        values = (key, *session_row(record, rules_hash))
        session_id = self._write(lambda c: c.execute(
            f"INSERT INTO sessions (key, seq, {_COLUMNS}) VALUES (?, {_NEXT_SEQ}, {', '.join('?' * len(SESSION_COLUMNS))})",
            values).lastrowid)
        assert session_id is not None
        self._keys[session_id] = key
        return session_id

    def update_session(self, session_id: int, record: SessionRecord, rules_hash: str = "") -> None:
        """Replace a session saved earlier (a running session saves its progress this way).

        The row is found by the key it was saved with; if it has gone (set aside, or the file was
        replaced), it is saved again once, and later updates change that copy."""
        key = self._keys.get(session_id)
        values = session_row(record, rules_hash)

        def update(c: sqlite3.Connection) -> str:
            if key is not None:
                changed = c.execute(f"UPDATE sessions SET {_SET} WHERE key = ?", (*values, key)).rowcount
            else:
                changed = c.execute(f"UPDATE sessions SET {_SET} WHERE id = ?", (*values, session_id)).rowcount
            new_key = key or os.urandom(12).hex()
            if not changed:
                c.execute(f"INSERT INTO sessions (key, seq, {_COLUMNS}) VALUES "
                          f"(?, {_NEXT_SEQ}, {', '.join('?' * len(SESSION_COLUMNS))})", (new_key, *values))
            return new_key

        self._keys[session_id] = self._write(update)

    # --- small state --------------------------------------------------------------------------

    def load_state(self) -> dict[str, Any]:
        rows = self._read(lambda c: c.execute("SELECT name, body FROM state").fetchall()) or []
        state: dict[str, Any] = {}
        for name, text in rows:
            try:
                state.update(state_from_rows([(name, text)]))
            except ValueError as error:
                def still_bad(c: sqlite3.Connection, ident: Any) -> tuple[str, str] | None:
                    again = c.execute("SELECT name, body FROM state WHERE name = ?", (ident,)).fetchone()
                    try:
                        return None if again is None else state_from_rows([again]) and None
                    except ValueError as error:
                        return write_json(again[1]), str(error)

                self._put_aside("state", [(name, write_json(text), str(error))], still_bad,
                                "A saved setting could not be read ({why}). It was put aside. " + RECOVER_HINT)
        return state

    def save_state(self, **values: Any) -> None:
        rows = [(name, write_json(value)) for name, value in values.items() if value is not None]
        self._write(lambda c: c.executemany("INSERT OR REPLACE INTO state (name, body) VALUES (?, ?)", rows))

    def recover(self) -> list[str]:
        """Bring back what can be read of everything set aside (`triage-tui history --recover`)."""
        from triage_tui.core.history import recover

        at = self.wall().isoformat()
        lines = self._run(lambda c: recover.recover(c, self.folder, at), write=True, own_transaction=True)
        return lines or []

    def close(self) -> None:
        """Let go of the database file (a store opens it again when next used)."""
        with self._lock:
            self._close()


class _Bulk:
    """The cyclic garbage collector paused while a bulk read turns rows into records.

    Decades of history are tens of thousands of small tuples, none of them in a cycle; the
    collector would walk the growing list again and again as they are made (about a tenth of
    `triage-tui history` at 30,000 sessions). It is switched back on when the last bulk read
    ends, if it was on before the first: counted under a lock, so reads on two threads at once
    can never leave it off."""

    _lock = threading.Lock()
    _depth = 0
    _was_on = False

    def __enter__(self) -> None:
        with _Bulk._lock:
            if _Bulk._depth == 0:
                _Bulk._was_on = gc.isenabled()
                gc.disable()
            _Bulk._depth += 1

    def __exit__(self, *_: object) -> None:
        with _Bulk._lock:
            _Bulk._depth -= 1
            if _Bulk._depth == 0 and _Bulk._was_on:
                gc.enable()


def files_set_aside(folder: Path) -> list[Path]:
    """Files moved aside because they could not be read (for `triage-tui where`)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if CORRUPT_MARK in p.name)
