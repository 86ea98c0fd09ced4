"""The urgent stop: what to do now, why, and an undo for an answer given by mistake."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from triage_tui.core.journey import events as ev
from triage_tui.core.journey.steps import Urgent
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.ui.screens.base import PAGE_KEYS, Respond, StepScreen
from triage_tui.core.screening.wording import headline, outcome_message
from triage_tui.ui.widgets.reasons import ReasonList
from triage_tui.ui.widgets.keybar import KeyBar
from triage_tui.ui.widgets.more_below import MoreBelow

class UrgentScreen(StepScreen):
    """Shown the moment an urgent rule fires. There is no way on to an exercise from here."""

    CSS_PATH = "../styles/outcome.tcss"

    BINDINGS = [
        Binding("z", "undo", "I answered by mistake: undo", id="urgent.undo"),
        Binding("h", "home", "Home", id="urgent.home"),
        Binding("q", "leave", "Quit", show=False, id="urgent.quit"),
        *PAGE_KEYS,
    ]

    def __init__(self, ruleset: RuleSet, step: Urgent, respond: Respond | None = None) -> None:
        super().__init__(step, respond)
        self.ruleset = ruleset
        self.decision = step.decision
        self.can_undo = step.can_undo

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="page") as page:
            yield Static(f"⚠  {headline(self.decision)}", id="banner", classes="-urgent")
            yield Static(outcome_message(self.ruleset, self.decision), id="outcome-message", markup=False)
            yield Static("Why we say this", classes="heading")
            yield ReasonList(self.ruleset, self.decision.reasons, id="reasons")
        yield MoreBelow(page)
        with Horizontal(id="actions", classes="buttons"):
            if self.can_undo:
                yield Button("I answered by mistake: undo (z)", id="undo")
            yield Button("Home (h)", id="home")
            yield Button("Quit (q)", id="quit", variant="error")
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return self.can_undo
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {"undo": self.action_undo, "home": self.action_home}.get(event.button.id or "", self.action_leave)()

    def action_undo(self) -> None:
        if self.can_undo:
            self.choose(ev.Undo())

    def action_home(self) -> None:
        self.choose(ev.Done())

    def action_leave(self) -> None:
        self.choose(ev.Quit())
