"""A countdown readable from across the room: 5-row digits drawn from block characters.

Textual's `Digits` is 3 rows tall; from 2 m away, on the floor, that is hard to read. This widget
draws each digit 6 cells wide and 5 rows tall from a small font table below. The glyphs are made
of characters, not colour, so they read the same with NO_COLOR. On a terminal smaller than
BIG_MIN (columns, rows) it falls back to the normal 3-row digits, and it chooses again whenever
the terminal is resized (`fit`).
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.renderables.digits import Digits as SmallDigits
from textual.widget import Widget

BIG_MIN = (40, 12)
"""The smallest terminal (columns, rows) that gets the big digits; at exactly 40x12 they still
fit with the phase, the cue line and the key bar (the instruction then scrolls)."""
ROWS = 5
GAP = 1
"""Blank columns between two glyphs."""

_B = "██"
FONT: dict[str, tuple[str, ...]] = {
    "0": ("██████", "██  ██", "██  ██", "██  ██", "██████"),
    "1": ("████  ", "  ██  ", "  ██  ", "  ██  ", "██████"),
    "2": ("██████", "    ██", "██████", "██    ", "██████"),
    "3": ("██████", "    ██", " █████", "    ██", "██████"),
    "4": ("██  ██", "██  ██", "██████", "    ██", "    ██"),
    "5": ("██████", "██    ", "██████", "    ██", "██████"),
    "6": ("██████", "██    ", "██████", "██  ██", "██████"),
    "7": ("██████", "    ██", "    ██", "    ██", "    ██"),
    "8": ("██████", "██  ██", "██████", "██  ██", "██████"),
    "9": ("██████", "██  ██", "██████", "    ██", "██████"),
    ":": ("  ", _B, "  ", _B, "  "),
    " ": ("  ",) * ROWS,
}
"""Each glyph: ROWS lines of equal width. Vertical strokes are two cells wide, as a cell is about
twice as tall as it is wide, so strokes look even."""


def big_lines(text: str) -> list[str]:
    """`text` (digits, ":" and spaces) as ROWS lines of block characters."""
    glyphs = [FONT.get(char, FONT[" "]) for char in text]
    return [(" " * GAP).join(glyph[row] for glyph in glyphs) for row in range(ROWS)]


def big_width(text: str) -> int:
    lines = big_lines(text)
    return len(lines[0]) if lines else 0


class BigDigits(Widget):
    """Shows `value` in 5-row digits, or 3-row ones on a small terminal (`big` False)."""

    DEFAULT_CSS = """
    BigDigits { width: auto; height: auto; }
    """

    value: reactive[str] = reactive("", layout=True)
    big: reactive[bool] = reactive(True, layout=True)

    def __init__(self, value: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(BigDigits.value, value)

    def update(self, value: str) -> None:
        self.value = value

    def fit(self, terminal: Size) -> None:
        """Choose the big or the normal digits for a terminal of this size."""
        self.big = terminal.width >= BIG_MIN[0] and terminal.height >= BIG_MIN[1]

    def render(self) -> RenderableType:
        if not self.big:
            return SmallDigits(self.value, self.rich_style)
        return Text("\n".join(big_lines(self.value)), style=self.rich_style, no_wrap=True, end="")

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return big_width(self.value) if self.big else SmallDigits.get_width(self.value)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return ROWS if self.big else 3
