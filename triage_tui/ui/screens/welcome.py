"""The home screen: what the app does, the disclaimer, and the ways in.

It is the app's default screen (so it appears at once) and never leaves the stack: the journey
returns to it with a new `Home` step. With a recent screening that allowed the stretch it
offers the quick daily check; otherwise a full screening; after a stop cue that says so, no
session before tomorrow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Callable, Sequence

from textual import events as textual_events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from triage_tui.core.journey.steps import Home
from triage_tui.core.journey.home_words import TITLE, start_words, where_you_stand
from triage_tui.ui.screens.base import PAGE_KEYS, Respond, StepScreen, events
from triage_tui.ui.widgets.escalation_card import escalation_card
from triage_tui.ui.widgets.keybar import KeyBar
from triage_tui.ui.widgets.more_below import MoreBelow

if TYPE_CHECKING:
    from triage_tui.core.session.snapshot import CueEvent

ABOUT = (
    "This app helps you start the [b]90/90 hip stretch[/b] safely when you have low back pain.\n\n"
    "  1. You answer about 30 short questions: warning signs, past operations, and how you move.\n"
    "  2. We tell you whether to get checked first, or which version of the stretch suits you.\n"
    "  3. A timer then guides you through the stretch, one side at a time."
)
DISCLAIMER = (
    "[b]This is not medical advice.[/b] The app cannot examine you or rule anything out. "
    "If you think you have an emergency, call your local emergency number now."
)


class HomeAction(Static, can_focus=True):
    """One way in from the home page, drawn and used like a button: Tab reaches it, Enter or a
    click runs the home page's action it names, and it can be disabled.

    Textual's `Button` would do, but its 250 lines of styles are parsed when the first one is
    shown: a quarter of the home page's start-up. The home page is the first thing drawn, so it
    uses this instead, with the look of a default `Button` (pages drawn later keep `Button`),
    leaving out the rules for ANSI-colour apps, which this app is not.
    """

    SCOPED_CSS = False
    DEFAULT_CSS = """
    HomeAction {
        width: auto;
        min-width: 10;
        height: auto;
        line-pad: 1;
        margin-right: 1;
        text-align: center;
        text-style: bold;
        color: $button-foreground;
        background: $surface;
        border-top: tall $surface-lighten-1;
        border-bottom: tall $surface-darken-1;
        pointer: pointer;
        &:focus {
            text-style: $button-focus-text-style;
            background-tint: $foreground 5%;
        }
        &:hover {
            border-top: tall $surface;
            background: $surface-darken-1;
        }
        &:disabled {
            text-opacity: 0.6;
            pointer: not-allowed;
        }
        &.-primary {
            color: $button-color-foreground;
            background: $primary;
            border-top: tall $primary-lighten-3;
            border-bottom: tall $primary-darken-3;
            &:hover {
                background: $primary-darken-2;
                border-top: tall $primary;
            }
        }
    }
    Screen.-narrow HomeAction, Screen.-short HomeAction {
        border: none;
        min-width: 0;
        padding: 0 1;
    }
    Screen.-narrow HomeAction {
        width: 100%;
        margin: 0;
    }
    """

    BINDINGS = [Binding("enter", "press", "Press", show=False)]

    def __init__(self, label: str, action: str, *, id: str, primary: bool = False, disabled: bool = False) -> None:
        super().__init__(label, id=id, classes="-primary" if primary else "", disabled=disabled, markup=False)
        self.label = label
        """The words shown (as `Button.label`)."""
        self.runs = action
        """The home page's action it runs: `start` runs `WelcomeScreen.action_start`."""

    def action_press(self) -> None:
        if not self.disabled:
            getattr(self.screen, f"action_{self.runs}")()

    def on_click(self, event: textual_events.Click) -> None:
        event.stop()
        self.action_press()


class StartAction(HomeAction, inherit_bindings=False):
    """The Start button: Enter on it is the page's own Enter (Start), so the key bar lists
    "Enter Start" while it has the focus, as it does when nothing has."""


START_HINT = "↓ More below (PgDn) · Enter starts"
"""The "More below" words while Start works: on a short terminal a warning card can push the
buttons below the edge, and Enter starts wherever the page is scrolled."""


