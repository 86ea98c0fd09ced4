"""A bullet point whose wrapped lines stay indented under the text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static


class Bullet(Horizontal):
    """`• text`, with a hanging indent."""

    DEFAULT_CSS = """
    Bullet { height: auto; }
    Bullet > .bullet-mark { width: 2; }
    Bullet > .bullet-text { width: 1fr; }
    """

    def __init__(self, text: str | Content, mark: str = "•", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.text = text if isinstance(text, Content) else Content(text)
        self.mark = mark

    def compose(self) -> ComposeResult:
        mark = Static(self.mark, classes="bullet-mark", markup=False)
        mark.styles.width = len(self.mark) + 1
        yield mark
        yield Static(self.text, classes="bullet-text")
