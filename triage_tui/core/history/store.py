"""The private history on disk: the last screening, every session, and a little state.

Files live in the data folder (see `core.paths`), are TOML written with tomli-w, carry a
`schema_version`, and are replaced atomically with mode 0600 (`core.atomic`), so a crash or a
`kill -9` leaves the old file or the new one, whole. A file that cannot be read is moved aside
with a timestamp (never silently dropped) and a notice says so; the app goes on without it.
"""

from __future__ import annotations

import contextlib
import os
import tomllib
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from triage_tui.core.atomic import make_private_dirs, write_atomic
from triage_tui.core.clock import utc_now
from triage_tui.core.errors import DataFileError, Problem
from triage_tui.core.history.records import (
    SCHEMA_VERSION,
    SavedScreening,
    screening_from_toml,
    screening_to_toml,
    session_from_toml,
    session_to_toml,
)
from triage_tui.core.session.record import SessionRecord

SCREENING_FILE = "screening.toml"
SESSIONS_FILE = "sessions.toml"
STATE_FILE = "state.toml"
CORRUPT_MARK = ".corrupt-"

StoredSession = tuple[SessionRecord, str]
"""A session and the content hash of the rules it ran under."""


class Store:
    """Reads and writes the data folder. Every write is atomic; every read is checked."""

    def __init__(self, folder: Path, wall: Callable[[], datetime] = utc_now) -> None:
        self.folder = folder
        self.wall = wall
        self.notices: list[str] = []
        """What went wrong with files, in words, for the screen and `triage-tui where`."""
        self._blocked: set[str] = set()

    # --- screening ----------------------------------------------------------------------------

    def load_screening(self) -> SavedScreening | None:
        table = self._read(SCREENING_FILE)
        if table is None or "screening" not in table:
            return None
        try:
            return screening_from_toml(table["screening"])
        except ValueError as error:
            self._set_aside(SCREENING_FILE, str(error))
            return None

    def save_screening(self, screening: SavedScreening) -> None:
        with self._locked():
            self._write(SCREENING_FILE, {"screening": screening_to_toml(screening)})

    # --- sessions -----------------------------------------------------------------------------

    def load_sessions(self) -> list[StoredSession]:
        table = self._read(SESSIONS_FILE)
        if table is None:
            return []
        try:
            items = table.get("session", [])
            if not isinstance(items, list):
                raise ValueError("session: expected a list of [[session]] tables")
            return [session_from_toml(item, f"session[{i}]") for i, item in enumerate(items)]
        except ValueError as error:
            self._set_aside(SESSIONS_FILE, str(error))
            return []

    def add_session(self, record: SessionRecord, rules_hash: str = "") -> int:
        """Append a session; returns its index (to update it as it goes on)."""
        with self._locked():
            sessions = self.load_sessions()
            sessions.append((record, rules_hash))
            self._write_sessions(sessions)
            return len(sessions) - 1

    def update_session(self, index: int, record: SessionRecord, rules_hash: str = "") -> None:
        """Replace a session saved earlier (a running session saves its progress this way)."""
        with self._locked():
            sessions = self.load_sessions()
            if 0 <= index < len(sessions):
                sessions[index] = (record, rules_hash)
            else:
                sessions.append((record, rules_hash))
            self._write_sessions(sessions)

    def _write_sessions(self, sessions: list[StoredSession]) -> None:
        self._write(SESSIONS_FILE, {"session": [session_to_toml(r, h) for r, h in sessions]})

    # --- small state --------------------------------------------------------------------------

    def load_state(self) -> dict[str, Any]:
        table = self._read(STATE_FILE)
        state = dict(table or {})
        state.pop("schema_version", None)
        cleared = state.get("escalations_cleared_at")
        if cleared is not None and not (isinstance(cleared, datetime) and cleared.tzinfo is not None):
            self._set_aside(STATE_FILE, "escalations_cleared_at: expected a date and time with its offset")
            return {}
        return state

    def save_state(self, **values: Any) -> None:
        with self._locked():
            state = self.load_state()
            state.update({k: v for k, v in values.items() if v is not None})
            self._write(STATE_FILE, state)

    # --- files --------------------------------------------------------------------------------

    def _read(self, name: str) -> dict[str, Any] | None:
        path = self.folder / name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            self._block(name, f"cannot be read ({error.strerror or error}); new entries will not be saved to it")
            return None
        try:
            table = tomllib.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            self._set_aside(name, f"not valid TOML ({str(error).split(' (at')[0]})")
            return None
        version = table.get("schema_version")
        if version == SCHEMA_VERSION:
            return table
        if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
            self._block(name, f"was written by a newer version of triage-tui (schema {version}); "
                              "it is left as it is and new entries will not be saved to it")
            return None
        self._set_aside(name, f"unknown schema_version {version!r}")
        return None

    def _write(self, name: str, table: dict[str, Any]) -> None:
        if name in self._blocked:
            raise DataFileError([Problem(str(self.folder / name), "", "not saved: this file could not be read, "
                                         "and saving would overwrite it")])
        import tomli_w  # deferred: only needed once something is saved

        document = {"schema_version": SCHEMA_VERSION, **table}
        try:
            write_atomic(self.folder / name, tomli_w.dumps(document), mode=0o600)
        except OSError as error:
            raise DataFileError([Problem(str(self.folder / name), "", f"cannot be saved: {error.strerror or error}")]) from None

    def _set_aside(self, name: str, why: str) -> None:
        path = self.folder / name
        stamp = self.wall().strftime("%Y%m%dT%H%M%SZ")
        aside = path.with_name(f"{path.stem}{CORRUPT_MARK}{stamp}{path.suffix}")
        try:
            os.replace(path, aside)
        except OSError as error:
            self._block(name, f"could not be read ({why}) nor moved aside ({error.strerror or error})")
            return
        self.notices.append(f"{name} could not be read ({why}). It was moved to {aside.name}; "
                            "the app goes on without it.")

    def _block(self, name: str, why: str) -> None:
        self._blocked.add(name)
        self.notices.append(f"{name} {why}.")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer at a time (two copies of the app must not lose each other's sessions)."""
        try:
            make_private_dirs(self.folder)  # 0700 with its parents, whatever the umask
        except OSError as error:
            raise DataFileError([Problem(str(self.folder), "", f"cannot create the data folder: "
                                         f"{error.strerror or error}")]) from None
        try:
            import fcntl
        except ImportError:  # Windows: atomic replace still protects each file
            yield
            return
        fd = os.open(self.folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._remove_stale_temp_files()
            yield
        finally:
            os.close(fd)  # closing releases the lock


    def _remove_stale_temp_files(self) -> None:
        """Left by a write that was killed; safe to remove while we hold the lock."""
        for name in (SCREENING_FILE, SESSIONS_FILE, STATE_FILE):
            for stale in self.folder.glob(f".{name}.*.tmp"):
                stale.unlink(missing_ok=True)


def files_set_aside(folder: Path) -> list[Path]:
    """Files moved aside because they could not be read (for `triage-tui where`)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if CORRUPT_MARK in p.name)
