"""The urgent stop: what to do now, why, and an undo for an answer given by mistake."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from triage_tui.core.screening.decision import Decision
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.screening.wording import headline, outcome_message
from triage_tui.ui.widgets.reasons import ReasonList
from triage_tui.ui.widgets.keybar import KeyBar

UrgentChoice = Literal["undo", "quit"]


class UrgentScreen(Screen[UrgentChoice]):
    """Shown the moment an urgent rule fires. There is no way on to an exercise from here."""

    CSS_PATH = "../styles/outcome.tcss"

    BINDINGS = [
        Binding("z", "undo", "I answered by mistake: undo", id="urgent.undo"),
        Binding("q", "leave", "Quit", show=False, id="urgent.quit"),
    ]

    def __init__(self, ruleset: RuleSet, decision: Decision, can_undo: bool = True) -> None:
        super().__init__()
        self.ruleset = ruleset
        self.decision = decision
        self.can_undo = can_undo

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="page"):
            yield Static(f"⚠  {headline(self.decision)}", id="banner", classes="-urgent")
            yield Static(outcome_message(self.ruleset, self.decision), id="outcome-message", markup=False)
            yield Static("Why we say this", classes="heading")
            yield ReasonList(self.ruleset, self.decision.reasons, id="reasons")
        with Horizontal(id="actions", classes="buttons"):
            if self.can_undo:
                yield Button("I answered by mistake: undo (z)", id="undo")
            yield Button("Quit (q)", id="quit", variant="error")
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return self.can_undo
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss("undo" if event.button.id == "undo" else "quit")

    def action_undo(self) -> None:
        if self.can_undo:
            self.dismiss("undo")

    def action_leave(self) -> None:
        self.dismiss("quit")
