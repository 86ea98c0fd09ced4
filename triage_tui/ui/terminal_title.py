"""The phase and time left as the app's sub-title, so the app can show them wherever it runs.

Set through Textual's `App.title` / `App.sub_title` only: nothing is written to a terminal, so
the same code is right in a terminal, under tests and in a browser page (`triage-tui serve`),
where the server's own terminal is not the person's. Textual draws the title in a `Header`;
it does not pass it on to the terminal window or the browser tab (the page's title stays
"triage-tui").
"""

from __future__ import annotations

from textual import getters
from textual.app import App


class TerminalTitle:
    """Shows a title as the running app's sub-title; `close` puts back the one from before.

    Made inside a mounted screen (Textual's active app is the one to change). Made anywhere
    else, it does nothing.
    """

    app = getters.app(App)
    """The running app (Textual's public accessor for it)."""

    def __init__(self, enabled: bool = True) -> None:
        """`enabled`: kept for callers; the title is set the same way with or without a terminal."""
        self.current = ""
        self.owner: App | None = None
        try:
            self.owner = self.app
        except (LookupError, RuntimeError, AttributeError):  # no app is running
            self.owner = None
        self.before = self.owner.sub_title if self.owner is not None else ""

    def set(self, title: str) -> None:
        clean = "".join(ch for ch in title if ch.isprintable())
        if self.owner is None or clean == self.current:
            return
        self.current = clean
        suffix = f" · {self.owner.title}"
        self.owner.sub_title = clean[: -len(suffix)] if clean.endswith(suffix) else clean

    def close(self) -> None:
        if self.owner is not None:
            self.owner.sub_title = self.before
            self.owner = None
