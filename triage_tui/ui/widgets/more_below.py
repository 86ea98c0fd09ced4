"""A line that says, in words, that a page goes on below what fits on the terminal.

A scroll bar alone is easy to miss (and on a monochrome terminal hard to see), so a page that
does not fit says "More below" under itself until the person has scrolled to its end.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Static

WORDS = "↓ More below: scroll down, or PgDn"


class MoreBelow(Static):
    """Shown while `page` (a scrolling container) has more below its visible part."""

    DEFAULT_CSS = """
    MoreBelow {
        height: auto;
        padding: 0 2;
        text-style: bold;
        color: $text-accent;
        display: none;
    }
    MoreBelow.-more {
        display: block;
    }
    """

    def __init__(self, page: Widget, **kwargs: str) -> None:
        super().__init__(WORDS, markup=False, **kwargs)
        self.page = page
        """The container whose end is watched."""

    def on_mount(self) -> None:
        for attribute in ("scroll_y", "virtual_size", "show_vertical_scrollbar"):
            self.watch(self.page, attribute, self.check_soon, init=False)
        self.check_soon()

    def check_soon(self) -> None:
        """Check once the layout has settled (a watcher may fire half way through it)."""
        self.call_after_refresh(self.check)

    def check(self) -> None:
        """Show or hide the words for where the page is scrolled now.

        The line this takes comes off the page, so a shown hint hides only when the page would
        then end in view (2 lines left, not 1): otherwise a page one line too long would show
        and hide the hint for ever.
        """
        if self.is_mounted and self.page.is_mounted:
            left = self.page.max_scroll_y - round(self.page.scroll_y)
            self.set_class(left >= (2 if self.has_class("-more") else 1), "-more")
