"""The process ends whenever its terminal goes away, whatever dialog is open (issue 11, item 10).

A real app in a real pseudo-terminal: Ctrl+Q opens "Quit now?", then the terminal closes
(the pty's master end is closed, so the app gets SIGHUP and its reads fail). It must save and
exit, never hang.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ptyrun import PtyProcess

pytestmark = pytest.mark.slow  # a real app in a pty

APP = shutil.which("triage-tui") or str(Path(sys.executable).parent / "triage-tui")


@pytest.mark.parametrize("where", ["home", "question"])
def test_the_terminal_closing_under_the_quit_dialog_ends_the_process(tmp_path, where) -> None:
    env = {"TRIAGE_TUI_DATA_DIR": str(tmp_path / "data"), "TRIAGE_TUI_CACHE_DIR": os.environ["TRIAGE_TUI_CACHE_DIR"],
           "HOME": str(tmp_path)}
    app = PtyProcess([APP], env=env)
    try:
        app.wait_for("a safe start for the 90/90 hip stretch")
        if where == "question":
            app.send("\r")
            app.wait_for("Warning signs")
            app.send("n\r")  # one answer given: quitting now would lose it, so the app asks
            app.wait_for("Warning signs")
        app.send("\x11")  # Ctrl+Q
        if where == "question":
            app.wait_for("Quit now?")
        os.close(app.master)  # the terminal goes away
        app.master = os.open(os.devnull, os.O_RDONLY)  # keep close() happy
        try:
            app.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pytest.fail("the app kept running after its terminal closed")
    finally:
        app.close()
    assert app.proc.returncode is not None
