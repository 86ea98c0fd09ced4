"""Dialogs over the session: what happened at a pain stop, and what to do after a timer gap."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from triage_tui.core.rules.ruleset import StopCue
from triage_tui.ui.widgets.choice_prompt import choice_prompt
from triage_tui.ui.widgets.more_below import MoreBelow

ACTION_WORDS = {"urgent": "get help now", "stop": "stop for today", "end_hold": "end this hold",
                "pause": "pause"}


class PainStopModal(ModalScreen[StopCue | None]):
    """The hold has stopped; which of these is happening? Esc goes back (still paused)."""

    BINDINGS = [
        Binding("escape", "cancel", "Not now", id="pain.cancel"),
        *[Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)],
    ]

    def __init__(self, cues: Sequence[StopCue]) -> None:
        super().__init__()
        self.cues = list(cues)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="-wide"):
            yield Static(Content.from_markup("[b]The timer is paused.[/b] What is happening?"))
            cues = OptionList(*[Option(choice_prompt(str(i + 1), "", cue.label), id=cue.id)
                                for i, cue in enumerate(self.cues)], id="cues")
            yield cues
            yield MoreBelow(cues)
            with Horizontal(id="dialog-buttons"):
                yield Button("None: back to the timer (Esc)", id="cancel")

    def on_mount(self) -> None:
        options = self.query_one("#cues", OptionList)
        options.highlighted = None
        options.focus()

    @on(OptionList.OptionSelected, "#cues")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.cues[event.option_index])

    def action_pick(self, n: int) -> None:
        if n <= len(self.cues):
            self.dismiss(self.cues[n - 1])

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


GapChoice = Literal["resume", "restart", "stop"]


class GapModal(ModalScreen[GapChoice]):
    """The clock jumped (the computer slept): go on, start this part again, or stop."""

    BINDINGS = [
        Binding("r,enter", "choose('resume')", "Resume", id="gap.resume"),
        Binding("a", "choose('restart')", "Start this part again", id="gap.restart"),
        Binding("x", "choose('stop')", "Stop the session", id="gap.stop"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(
                "The timer was interrupted for a while (the computer may have gone to sleep). "
                "It has paused where it was. What would you like to do?"
            )
            with Horizontal(id="dialog-buttons"):
                yield Button("Resume (r)", id="resume", variant="primary")
                yield Button("Start this part again (a)", id="restart")
                yield Button("Stop (x)", id="stop")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id)  # type: ignore[arg-type]

    def action_choose(self, choice: GapChoice) -> None:
        self.dismiss(choice)
