"""Spoken cues in the full-screen app: said through the speech command on PATH, hushed by `m`,
and when there is none, the setup page says so once (the bell sounds instead)."""

from __future__ import annotations

from fakes import FakeClock
from test_voice import fake_command
from triage_tui.core.history.store import Store
from triage_tui.ui.app import TriageApp
from ui_helpers import FIXED_NOW, RULESET, advance, at_setup
from datetime import timezone


def voiced(tmp_path, benign, clock):
    at_setup(tmp_path, benign, clock)  # saves the screening; the app below starts from it
    store = Store(tmp_path / "data", wall=lambda: FIXED_NOW)
    return TriageApp(RULESET, store, clock=clock, wall=lambda: FIXED_NOW, tz=timezone.utc, voice=None)


async def test_the_session_is_said_and_m_hushes_it(tmp_path, benign, monkeypatch) -> None:
    fake_command(tmp_path / "bin")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    clock = FakeClock()
    app = voiced(tmp_path, benign, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter", "n")  # home: the quick check; its list: none of these
        await pilot.press("3", "enter")  # pain today
        await pilot.pause()
        await pilot.press("enter")  # the setup as it is: start
        await pilot.pause()
        await advance(pilot, clock, 12, step=1.0)
        speaker = app.driver.speaker
        assert speaker is not None and speaker.command == [str(tmp_path / "bin" / "espeak-ng")]
        said = [words for _, words in speaker.log]
        assert said[0] == "Get ready. 10 seconds."
        assert "Go. Start the stretch. Left leg in front. Hold 60 seconds." in said
        await pilot.press("m")
        before = len(speaker.log)
        await advance(pilot, clock, 50, step=1.0)
        assert len(speaker.log) == before  # muted: nothing more is said
    app.driver.close()


async def test_without_a_speech_command_the_setup_says_so_once(tmp_path, benign, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    app = voiced(tmp_path, benign, FakeClock())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter", "n", "3", "enter")
        await pilot.pause()
        note = str(app.screen.query_one("#no-voice").text)
        assert "No speech command was found" in note and "bell" in note
        assert app.driver.voice_note() is None  # once
