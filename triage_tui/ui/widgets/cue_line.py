"""The session's cue line: what a cue says, kept on screen long enough to be seen.

A countdown cue (10 seconds left, 3, 2, 1) flashes for FLASH_SECONDS. The end of a part
("Time! Come out slowly", "Go! Other side") stays until the next part has shown its first
second, so a person who had their eyes closed or looked away still finds it. With no cue up,
the line shows its resting words (while paused: why, and what to press). Every cue changes
words, not only colour (`-cue`, `-phase-end`).
"""

from __future__ import annotations

from textual.timer import Timer
from textual.widgets import Static

FLASH_SECONDS = 1.5


class CueLine(Static):
    """One line (or a few, for advice after a pause) under the countdown."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.resting = ""
        self.flash_timer: Timer | None = None
        self.held: tuple[int, int] | None = None
        """(phase index, the first second it showed) while an end cue stays on screen."""

    @property
    def busy(self) -> bool:
        """A cue is up (flashing or held)."""
        return self.flash_timer is not None or self.held is not None

    def rest(self, text: str) -> None:
        """The words for when no cue is up; shown now unless a cue is."""
        self.resting = text
        if not self.busy:
            self._show(text)

    def flash(self, text: str) -> None:
        """A countdown cue, for FLASH_SECONDS (it replaces any cue up now)."""
        self.stop(show=False)
        self._show(text, "-cue")
        self.flash_timer = self.set_timer(FLASH_SECONDS, self._unflash)

    def hold(self, text: str, index: int, first_second: int) -> None:
        """The end of a part: kept until phase `index` has shown more than `first_second`."""
        self.stop(show=False)
        self._show(text, "-phase-end")
        self.held = (index, first_second)

    def pin(self, text: str) -> None:
        """Words that stay until replaced (the end of the session)."""
        self.stop(show=False)
        self._show(text, "-phase-end")

    def seen(self, index: int, display: int) -> None:
        """The timer now shows `display` in phase `index`: a held end cue goes once the next
        part's first second is over."""
        if self.held is not None and (index != self.held[0] or display < self.held[1]):
            self.held = None
            if self.flash_timer is None:
                self._show(self.resting)

    def stop(self, show: bool = True) -> None:
        """Take down any cue now (pausing or going on says so at once, over any cue)."""
        if self.flash_timer is not None:
            self.flash_timer.stop()
        self.flash_timer, self.held = None, None
        if show:
            self._show(self.resting)

    def _unflash(self) -> None:
        self.flash_timer = None
        if self.is_mounted and self.held is None:
            self._show(self.resting)

    def _show(self, text: str, flash: str | None = None) -> None:
        if str(self.content) != text:  # an update costs a layout pass
            self.update(text)
        for css_class in ("-cue", "-phase-end"):
            self.set_class(css_class == flash, css_class)
