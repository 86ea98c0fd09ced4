"""Launch to first screen, in a real pseudo-terminal: triage-tui against a bare Textual app.

Both run alternately in the same run (so machine load hits both alike), 100x32, and are timed
from process start until their first screen's text is on the terminal. Target: median ratio
at most 1.25. The rules cache is warmed first, as it is after the first start on any machine.

    python benchmarks/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the shared pty helper
from ptyrun import PtyProcess  # noqa: E402

BARE_APP = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hello from a bare Textual app")

Bare().run()
"""


def time_once(argv: list[str], marker: str, env: dict[str, str]) -> float:
    process = PtyProcess(argv, env=env)
    try:
        return process.wait_for(marker)
    finally:
        process.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {"TRIAGE_TUI_CACHE_DIR": f"{tmp}/cache", "TRIAGE_TUI_DATA_DIR": f"{tmp}/data", "HOME": tmp}
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE_APP)
        script = Path(sys.executable).parent / "triage-tui"  # what people run
        ours_argv = [str(script)] if script.exists() else [sys.executable, "-m", "triage_tui"]
        bare_argv = [sys.executable, str(bare)]
        ours_marker = "a safe start for the 90/90 hip stretch"
        bare_marker = "Hello from a bare Textual app"
        time_once(ours_argv, ours_marker, env)  # fills the rules cache
        time_once(bare_argv, bare_marker, env)
        ours, ref = [], []
        for _ in range(args.runs):
            ours.append(time_once(ours_argv, ours_marker, env))
            ref.append(time_once(bare_argv, bare_marker, env))
    ratios = [a / b for a, b in zip(ours, ref)]
    print(f"triage-tui, launch to welcome screen: median {statistics.median(ours) * 1000:.0f} ms")
    print(f"bare Textual app, launch to one line: median {statistics.median(ref) * 1000:.0f} ms")
    print(f"median ratio: {statistics.median(ratios):.2f} (target <= 1.25)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
