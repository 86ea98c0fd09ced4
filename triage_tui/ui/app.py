"""The Textual application: shared keys, quitting safely, signals, and the journeys it starts."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Literal

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from triage_tui.core.clock import Clock, MonotonicClock, utc_now
from triage_tui.core.journey.due import Daily, daily
from triage_tui.core.errors import DataFileError
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.history.store import Store
from triage_tui.ui.flow import Flow
from triage_tui.ui.screens.welcome import WelcomeScreen


def local_now() -> datetime:
    """The wall-clock time, timezone-aware, in the local zone."""
    return datetime.now().astimezone()


class TriageApp(App[int]):
    """Home screen; its buttons start the journeys of `triage_tui.ui.flow`."""

    CSS_PATH = "styles/app.tcss"
    TITLE = "triage-tui"
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
        Binding("ctrl+c", "interrupt", "Quit", show=False, priority=True, id="app.interrupt"),
        Binding("question_mark,f1", "help", "Help", priority=True, id="app.help"),
    ]

    def __init__(self, ruleset: RuleSet, store: Store, *, now: Callable[[], datetime] = local_now,
                 summary_dir: Path | None = None, clock: Clock | None = None,
                 wall: Callable[[], datetime] = utc_now, start: Literal["home", "session"] = "home",
                 handle_signals: bool = False) -> None:
        super().__init__()
        self.ruleset = ruleset
        self.store = store
        self.now = now
        """Local wall-clock time for dates shown to the person (tests pass a fixed one)."""
        self.clock: Clock = clock if clock is not None else MonotonicClock()
        """Monotonic clock that times sessions (tests pass a FakeClock)."""
        self.wall = wall
        """UTC wall-clock time for records."""
        self.summary_dir = summary_dir if summary_dir is not None else Path.home()
        """Where a saved summary goes by default."""
        self.start = start
        self.handle_signals = handle_signals
        self.unsaved: str | None = None
        """What quitting now would lose, in words; None when nothing would be lost."""
        self.interrupt_hook: Callable[[], None] | None = None
        """Set while a session runs: saves it as interrupted (Ctrl+C, SIGTERM, SIGHUP)."""
        self.sessions = [record for record, _ in store.load_sessions()]

    # --- start-up -----------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        ruleset = self.ruleset
        label = f"{ruleset.name} {ruleset.version} ({ruleset.short_hash})"
        return WelcomeScreen(label, self.daily, lambda: list(self.store.notices))

    def on_mount(self) -> None:
        if self.handle_signals:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP):
                try:
                    loop.add_signal_handler(sig, self.on_signal, sig)
                except (NotImplementedError, RuntimeError, AttributeError):  # not on this platform
                    pass
        for notice in self.store.notices:
            self.notify(notice, title="A data file could not be read", severity="warning", timeout=15)
        if self.start == "session":
            self.post_message(WelcomeScreen.Started("quick" if self.daily().quick_check else "full"))

    def daily(self) -> Daily:
        state = self.store.load_state()
        return daily(self.ruleset, self.store.load_screening(), self.sessions, self.wall(),
                     state.get("escalations_cleared_at"))

    # --- journeys -----------------------------------------------------------------------------

    def on_welcome_screen_started(self, message: WelcomeScreen.Started) -> None:
        # A second Start (a double-tap) while a journey runs must not start another one.
        if not self._busy():
            self.run_flow(message.mode)

    def on_welcome_screen_history_requested(self) -> None:
        if not self._busy():
            self.show_history()

    def on_welcome_screen_clinician_seen(self) -> None:
        from triage_tui.ui.screens.confirm import ConfirmModal

        def answered(seen: bool | None) -> None:
            if seen and self.save(lambda: self.store.save_state(escalations_cleared_at=self.wall())):
                home = self.screen
                if isinstance(home, WelcomeScreen):
                    home.refresh_status()

        self.push_screen(ConfirmModal("Has a doctor or physio checked you about this since? "
                                      "Only say yes if they have.", "Yes, I was checked", "Not yet"), answered)

    def _busy(self) -> bool:
        return any(w.group == "flow" and w.is_running for w in self.workers)

    @work(exclusive=True, group="flow")
    async def run_flow(self, mode: Literal["quick", "full"]) -> None:
        """The journey from Start on; it ends back on the home screen or by exiting the app."""
        await Flow(self).run(mode)

    @work(exclusive=True, group="flow")
    async def show_history(self) -> None:
        from triage_tui.ui.screens.history import HistoryScreen

        await self.push_screen_wait(HistoryScreen(self.ruleset, self.store.load_sessions(), self.daily(),
                                                  self.now()))

    def save(self, write: Callable[[], object]) -> bool:
        """Run a store write; a failure is shown, never lost silently."""
        try:
            write()
        except DataFileError as error:
            self.notify(str(error.problems[0]), title="Could not save", severity="error", timeout=20)
            return False
        return True

    # --- leaving ------------------------------------------------------------------------------

    async def action_quit(self) -> None:
        from triage_tui.ui.screens.confirm import ConfirmModal  # deferred: not needed to start

        if self.unsaved is None:
            self.exit(0)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self._interrupt_session()
                self.exit(0)

        if not isinstance(self.screen, ConfirmModal):
            await self.push_screen(ConfirmModal(f"Quit now? {self.unsaved}.", "Quit", "Stay"), answered)

    def action_interrupt(self) -> None:
        """Ctrl+C: stop at once. A running session is saved as interrupted first."""
        self._interrupt_session()
        self.exit(return_code=130)

    def on_signal(self, signum: int) -> None:
        """SIGTERM or SIGHUP (the terminal closed): save a running session, then leave."""
        self._interrupt_session()
        self.exit(return_code=128 + signum)

    def _interrupt_session(self) -> None:
        hook, self.interrupt_hook = self.interrupt_hook, None
        if hook is not None:
            hook()

    def action_help(self) -> None:
        from triage_tui.ui.screens.help import HelpModal  # deferred: not needed to start

        if not isinstance(self.screen, HelpModal):
            from triage_tui.ui.screens.session import SessionScreen

            if isinstance(self.screen, SessionScreen) and self.screen.engine.state == "running":
                self.screen.action_pause()  # reading the help is not part of the hold
            self.push_screen(HelpModal())
