"""The decision: outcome in words, reasons, and either who to see or the stretch to do."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from triage_tui.core.atomic import unique_path
from triage_tui.core.journey import events as ev
from triage_tui.core.journey.steps import Result
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.screening.summary import screening_markdown
from triage_tui.core.screening.wording import headline, outcome_message
from triage_tui.core.session.exercise import POSITION_WORDS, build_steps, chosen, position
from triage_tui.core.session.poses import step_picture
from triage_tui.ui.screens.base import PAGE_KEYS, Respond, StepScreen
from triage_tui.ui.screens.export import ExportModal
from triage_tui.ui.widgets.bullet import Bullet
from triage_tui.ui.widgets.reasons import ReasonList
from triage_tui.ui.widgets.keybar import KeyBar
from triage_tui.ui.widgets.more_below import MoreBelow
from triage_tui.ui.widgets.pose import PoseView

BANNER_ICONS = {"urgent": "⚠ ", "refer": "➜ ", "modified": "✓ ", "standard": "✓ ", "incomplete": "… "}


class ResultScreen(StepScreen):
    """Shows a finished decision. Only standard or modified offer the session."""

    CSS_PATH = "../styles/outcome.tcss"

    BINDINGS = [
        Binding("enter", "start", "Start the session", id="result.start"),
        Binding("e", "export", "Save summary", id="result.export"),
        Binding("c", "seen", "Seen a clinician", id="result.seen"),
        Binding("escape", "change", "Change answers", id="result.change"),
        Binding("h", "home", "Home", id="result.home"),
        Binding("q", "leave", "Quit", show=False, id="result.quit"),
        *PAGE_KEYS,
    ]

    def __init__(self, ruleset: RuleSet, step: Result, respond: Respond | None = None, *,
                 now: Callable[[], datetime] = datetime.now, summary_dir: Path | None = None) -> None:
        super().__init__(step, respond)
        self.ruleset = ruleset
        self.decision = step.decision
        self.now = now
        """Local time, for the summary's date."""
        self.summary_dir = summary_dir
        """Where the summary is offered to be saved (the home folder when None)."""

    def compose(self) -> ComposeResult:
        d = self.decision
        with VerticalScroll(id="page") as page:
            yield Static(BANNER_ICONS[d.outcome] + headline(d), id="banner", classes=f"-{d.outcome}")
            yield Static(outcome_message(self.ruleset, d), id="outcome-message", markup=False)
            if self.step.clearance is not None:
                note = self.step.clearance
                yield Static(Content.from_markup("[b]$head.[/b]", head=note.headline), id="clearance-note",
                             classes=f"card -{'gentler' if note.kind == 'cleared' else 'refer'}")
                for line in note.lines:
                    yield Bullet(line, classes="note")
            if d.reasons:
                yield Static("Why", classes="heading")
                yield ReasonList(self.ruleset, d.reasons, id="reasons")
            if d.notes:
                yield Static("Also worth knowing", classes="heading")
                for note in d.notes:
                    yield Bullet(note, classes="note")
            if d.allows_session and self.step.blocked:
                yield Static(Content.from_markup("[b]No session now.[/b] $why", why=self.step.blocked),
                             id="blocked", classes="card -notice")
            if d.allows_session:
                yield from self._stretch()
        yield MoreBelow(page)
        with Horizontal(id="actions", classes="buttons"):
            if d.allows_session:
                label = "See the plan (Enter)" if self.step.blocked else "Start session (Enter)"
                yield Button(label, id="start", variant="success")
            yield Button("Save summary (e)", id="export")
            if self.step.can_clear:  # after Save summary: Enter on the first button must not open it
                yield Button("Seen a clinician (c)", id="seen")
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
                yield PoseView(step_picture(self.ruleset, step, mods), classes="step-text")
        yield Static("Stop at once if you notice", classes="heading")
        for cue in self.step.cues:
            yield Bullet(cue.label, classes="cue")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":
            return self.decision.allows_session
        if action == "seen":
            return self.step.can_clear
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {"start": self.action_start, "export": self.action_export, "seen": self.action_seen,
                   "change": self.action_change, "quit": self.action_leave}
        actions[event.button.id or ""]()

    def action_start(self) -> None:
        if self.decision.allows_session:
            self.choose(ev.StartSession())

    def action_seen(self) -> None:
        if self.step.can_clear:
            self.choose(ev.ClinicianSeen())

    def action_change(self) -> None:
        self.choose(ev.ChangeAnswers())

    def action_home(self) -> None:
        self.choose(ev.Done())

    def action_leave(self) -> None:
        self.choose(ev.Quit())

    def action_export(self) -> None:
        def saved(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Saved to {path}", title="Summary saved", timeout=8, markup=False)

        when = self.now()
        summary = screening_markdown(self.ruleset, self.decision, self.step.answers, when)
        folder = self.summary_dir if self.summary_dir is not None else Path.home()
        default = unique_path(folder / f"triage-tui-summary-{when:%Y-%m-%d}.md")
        self.app.push_screen(ExportModal(summary, default), saved)
