"""First screen in a browser: `triage-tui serve` against a bare Textual app served the same way.

Both are served by the same server (textual-serve with triage-tui's page), each on its own
loopback port, and opened alternately in one headless Chromium (Debian's, by its path), so
machine load hits both alike. Each run opens a new tab, which starts a new app process, and is
timed from asking for the page until the app's first screen text arrives in the page. Target:
median ratio at most 1.3. The rules cache is warmed first.

    python benchmarks/bench_serve.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "web"))  # the page helper
from pagerun import CHROMIUM, CHROMIUM_ARGS, AppPage, free_port, missing_browser  # noqa: E402

BARE_APP = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hello from a bare Textual app")

Bare().run()
"""
SERVER = ("import sys; from triage_tui.web.server import PageServer; "
          "PageServer(sys.argv[1], '127.0.0.1', int(sys.argv[2]), '').serve()")


def start_server(command: str, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, command, str(port)], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, env={**os.environ, **env}, start_new_session=True)
    assert server.stdout is not None
    line = server.stdout.readline().decode()
    assert "open" in line, line
    return server, f"http://127.0.0.1:{port}/"


def time_once(context: object, url: str, marker: str) -> float:
    page = AppPage(context, url)
    try:
        return page.wait_for(marker)
    finally:
        page.page.close()
        page.page.context.pages[0].wait_for_timeout(300)  # let the closed tab's app exit


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    if (why := missing_browser()) is not None:
        print(f"cannot run: {why}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        env = {"TRIAGE_TUI_CACHE_DIR": f"{tmp}/cache", "TRIAGE_TUI_DATA_DIR": f"{tmp}/data", "HOME": tmp}
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE_APP)
        ours_cmd = shlex.join([sys.executable, "-m", "triage_tui", "--tui"])  # as `triage-tui serve` runs it
        bare_cmd = shlex.join([sys.executable, str(bare)])
        servers = [start_server(ours_cmd, env), start_server(bare_cmd, env)]
        (_, ours_url), (_, bare_url) = servers
        ours_marker = "a safe start for the 90/90 hip stretch"
        bare_marker = "Hello from a bare Textual app"
        try:
            with sync_playwright() as playwright:
                context = playwright.chromium.launch_persistent_context(
                    f"{tmp}/profile", executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
                    viewport={"width": 1000, "height": 700})
                context.new_page()  # kept open: the browser stays up between runs
                time_once(context, ours_url, ours_marker)  # fills the rules cache
                time_once(context, bare_url, bare_marker)
                ours, ref = [], []
                for _ in range(args.runs):
                    ours.append(time_once(context, ours_url, ours_marker))
                    ref.append(time_once(context, bare_url, bare_marker))
                context.close()
        finally:
            for server, _ in servers:
                os.killpg(server.pid, signal.SIGINT)
                server.wait(timeout=15)
    ratios = [a / b for a, b in zip(ours, ref)]
    print(f"triage-tui in a page, to the welcome screen: median {statistics.median(ours) * 1000:.0f} ms")
    print(f"bare Textual app in a page, to its one line: median {statistics.median(ref) * 1000:.0f} ms")
    print(f"median ratio: {statistics.median(ratios):.2f} (target <= 1.3); "
          f"ratios min {min(ratios):.2f}, max {max(ratios):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
