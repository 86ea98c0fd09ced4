"""After the session: how it ended, planned against done for each side and round, and advice."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, DataTable, Static

from triage_tui.core.session.exercise import chosen
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.session.record import ENDED_WORDS
from triage_tui.ui.screens.session import SessionEnd
from triage_tui.ui.widgets.keybar import KeyBar


class SessionSummaryScreen(Screen[None]):
    """Shows a finished or stopped session. Enter goes on."""

    CSS_PATH = "../styles/outcome.tcss"
    BINDINGS = [Binding("enter,escape", "done", "Done", key_display="Enter", id="summary.done")]

    def __init__(self, ruleset: RuleSet, end: SessionEnd) -> None:
        super().__init__()
        self.ruleset = ruleset
        self.end = end

    def compose(self) -> ComposeResult:
        record, cue = self.end.record, self.end.cue
        with VerticalScroll(id="page"):
            if cue is not None and cue.action == "urgent":
                yield Static("⚠  URGENT: stop and get help now", id="banner", classes="-urgent")
            elif record.partial:
                yield Static(f"■  {ENDED_WORDS[record.ended]}", id="banner", classes="-refer")
            else:
                yield Static("✓  Session finished. Well done.", id="banner", classes="-standard")
            if cue is not None:
                yield Static(Content.from_markup("You reported: [b]$label[/b]", label=cue.label), classes="reason")
                yield Static(cue.message, id="outcome-message", markup=False)
                gentler = chosen(self.ruleset, cue.next_time_mods)
                if gentler:
                    names = ", ".join(m.title.lower() for m in gentler)
                    yield Static(f"Next time we suggest a gentler version: {names}.", classes="note")
            yield Static("What you did", classes="heading")
            yield DataTable(id="holds", cursor_type="none", zebra_stripes=True)
            held, planned = record.held_seconds, record.planned_seconds
            yield Static(f"In all: {held:.0f} s of {planned} s planned.", classes="muted")
            if record.partial:
                yield Static("This session is noted as partial: it ended early.", classes="muted")
        with Horizontal(id="actions", classes="buttons"):
            yield Button("Done (Enter)", id="done", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#holds", DataTable)
        table.add_columns("Round", "Side", "Planned", "Done")
        for hold in self.end.record.holds:
            side = {"left": "LEFT", "right": "RIGHT", None: "knee drops (both)"}[hold.side]
            done = f"{hold.done:.0f} s" + ("" if hold.done >= hold.planned else "  (partial)")
            table.add_row(str(hold.round), side, f"{hold.planned} s", done)
        self.query_one("#done", Button).focus()

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_done(self) -> None:
        self.dismiss(None)
