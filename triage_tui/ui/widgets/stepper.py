"""A number you change with the arrow keys, + and -, or the mouse."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Static


class Stepper(Horizontal, can_focus=True):
    """`label  [-] value unit [+]  (min to max)`. Posts `Stepper.Changed`."""

    DEFAULT_CSS = """
    Stepper { height: 1; padding: 0 1; margin-bottom: 1; }
    Stepper:focus { background: $boost; }
    Stepper:focus > .stepper-label { text-style: bold; }
    Stepper > .stepper-label { width: 24; }
    Stepper > .stepper-value { width: 10; content-align: center middle; text-style: bold; }
    Stepper > Button { min-width: 3; width: 3; }
    Stepper > .stepper-range { width: auto; color: $text-muted; margin-left: 2; }
    """

    BINDINGS = [
        Binding("left,minus", "step(-1)", "Less", show=False),
        Binding("right,plus,equals_sign", "step(1)", "More", show=False),
    ]

    value: reactive[int] = reactive(0)
    """The current value, always within `low` and `high`."""

    class Changed(Message):
        """The value changed."""

        def __init__(self, stepper: Stepper, value: int) -> None:
            super().__init__()
            self.stepper = stepper
            self.value = value

        @property
        def control(self) -> Stepper:
            return self.stepper

    def __init__(self, label: str, value: int, low: int, high: int, step: int = 1, unit: str = "",
                 **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.label = label
        self.low, self.high, self.step_size, self.unit = low, high, step, unit
        self.set_reactive(Stepper.value, min(max(value, low), high))

    def compose(self) -> ComposeResult:
        yield Static(self.label, classes="stepper-label", markup=False)
        yield Button("-", id="less", compact=True)
        yield Static(self._shown(), classes="stepper-value")
        yield Button("+", id="more", compact=True)
        yield Static(f"({self.low} to {self.high})", classes="stepper-range")

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False

    def _shown(self) -> Content:
        return Content(f"{self.value} {self.unit}".strip())

    def watch_value(self, value: int) -> None:
        if self.is_mounted:
            self.query_one(".stepper-value", Static).update(self._shown())
            self.post_message(self.Changed(self, value))

    def action_step(self, direction: int) -> None:
        self.value = min(max(self.value + direction * self.step_size, self.low), self.high)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.focus()
        self.action_step(-1 if event.button.id == "less" else 1)
