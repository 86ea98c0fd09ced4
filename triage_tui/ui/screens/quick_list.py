"""The daily check's urgent items on one page: `n` (or `0`) for "None of these", or tick the
ones that apply (1-9, space) and press Enter; each ticked item is then asked in full."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from triage_tui.core.journey import events as ev
from triage_tui.core.journey.quick import HEADING, HINT
from triage_tui.core.journey.steps import QuickList
from triage_tui.ui.screens.base import PAGE_KEYS, Respond, StepScreen
from triage_tui.ui.widgets.checklist import Checklist
from triage_tui.ui.widgets.keybar import KeyBar
from triage_tui.ui.widgets.more_below import MoreBelow

NOTHING_TICKED = "Nothing is ticked. Press n if none of these apply, or tick the ones that do (1-9 or space)."


class QuickListScreen(StepScreen):
    """Reports the ticked items (none: "None of these"), or that the person went back."""

    CSS_PATH = "../styles/question.tcss"
    BINDINGS = [
        # In the order the key bar keeps them when it is short of room: "None of these" first.
        Binding("n,0", "none", "None", key_display="n", priority=True, id="quick.none"),  # short: it must fit at 40 columns
        Binding("enter", "next", "Go on", key_display="Enter", priority=True, id="quick.next"),
        Binding("1", "tick(1)", "Tick", key_display="1-9", priority=True, id="quick.tick"),
        *[Binding(str(n), f"tick({n})", show=False, priority=True) for n in range(2, 10)],
        Binding("space", "toggle", show=False, priority=True),
        Binding("up", "move(-1)", show=False, priority=True),
        Binding("down", "move(1)", show=False, priority=True),
        Binding("escape", "back", "Back", id="quick.back"),
        *PAGE_KEYS,
    ]

    def __init__(self, step: QuickList, respond: Respond | None = None) -> None:
        super().__init__(step, respond)

    def compose(self) -> ComposeResult:
        items = self.step.items
        with VerticalScroll(id="page") as page:
            yield Static("Today's check · warning signs", id="section-progress", markup=False)
            yield Static(HEADING, id="question-text", markup=False)
            yield Static(HINT, id="question-help", markup=False)
            yield Checklist([(q.id, str(i + 1) if i < 9 else " ", q.text) for i, q in enumerate(items)],
                            chosen=self.step.ticked, id="choices")
            yield Static("", id="hint")
            with Horizontal(classes="buttons"):
                yield Button("Back (Esc)", id="back")
                yield Button("None of these (n)", id="none", variant="primary")
                yield Button("Go on with the ticked (Enter)", id="next")
        yield MoreBelow(page)
        yield KeyBar()

    def on_mount(self) -> None:
        self.call_after_refresh(self.query_one("#page").scroll_home, animate=False)
        self.query_one("#choices").focus()

    @property
    def checklist(self) -> Checklist:
        return self.query_one("#choices", Checklist)

    def action_none(self) -> None:
        if self.checklist.selected:
            self.query_one("#hint", Static).update("Some are ticked: untick them first, or press Enter to go on.")
            return
        self.choose(ev.Ticked(()))

    def action_tick(self, n: int) -> None:
        if n <= len(self.step.items):
            self.checklist.toggle(self.step.items[n - 1].id)
            self.query_one("#hint", Static).update("")

    def action_toggle(self) -> None:
        self.checklist.toggle_highlighted()

    def action_move(self, step: int) -> None:
        checklist = self.checklist
        (checklist.action_cursor_down if step > 0 else checklist.action_cursor_up)()

    def action_next(self) -> None:
        ticked = self.checklist.selected
        if not ticked:
            self.query_one("#hint", Static).update(NOTHING_TICKED)
            return
        self.choose(ev.Ticked(tuple(ticked)))

    def action_back(self) -> None:
        self.choose(ev.Back())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {"back": self.action_back, "none": self.action_none, "next": self.action_next}[event.button.id or "back"]()
