"""Open plain mode: load the rules and the history, then drive the journey line by line.

Ctrl+C, SIGTERM and SIGHUP save a running session as interrupted, exactly as in the
full-screen app, then leave with 128 + the signal's number (130 for Ctrl+C).
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any, Literal, TextIO

from triage_tui.core import paths
from triage_tui.core.clock import Clock, MonotonicClock, implausible, utc_now
from triage_tui.core.errors import RulesError
from triage_tui.core.history.store import Store
from triage_tui.core.journey.persist import Persister, load_history, load_remembered, open_journey
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.session.settings import Settings, check_settings
from triage_tui.plain.face import Lines, PlainFace
from triage_tui.plain.output import Output
from triage_tui.plain.source import ThreadLines

if TYPE_CHECKING:
    from triage_tui.sound.speaker import Speaker

EXIT_BAD_INPUT = 2


class Signalled(Exception):
    """A signal asked the app to leave."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def run_plain(rules: str | None = None, data_dir: str | None = None, *,
              start: Literal["home", "session"] = "home", settings: Settings = Settings(), color: bool = False,
              stdin: TextIO | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None,
              source: Lines | None = None, clock: Clock | None = None, wall: Callable[[], datetime] = utc_now,
              tz: tzinfo | None = None, handle_signals: bool = False, voice: bool | None = None,
              speaker: Speaker | None = None) -> int:
    """Run the journey in plain lines; return the exit status. `voice`: True or False as
    `--voice` / `--no-voice` said; None (not given): as remembered for the session, else off."""
    out = Output(stdout or sys.stdout, color)
    err = Output(stderr or sys.stderr)
    try:
        ruleset = load_rules(paths.rules_dir(rules).path)
    except RulesError as error:
        err.line("triage-tui cannot start: the rules have problems.")
        for line in error.lines():
            err.line(line)
        return EXIT_BAD_INPUT
    wrong = implausible(wall())
    if wrong is not None:
        err.line(wrong)
        return EXIT_BAD_INPUT
    problems = check_settings(ruleset, settings)
    if problems:
        for problem in problems:
            err.line(problem)
        return EXIT_BAD_INPUT
    store = Store(paths.data_dir(data_dir).path, wall=wall)
    history = load_history(store)
    journey = open_journey(ruleset, history, clock or MonotonicClock(), wall=wall, tz=tz, start=start,
                           settings=settings, remembered=load_remembered(store))
    if source is None:
        source = ThreadLines(stdin or sys.stdin)
    if speaker is None and voice:
        speaker = _speaker(err, clock)
    face = PlainFace(journey, Persister(store), ruleset, out, err, source, notices=lambda: tuple(store.notices),
                     rules_label=f"{ruleset.name} {ruleset.version} ({ruleset.short_hash})",
                     auto_begin=settings.given, speaker=speaker, voice=voice,
                     make_speaker=lambda: _speaker(err, clock))
    previous = _catch_signals() if handle_signals else {}
    try:
        return face.run()
    except KeyboardInterrupt:
        return face.interrupt(130)
    except Signalled as signalled:
        return face.interrupt(signalled.code)
    except BrokenPipeError:
        return face.interrupt(128 + 13)  # the reader went away: save what runs, then leave
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if face.speaker is not None:  # given, or made for a voice remembered "on"
            face.speaker.close()


def _speaker(err: Output, clock: Clock | None) -> Speaker | None:
    """The speech command, or one line saying there is none (the cues are still written)."""
    from triage_tui.sound.speaker import Speaker, find_command

    command = find_command()
    if command is None:
        err.line("No speech command was found (espeak-ng, spd-say or say), so the cues are only written.")
        return None
    return Speaker(command, clock.now if clock is not None else None)


def _catch_signals() -> dict[int, Any]:
    def leave(signum: int, _frame: object) -> None:
        raise Signalled(128 + signum)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            previous[sig] = signal.signal(sig, leave)
    return previous
