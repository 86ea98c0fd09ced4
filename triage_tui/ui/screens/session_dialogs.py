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
from rich.table import Table
from rich.text import Text
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from triage_tui.core.rules.ruleset import StopCue
from triage_tui.ui.widgets.choice_prompt import choice_prompt
from triage_tui.ui.widgets.more_below import MoreBelow

ACTION_WORDS = {"urgent": "get help now", "stop": "stop for today", "end_hold": "end this hold",
                "pause": "pause"}

HEADING = Content.from_markup("[b]The timer is paused.[/b] What is happening?")
SHORT_HEADING = Content.from_markup("[b]What is happening?[/b] Press its number.")
COMPACT_BELOW = (60, 20)
"""Narrower or shorter than this (columns, rows), the cues are listed one line each, cut with
"…", and only the highlighted one in full: every cue in sight at once, each with its number."""


def one_line(key: str, label: str) -> Table:
    """`key  label` on one line, the label cut with "…" where it does not fit."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=len(key) + 1, no_wrap=True)
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_row(Text(key, style="bold"), Text(label))
    return grid


class PainStopModal(ModalScreen[StopCue | None]):
    """The hold has stopped; which of these is happening? Esc goes back (still paused)."""

    BINDINGS = [
        Binding("escape", "cancel", "Not now", id="pain.cancel"),
        *[Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)],
    ]

    CSS_PATH = "../styles/session.tcss"

    def __init__(self, cues: Sequence[StopCue]) -> None:
        super().__init__()
        self.cues = list(cues)
        self.compact = False
        """Each cue on one line but the highlighted one (a small terminal)."""

    def compose(self) -> ComposeResult:
        self.compact = self._small()  # decided before the first layout, so the list fits at once
        with Vertical(id="dialog", classes="-wide"):
            yield Static(SHORT_HEADING if self.compact else HEADING, id="pain-heading")
            cues = OptionList(*[Option(self._prompt(i, cue, whole=not self.compact), id=cue.id)
                                for i, cue in enumerate(self.cues)], id="cues")
            yield cues
            yield MoreBelow(cues)
            with Horizontal(id="dialog-buttons"):
                yield Button("None: back to the timer (Esc)", id="cancel")

    def on_mount(self) -> None:
        options = self.query_one("#cues", OptionList)
        options.highlighted = None
        options.focus()

    def on_resize(self) -> None:
        self._fit()

    def _small(self) -> bool:
        width, height = self.app.size
        return width < COMPACT_BELOW[0] or height < COMPACT_BELOW[1]

    @staticmethod
    def _prompt(index: int, cue: StopCue, whole: bool) -> Table:
        key = str(index + 1)
        return choice_prompt(key, "", cue.label) if whole else one_line(key, cue.label)

    def _fit(self) -> None:
        """Whole cues on a big terminal; on a small one, one line each (see `COMPACT_BELOW`)."""
        compact = self._small()
        if compact != self.compact:
            self.compact = compact
            self.query_one("#pain-heading", Static).update(SHORT_HEADING if compact else HEADING)
            self._prompts()

    def _prompts(self) -> None:
        options = self.query_one("#cues", OptionList)
        for i, cue in enumerate(self.cues):
            whole = not self.compact or i == options.highlighted
            options.replace_option_prompt_at_index(i, self._prompt(i, cue, whole))

    @on(OptionList.OptionHighlighted, "#cues")
    def _highlighted(self) -> None:
        if self.compact:
            self._prompts()  # the highlighted cue in full, the others one line

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
