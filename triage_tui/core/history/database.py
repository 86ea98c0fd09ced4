"""The one SQLite file that holds the history: opening it privately, its tables, and setting it
aside (under a unique name, never over another file) when it is not a database.

`history.sqlite3` in the data folder, WAL mode, a busy timeout so a second copy of the app waits
instead of failing, files 0600 in a 0700 folder. Nothing here decides what a record means.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from triage_tui.core.atomic import make_private_dirs

DB_FILE = "history.sqlite3"
SCHEMA_VERSION = 1
CORRUPT_MARK = ".corrupt-"
OLD_FILES = ("screening.toml", "sessions.toml", "state.toml")
"""The TOML files of versions before the database (moved in once, then kept as *.migrated)."""
BUSY_TIMEOUT = 60.0
"""Seconds a save waits for another copy of the app to finish its own."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT UNIQUE,
    seq REAL NOT NULL,
    started_at TEXT, ended_at TEXT, position TEXT, style TEXT, mods TEXT,
    hold_seconds INTEGER, rounds INTEGER, holds TEXT, ended TEXT, stop_cue TEXT,
    pain_before INTEGER, pain_after INTEGER, rules_hash TEXT
);
CREATE INDEX IF NOT EXISTS sessions_by_seq ON sessions (seq);
CREATE INDEX IF NOT EXISTS sessions_by_start ON sessions (started_at);
CREATE TABLE IF NOT EXISTS screening (id INTEGER PRIMARY KEY CHECK (id = 1), seq REAL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS set_aside (
    id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, source TEXT NOT NULL,
    body TEXT NOT NULL, why TEXT NOT NULL, at TEXT NOT NULL, restored INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS imported (name TEXT NOT NULL, sha256 TEXT NOT NULL, at TEXT NOT NULL,
                                     PRIMARY KEY (name, sha256));
"""


class Unusable(Exception):
    """The database cannot be used at all; `why` says so in a few words (for a notice)."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def is_corrupt(error: sqlite3.Error) -> bool:
    """SQLite says the file is not a database, or is damaged."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)
    text = str(error)
    return "not a database" in text or "malformed" in text


def describe(error: BaseException) -> str:
    """An OS or SQLite error in a few words."""
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error) or type(error).__name__


def check_place(path: Path) -> os.stat_result | None:
    """The database file's status, None if missing; Unusable if it is a link, folder or device."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise Unusable(f"cannot be looked at ({describe(error)})") from None
    if stat.S_ISLNK(info.st_mode):
        raise Unusable("is a symbolic link; it is not followed, so nothing can be saved")
    if not stat.S_ISREG(info.st_mode):
        raise Unusable("is not a regular file (a folder or a device); nothing can be saved")
    return info


def open_db(folder: Path, *, create: bool) -> tuple[sqlite3.Connection, int] | None:
    """A connection to the history (and the file's inode), made and set up if `create`.

    None when there is no database and `create` is False. Raises Unusable (a link, a folder, a
    newer schema), sqlite3.Error (corrupt, locked, read-only) or OSError.
    """
    path = folder / DB_FILE
    info = check_place(path)
    if info is None:
        if not create:
            return None
        make_private_dirs(folder)
        with contextlib.suppress(FileExistsError):  # made private before SQLite ever sees it
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600))
        info = check_place(path)
        assert info is not None
    old_umask = os.umask(0o077)  # -wal and -shm: private whatever SQLite's defaults
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
        try:
            _set_up(connection, create)
        except BaseException:
            connection.close()
            raise
    finally:
        os.umask(old_umask)
    for suffix in ("-wal", "-shm"):
        _make_private(Path(f"{path}{suffix}"))
    return connection, info.st_ino


def _set_up(connection: sqlite3.Connection, create: bool) -> None:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise Unusable(f"was written by a newer version of triage-tui (schema {version}); "
                       "it is left as it is and nothing new is saved to it")
    with contextlib.suppress(sqlite3.OperationalError):  # read-only: reads still work
        connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")  # an acknowledged save survives a power cut
    if version < SCHEMA_VERSION and create:
        with transaction(connection):
            if connection.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def has_tables(connection: sqlite3.Connection) -> bool:
    return connection.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION


@contextlib.contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction, taken at once (BEGIN IMMEDIATE): other writers wait for it."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _make_private(path: Path) -> None:
    with contextlib.suppress(OSError):
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077 and info.st_uid == getattr(os, "getuid", lambda: info.st_uid)():
            os.chmod(path, 0o600)


# --- setting aside ------------------------------------------------------------------------------


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[bool]:
    """Hold the data folder's own lock (flock on the folder; no lock file to go wrong).

    Yields False when it cannot be taken (then nothing may be moved)."""
    try:
        import fcntl
    except ImportError:  # Windows: a file in use cannot be renamed there anyway
        yield True
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield False
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield True
    finally:
        os.close(fd)  # closing releases the lock


def aside_name(path: Path, when: datetime) -> Path:
    """`history.corrupt-20261123T070509Z.sqlite3` for `history.sqlite3` (a suggestion only)."""
    return path.with_name(f"{path.stem}{CORRUPT_MARK}{when.strftime('%Y%m%dT%H%M%SZ')}{path.suffix}")


def move_aside(path: Path, aside: Path, before_removing: Callable[[Path], None] = lambda _: None) -> Path:
    """Move `path` to `aside`, or `aside-2`, `-3`... whichever name is free; never replaces a file.

    A hard link claims the new name atomically (it fails if the name is taken, even a moment
    after any check); `before_removing(new name)` runs, then the old name is removed. Returns
    the name used."""
    for n in range(1, 10_000):
        candidate = aside if n == 1 else aside.with_name(f"{aside.stem}-{n}{aside.suffix}")
        try:
            os.link(path, candidate, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError as error:
            if isinstance(error, (FileNotFoundError, PermissionError)):
                raise
            if os.path.lexists(candidate):  # no hard links here: the next free name, then rename
                continue
            before_removing(candidate)
            os.rename(path, candidate)
            return candidate
        before_removing(candidate)
        os.unlink(path)
        return candidate
    raise FileExistsError(aside)


def set_aside_db(folder: Path, seen_ino: int, when: datetime) -> Path | None:
    """Move the database that was found broken (inode `seen_ino`) and its -wal/-shm aside.

    Under the folder lock, and only if the file there is still that one: a copy of the app that
    read the broken file a moment ago never moves the new, good file another copy just made.
    Returns the new name, or None if it was already moved. Raises OSError if it cannot be moved."""
    path = folder / DB_FILE
    with folder_lock(folder) as locked:
        if not locked:
            raise PermissionError(13, "the data folder cannot be locked")
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            return None
        if info.st_ino != seen_ino:
            return None

        def side_files(aside: Path) -> None:  # first: a new database must never meet the old -wal
            for suffix in ("-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    move_aside(Path(f"{path}{suffix}"), Path(f"{aside}{suffix}"))

        return move_aside(path, aside_name(path, when), side_files)
