"""Run `triage-tui serve` and drive its page in headless Chromium (Playwright for Python).

The browser is Debian's `chromium` package, driven through its executable path (browsers cannot
be downloaded here, so `playwright install` is never used). The page draws the app on a canvas;
what the app shows is read from the bytes it sends down the page's websocket, escape codes removed.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("TRIAGE_TUI_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REQUIRED_ENV = "TRIAGE_TUI_BROWSER_TESTS"
"""`.ci/run` sets it to `required`: there a missing browser fails the tests instead of skipping them."""
APP = shutil.which("triage-tui") or str(Path(sys.executable).parent / "triage-tui")
_ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=:]*[ -/]*[@-~]|\x1b[\]P_^X][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install '.[test]')"
    if not os.access(CHROMIUM, os.X_OK):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    """`triage-tui serve` on a free loopback port, in its own process group."""

    def __init__(self, env: dict[str, str], *args: str) -> None:
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([APP, "serve", "--port", str(self.port), *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, env={**os.environ, **env}, start_new_session=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().decode()  # printed once the server listens
        assert "open http://127.0.0.1:" in line, line

    def stop(self) -> int:
        """Stop the server as Ctrl+C would (SIGINT to its process group: the server and its apps)."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        return self.proc.returncode


class AppPage:
    """One browser tab showing the served app; keeps every request and everything drawn."""

    def __init__(self, context: Any, url: str) -> None:
        self.page = context.new_page()
        self.requests: list[str] = []
        self.sockets: list[str] = []
        self.raw = bytearray()
        self.seen = 0
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("websocket", self._socket)
        self.started = time.perf_counter()
        self.page.goto(url)
        self.page.wait_for_selector(".xterm-helper-textarea", state="attached")
        self.page.focus(".xterm-helper-textarea")  # keys go to the terminal

    def _socket(self, socket: Any) -> None:
        self.sockets.append(socket.url)
        socket.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):  # text frames are the page's own (pong, downloads)
            self.raw += payload

    def text(self) -> str:
        return _ESCAPES.sub(b"", bytes(self.raw)).decode("utf-8", "replace")

    def wait_for(self, text: str, timeout: float = 30.0) -> float:
        """Seconds from opening the page until `text` is drawn (after what earlier waits matched)."""
        end = time.perf_counter() + timeout
        while True:
            shown = self.text()
            at = shown.find(text, self.seen)
            if at >= 0:
                self.seen = at + len(text)
                return time.perf_counter() - self.started
            if time.perf_counter() > end:
                raise AssertionError(f"{text!r} not drawn within {timeout} s; last drawn: {shown[-600:]!r}")
            self.page.wait_for_timeout(30)  # lets Playwright deliver the socket's frames

    def press(self, *keys: str) -> None:
        """Key presses once the page on screen has settled (Playwright names: Enter, ArrowDown, n)."""
        self.page.wait_for_timeout(150)
        for key in keys:
            self.page.keyboard.press(key)
