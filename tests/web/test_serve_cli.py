"""Issue 16 without a browser: `triage-tui serve`'s checks and messages, the page template's
promises, and the app's title set through Textual (never written to a terminal)."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

import triage_tui.web
from triage_tui.cli import main
from triage_tui.ui.terminal_title import TerminalTitle
from triage_tui.web import serve

TEMPLATE = Path(triage_tui.web.__file__).parent / "templates" / "app_index.html"


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, int, str]]:
    """Stands in for the real server: records what it was asked to serve."""
    calls: list[tuple[str, str, int, str]] = []
    pytest.importorskip("textual_serve")
    from triage_tui.web import server

    monkeypatch.setattr(server.PageServer, "serve", lambda self: calls.append((self.command, self.host, self.port,
                                                                              self.url)))
    return calls


def test_without_the_extra_one_line_says_how_to_install_it(monkeypatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # as if not installed
    assert main(["serve"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.splitlines() == ["triage-tui serve needs the web extra: pip install 'triage-tui[web]'"]


def test_loopback_by_default_and_without_a_warning(served, capsys, tmp_path) -> None:
    assert main(["serve", "--data-dir", str(tmp_path / "data")]) == 0
    (command, host, port, url), = served
    assert (host, port, url) == ("127.0.0.1", 8000, "http://127.0.0.1:8000/")
    assert capsys.readouterr().err == ""
    argv = shlex.split(command)
    assert argv[:4] == [sys.executable, "-m", "triage_tui", "--tui"]  # the full-screen app, never plain mode
    assert argv[4:] == ["--data-dir", str(tmp_path / "data")]


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])
def test_another_host_warns_in_one_line_that_the_page_has_no_login(served, capsys, host) -> None:
    assert main(["serve", "--host", host, "--port", "8080"]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and "no login" in lines[0] and ":8080/" in lines[0]


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "localhost", "[::1]"])
def test_loopback_addresses(host) -> None:
    assert serve.is_loopback(host)


def test_a_bad_port_or_broken_rules_stop_before_serving(served, capsys, tmp_path) -> None:
    assert main(["serve", "--port", "70000"]) == 2
    assert main(["serve", "--rules", str(tmp_path / "missing")]) == 2
    assert not served
    assert "--port" in capsys.readouterr().err


def test_the_page_asks_only_its_own_server_for_anything() -> None:
    page = TEMPLATE.read_text()
    assert "<title>triage-tui</title>" in page
    assert not re.search(r"(?:https?:)?//[\w.-]+\.\w", page.replace("http-equiv", ""))  # no other host
    assert 'name="viewport"' in page  # a phone shows it at its own width
    assert "default-src 'self'" in page and "connect-src 'self'" in page


class TitleHost(App[None]):
    TITLE = "triage-tui"

    def compose(self) -> ComposeResult:
        yield Static("")


async def test_the_title_is_the_apps_sub_title_and_is_put_back() -> None:
    app = TitleHost()
    async with app.run_test():
        app.sub_title = "before"
        title = TerminalTitle(enabled=True)
        title.set("Hold LEFT 0:42 · triage-tui")
        assert (app.title, app.sub_title) == ("triage-tui", "Hold LEFT 0:42")
        title.set("Hold LEFT 0:41 (paused)\x07 · triage-tui")  # nothing unprintable gets through
        assert app.sub_title == "Hold LEFT 0:41 (paused)"
        title.close()
        assert app.sub_title == "before"


def test_the_title_does_nothing_without_a_running_app() -> None:
    title = TerminalTitle(enabled=False)
    title.set("Hold LEFT 0:42 · triage-tui")
    title.close()
