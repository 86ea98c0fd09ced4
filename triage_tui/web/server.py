"""textual-serve's server with our own page (no outside requests), and a quiet console."""

from __future__ import annotations

import logging
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

TEMPLATES = Path(__file__).resolve().parent / "templates"


class PageServer(Server):
    """Serves `command` (one process per tab) with the page in `templates/app_index.html`."""

    def __init__(self, command: str, host: str, port: int, url: str) -> None:
        super().__init__(command, host=host, port=port, title="triage-tui", templates_path=TEMPLATES)
        self.url = url
        """Where to point the browser (the page itself uses only relative addresses)."""

    def initialize_logging(self) -> None:
        """Warnings and errors only: no line per request, no banner."""
        logging.basicConfig(level=logging.WARNING, format="triage-tui serve: %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        print(f"triage-tui: open {self.url} in your browser (each tab is its own app; "
              "Ctrl+C stops the server)", flush=True)
