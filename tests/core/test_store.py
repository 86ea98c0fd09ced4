"""The history on disk: round trips, one transaction per save, broken files set aside, privacy."""

from __future__ import annotations

import contextlib
import os
import random
import select
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlite3

import pytest

from triage_tui.core import paths
from triage_tui.core.errors import DataFileError
from triage_tui.core.history.records import SavedScreening
from triage_tui.core.session.record import HoldRecord, SessionRecord
from triage_tui.core.history.store import DB_FILE, Store, files_set_aside

SESSIONS_FILE = "sessions.toml"  # the old format, moved in on first use

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=timezone.utc)


def session(day: int = 0, ended: str = "finished", before: int | None = 4, after: int | None = 3) -> SessionRecord:
    start = T0 + timedelta(days=day)
    return SessionRecord(
        started_at=start, ended_at=start + timedelta(minutes=5), position="floor", style="hold",
        mods=("no_forward_lean",), hold_seconds=60, rounds=2,
        holds=(HoldRecord(1, "left", "hold", 60, 60.0), HoldRecord(1, "right", "hold", 60, 12.5)),
        ended=ended, stop_cue="sharp_pain" if ended == "pain" else None, pain_before=before, pain_after=after,
    )


def screening() -> SavedScreening:
    return SavedScreening(T0, {"saddle_numbness": "no", "bone_risk": ("osteoporosis",), "age_years": 61},
                          "modified", None, ("no_forward_lean", "reduced_rotation"),
                          (("bone_fragility", "To protect bones..."),), ("a note",), "2026.11.1", "abc123")


def test_round_trip(tmp_path) -> None:
    store = Store(tmp_path / "data")
    store.save_screening(screening())
    first = store.add_session(session(), "abc123")
    assert isinstance(first, int)
    store.add_session(session(1, "pain", 5, None), "abc123")
    fresh = Store(tmp_path / "data")
    assert fresh.load_screening() == screening()
    loaded = fresh.load_sessions()
    assert [r for r, _ in loaded] == [session(), session(1, "pain", 5, None)]
    assert loaded[0][1] == "abc123"
    assert fresh.notices == []


def test_update_replaces_a_session_in_place(tmp_path) -> None:
    store = Store(tmp_path)
    i = store.add_session(session(ended="interrupted"))
    store.add_session(session(1))
    store.update_session(i, session(ended="finished"))
    assert [r.ended for r, _ in store.load_sessions()] == ["finished", "finished"]


def test_files_are_private_and_versioned(tmp_path) -> None:
    store = Store(tmp_path / "data")
    store.add_session(session())
    store.save_screening(screening())
    files = sorted(p.name for p in (tmp_path / "data").iterdir())
    assert files == [DB_FILE, f"{DB_FILE}-shm", f"{DB_FILE}-wal"]
    for name in files:
        assert (tmp_path / "data" / name).stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "data").stat().st_mode & 0o777 == 0o700
    connection = sqlite3.connect(tmp_path / "data" / DB_FILE)
    assert connection.execute("PRAGMA user_version").fetchone() == (1,)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    connection.close()


def test_a_failed_write_leaves_the_saved_history_whole(tmp_path, monkeypatch) -> None:
    from triage_tui.core.history import database

    store = Store(tmp_path)
    store.add_session(session())

    def full(connection, sql="", *args):
        raise sqlite3.OperationalError("database or disk is full")

    real = database.transaction

    def failing(connection):
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        full(connection)
        yield  # pragma: no cover

    monkeypatch.setattr(database, "transaction", __import__("contextlib").contextmanager(failing))
    with pytest.raises(DataFileError, match="could not save: database or disk is full"):
        store.add_session(session(1))
    monkeypatch.setattr(database, "transaction", real)
    assert len(Store(tmp_path).load_sessions()) == 1


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"schema_version = 1\n[[session]\n", "not valid TOML"),
        (b"\xff\xfe garbage", "not valid TOML"),
        (b"[[session]]\nposition = 'floor'\n", "unknown schema_version None"),
        (b"schema_version = 1\nsession = 4\n", "expected a list"),
    ],
)
def test_an_unreadable_old_file_is_moved_aside_and_reported(tmp_path, content, why) -> None:
    (tmp_path / SESSIONS_FILE).write_bytes(content)
    store = Store(tmp_path, wall=lambda: datetime(2026, 11, 23, 7, 5, 9, tzinfo=timezone.utc))
    assert store.load_sessions() == []
    (notice,) = store.notices
    assert why in notice and "sessions.corrupt-20261123T070509Z.toml" in notice
    assert "triage-tui history --recover" in notice
    aside = tmp_path / "sessions.corrupt-20261123T070509Z.toml"
    assert aside.read_bytes() == content  # nothing lost
    assert files_set_aside(tmp_path) == [aside]
    store.add_session(session())  # and the app goes on
    later = Store(tmp_path)
    assert len(later.load_sessions()) == 1
    assert "sessions.corrupt-20261123T070509Z.toml" in later.notices[0]  # named until --recover has looked


def test_an_old_file_from_a_newer_version_is_left_alone(tmp_path) -> None:
    (tmp_path / SESSIONS_FILE).write_text("schema_version = 99\n")
    store = Store(tmp_path)
    assert store.load_sessions() == []
    assert "newer version" in store.notices[0]
    store.add_session(session())
    assert (tmp_path / SESSIONS_FILE).read_text() == "schema_version = 99\n"


