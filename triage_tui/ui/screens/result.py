"""The decision: outcome in words, reasons, and either who to see or the stretch to do."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from triage_tui.core.atomic import unique_path
from triage_tui.core.rules.conditions import Value
from triage_tui.core.screening.decision import Decision
from triage_tui.core.session.exercise import POSITION_WORDS, build_steps, chosen, position
from triage_tui.core.rules.ruleset import RuleSet, StopCue
from triage_tui.core.screening.wording import headline, outcome_message
from triage_tui.ui.screens.export import ExportModal
from triage_tui.ui.widgets.bullet import Bullet
from triage_tui.ui.widgets.reasons import ReasonList
from triage_tui.ui.widgets.keybar import KeyBar

ResultChoice = Literal["start", "change", "quit"]
BANNER_ICONS = {"urgent": "⚠ ", "refer": "➜ ", "modified": "✓ ", "standard": "✓ ", "incomplete": "… "}


class ResultScreen(Screen[ResultChoice]):
    """Shows a finished decision. Only standard or modified offer the session."""

    CSS_PATH = "../styles/outcome.tcss"

    BINDINGS = [
        Binding("enter", "start", "Start the session", id="result.start"),
        Binding("e", "export", "Save summary", id="result.export"),
        Binding("escape", "change", "Change answers", id="result.change"),
        Binding("q", "leave", "Quit", show=False, id="result.quit"),
    ]

    def __init__(self, ruleset: RuleSet, decision: Decision, values: dict[str, Value],
                 summary: str, summary_path: Path) -> None:
        super().__init__()
        self.ruleset = ruleset
        self.decision = decision
        self.values = values
        self.summary = summary
        self.summary_path = summary_path

    def compose(self) -> ComposeResult:
        d = self.decision
        with VerticalScroll(id="page"):
            yield Static(BANNER_ICONS[d.outcome] + headline(d), id="banner", classes=f"-{d.outcome}")
            yield Static(outcome_message(self.ruleset, d), id="outcome-message", markup=False)
            if d.reasons:
                yield Static("Why", classes="heading")
                yield ReasonList(self.ruleset, d.reasons, id="reasons")
            if d.notes:
                yield Static("Also worth knowing", classes="heading")
                for note in d.notes:
                    yield Bullet(note, classes="note")
            if d.allows_session:
                yield from self._stretch()
        with Horizontal(id="actions", classes="buttons"):
            if d.allows_session:
                yield Button("Start session (Enter)", id="start", variant="success")
            yield Button("Save summary (e)", id="export")
            yield Button("Edit answers (Esc)", id="change")
            yield Button("Quit (q)", id="quit")
        yield KeyBar()

    def _stretch(self) -> ComposeResult:
        mods = self.decision.modifications
        where = POSITION_WORDS[position(self.ruleset, mods)]
        version = "a gentler version" if mods else "the standard version"
        yield Static(Content.from_markup("[b]$title[/b]: $version, $where",
                                         title=self.ruleset.exercise_title, version=version, where=where),
                     classes="heading")
        for mod in chosen(self.ruleset, mods):
            yield Bullet(Content.from_markup("[b]$title:[/b] $summary [dim]$why[/dim]",
                                             title=mod.title, summary=mod.summary, why=mod.why), classes="change")
        with Vertical(id="steps"):
            titles = {m.id: m.title for m in self.ruleset.modifications}
            for number, step in enumerate(build_steps(self.ruleset, mods), start=1):
                tag = f" [changed: {', '.join(titles[m] for m in step.changed_by)}]" if step.changed_by else ""
                yield Static(Content.from_markup("[b]$n. $title[/b][i]$tag[/i]", n=number, title=step.title, tag=tag),
                             classes="step-title")
                yield Static(step.text, classes="step-text", markup=False)
                for note in step.notes:
                    yield Bullet(note, mark="+", classes="step-text")
        yield Static("Stop at once if you notice", classes="heading")
        for cue in self._cues():
            yield Bullet(cue.label, classes="cue")

    def _cues(self) -> list[StopCue]:
        return [c for c in self.ruleset.stop_cues if c.shown_when is None or c.shown_when.holds(self.values)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":
            return self.decision.allows_session
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {"start": self.action_start, "export": self.action_export,
                   "change": self.action_change, "quit": self.action_leave}
        actions[event.button.id or ""]()

    def action_start(self) -> None:
        if self.decision.allows_session:
            self.dismiss("start")

    def action_change(self) -> None:
        self.dismiss("change")

    def action_leave(self) -> None:
        self.dismiss("quit")

    def action_export(self) -> None:
        def saved(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Saved to {path}", title="Summary saved", timeout=8)

        self.app.push_screen(ExportModal(self.summary, unique_path(self.summary_path)), saved)
