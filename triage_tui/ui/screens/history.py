"""The history: sessions in a table, the pain trend, the streak, and any escalation card."""

from __future__ import annotations

from datetime import datetime, tzinfo
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Static

from triage_tui.core.atomic import unique_path
from triage_tui.core.journey import events as ev
from triage_tui.core.journey.steps import History
from triage_tui.core.history.report import (LISTED, chart_lines, clearance_lines, clinician_markdown, how_it_ended,
                                            trend_span)
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.session.record import ENDED_SHORT
from triage_tui.core.screening.wording import count
from triage_tui.ui.screens.base import Respond, StepScreen
from triage_tui.ui.screens.export import ExportModal
from triage_tui.ui.widgets.escalation_card import escalation_card
from triage_tui.ui.widgets.keybar import KeyBar


TREND_LENGTH = 30
"""Sessions shown in the pain chart at most (the most recent; fewer when the screen is narrow)."""
NARROW_TABLE = 60
"""Below this many columns the sessions table is short: the day and time, pain and how each
session ended (how long was held is in the summary for a clinician), so nothing is cut off."""


class HistoryScreen(StepScreen):
    """Read-only. Esc goes back; e saves a summary for a clinician."""

    CSS_PATH = "../styles/outcome.tcss"
    BINDINGS = [
        Binding("escape,q", "back", "Back", id="history.back"),
        Binding("e", "export", "Save for a clinician", id="history.export"),
    ]

    def __init__(self, ruleset: RuleSet, step: History, now: datetime, respond: Respond | None = None,
                 tz: tzinfo | None = None) -> None:
        super().__init__(step, respond)
        self.ruleset = ruleset
        self.records = [record for record, _ in step.sessions]
        self.today = step.today
        self.now = now
        """Local time now."""
        self.tz = tz
        """The person's time zone (None: the system's), so each date shows with its own offset."""

    def compose(self) -> ComposeResult:
        records, today = self.records, self.today
        with VerticalScroll(id="page"):
            yield Static("Your history", classes="heading")
            yield Static(f"{count(len(records), 'session')} · {count(today.streak, 'day')} in a row", id="streak")
            for item in today.escalated:
                yield escalation_card(item)
            cleared = clearance_lines(self.ruleset, today, self.now)
            if cleared:
                yield Static("Seen by a doctor or physio", classes="heading")
                yield Static("\n".join(cleared), id="clearance", markup=False)
            rated = [r for r in records if r.pain_before is not None or r.pain_after is not None][-TREND_LENGTH:]
            if rated:
                yield Static("Pain before and after, 0 to 10, oldest on the left", classes="heading")
                for label, values in (("Before", [r.pain_before for r in rated]), ("After", [r.pain_after for r in rated])):
                    yield Static(f"{label}: {trend_span(values)}", classes="trend-label")  # as plain mode says it
                width = max(self.app.size.width - 8, 24)  # as many sessions as fit, three columns each
                yield Static("\n".join(chart_lines(rated, self.tz, width)), id="pain-chart", markup=False)
            yield Static("Sessions, newest first", classes="heading")
            if len(records) > LISTED:
                yield Static(f"The last {LISTED} of {len(records):,} are listed here. To see every one: "
                             "triage-tui history --all", id="listed", classes="muted",
                             markup=False)
            if records:
                yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            else:
                yield Static("No sessions yet.", classes="muted")
        with Horizontal(id="actions", classes="buttons"):
            yield Button("Back (Esc)", id="back", variant="primary")
            yield Button("Save for a clinician (e)", id="export")
        yield KeyBar()

    _narrow: bool | None = None
    """Whether the table was filled in its short form (None: not yet filled)."""

    def on_mount(self) -> None:
        self._fill_table()

    def on_resize(self) -> None:
        super().on_resize()
        self._fill_table()

    def _fill_table(self) -> None:
        narrow = self.app.size.width < NARROW_TABLE
        if not self.records or narrow == self._narrow:
            return
        self._narrow = narrow
        table = self.query_one("#sessions", DataTable)
        table.clear(columns=True)
        if narrow:
            table.add_columns("When", "Pain", "Ended")
        else:
            table.add_columns("Date", "Held", "Pain before → after", "How it ended")
        for r in reversed(self.records[-LISTED:]):
            when = r.started_at.astimezone(self.tz).strftime("%d %b %H:%M" if narrow else "%a %d %b %H:%M") \
                if r.started_at else "?"
            before, after = ("-" if v is None else v for v in (r.pain_before, r.pain_after))
            if narrow:
                table.add_row(when, f"{before}→{after}", ENDED_SHORT[r.ended])
            else:
                table.add_row(when, f"{r.held_seconds:.0f} of {r.planned_seconds} s", f"{before} → {after}",
                              how_it_ended(self.ruleset, r))  # a pain stop names what was reported

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        (self.action_export if event.button.id == "export" else self.action_back)()

    def action_back(self) -> None:
        self.choose(ev.Back())

    def action_export(self) -> None:
        text = clinician_markdown(self.ruleset, self.records, self.today, self.now)
        default = unique_path(Path.home() / f"triage-tui-history-{self.now:%Y-%m-%d}.md")

        def saved(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Saved to {path}", title="History saved", timeout=8, markup=False)

        self.app.push_screen(ExportModal(text, default, "history"), saved)
