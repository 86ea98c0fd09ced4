"""Where plain mode writes: whole lines, flushed as they happen, with every control character
escaped, so no escape code ever reaches the terminal unless colour was asked for."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from triage_tui.core.limits import safe_text

STYLES = {"urgent": "\x1b[1;31m", "heading": "\x1b[1m", "muted": "\x1b[2m"}
RESET = "\x1b[0m"


class Output:
    """Writes lines to `stream`; with `color`, a few lines get bold or red (never meaning alone)."""

    def __init__(self, stream: TextIO, color: bool = False) -> None:
        self.stream: TextIO | None = stream
        self.color = color

    def _write(self, text: str) -> None:
        """Write and flush; once the reader has gone (a closed pipe), say so once, then stay quiet."""
        if self.stream is None:
            return
        try:
            self.stream.write(text)
            self.stream.flush()
        except BrokenPipeError:
            self.stream = None
            raise

    def line(self, text: str = "", style: str | None = None) -> None:
        for part in text.split("\n"):
            clean = safe_text(part, None)
            if self.color and style is not None and clean:
                clean = f"{STYLES[style]}{clean}{RESET}"
            self._write(clean + "\n")

    def lines(self, lines: Iterable[str]) -> None:
        for text in lines:
            style = "urgent" if text.startswith("!!") else None
            self.line(text, style)

    def prompt(self) -> None:
        self._write("> ")
