"""The terminal window title, so a glance at the tab shows the phase and time left.

Textual has no API for the window title (textualize/textual#1782), so this writes the standard
OSC 2 sequence straight to the controlling terminal, one small write at a time; terminals that
do not support it ignore it. The old title is saved on the terminal's title stack and put back.
"""

from __future__ import annotations

import os


class TerminalTitle:
    """Sets the title only when it changes; does nothing without a terminal (tests, Windows)."""

    def __init__(self, enabled: bool) -> None:
        self.fd: int | None = None
        self.current = ""
        if enabled and hasattr(os, "O_NOCTTY"):
            try:
                self.fd = os.open("/dev/tty", os.O_WRONLY | os.O_NOCTTY)
            except OSError:
                self.fd = None
        self._write("\x1b[22;2t")  # push the current title

    def set(self, title: str) -> None:
        clean = "".join(ch for ch in title if ch.isprintable())
        if clean != self.current:
            self.current = clean
            self._write(f"\x1b]2;{clean}\x07")

    def close(self) -> None:
        self._write("\x1b[23;2t")  # pop: the title from before
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def _write(self, sequence: str) -> None:
        if self.fd is not None:
            try:
                os.write(self.fd, sequence.encode())
            except OSError:
                self.fd = None