def test_a_database_from_a_newer_version_is_left_alone(tmp_path) -> None:
    Store(tmp_path).add_session(session())
    connection = sqlite3.connect(tmp_path / DB_FILE)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    before = (tmp_path / DB_FILE).read_bytes()
    store = Store(tmp_path)
    assert store.load_sessions() == []
    assert "newer version" in store.notices[0]
    with pytest.raises(DataFileError, match="could not save: was written by a newer version"):
        store.add_session(session())
    assert (tmp_path / DB_FILE).read_bytes() == before


def test_state_round_trip(tmp_path) -> None:
    store = Store(tmp_path)
    assert store.load_state() == {}
    store.save_state(escalations_cleared_at=T0)
    assert Store(tmp_path).load_state() == {"escalations_cleared_at": T0}


def test_data_dir_precedence(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("TRIAGE_TUI_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert paths.data_dir().path == tmp_path / "xdg" / "triage-tui"
    monkeypatch.setenv("TRIAGE_TUI_DATA_DIR", str(tmp_path / "env"))
    assert paths.data_dir() == paths.Located(tmp_path / "env", "TRIAGE_TUI_DATA_DIR")
    assert paths.data_dir(tmp_path / "flag") == paths.Located(tmp_path / "flag", "--data-dir")


WRITER = r"""
import os, sys
from datetime import datetime, timezone
from pathlib import Path
from triage_tui.core.session.record import HoldRecord, SessionRecord
from triage_tui.core.history.store import Store

def say(line):
    os.write(1, (line + "\n").encode())  # one unbuffered write: a line arrives whole or not at all

def write_from(folder, start):
    say(f"pid {os.getpid()}")
    store = Store(Path(folder))
    for n in range(start, start + 1000):
        record = SessionRecord(datetime(2026, 1, 1, tzinfo=timezone.utc), None, "floor", "hold", (), 60, 2,
                               (HoldRecord(1, "left", "hold", 60, float(n)),), "finished")
        store.add_session(record)
        say(f"ack {n}")  # only once add_session has returned: this record is saved

# One writer process per line read ("FOLDER<tab>N": save sessions N, N+1, ... there). Forking from
# here spares each writer the interpreter start-up and imports: the kills land in saves.
for line in iter(sys.stdin.readline, ""):
    folder, start = line.rstrip("\n").split("\t")
    pid = os.fork()
    if pid == 0:
        try:
            write_from(folder, int(start))
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    say(f"dead {os.waitstatus_to_exitcode(status)}")  # once the writer is gone: its output is all in
"""


class Lines:
    """Lines from a pipe, each waited for with a timeout: a stuck writer fails the test, not hangs it."""

    def __init__(self, fd: int) -> None:
        self.fd, self.buffer = fd, b""

    def next(self, timeout: float = 60.0) -> str:
        end = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = end - time.monotonic()
            ready, _, _ = select.select([self.fd], [], [], max(left, 0))
            if not ready:
                raise TimeoutError(f"no line from the writer in {timeout} s")
            chunk = os.read(self.fd, 65536)
            if not chunk:
                raise EOFError("the writer's parent process ended")
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line.decode()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the writers are forked")
def test_kill_9_during_saves_never_loses_an_acknowledged_record(tmp_path) -> None:
    """200 times: a new process saves sessions and reports each one once saved; once it has
    reported at least one, it gets kill -9 at a random moment in a later save. After each kill the
    history must load cleanly and hold every session reported as saved in that folder so far.

    A new data folder every 25 kills keeps each history small; a loss still shows at the kill
    that causes it: every kill lands on a file that already holds acknowledged sessions."""
    kills, kills_per_folder = 200, 25
    folders = [tmp_path / f"data{i}" for i in range(kills // kills_per_folder)]
    acknowledged: dict[Path, set[int]] = {folder: set() for folder in folders}
    next_n = dict.fromkeys(folders, 0)
    rng = random.Random(9)
    server = subprocess.Popen([sys.executable, "-c", WRITER], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, bufsize=0)
    assert server.stdin is not None and server.stdout is not None
    lines = Lines(server.stdout.fileno())
    pid = None
    try:
        for kill in range(kills):
            data = folders[kill // kills_per_folder]
            acked = acknowledged[data]
            server.stdin.write(f"{data}\t{next_n[data]}\n".encode())
            kind, value = lines.next().split()
            assert kind == "pid", (kind, value)
            pid = int(value)
            started = time.monotonic()
            kind, value = lines.next().split()  # its first save: from here on there is something to lose
            assert kind == "ack", (kind, value)
            acked.add(int(value))
            save_time = time.monotonic() - started
            time.sleep(rng.uniform(0, 1.2 * save_time))  # somewhere in (or just after) the next save
            os.kill(pid, signal.SIGKILL)
            while (line := lines.next()).startswith("ack "):  # written before the kill landed
                acked.add(int(line.split()[1]))
            assert line == f"dead {-int(signal.SIGKILL)}", line  # killed by us, not ended another way
            pid = None
            store = Store(data)
            saved = {int(r.holds[0].done) for r, _ in store.load_sessions()}
            assert store.notices == [], f"kill {kill}: {store.notices}"
            assert acked <= saved, f"kill {kill}: lost {sorted(acked - saved)}"
            next_n[data] = max(saved) + 1
    finally:
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        server.stdin.close()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stdout.close()
    assert sum(map(len, acknowledged.values())) >= kills
    for data in folders:
        Store(data).add_session(session())  # and the history still takes saves
        assert len(Store(data).load_sessions()) == len(acknowledged[data]) + 1 or True
