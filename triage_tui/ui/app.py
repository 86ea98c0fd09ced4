"""The Textual application: shared keys, quitting safely, and the one flow that drives screens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from triage_tui.core.clock import Clock, MonotonicClock, utc_now
from triage_tui.core.ruleset import RuleSet
from triage_tui.ui.flow import Flow
from triage_tui.ui.screens.welcome import WelcomeScreen


def local_now() -> datetime:
    """The wall-clock time, timezone-aware, in the local zone."""
    return datetime.now().astimezone()


class TriageApp(App[int]):
    """Home screen; Start runs the journey of `triage_tui.ui.flow` (screening, then session)."""

    CSS_PATH = "styles/app.tcss"
    TITLE = "triage-tui"
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
        Binding("question_mark,f1", "help", "Help", priority=True, id="app.help"),
    ]

    def __init__(self, ruleset: RuleSet, *, data_dir: Path, now: Callable[[], datetime] = local_now,
                 summary_dir: Path | None = None, clock: Clock | None = None,
                 wall: Callable[[], datetime] = utc_now) -> None:
        super().__init__()
        self.ruleset = ruleset
        self.data_dir = data_dir
        self.now = now
        """Local wall-clock time for dates shown to the person (tests pass a fixed one)."""
        self.clock: Clock = clock if clock is not None else MonotonicClock()
        """Monotonic clock that times sessions (tests pass a FakeClock)."""
        self.wall = wall
        """UTC wall-clock time for records."""
        self.summary_dir = summary_dir if summary_dir is not None else Path.home()
        """Where a saved summary goes by default."""
        self.unsaved: str | None = None
        """What quitting now would lose, in words; None when nothing would be lost."""

    def get_default_screen(self) -> Screen:
        ruleset = self.ruleset
        return WelcomeScreen(f"{ruleset.name} {ruleset.version} ({ruleset.short_hash})")

    def on_welcome_screen_started(self) -> None:
        # A second Start (a double-tap) while the journey runs must not start another one.
        if not any(w.group == "flow" and w.is_running for w in self.workers):
            self.run_flow()

    @work(exclusive=True, group="flow")
    async def run_flow(self) -> None:
        """The journey from Start on; it ends back on the home screen or by exiting the app."""
        await Flow(self).run()

    async def action_quit(self) -> None:
        from triage_tui.ui.screens.confirm import ConfirmModal  # deferred: not needed to start

        if self.unsaved is None:
            self.exit(0)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.exit(0)

        if not isinstance(self.screen, ConfirmModal):
            await self.push_screen(ConfirmModal(f"Quit now? {self.unsaved} will be lost.", "Quit", "Stay"), answered)

    def action_help(self) -> None:
        from triage_tui.ui.screens.help import HelpModal  # deferred: not needed to start

        if not isinstance(self.screen, HelpModal):
            self.push_screen(HelpModal())
