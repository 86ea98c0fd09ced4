"""The store's hold on its SQLite file: opening it (moving old files in), running each read or
save, retrying when the file was replaced, setting aside a broken file or bad records, notices.

`Store` (core.history.store) builds the record API on this; nothing here knows a record's fields.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from triage_tui.core.clock import utc_now
from triage_tui.core.errors import DataFileError, Problem
from triage_tui.core.history import database as db
from triage_tui.core.history.database import DB_FILE, Unusable

RECOVER_HINT = "To get back what can be read, run: triage-tui history --recover"
_T = TypeVar("_T")


class _Moved(Exception):
    """The database file was replaced since this store opened it: open it again."""


class Keeper:
    """Holds one connection to the history file and runs every read and save through it."""

    def __init__(self, folder: Path, wall: Callable[[], datetime] = utc_now) -> None:
        self.folder = Path(folder)
        self.wall = wall
        self.notices: list[str] = []
        """What went wrong with the history, in plain words, for the screen and `triage-tui where`."""
        self._connection: sqlite3.Connection | None = None
        self._inode = 0
        self._blocked: str | None = None
        self._keys: dict[int, str] = {}
        self._lock = threading.RLock()
        self._looked_around = False

    @property
    def path(self) -> Path:
        return self.folder / DB_FILE


    def close(self) -> None:
        """Let go of the database file (a store opens it again when next used)."""
        with self._lock:
            self._close()

    # --- the database -------------------------------------------------------------------------

    def _read(self, work: Callable[[sqlite3.Connection], _T]) -> _T | None:
        return self._run(work, write=False)

    def _write(self, work: Callable[[sqlite3.Connection], _T]) -> _T:
        return self._run(work, write=True)  # type: ignore[return-value]

    def _run(self, work: Callable[[sqlite3.Connection], _T], *, write: bool,
             own_transaction: bool = False) -> _T | None:
        with self._lock:
            for _ in range(5):
                connection = self._open(write)
                if connection is None:
                    return None
                try:
                    if not write or own_transaction:
                        return work(connection)
                    with db.transaction(connection):
                        if self._moved():
                            raise _Moved
                        return work(connection)
                except _Moved:
                    self._close()
                except sqlite3.Error as error:
                    if db.is_corrupt(error):
                        self._set_aside_file(db.describe(error))
                        continue
                    return self._fail(db.describe(error), write)
            return self._fail("the history file kept being replaced", write)

    def _open(self, write: bool) -> sqlite3.Connection | None:
        if self._blocked is not None:
            if write:
                raise DataFileError([Problem(str(self.path), "", f"could not save: {self._blocked}")])
            return None
        if self._connection is not None:
            return self._connection
        old = [name for name in db.OLD_FILES if (self.folder / name).exists()]  # three look-ups; the
        # migration itself (and tomllib) is imported only when an old file is there
        try:
            self._inode = os.lstat(self.path).st_ino
        except OSError:
            self._inode = 0
        try:
            opened = db.open_db(self.folder, create=write or bool(old))
        except Unusable as error:
            self._block(error.why)
            return self._open(write)
        except sqlite3.Error as error:
            if db.is_corrupt(error):
                self._set_aside_file(db.describe(error))
                return self._open(write) if self._blocked is None else None
            return self._fail(db.describe(error), write)
        except OSError as error:
            return self._fail(db.describe(error), write)
        if opened is None:
            return None
        self._connection, self._inode = opened
        if not db.has_tables(self._connection):  # made a moment ago by another copy, not set up yet
            self._close()
            return None
        if old:
            from triage_tui.core.history import migrate

            for notice in migrate.move_in(self._connection, self.folder, old, self.wall):
                self._say(notice)
        self._look_around()
        return self._connection

    def _moved(self) -> bool:
        try:
            return os.stat(self.path).st_ino != self._inode
        except OSError:
            return True

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _fail(self, why: str, write: bool) -> None:
        if write:
            raise DataFileError([Problem(str(self.path), "", f"could not save: {why}")])
        self._say(f"Your history could not be read ({why}). Nothing was changed.")
        return None

    def _block(self, why: str) -> None:
        self._blocked = why
        self._say(f"{DB_FILE} {why}.")

    def _say(self, notice: str) -> None:
        if notice not in self.notices:
            self.notices.append(notice)

    def _set_aside_file(self, why: str) -> None:
        """The database is not a database: move it aside (unique name) and start a new one."""
        inode = self._inode
        self._close()
        if not inode:
            try:
                inode = os.lstat(self.path).st_ino
            except OSError:
                return
        try:
            aside = db.set_aside_db(self.folder, inode, self.wall())
        except OSError as error:
            self._block(f"could not be read ({why}) nor moved aside ({db.describe(error)})")
            return
        self._inode = 0
        if aside is not None:
            self._say(f"Your history file could not be read ({why}). It was moved to {aside.name} and a "
                      f"new one was started. {RECOVER_HINT}")

    def _put_aside(self, kind: str, items: list[tuple[Any, str, str]],
                   still_bad: Callable[[sqlite3.Connection, Any], tuple[str, str] | None], words: str) -> None:
        """Move bad records into the set-aside table, one by one, and say so once.

        Each is checked again inside the transaction: a record another copy of the app has
        since rewritten (or already set aside) is left alone."""
        n = len(items)
        self._say(words.format(n=n, s="" if n == 1 else "s", why=items[0][2],
                               it_was="It was" if n == 1 else "They were"))
        table, column = {"session": ("sessions", "id"), "screening": ("screening", "id"),
                         "state": ("state", "name")}[kind]
        at = self.wall().isoformat()

        def move(c: sqlite3.Connection) -> None:
            for ident, _, _ in items:
                found = still_bad(c, ident)
                if found is None:
                    continue
                c.execute("INSERT INTO set_aside (kind, source, body, why, at) VALUES (?, ?, ?, ?, ?)",
                          (kind + "-row", DB_FILE, found[0], found[1], at))
                c.execute(f"DELETE FROM {table} WHERE {column} = ?", (ident,))

        try:
            self._write(move)
        except DataFileError:
            pass  # left where it is (a read-only file): still skipped, still reported

    def _look_around(self) -> None:
        """Once per store: name every set-aside file and record not yet looked at by --recover."""
        if self._looked_around or self._connection is None:
            return
        self._looked_around = True
        from triage_tui.core.history import recover

        told = " ".join(self.notices)
        waiting = [name for name in recover.waiting(self._connection, self.folder) if name not in told]
        if waiting:
            self._say("Some of your history was put aside because it could not be read: "
                      f"{', '.join(waiting)}. {RECOVER_HINT}")
