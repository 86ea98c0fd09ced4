"""A real app in a real pseudo-terminal: a session cut short by SIGTERM or SIGHUP is saved.

Also checks that the app opens and quits cleanly from the console script, as people run it.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from pathlib import Path

import pytest

from ptyrun import PtyProcess, through_quick_check
from triage_tui.core.history.store import Store
from ui_helpers import seed_screening

pytestmark = pytest.mark.slow  # a real app in a pty

APP = shutil.which("triage-tui") or str(Path(sys.executable).parent / "triage-tui")


def env_for(tmp_path: Path) -> dict[str, str]:
    return {"TRIAGE_TUI_DATA_DIR": str(tmp_path / "data"), "TRIAGE_TUI_CACHE_DIR": os.environ["TRIAGE_TUI_CACHE_DIR"],
            "HOME": str(tmp_path)}


def start_session(app: PtyProcess) -> None:
    """From the home screen: quick check, setup with no get-ready countdown, the timer running."""
    through_quick_check(app, pain=3)
    app.send("\x1b[B\x1b[B")  # down, down: to the get-ready countdown
    app.send("\x1b[D" * 12)  # left: down to 0 s
    app.read_for(0.3)
    app.send("\r")
    app.wait_for("LEFT leg in front")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_mid_hold_saves_the_session_as_interrupted(tmp_path, benign, signum) -> None:
    seed_screening(tmp_path, benign)
    app = PtyProcess([APP], env=env_for(tmp_path))
    try:
        start_session(app)
        app.read_for(0.9)  # the hold runs (a real clock): more than the 0.5 s checked below
        app.proc.send_signal(signum)
        app.wait_exit()
    finally:
        app.close()
    assert app.proc.returncode == 128 + signum
    (record, _), = Store(tmp_path / "data").load_sessions()
    assert record.ended == "interrupted" and record.partial
    assert 0.5 <= record.holds[0].done <= 10
    assert record.pain_before == 3 and record.ended_at is not None


def test_the_app_opens_and_quits(tmp_path) -> None:
    app = PtyProcess([APP], env=env_for(tmp_path))
    try:
        app.wait_for("a safe start for the 90/90 hip stretch")
        app.send("q")
        app.wait_exit()
    finally:
        app.close()
    assert app.proc.returncode == 0
