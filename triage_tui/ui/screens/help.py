"""Keys and a few words about the app, on any screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from triage_tui.ui.widgets.more_below import MoreBelow

HELP = """\
[b]Home[/b]
  Enter           start (the quick check, or the full screening)
  f               a full screening instead of the quick check
  h               your history, pain trend and any warning
  c               "I have seen a clinician" (when asked to)

[b]How to answer[/b]
  y / n / u       Yes, No, Not sure (d: Don't know, where a question offers it)
  1 - 9           pick that choice (or tick and untick it)
  arrows, space   move, and tick or untick
  Enter           go on to the next question
  Esc             go back one question (answers are kept)
  s               skip a question marked optional
  PgUp / PgDn     scroll a page that goes on below ("More below")

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


OUR_KEYS = {"app", "question", "setup", "session", "result", "urgent", "advice", "pain", "summary", "history",
            "home", "quick", "export", "gap", "confirm"}
"""Binding id prefixes of this app's keys (Textual's own, such as scrolling, have none)."""


def page_keys(screen: Screen) -> Content:
    """Every key of the page under the help, the ones the key bar had no room for too."""
    lines, seen = [], set()
    bindings = [b for _key, (_node, b, _on, _tip) in screen.active_bindings.items()]
    for binding in sorted(bindings, key=lambda b: not b.show):  # the key bar's key first (^q, not ^c)
        ours = binding.show or (binding.id or "").partition(".")[0] in OUR_KEYS
        if ours and binding.description and binding.description not in seen:
            seen.add(binding.description)
            lines.append(f"  {screen.app.get_key_display(binding):<15} {binding.description}")
    return Content.from_markup("[b]Keys on this page[/b]\n$keys\n", keys="\n".join(lines)) if lines else Content("")


class HelpModal(ModalScreen[None]):
    """Explains the keys. Any of Esc, Enter, q or ? closes it."""

    BINDINGS = [Binding("escape,enter,q,question_mark,f1", "close", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="-wide"):
            with VerticalScroll(id="help-text") as text:
                yield Static(id="page-keys")
                yield Static(HELP)
            yield MoreBelow(text)
            yield Button("Close (Esc)", id="close", variant="primary")

    def on_mount(self) -> None:
        below = [s for s in self.app.screen_stack if s is not self]
        self.query_one("#page-keys", Static).update(page_keys(below[-1]) if below else "")

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
