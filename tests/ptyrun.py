"""Run a program in a real pseudo-terminal and time how long until given text appears."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import fcntl
import time
from collections.abc import Sequence

_ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


class PtyProcess:
    """A child process attached to a pty of the given size; read its screen output as text."""

    def __init__(self, argv: Sequence[str], size: tuple[int, int] = (100, 32), env: dict[str, str] | None = None):
        self.master, slave = pty.openpty()
        cols, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        full_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows), **(env or {})}
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=full_env,
                                     start_new_session=True, close_fds=True)
        os.close(slave)
        self.raw = b""
        self.seen = 0
        """How much of the (escape-free) output earlier waits have matched and passed."""

    def elapsed(self) -> float:
        """Seconds since launch."""
        return time.perf_counter() - self.started

    def text(self) -> str:
        return _ESCAPES.sub(b"", self.raw).decode("utf-8", "replace")

    def read_for(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                self.raw += chunk

    def wait_for(self, text: str, timeout: float = 30.0) -> float:
        """Seconds from launch until `text` appears in output newer than the last match."""
        needle = text.encode()
        end = time.perf_counter() + timeout
        while True:
            plain = _ESCAPES.sub(b"", self.raw)
            found = plain.find(needle, self.seen)
            if found >= 0:
                self.seen = found + len(needle)
                return time.perf_counter() - self.started
            if time.perf_counter() >= end:
                break
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                self.raw += chunk
        raise TimeoutError(f"{text!r} did not appear; got: {self.text()[-400:]!r}")

    def wait_exit(self, timeout: float = 20.0) -> int:
        """Wait for the program to end, reading its output meanwhile (a full pty would block it)."""
        end = time.perf_counter() + timeout
        while self.proc.poll() is None:
            if time.perf_counter() >= end:
                raise TimeoutError(f"still running after {timeout} s")
            self.read_for(0.05)
        return self.proc.returncode

    def send(self, data: str) -> None:
        os.write(self.master, data.encode())

    def close(self) -> int | None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.read_for(0.05)
        os.close(self.master)
        return self.proc.returncode


def through_quick_check(app: PtyProcess, pain: int = 3) -> None:
    """Drive the real `triage-tui` from its home screen (with a saved screening) through the
    quick check to the session setup screen: keys are sent only once each screen is drawn."""
    def step(marker: str, keys: str) -> None:
        app.wait_for(marker)
        app.read_for(0.15)  # drawn; let it take focus before typing
        app.send(keys)

    step("Quick check and start", "\r")
    step("None of these (n)", "n")  # the urgent items on one list
    step("You and your pain · 1 of 1", f"{pain}\r")
    app.wait_for("Get-ready countdown")
    app.read_for(0.15)
