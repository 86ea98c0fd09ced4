"""Keys and a few words about the app, on any screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

HELP = """\
[b]How to answer[/b]
  y / n / u       Yes, No, Not sure (where the question offers them)
  1 - 9           pick that choice; on a "choose all that fit" question, tick or untick it
  arrows, space   move, and tick or untick
  Enter           go on to the next question
  Esc             go back one question (your answers are kept)
  s               skip a question marked optional

[b]Anywhere[/b]
  ?  or  F1       this help
  Ctrl+Q          quit (we ask first if something would be lost)

The mouse works too: click an answer, then Next.

This app is not medical advice and cannot examine you.
In an emergency, call your local emergency number."""


class HelpModal(ModalScreen[None]):
    """Explains the keys. Any of Esc, Enter, q or ? closes it."""

    BINDINGS = [Binding("escape,enter,q,question_mark,f1", "close", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="-wide"):
            with VerticalScroll():
                yield Static(HELP)
            yield Button("Close (Esc)", id="close", variant="primary")

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
