"""The session page's top line: the part of the session in words, and the progress bar.

Side by side when both fit on one line; otherwise the bar goes on a line of its own under the
words, so the words never run into the bar. Words too long for a line break between their
parts (at " · "), so "round 1 of 2" never splits and its "2" never drops onto a line alone.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

GAP = 2
"""Columns kept between the words and the bar."""


class SessionHead(Horizontal):
    """`words` and `bar` on one line, or on two (class `-stacked`) when they do not fit."""

    def __init__(self, words: Static, bar: ProgressBar, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.words = words
        self.bar = bar
        self.text = ""
        """The words, on one line."""

    def compose(self) -> ComposeResult:
        yield self.words
        yield self.bar

    def say(self, text: str) -> None:
        """Show other words (the phase, paused or not), and fit the line to them."""
        self.text = text
        self.words.update(text)
        self.fit()

    def on_resize(self) -> None:
        self.fit()

    def fit(self) -> None:
        """Stack the bar under the words when the two do not fit side by side."""
        width = self.content_size.width
        if not self.is_mounted or width == 0:
            return  # not laid out yet: the first resize fits it
        bar = self.bar.outer_size.width if self.bar.display else 0
        needed = cell_len(self.text) + (GAP + bar if bar else 0)
        self.set_class(needed > width, "-stacked")
        shown = "\n".join(by_parts(self.text, width))
        if str(self.words.content) != shown:
            self.words.update(shown)


def by_parts(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, broken only between its " · " parts (a part
    longer than a line is left to wrap by itself)."""
    lines: list[str] = []
    parts = text.split(" · ")
    for n, part in enumerate(parts):
        end = "" if n == len(parts) - 1 else " ·"  # the mark a line broken after this part ends with
        if lines and cell_len(f"{lines[-1]} · {part}{end}") <= width:
            lines[-1] = f"{lines[-1]} · {part}"
        else:
            if lines:
                lines[-1] += " ·"
            lines.append(part)
    return lines
