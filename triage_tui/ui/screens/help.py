"""Keys and a few words about the app, on any screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

HELP = """\
[b]Home[/b]
  Enter           start (the quick check, or the full screening)
  f               a full screening instead of the quick check
  h               your history, pain trend and any warning
  c               "I have seen a clinician" (when asked to)

[b]How to answer[/b]
  y / n / u       Yes, No, Not sure
  1 - 9           pick that choice (or tick and untick it)
  arrows, space   move, and tick or untick
  Enter           go on to the next question
  Esc             go back one question (answers are kept)
  s               skip a question marked optional

[b]During the session[/b] (opening this help pauses the timer)
  p               stop now: something hurts
  space           pause, or go on
  s               skip to the next part
  + / -           15 seconds more or less on both sides
  b               show or hide the breathing bar
  m               sound on or off (cues always show too)
  q               stop the session (what you did is kept)

[b]History[/b]
  e               save a summary for a doctor or physio
  Esc             back

[b]Anywhere[/b]
  ?  or  F1       this help
  Ctrl+Q          quit (we ask first if something would be lost)
  Ctrl+C          leave at once (a running session is saved)

The mouse works too: click an answer, then Next.

This app is not medical advice and cannot examine you.
In an emergency, call your local emergency number."""


class HelpModal(ModalScreen[None]):
    """Explains the keys. Any of Esc, Enter, q or ? closes it."""

    BINDINGS = [Binding("escape,enter,q,question_mark,f1", "close", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="-wide"):
            with VerticalScroll(id="help-text"):
                yield Static(HELP)
            yield Button("Close (Esc)", id="close", variant="primary")

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
