"""Pick several: each line says `[x]` or `[ ]` in words, and long labels wrap.

Textual's `SelectionList` shows ticked by colour alone and draws one line per choice (a long
label is cut with "…"); this is an `OptionList`, which wraps, with the tick written out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual import on
from textual.binding import Binding
from rich.table import Table
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from triage_tui.ui.widgets.choice_prompt import choice_prompt

TICKED = "[x]"
UNTICKED = "[ ]"


class Checklist(OptionList):
    """Choices with a key and a tick box each. Space, a click or `toggle` ticks; an exclusive
    choice ("None of these") unticks the others, and ticking another unticks it."""

    BINDINGS = [Binding("enter", "screen.next", "Next", show=False)]

    class Changed(Message):
        """The ticked choices changed."""

        def __init__(self, checklist: Checklist) -> None:
            super().__init__()
            self.checklist = checklist

        @property
        def control(self) -> Checklist:
            return self.checklist

    def __init__(self, choices: Sequence[tuple[str, str, str]], *, chosen: Iterable[str] = (),
                 exclusive: Iterable[str] = (), **kwargs: str) -> None:
        """`choices` holds (id, key shown, label) for each line."""
        self.choices = tuple(choices)
        self.exclusive = frozenset(exclusive)
        self.ticked = {value for value in chosen if value in {c[0] for c in self.choices}}
        super().__init__(*[Option(self._prompt(c), id=c[0]) for c in self.choices], **kwargs)

    @property
    def selected(self) -> list[str]:
        """The ticked choices, in the order shown."""
        return [c[0] for c in self.choices if c[0] in self.ticked]

    def _prompt(self, choice: tuple[str, str, str]) -> Table:
        value, key, label = choice
        return choice_prompt(key, TICKED if value in self.ticked else UNTICKED, label)

    def toggle(self, value: str) -> None:
        """Tick or untick one choice, keeping an exclusive choice on its own."""
        if value in self.ticked:
            self.ticked.discard(value)
        elif value in self.exclusive:
            self.ticked = {value}
        else:
            self.ticked = (self.ticked - self.exclusive) | {value}
        for choice in self.choices:
            self.replace_option_prompt(choice[0], self._prompt(choice))
        self.post_message(self.Changed(self))

    def toggle_highlighted(self) -> None:
        if self.highlighted is not None:
            self.toggle(self.choices[self.highlighted][0])

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        """A click (or Enter, when bound) on a line ticks it; the screen does not see it."""
        event.stop()
        if event.option.id is not None:
            self.toggle(event.option.id)
