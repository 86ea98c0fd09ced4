"""The history on disk: round trips, atomic writes, corrupt files set aside, privacy, the folder."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from triage_tui.core import paths
from triage_tui.core.errors import DataFileError
from triage_tui.core.history.records import SavedScreening
from triage_tui.core.session.record import HoldRecord, SessionRecord
from triage_tui.core.history.store import SESSIONS_FILE, Store, files_set_aside

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
    index = store.add_session(session(), "abc123")
    assert index == 0
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
    for name in ("sessions.toml", "screening.toml"):
        path = tmp_path / "data" / name
        assert path.stat().st_mode & 0o777 == 0o600
        assert path.read_text().startswith("schema_version = 1\n")
    assert (tmp_path / "data").stat().st_mode & 0o777 == 0o700


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch) -> None:
    store = Store(tmp_path)
    store.add_session(session())
    before = (tmp_path / SESSIONS_FILE).read_bytes()

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(DataFileError, match="cannot be saved: No space left on device"):
        store.add_session(session(1))
    monkeypatch.undo()
    assert (tmp_path / SESSIONS_FILE).read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert len(Store(tmp_path).load_sessions()) == 1


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"schema_version = 1\n[[session]\n", "not valid TOML"),
        (b"\xff\xfe garbage", "not valid TOML"),
        (b"schema_version = 1\n[[session]]\nposition = 3\n", "session[0].holds: missing"),
        (b"[[session]]\nposition = 'floor'\n", "unknown schema_version None"),
        (b"schema_version = 1\nsession = 4\n", "expected a list"),
    ],
)
def test_a_corrupt_file_is_moved_aside_and_reported(tmp_path, content, why) -> None:
    (tmp_path / SESSIONS_FILE).write_bytes(content)
    store = Store(tmp_path, wall=lambda: datetime(2026, 11, 23, 7, 5, 9, tzinfo=timezone.utc))
    assert store.load_sessions() == []
    (notice,) = store.notices
    assert why in notice and "sessions.corrupt-20261123T070509Z.toml" in notice
    aside = tmp_path / "sessions.corrupt-20261123T070509Z.toml"
    assert aside.read_bytes() == content  # nothing lost
    assert files_set_aside(tmp_path) == [aside]
    store.add_session(session())  # and the app goes on
    assert len(Store(tmp_path).load_sessions()) == 1


def test_a_file_from_a_newer_version_is_left_alone(tmp_path) -> None:
    (tmp_path / SESSIONS_FILE).write_text("schema_version = 99\n")
    store = Store(tmp_path)
    assert store.load_sessions() == []
    assert "newer version" in store.notices[0]
    with pytest.raises(DataFileError, match="saving would overwrite it"):
        store.add_session(session())
    assert (tmp_path / SESSIONS_FILE).read_text() == "schema_version = 99\n"


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
import sys
from datetime import datetime, timezone
from pathlib import Path
from triage_tui.core.session.record import HoldRecord, SessionRecord
from triage_tui.core.history.store import Store

store = Store(Path(sys.argv[1]))
start = int(sys.argv[2])
for n in range(start, start + 1000):
    record = SessionRecord(datetime(2026, 1, 1, tzinfo=timezone.utc), None, "floor", "hold", (), 60, 2,
                           (HoldRecord(1, "left", "hold", 60, float(n)),), "finished")
    store.add_session(record)
    print(n, flush=True)
"""


def test_kill_9_during_saves_never_loses_an_acknowledged_record(tmp_path) -> None:
    """200 times: save sessions in a child, kill -9 it at a random moment, then check that the
    history loads and holds every session the child had reported as saved."""
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    data = tmp_path / "data"
    rng = random.Random(9)
    acknowledged: list[int] = []
    next_n = 0
    for _ in range(200):
        child = subprocess.Popen([sys.executable, str(script), str(data), str(next_n)],
                                 stdout=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.05, 0.25))
        child.kill()
        out, _ = child.communicate()
        acknowledged += [int(line) for line in out.split()]
        store = Store(data)
        saved = [int(r.holds[0].done) for r, _ in store.load_sessions()]
        assert store.notices == []
        assert set(acknowledged) <= set(saved)
        next_n = max(saved, default=next_n - 1) + 1
    assert acknowledged, "the child never got to save anything"
    Store(data).add_session(session())  # the next save clears temp files left by the kills
    assert [p.name for p in data.iterdir() if p.name.endswith(".tmp")] == []
