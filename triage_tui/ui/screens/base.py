"""The base of every page the journey shows: it draws one step and reports what was chosen.

A page never decides what comes next. It hands a journey event to `respond` (set by the app's
driver, `triage_tui.ui.driver`, or by a test's host app), which sends it to the journey and
shows the next step at once, replacing this page in one go: no flash of the screen underneath,
and keys typed ahead reach the next page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any, TYPE_CHECKING

from textual.binding import Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from triage_tui.core.journey.events import Event
    from triage_tui.core.session.snapshot import CueEvent


Respond = Callable[["StepScreen", "Event"], None]


def events() -> ModuleType:
    """The journey's events, imported when first sent: the home page is drawn before any exist."""
    from triage_tui.core.journey import events as module

    return module


PAGE_KEYS = [
    Binding("pagedown", "scroll_page(1)", show=False, priority=True),
    Binding("pageup", "scroll_page(-1)", show=False, priority=True),
]
"""For a page's BINDINGS: PgUp and PgDn scroll the part with a `MoreBelow`, whatever has focus
(an answer list would move its highlight instead)."""


class StepScreen(Screen[None]):
    """A page for one journey step. A page that may not fit the terminal yields a `MoreBelow`
    for its scrolling part, and adds `PAGE_KEYS` to its keys."""

    def __init__(self, step: Any, respond: Respond | None = None) -> None:
        super().__init__()
        self.step = step
        self.respond = respond
        """Where the person's choices go; None ignores them (a page shown for its looks only)."""

    def choose(self, event: Event) -> None:
        if self.respond is not None:
            self.respond(self, event)

    def accepts(self, step: Any) -> bool:
        """Can this page show `step` itself (else the driver puts a new page in its place)?"""
        return step is self.step

    def show_step(self, step: Any, cues: Sequence[CueEvent] = ()) -> None:
        """Draw `step` (one this page accepts), with the cues that came with it."""
        self.step = step

    def action_scroll_page(self, direction: int) -> None:
        for hint in self.query("MoreBelow"):
            page = hint.page  # type: ignore[attr-defined]
            (page.scroll_page_down if direction > 0 else page.scroll_page_up)(animate=False)

    def on_resize(self) -> None:
        """A taller terminal may show a page's end without any scrolling."""
        for hint in self.query("MoreBelow"):
            hint.call_after_refresh(hint.check)  # type: ignore[attr-defined]
