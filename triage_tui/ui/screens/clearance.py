"""I have seen a doctor or physio: the day, a name, the reasons they checked, a hold limit.

The page only reads what is typed and sends it; the journey checks it (`core.screening.
clearance_form`) and either shows this page again with what was wrong, or moves on.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import Click
from textual.widgets import Button, Checkbox, Input, Label, Static

from triage_tui.core.journey import events as ev
from triage_tui.core.journey.steps import ClearanceForm
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
        .clear-reason { height: auto; margin-bottom: 1; }
        .clear-reason Checkbox { width: 5; }
        .clear-reason-text { width: 1fr; padding-left: 1; }
        #clear-buttons { height: auto; margin-top: 1; }
    }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="clearance.save"),
        Binding("escape", "back", "Back", id="clearance.back"),
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
                ticked = set(given.reasons) if given else set()
                for reason in step.offered:
                    with Horizontal(classes="clear-reason"):
                        yield Checkbox("", reason.rule in ticked, id=f"reason-{reason.rule}", compact=True)
                        yield Static(reason.message, classes="clear-reason-text", markup=False)
            if step.escalation:
                yield Static(f"{form.ESCALATION} {step.escalation}", id="clear-escalation", markup=False)
            yield Static(form.what_it_does(step.days), id="clear-effect")
        yield MoreBelow(page)
        with Horizontal(id="clear-buttons", classes="buttons"):
            yield Button("Save (Ctrl+S)", id="save", variant="primary")
            yield Button("Back (Esc)", id="back")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#clear-date", Input).focus(scroll_visible=False)

    def action_save(self) -> None:
        # Keys typed just before may still be queued for a box: read the boxes after them.
        self.call_later(self._save)

    def _save(self) -> None:
        self.choose(ev.ClearanceGiven(self.query_one("#clear-date", Input).value,
                                      self.query_one("#clear-name", Input).value,
                                      tuple(self._ticked()),
                                      self.query_one("#clear-hold", Input).value))

    def _ticked(self) -> list[str]:
        boxes = self.query(".clear-reason Checkbox").results(Checkbox)
        return [(box.id or "").removeprefix("reason-") for box in boxes if box.value]

    def on_click(self, event: Click) -> None:
        """A click on a reason's words ticks its box, as a click on the box does."""
        if event.widget is not None and event.widget.has_class("clear-reason-text"):
            box = event.widget.parent.query_one(Checkbox)  # type: ignore[union-attr]
            box.toggle()
            box.focus()

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
