"""Ask where to save the summary, then save it (atomically, never over an existing file).

In a browser page (`triage-tui serve`) the file is handed to the browser instead, with Textual's
`App.deliver_text`: the person's browser downloads it, and nothing is written on the server.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from triage_tui.core.atomic import write_new


class ExportModal(ModalScreen[Path | None]):
    """Dismisses with the path written, or None if cancelled or handed to the browser (which
    says so itself)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(self, text: str, default: Path, what: str = "summary") -> None:
        super().__init__()
        self.text = text
        self.default = default
        self.what = what

    def compose(self) -> ComposeResult:
        web = self.app.is_web
        verb = "Download" if web else "Save"
        with Vertical(id="dialog"):
            yield Static(f"{verb} the {self.what} as a Markdown file you can print or show to a clinician.")
            yield Input(self.default.name if web else str(self.default), id="path")
            yield Static("", id="hint")
            with Horizontal(id="dialog-buttons"):
                yield Button(f"{verb} (Enter)", id="save", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        field = self.query_one("#path", Input)
        field.cursor_blink = False
        field.focus()

    @on(Input.Submitted, "#path")
    def _submitted(self) -> None:
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _save(self) -> None:
        raw = self.query_one("#path", Input).value.strip()
        hint = self.query_one("#hint", Static)
        if not raw:
            hint.update("Please type a file name.")
            return
        if self.app.is_web:
            self._download(Path(raw).name or self.default.name)
            return
        path = Path(raw).expanduser()
        try:
            path = write_new(path, self.text, mode=0o600)  # never over a file, never a new folder
        except FileExistsError:
            hint.update("That file already exists. Please choose another name.")
            return
        except FileNotFoundError:
            hint.update("That folder does not exist. Please choose a folder that does.")
            return
        except OSError as error:
            hint.update(f"Could not save there: {error.strerror or error}")
            return
        self.dismiss(path)

    def _download(self, name: str) -> None:
        """Hand the text to the browser, which saves it in its downloads folder."""
        name = re.sub(r"[^\w.-]+", "-", name).strip("-.") or self.default.name  # a header-safe name
        self.app.deliver_text(io.StringIO(self.text), save_filename=name, open_method="download",
                              mime_type="text/markdown")
        self.notify(f"Your browser is downloading {name}.", title=f"{self.what.capitalize()} ready",
                    timeout=8, markup=False)
        self.dismiss(None)
