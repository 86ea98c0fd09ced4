"""How bad is the back pain now? 0 to 10, or skip."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Static

from triage_tui.core.journey import events as ev
from triage_tui.core.journey.steps import RatePain
from triage_tui.ui.screens.base import PAGE_KEYS, Respond, StepScreen
from triage_tui.ui.screens.question import NumberInput
from triage_tui.ui.widgets.keybar import KeyBar
from triage_tui.ui.widgets.more_below import MoreBelow


class PainRatingScreen(StepScreen):
    """Reports the rating, or None when skipped."""

    CSS_PATH = "../styles/question.tcss"
    BINDINGS = [
        Binding("enter", "submit", "Save", key_display="Enter", priority=True, id="pain.save"),
        Binding("s,escape", "skip", "Skip", priority=True, id="pain.skip"),
        *PAGE_KEYS,
    ]

    def __init__(self, step: RatePain, respond: Respond | None = None,
                 question: str = "How bad is your back pain now, from 0 to 10?", help_text: str = "") -> None:
        super().__init__(step, respond)
        self.question = question
        self.help_text = help_text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="page") as page:
            yield Static(self.question, id="question-text", markup=False)
            yield Static(self.help_text or "0 means no pain at all, 10 the worst pain you can imagine. "
                         "You can skip this.", id="question-help", markup=False)
            with Horizontal(id="number-row"):
                yield NumberInput(placeholder="0 to 10", restrict=r"\d{0,2}", max_length=2, id="number")
                yield Static("out of 10", id="unit")
            yield Static("", id="hint")
            with Horizontal(classes="buttons"):
                yield Button("Save (Enter)", id="save", variant="primary")
                yield Button("Skip (s)", id="skip")
        yield MoreBelow(page)
        yield KeyBar()

    def on_mount(self) -> None:
        field = self.query_one("#number", Input)
        field.cursor_blink = False
        field.focus(scroll_visible=False)
        self.call_after_refresh(self.query_one("#page").scroll_home, animate=False)  # the question first

    def action_submit(self) -> None:
        # Digits typed just before Enter may still be queued for the box: read it after them.
        field = self.query_one("#number", Input)
        field.call_later(self._submit)

    def _submit(self) -> None:
        text = self.query_one("#number", Input).value.strip()
        if text.isdigit() and 0 <= int(text) <= 10:
            self.choose(ev.Rated(int(text)))
            return
        hint = self.query_one("#hint", Static)
        hint.update("Please type a whole number from 0 to 10, or press s to skip.")
        hint.set_class(True, "-error")

    def action_skip(self) -> None:
        self.choose(ev.Rated(None))

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#skip")
    def _skip(self) -> None:
        self.action_skip()
