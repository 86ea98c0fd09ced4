"""I have seen a doctor or physio: the day, a name, the reasons they checked, a hold limit.

The page only reads what is typed and sends it; the journey checks it (`core.screening.
clearance_form`) and either shows this page again with what was wrong, or moves on.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from triage_tui.core.journey import events as ev
from triage_tui.core.journey.steps import ClearanceForm
from triage_tui.ui.widgets.checklist import Checklist
from triage_tui.core.screening import clearance_form as form
from triage_tui.ui.screens.base import PAGE_KEYS, Respond, StepScreen
from triage_tui.ui.widgets.keybar import KeyBar
from triage_tui.ui.widgets.more_below import MoreBelow


class ClearanceScreen(StepScreen):
    """The clearance form. Enter (in a box) or Ctrl+S saves; Esc goes back without saving."""

    DEFAULT_CSS = """
    ClearanceScreen {
        #clear-title { text-style: bold; }
        #clear-intro, #clear-effect, #clear-escalation { margin-bottom: 1; }
        #clear-effect { color: $text-muted; }
        #clear-problems { height: auto; color: $text-error; text-style: bold; margin-bottom: 1; }
        .clear-row { height: 1; margin-bottom: 1; }
        .clear-row Label { width: 14; }
        .clear-row Input { width: 32; }
        .clear-row #clear-hold { width: 8; }
        #clear-hold-range { width: 1fr; padding-left: 1; color: $text-muted; }
        #clear-reasons-heading { text-style: bold; }
        #clear-reasons { height: auto; max-height: 12; }
        #clear-buttons { height: auto; margin-top: 1; }
    }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="clearance.save"),
        Binding("escape", "back", "Back", id="clearance.back"),
        Binding("space", "toggle", "Tick", show=False, id="clearance.tick"),
        *[Binding(str(n), f"tick({n})", f"Tick reason {n}", show=False) for n in range(1, 10)],
        *PAGE_KEYS,
    ]

    def __init__(self, step: ClearanceForm, respond: Respond | None = None) -> None:
        super().__init__(step, respond)

    def compose(self) -> ComposeResult:
        step: ClearanceForm = self.step
        given = step.given
        with VerticalScroll(id="page") as page:
            yield Static(form.TITLE, id="clear-title")
            yield Static(form.INTRO, id="clear-intro")
            if step.problems:
                yield Static("\n".join(step.problems), id="clear-problems", markup=False)
            with Horizontal(classes="clear-row"):
                yield Label("Day of visit")
                yield Input(given.seen_on if given else step.today.isoformat(), placeholder="2026-03-14",
                            max_length=10, restrict=r"[0-9a-z-]*", compact=True, id="clear-date")
            with Horizontal(classes="clear-row"):
                yield Label("Their name")
                yield Input(given.name if given else "", placeholder="may be left empty", max_length=80,
                            compact=True, id="clear-name")
            with Horizontal(classes="clear-row"):
                yield Label("Longest hold")
                yield Input(given.hold_limit if given else "", placeholder="none", restrict=r"\d{0,4}",
                            compact=True, id="clear-hold")
                yield Static(f"seconds ({step.hold_range[0]} to {step.hold_range[1]}); empty: no limit",
                             id="clear-hold-range")
            if step.offered:
                yield Static("Which reasons did they check?", id="clear-reasons-heading")
                yield Checklist([(reason.rule, str(i + 1) if i < 9 else " ", reason.message)
                                 for i, reason in enumerate(step.offered)],
                                chosen=given.reasons if given else (), id="clear-reasons")
            if step.escalation:
                yield Static(f"{form.ESCALATION} {step.escalation}", id="clear-escalation", markup=False)
            yield Static(form.what_it_does(step.days), id="clear-effect")
        yield MoreBelow(page)
        with Horizontal(id="clear-buttons", classes="buttons"):
            yield Button("Save (Ctrl+S)", id="save", variant="primary")
            yield Button("Back (Esc)", id="back")
        yield KeyBar()

    _as_opened: dict[str | None, str] | None = None
    """Each box's value as the form opened (None until it has)."""

    def on_mount(self) -> None:
        # The title and intro come first; the day box is focused below them. As soon as
        # anything is typed, the box being typed in is scrolled into sight (on_input_changed).
        self._as_opened = {box.id: box.value for box in self.query(Input)}
        self.query_one("#clear-date", Input).focus(scroll_visible=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Never type blind: on a small terminal the focused box may start below the page's edge.
        (Each box also says Changed once as it opens, with the value it opened with: not typing.)"""
        if self._as_opened is not None and event.value != self._as_opened.get(event.input.id):
            event.input.scroll_visible(animate=False)

    def action_save(self) -> None:
        # Keys typed just before may still be queued for a box: read the boxes after them.
        self.call_later(self._save)

    def _save(self) -> None:
        self.choose(ev.ClearanceGiven(self.query_one("#clear-date", Input).value,
                                      self.query_one("#clear-name", Input).value,
                                      tuple(self._ticked()),
                                      self.query_one("#clear-hold", Input).value))

    def _ticked(self) -> list[str]:
        return self.query_one("#clear-reasons", Checklist).selected if self.step.offered else []

    def action_toggle(self) -> None:
        """Space (or Enter) on the list of reasons ticks or unticks the highlighted one."""
        if self.step.offered:
            self.query_one("#clear-reasons", Checklist).toggle_highlighted()

    def action_tick(self, n: int) -> None:
        """1-9 (when no box is being typed in) tick or untick that reason."""
        if n <= len(self.step.offered):
            self.query_one("#clear-reasons", Checklist).toggle(self.step.offered[n - 1].rule)

    def action_next(self) -> None:  # Enter on the list of reasons (the list's own binding)
        self.action_toggle()

    def action_back(self) -> None:
        self.choose(ev.Back())

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back()
