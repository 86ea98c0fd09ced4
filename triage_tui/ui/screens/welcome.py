"""The home screen: what the app does, the disclaimer, and the way in.

It is the app's default screen (so it appears without waiting for a worker), which means it
is never dismissed: it posts `WelcomeScreen.Started` and the app runs the journey from there.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

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


class WelcomeScreen(Screen[None]):
    """Says what the app is for and starts the screening."""

    class Started(Message):
        """The person asked to start the screening."""

    BINDINGS = [
        Binding("enter,s", "start", "Start", key_display="Enter", id="welcome.start"),
        Binding("q", "app.quit", "Quit", show=False, id="welcome.quit"),
    ]

    def __init__(self, rules_label: str) -> None:
        super().__init__()
        self.rules_label = rules_label

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="page"):
            yield Static("triage-tui · a safe start for the 90/90 hip stretch", id="app-title")
            yield Static(ABOUT, id="about")
            yield Static(DISCLAIMER, id="disclaimer")
            with Horizontal(classes="buttons"):
                yield Button("Start (Enter)", id="start", variant="primary")
                yield Button("Quit (q)", id="quit")
            yield Static(f"Rules: {self.rules_label}", classes="muted", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#start", Button).focus()

    def on_screen_resume(self) -> None:
        self.query_one("#start", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "start":
            self.action_start()
        else:
            self.app.exit(0)

    def action_start(self) -> None:
        self.post_message(self.Started())
