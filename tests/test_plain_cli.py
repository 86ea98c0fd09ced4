"""Plain mode as a whole process: chosen by itself without a terminal, forced either way, exit
codes, no escape bytes, no Textual or Rich imported, signals."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from plain_helpers import typed
from ptyrun import PtyProcess
from test_plain import baseline_lines
from ui.ui_helpers import RULESET

APP = [sys.executable, "-m", "triage_tui"]


def run(tmp_path, *args: str, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "NO_COLOR": "", **(env or {})}
    full_env.pop("TRIAGE_TUI_PLAIN", None)
    return subprocess.run([*APP, "--data-dir", str(tmp_path / "data"), *args], input=stdin, capture_output=True,
                          text=True, timeout=60, env=full_env)


def test_without_a_terminal_plain_mode_starts_by_itself_and_says_so_on_stderr(tmp_path):
    done = run(tmp_path, stdin="\n" + "\n".join(baseline_lines()[:3]) + "\n")
    assert done.returncode == 3
    first = done.stderr.splitlines()[0]
    assert "the input is not a terminal" in first and "--tui" in first
    assert done.stderr.splitlines()[-1] == "Stopped before the end: nothing was decided."
    assert done.stdout.startswith("triage-tui · a safe start for the 90/90 hip stretch\n")
    assert "\x1b" not in done.stdout + done.stderr


def test_an_urgent_answer_through_a_pipe_exits_0_with_the_advice(tmp_path):
    first = RULESET.questions[0]
    done = run(tmp_path, "session", "--plain", stdin=typed(RULESET, first.id, "yes") + "\n")
    assert done.returncode == 0, done.stderr
    assert "!! URGENT" in done.stdout
    assert "plain mode" not in done.stderr  # asked for: nothing to explain


def test_global_options_after_the_command(tmp_path):
    done = subprocess.run([*APP, "history", "--data-dir", str(tmp_path / "d"), "--json"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["sessions"] == []
    assert (tmp_path / "d").is_dir() or not (tmp_path / "data").exists()  # the folder given after the command


def test_settings_out_of_range_exit_2_with_one_line(tmp_path):
    done = run(tmp_path, "--plain", "--rounds", "9")
    assert done.returncode == 2
    assert done.stderr.strip() == "--rounds 9: the rounds per side must be from 1 to 4."


def test_the_plain_path_imports_neither_textual_nor_rich(tmp_path):
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "triage_tui", "--plain", "--data-dir",
                           str(tmp_path / "data")], input="\n", capture_output=True, text=True, timeout=60)
    modules = [line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")]
    assert "triage_tui.plain.face" in modules
    assert not [m for m in modules if m.split(".")[0] in ("textual", "rich")]


def test_colour_only_with_color_and_never_with_no_color(tmp_path):
    answer = typed(RULESET, RULESET.questions[0].id, "yes") + "\n"
    coloured = run(tmp_path, "session", "--plain", "--color", stdin=answer)
    assert "\x1b[" in coloured.stdout
    plain = run(tmp_path / "b", "session", "--plain", "--color", stdin=answer, env={"NO_COLOR": "1"})
    assert "\x1b" not in plain.stdout


@pytest.mark.slow
def test_in_a_terminal_tui_by_default_plain_with_term_dumb_and_tui_forces_the_app(tmp_path):
    data = ["--data-dir", str(tmp_path / "data")]
    dumb = PtyProcess([*APP, *data], env={"TERM": "dumb", "NO_COLOR": ""})
    try:
        dumb.wait_for("TERM is dumb")
        dumb.wait_for("> ")
        assert "\x1b[" not in dumb.raw.decode()
    finally:
        dumb.close()
    forced = PtyProcess([*APP, *data, "--tui"], env={"TERM": "dumb"})
    try:
        forced.wait_for("Start the screening (Enter)")  # the full-screen home page's button
        assert b"\x1b[" in forced.raw
    finally:
        forced.close()


@pytest.mark.slow
def test_sigterm_in_plain_mode_leaves_with_143(tmp_path):
    proc = subprocess.Popen([*APP, "--plain", "--data-dir", str(tmp_path / "data")], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    proc.stdout.readline()  # the first line: it is up and waiting
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(20) == 128 + signal.SIGTERM
    time.sleep(0)  # nothing else to wait for
