"""The Textual application: the home screen, app-wide keys, signals, and the journey driver."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from triage_tui.core.clock import Clock, MonotonicClock, utc_now
from triage_tui.core.history.store import Store
from triage_tui.core.journey import steps as st
from triage_tui.core.journey.due import daily_from
from triage_tui.core.journey.persist import Persister, load_history, load_remembered, open_journey
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.ui.driver import Driver
from triage_tui.ui.screens.base import events
from triage_tui.ui.screens.welcome import WelcomeScreen

if TYPE_CHECKING:
    from triage_tui.core.journey.machine import Journey
    from triage_tui.core.session.settings import Settings


class TriageApp(App[int]):
    """The full-screen face of the journey. It decides nothing: the journey does."""

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

    def __init__(self, ruleset: RuleSet, store: Store, *, summary_dir: Path | None = None,
                 clock: Clock | None = None, wall: Callable[[], datetime] = utc_now, tz: tzinfo | None = None,
                 start: Literal["home", "session"] = "home", handle_signals: bool = False,
                 settings: Settings | None = None, voice: bool | None = False) -> None:
        super().__init__()
        self.ruleset = ruleset
        self.store = store
        self.summary_dir = summary_dir
        """Where a saved summary goes by default (the home folder when None)."""
        self.handle_signals = handle_signals
        self.start = start
        history = load_history(store)
        remembered = load_remembered(store)  # session settings kept per version of the stretch
        self.home = st.Home(daily_from(ruleset, history, wall(), tz))
        """Drawn first, before the journey is opened (the driver opens it on the first key)."""
        timer = clock if clock is not None else MonotonicClock()
        self.driver = Driver(self, ruleset, lambda: open_journey(ruleset, history, timer, wall=wall, tz=tz, start=start,
                                                                 settings=settings, remembered=remembered),
                             Persister(store), summary_dir, voice)

    @property
    def journey(self) -> Journey:
        """The journey this app drives."""
        return self.driver.journey

    # --- start-up -----------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        ruleset = self.ruleset
        label = f"{ruleset.name} {ruleset.version} ({ruleset.short_hash})"
        self.welcome = WelcomeScreen(self.home, label, lambda: tuple(self.store.notices), respond=self.driver.respond)
        self.driver.welcome = self.welcome
        return self.welcome

    def on_mount(self) -> None:
        if self.handle_signals:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP):
                try:
                    loop.add_signal_handler(sig, self.on_signal, sig)
                except (NotImplementedError, RuntimeError, AttributeError):  # not on this platform
                    pass
            if not (self.is_headless or self.is_web):  # in a page the input is a pipe, never a terminal
                self.set_interval(1.0, self._check_terminal)
        for notice in self.store.notices:
            self.notify(notice, title="A data file could not be read", severity="warning", timeout=15, markup=False)
        self.driver.page = self.welcome
        if (self.start == "session" or self.driver.opened) and not isinstance(self.driver.journey.step, st.Home):
            self.driver.present(self.driver.journey.step)  # `triage-tui session`: the check at once

    # --- leaving ------------------------------------------------------------------------------

    def action_quit(self) -> None:
        """Ctrl+Q: leave; the journey asks first when something would be lost."""
        self.driver.send(events().Quit())

    def action_interrupt(self) -> None:
        """Ctrl+C: stop at once. A running session is saved as interrupted first."""
        self.driver.send(events().Interrupt(130))

    def on_signal(self, signum: int) -> None:
        """SIGTERM or SIGHUP (the terminal closed): save a running session, then leave."""
        self.driver.send(events().Interrupt(128 + signum))

    def on_exit_app(self) -> None:
        """In a page, the tab closing or the server stopping ends the app without a key or a
        signal of ours (textual-serve asks it to exit): leave as a hangup does, saving a running
        session. An exit the journey asked for has already reached its end step."""
        if self.is_web and self.driver.opened and not isinstance(self.driver.journey.step, st.End):
            self.on_signal(signal.SIGHUP)

    def _check_terminal(self) -> None:
        """The terminal may go away without a SIGHUP (no controlling terminal, a closed pty):
        reads then fail in Textual's input thread and nothing else notices. Ask the terminal
        once a second; when it is gone, leave as a hangup does (a running session is saved)."""
        try:
            import termios
        except ImportError:  # not POSIX: Windows consoles end the process themselves
            return
        stdin = sys.__stdin__
        if stdin is None:
            return
        try:
            termios.tcgetattr(stdin.fileno())
        except (termios.error, OSError, ValueError):
            self.on_signal(signal.SIGHUP)

    def action_help(self) -> None:
        from triage_tui.ui.screens.help import HelpModal  # deferred: not needed to start

        if not isinstance(self.screen, HelpModal):
            if isinstance(self.driver.journey.step, st.Running):
                self.driver.send(events().Pause())  # reading the help is not part of the hold
            self.push_screen(HelpModal())
