"""Spoken cues: what is said and when (on the engine clock), through a fake speech command on
PATH; a slow, missing or failing command never holds up the timer."""

from __future__ import annotations

import io
import os
import stat
import time
from pathlib import Path

from fakes import FakeClock
from journey_helpers import NOW, ZONE, Wall
from plain_helpers import ScriptedLines, Wait
from support import RULES_DIR
from test_plain import baseline_lines
from triage_tui.core.session.settings import Settings
from triage_tui.plain.launch import run_plain
from triage_tui.sound.speaker import Speaker, find_command


def fake_command(folder: Path, name: str = "espeak-ng", body: str = "") -> Path:
    """A speech command that appends what it was asked to say to `said.txt` (after `body`)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f'#!/bin/sh\n{body}\nprintf "%s\\n" "$1" >> "{folder}/said.txt"\n')
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def wait_for_file(path: Path, lines: int, timeout: float = 10.0) -> list[str]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if path.exists() and len(said := path.read_text().splitlines()) >= lines:
            return said
        time.sleep(0.02)
    raise AssertionError(f"{path} has {path.read_text() if path.exists() else 'nothing'}")


def test_a_whole_two_round_session_is_said_in_order_on_time(tmp_path):
    clock = FakeClock()
    speaker = Speaker(None, clock.now)  # no command: only what was asked, and when
    script = ["", *baseline_lines(), "", Wait(400), "s", ""]
    code = run_plain(str(RULES_DIR), str(tmp_path / "data"), settings=Settings(hold=30, prep=5, rounds=2),
                     stdout=io.StringIO(), stderr=io.StringIO(), source=ScriptedLines(script, clock), clock=clock,
                     wall=Wall(NOW), tz=ZONE, speaker=speaker)
    assert code == 0
    start = speaker.log[0][0]
    said = [(round(at - start, 1), words) for at, words in speaker.log]
    expected_first = [(0.0, "Get ready. 5 seconds."), (2.0, "3."), (3.0, "2."), (4.0, "1."),
                      (5.0, "Go. Start the stretch. Left leg in front. Hold 30 seconds."),
                      (25.0, "10 seconds left."), (32.0, "3."), (33.0, "2."), (34.0, "1."),
                      (35.0, "Time. Come out slowly. Switch sides."), (42.0, "3."), (43.0, "2."), (44.0, "1."),
                      (45.0, "Go. Other side. Right leg in front. Hold 30 seconds.")]
    for (at, words), (want_at, want) in zip(said, expected_first, strict=False):
        assert words == want and abs(at - want_at) <= 0.2
    assert said[-1][1] == "Time. Well done."
    assert sum(words == "10 seconds left." for _, words in said) == 4  # 2 rounds x 2 sides
    assert [at for at, _ in said] == sorted(at for at, _ in said)


def test_the_words_reach_the_speech_command_on_path(tmp_path):
    folder = tmp_path / "bin"
    fake_command(folder)
    command = find_command(str(folder))
    assert command == [str(folder / "espeak-ng")]
    speaker = Speaker(command)
    speaker.say("Left leg in front. Hold 60 seconds.")
    assert wait_for_file(folder / "said.txt", 1) == ["Left leg in front. Hold 60 seconds."]
    speaker.close()


def test_a_slow_command_never_holds_up_the_caller_and_a_newer_cue_cuts_it_off(tmp_path):
    folder = tmp_path / "bin"
    path = fake_command(folder)
    path.write_text(path.read_text() + "sleep 5\n")  # says it, then takes 5 s to finish
    speaker = Speaker([str(folder / "espeak-ng")])
    started = time.perf_counter()
    speaker.say("first")
    first = speaker._speaking  # noqa: SLF001 (the test looks at the process it started)
    speaker.say("second")
    assert time.perf_counter() - started < 1.0  # it never waits for the 5 s command
    assert first is not None and first.wait(5) != 0  # cut off, not finished
    said = folder / "said.txt"
    deadline = time.monotonic() + 15
    while "second" not in (said.read_text().splitlines() if said.exists() else []):
        assert time.monotonic() < deadline, "the newer cue was never said"
        time.sleep(0.02)
    assert said.read_text().splitlines()[-1] == "second"  # the cut-off one, if heard at all, came first
    speaker.close()


def test_a_missing_or_failing_command_changes_nothing_but_the_sound(tmp_path):
    assert find_command(str(tmp_path)) is None
    speaker = Speaker([str(tmp_path / "gone")])
    speaker.say("hello")
    assert speaker.failed and not speaker.available
    speaker.say("again")  # no error, no retry
    folder = tmp_path / "bin"
    fake_command(folder, body="exit 1")
    failing = Speaker([str(folder / "espeak-ng")])
    failing.say("one")
    failing.say("two")
    assert failing.available
    failing.close()


def test_plain_voice_without_a_speech_command_says_so_once(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    err = io.StringIO()
    clock = FakeClock()
    run_plain(str(RULES_DIR), str(tmp_path / "data"), stdout=io.StringIO(), stderr=err,
              source=ScriptedLines([], clock), clock=clock, wall=Wall(NOW), tz=ZONE, voice=True)
    assert err.getvalue().count("No speech command was found") == 1
    assert os.environ["PATH"] == str(tmp_path)
