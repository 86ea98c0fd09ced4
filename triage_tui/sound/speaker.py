"""Speak through the system's speech command, never blocking the timer.

The first of espeak-ng, spd-say (Linux) or say (macOS) found on PATH. Each utterance is a
child process; a newer one cuts off the one still speaking, so two never overlap and a stale
cue is never heard late. Starting a process takes a millisecond or two; the speaker never
waits for one to finish. A missing or failing command changes nothing but the sound.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Sequence

COMMANDS = (("espeak-ng", ()), ("spd-say", ("--wait",)), ("say", ()))
"""Speech commands, in the order they are looked for, with the options each needs."""


def find_command(path: str | None = None) -> list[str] | None:
    """The speech command to use (with its options), or None when there is none."""
    import shutil  # deferred: it pulls in compression modules, and start-up is counted

    for name, options in COMMANDS:
        found = shutil.which(name, path=path)
        if found:
            return [found, *options]
    return None


class Speaker:
    """Says one thing at a time; `log` keeps (clock time, words) of every request."""

    def __init__(self, command: Sequence[str] | None, clock: Callable[[], float] | None = None) -> None:
        self.command = list(command) if command else None
        self.clock = clock
        self.log: list[tuple[float | None, str]] = []
        self.failed: str | None = None
        """Why speaking stopped working, in words (None while it works)."""
        self._speaking: subprocess.Popen[bytes] | None = None
        self._stopped: list[subprocess.Popen[bytes]] = []

    @property
    def available(self) -> bool:
        return self.command is not None and self.failed is None

    def say(self, words: str) -> None:
        """Start saying `words`, cutting off whatever is still being said."""
        self.log.append((self.clock() if self.clock else None, words))
        if not self.available:
            return
        self.hush()
        try:
            self._speaking = subprocess.Popen(
                [*self.command, words],  # type: ignore[misc]
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=os.name == "posix",  # Ctrl+C in the terminal is for the app
            )
        except OSError as error:
            self.failed = f"the speech command could not start ({error.strerror or error})"

    def hush(self) -> None:
        """Stop speaking now; finished or stopped processes are reaped without waiting."""
        current, self._speaking = self._speaking, None
        if current is not None and current.poll() is None:
            try:
                current.kill()
            except OSError:
                pass
            self._stopped.append(current)
        self._stopped = [p for p in self._stopped if p.poll() is None]

    def close(self) -> None:
        self.hush()
