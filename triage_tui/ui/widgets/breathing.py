"""A pacing bar for slow breathing: it fills while you breathe in and empties as you breathe out."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widget import Widget
from textual.content import Content

from triage_tui.core.session.plan import breath, breath_next_change


class BreathingBar(Widget):
    """Shows "Breathe in" / "Breathe out" and a bar; redraws only when what it shows changes."""

    DEFAULT_CSS = """
    BreathingBar { height: 1; width: 1fr; }
    """

    shown: reactive[tuple[str, int]] = reactive(("Breathe in", 0))
    """The words and how many bar cells are filled."""

    CELLS = 10
    """Steps of the bar; each drawn two characters wide. Ten steps is smooth enough to follow
    and keeps redraws to about two a second (each redraw costs CPU for the whole hold)."""
    CELL_WIDTH = 2

    def set_elapsed(self, seconds: float) -> None:
        words, fraction = breath(seconds)
        self.shown = (words, round(fraction * self.CELLS))

    def next_change(self, seconds: float) -> float:
        """Seconds from `seconds` of breathing until the bar next looks different."""
        return breath_next_change(seconds, self.CELLS)

    def render(self) -> Content:
        words, filled = self.shown
        bar = "█" * (filled * self.CELL_WIDTH) + "░" * ((self.CELLS - filled) * self.CELL_WIDTH)
        return Content.from_markup("[b]$words[/b]  $bar", words=f"{words:<11}", bar=bar)