class WelcomeScreen(StepScreen):
    """Says what the app is for, shows where the person stands, and starts the journey."""

    BINDINGS = [
        Binding("enter", "start", "Start", key_display="Enter", id="home.start"),
        Binding("f", "full", "Full screening", id="home.full"),
        Binding("h", "history", "History", id="home.history"),
        Binding("c", "seen", "Seen a clinician", id="home.seen"),
        Binding("q", "leave", "Quit", show=False, id="home.quit"),
        *PAGE_KEYS,
    ]

    def __init__(self, step: Home, rules_label: str, notices: Callable[[], Sequence[str]] = tuple,
                 respond: Respond | None = None) -> None:
        super().__init__(step, respond)
        self.rules_label = rules_label
        self.notices = notices
        self.today = step.today

    def compose(self) -> ComposeResult:
        today = self.today
        with VerticalScroll(id="page") as page:
            yield Static(TITLE, id="app-title")
            if today.screening is None:
                yield Static(ABOUT, id="about")
            for notice in self.notices():
                yield Static(Content.from_markup("[b]Note:[/b] $text", text=notice), classes="card -notice")
            if today.refer is not None:
                yield escalation_card(today.refer, id="refer-card")
            for item in today.escalated:
                if item.rule.action != "refer":
                    yield escalation_card(item)
            yield Static(self._where_you_stand(), id="standing")
            yield Static(DISCLAIMER, id="disclaimer")
            with Horizontal(classes="buttons", id="home-buttons"):
                # At most three buttons, so the row fits 80 columns; Quit is always in the key bar.
                yield StartAction(self._start_label(), "start", id="start", primary=True,
                                  disabled=today.rest_today is not None)
                if today.quick_check or today.rest_today is not None:
                    yield HomeAction("Full screening (f)", "full", id="full")
                if today.screening is not None:
                    yield HomeAction("History (h)", "history", id="history")
                else:
                    yield HomeAction("Quit (q)", "leave", id="quit")
                if today.clearable:
                    yield HomeAction("I have seen a clinician (c)", "seen", id="seen")
            yield Static(f"Rules: {self.rules_label}", classes="muted", markup=False)
        hint = MoreBelow(page)
        if today.rest_today is None:
            hint.update(START_HINT)
        yield hint
        yield KeyBar()

    def _start_label(self) -> str:
        words = start_words(self.today)
        return words if self.today.rest_today is not None else f"{words} (Enter)"

    def _where_you_stand(self) -> Content:
        """Where the person stands, in the core's words (plain mode says the same); its first
        sentence in bold."""
        text = where_you_stand(self.today)
        lead = text.find(". ") + 1 if self.today.screening is not None else 0
        return Content(text).stylize("bold", 0, lead) if lead else Content(text)

    def on_mount(self) -> None:
        # Focused, but the page is not scrolled to it: on a small terminal the title, any warning
        # card and where the person stands come first; Enter works wherever the page is.
        self.query_one("#start", HomeAction).focus(scroll_visible=False)

    def accepts(self, step: object) -> bool:
        return isinstance(step, Home)

    def show_step(self, step: Home, cues: Sequence[CueEvent] = ()) -> None:
        """Show where the person stands now (after a screening, a session, or a change)."""
        self.step = step
        if step.today != self.today:
            self.today = step.today
            self.refresh(recompose=True)
            self.refresh_bindings()
            self.call_after_refresh(self._focus_start)
        else:
            self._focus_start()

    def _focus_start(self) -> None:
        for button in self.query("#start").results(HomeAction):
            button.focus(scroll_visible=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":
            return self.today.rest_today is None
        if action == "full":
            return self.today.quick_check or self.today.rest_today is not None
        if action == "history":
            return self.today.screening is not None
        if action == "seen":
            return self.today.clearable
        return True

    def action_start(self) -> None:
        if self.today.rest_today is None:
            self.choose(events().Start())

    def action_full(self) -> None:
        self.choose(events().Start(full=True))

    def action_history(self) -> None:
        self.choose(events().ShowHistory())

    def action_seen(self) -> None:
        if self.today.clearable:
            self.choose(events().ClinicianSeen())

    def action_leave(self) -> None:
        self.choose(events().Quit())
