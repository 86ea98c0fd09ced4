"""`triage-tui serve`: check what the server needs, say where the page is, then serve it."""

from __future__ import annotations

import importlib.util
import ipaddress
import os
import shlex
import subprocess
import sys

from triage_tui.core import paths
from triage_tui.core.errors import RulesError
from triage_tui.core.rules.loader import load_rules

INSTALL_HINT = "triage-tui serve needs the web extra: pip install 'triage-tui[web]'"
EXIT_BAD_INPUT = 2


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def app_command(rules: str | None, data_dir: str | None) -> str:
    """The shell command textual-serve runs once per tab: this Python, the full-screen app.

    `--tui` because the app's input is a pipe, not a terminal (plain mode would start by itself).
    The folders are made absolute so every tab uses the same ones whatever happens to the cwd.
    """
    argv = [sys.executable, "-m", "triage_tui", "--tui"]
    if rules:
        argv += ["--rules", os.path.abspath(rules)]
    if data_dir:
        argv += ["--data-dir", os.path.abspath(data_dir)]
    return subprocess.list2cmdline(argv) if os.name == "nt" else shlex.join(argv)


def page_url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"


def run(host: str, port: int, rules: str | None = None, data_dir: str | None = None) -> int:
    """Serve the app until Ctrl+C; return the exit status (2: missing extra or unusable rules)."""
    if importlib.util.find_spec("textual_serve") is None:
        print(INSTALL_HINT, file=sys.stderr)
        return EXIT_BAD_INPUT
    if not 0 < port < 65536:
        print(f"triage-tui serve: --port must be between 1 and 65535, not {port}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:  # fail here, once, rather than in every tab
        load_rules(paths.rules_dir(rules).path)
    except RulesError as error:
        print("triage-tui cannot start: the rules have problems.", file=sys.stderr)
        for line in error.lines():
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    if not is_loopback(host):
        print(f"triage-tui: warning: the page has no login; anyone who can reach {page_url(host, port)} "
              "can use it and see your history.", file=sys.stderr, flush=True)
    from triage_tui.web.server import PageServer  # deferred: aiohttp and textual-serve are heavy

    PageServer(app_command(rules, data_dir), host, port, page_url(host, port)).serve()
    return 0
