"""After the session: how it ended, planned against done for each side and round, and advice."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, DataTable, Static

from triage_tui.core.journey import events as ev
from triage_tui.core.journey.home_words import NO_MORE_TODAY
from triage_tui.core.journey.steps import Summary
from triage_tui.core.session.words import summary_headline
from triage_tui.ui.screens.base import PAGE_KEYS, Respond, StepScreen
from triage_tui.ui.widgets.keybar import KeyBar
from triage_tui.ui.widgets.more_below import MoreBelow


class SessionSummaryScreen(StepScreen):
    """Shows a finished or stopped session. Enter goes on."""

    CSS_PATH = "../styles/outcome.tcss"
    BINDINGS = [
        Binding("enter,escape", "done", "Done", key_display="Enter", id="summary.done"),
        Binding("q", "leave", "Quit", show=False, id="summary.quit"),
        *PAGE_KEYS,
    ]

    def __init__(self, step: Summary, respond: Respond | None = None) -> None:
        super().__init__(step, respond)

    def compose(self) -> ComposeResult:
        record, cue = self.step.record, self.step.cue
        with VerticalScroll(id="page") as page:
            kind, words = summary_headline(record, cue)
            mark, style = {"urgent": ("⚠", "-urgent"), "stopped": ("■", "-refer"), "done": ("✓", "-standard")}[kind]
            yield Static(f"{mark}  {words}", id="banner", classes=style, markup=False)
            if cue is not None:
                yield Static(Content.from_markup("You reported: [b]$label[/b]", label=cue.label), classes="reason")
                yield Static(cue.message, id="outcome-message", markup=False)
            if self.step.next_time:
                names = ", ".join(title.lower() for title in self.step.next_time)
                yield Static(f"Next time the session will be gentler: {names}.", classes="note")
            if self.step.rest_today:
                yield Static(NO_MORE_TODAY, classes="note")
            yield Static("What you did", classes="heading")
            yield DataTable(id="holds", cursor_type="none", zebra_stripes=True)
            held, planned = record.held_seconds, record.planned_seconds
            yield Static(f"In all: {held:.0f} s of {planned} s planned.", classes="muted")
            if record.partial:
                yield Static("This session is noted as partial: it ended early.", classes="muted")
        yield MoreBelow(page)
        with Horizontal(id="actions", classes="buttons"):
            yield Button("Done (Enter)", id="done", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#holds", DataTable)
        # Three narrow columns, so the table fits 40 columns whole: "4 of 60 s, partial".
        table.add_columns("Round", "Side", "Held")
        for hold in self.step.record.holds:
            side = {"left": "LEFT", "right": "RIGHT", None: "both"}[hold.side]
            done = f"{hold.done:.0f} of {hold.planned} s" + ("" if hold.done >= hold.planned else ", partial")
            table.add_row(str(hold.round), side, done)
        self.query_one("#done", Button).focus()

    def on_button_pressed(self) -> None:
        self.action_done()

    def action_done(self) -> None:
        self.choose(ev.Done())

    def action_leave(self) -> None:
        self.choose(ev.Quit())
