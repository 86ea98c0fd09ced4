"""What to do about the stop cue just reported: shown before anything else is asked.

For an urgent cue it is the emergency advice, and the only ways on are home or quit; for the
others, Enter goes on to the pain score and the summary.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from triage_tui.core.journey import events as ev
from triage_tui.core.journey.steps import Advice
from triage_tui.ui.screens.base import PAGE_KEYS, Respond, StepScreen
from triage_tui.ui.widgets.keybar import KeyBar
from triage_tui.ui.widgets.more_below import MoreBelow


class AdviceScreen(StepScreen):
    """The stop cue's advice, with the session already saved as stopped for pain."""

    CSS_PATH = "../styles/outcome.tcss"
    BINDINGS = [
        Binding("enter", "done", "Go on", key_display="Enter", id="advice.done"),
        Binding("q", "leave", "Quit", id="advice.quit"),
        *PAGE_KEYS,
    ]

    def __init__(self, step: Advice, respond: Respond | None = None) -> None:
        super().__init__(step, respond)

    def compose(self) -> ComposeResult:
        step = self.step
        with VerticalScroll(id="page") as page:
            if step.urgent:
                yield Static("⚠  URGENT: stop and get help now", id="banner", classes="-urgent")
            else:
                yield Static("■  The session has stopped", id="banner", classes="-refer")
            yield Static(step.cue.message, id="outcome-message", markup=False)
            yield Static(Content.from_markup("You reported: [b]$label[/b]", label=step.cue.label), classes="reason")
            yield Static("What you did so far is saved.", classes="muted")
        yield MoreBelow(page)
        with Horizontal(id="actions", classes="buttons"):
            yield Button("Home (Enter)" if step.urgent else "Go on (Enter)", id="done", variant="primary")
            yield Button("Quit (q)", id="quit")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#done", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        (self.action_done if event.button.id == "done" else self.action_leave)()

    def action_done(self) -> None:
        self.choose(ev.Done())

    def action_leave(self) -> None:
        self.choose(ev.Quit())
