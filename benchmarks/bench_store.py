"""The history store at 100, 3,000 and 30,000 sessions: one save, and `triage-tui history`.

A save is `Store.add_session` on a store already open (as in the app, where a running session
saves a checkpoint at each phase end), median of 15. `history` is the whole command as a new
process (`python -m triage_tui --data-dir DIR history`, output to /dev/null), median of 5,
alternating with the reference, `python -c "import sqlite3"` (the least any Python command
costs), so machine load hits both alike. Targets (issue 11): a save <= 20 ms and `history`
<= 300 ms at 30,000 sessions.

`--before DIR` also measures the code in DIR (e.g. a worktree of the old TOML store:
`git worktree add /tmp/oldmain HEAD`), on a sessions.toml holding the same sessions.

    python benchmarks/bench_store.py [--before /tmp/oldmain] [--sizes 100,3000,30000] [--runs 5] [--future]

Each process runs from an empty folder with PYTHONPATH set to the code measured (so the current
folder's checkout never shadows it).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SEED = r"""
import sys, time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from triage_tui.core.session.record import HoldRecord, SessionRecord
from triage_tui.core.history import store as store_module

folder, count, fmt = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
# One session a day, the last one yesterday: 30,000 sessions are 82 years of daily use. (Until
# 2026-11-26 they started in 1990, so most were dated in the future; `--future` keeps that case.)
T0 = (datetime(1990, 1, 1, 8, tzinfo=timezone.utc) if "--future" in sys.argv else
      datetime.now(timezone.utc).replace(hour=8, minute=0, second=0, microsecond=0) - timedelta(days=count + 1))

def record(i):
    start = T0 + timedelta(days=i)
    holds = tuple(HoldRecord(r, s, "hold", 60, 60.0) for r in (1, 2) for s in ("left", "right"))
    return SessionRecord(start, start + timedelta(minutes=6), "floor", "hold", ("no_forward_lean",), 60, 2,
                         holds, "finished", None, 4, 3)

if fmt == "toml":  # the old format, written whole, as the old store wrote it
    import tomli_w
    from triage_tui.core.history.records import session_to_toml
    folder.mkdir(parents=True, exist_ok=True)
    table = {"schema_version": 1, "session": [session_to_toml(record(i), "abc") for i in range(count)]}
    (folder / "sessions.toml").write_text(tomli_w.dumps(table))
else:  # one transaction for the lot (a seed, not what is measured)
    from triage_tui.core.history import database
    from triage_tui.core.history.migrate import add_session_row
    from triage_tui.core.history.rows import session_row
    connection, _ = database.open_db(folder, create=True)
    with database.transaction(connection):
        for i in range(count):
            add_session_row(connection, session_row(record(i), "abc"))
    connection.close()

store = store_module.Store(folder)
store.load_sessions()
times = []
for i in range(15):
    started = time.perf_counter()
    store.add_session(record(count + i), "abc")
    times.append(time.perf_counter() - started)
print(sorted(times)[len(times) // 2])
"""


FUTURE: list[str] = []


def run_python(code_or_args: list[str], pythonpath: Path, env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, *code_or_args], env={**env, "PYTHONPATH": str(pythonpath)}, cwd=env["HOME"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, check=True)
    return time.perf_counter() - started, done.stdout


def measure(code: Path, size: int, fmt: str, tmp: Path, env: dict[str, str], runs: int) -> tuple[float, float, float]:
    """(median save, median `history`, median reference) in seconds."""
    folder = tmp / f"{fmt}-{size}"
    _, out = run_python(["-c", SEED, str(folder), str(size), fmt, *FUTURE], code, env)
    save = float(out.strip())
    if fmt == "toml":  # the saves above grew the file: put it back to `size` sessions
        _, _ = run_python(["-c", SEED, str(folder), str(size), fmt, *FUTURE], code, env)
    history, reference = [], []
    run_python(["-m", "triage_tui", "--data-dir", str(folder), "history"], code, env)  # warm the rules cache
    for _ in range(runs):
        history.append(run_python(["-m", "triage_tui", "--data-dir", str(folder), "history"], code, env)[0])
        reference.append(run_python(["-c", "import sqlite3"], code, env)[0])
    return save, statistics.median(history), statistics.median(reference)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="a checkout of the code to compare with (TOML store)")
    parser.add_argument("--sizes", default="100,3000,30000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--future", action="store_true", help="date the sessions from 1990 on, most in the future")
    args = parser.parse_args()
    if args.future:
        FUTURE.append("--future")
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        env = {**os.environ, "TRIAGE_TUI_CACHE_DIR": str(tmp / "cache"), "HOME": name}
        env.pop("TRIAGE_TUI_DATA_DIR", None)
        print(f"{'code':<8} {'sessions':>8} {'save ms':>9} {'history ms':>11} {'python ms':>10} {'ratio':>6}")
        for size in sizes:
            rows = [("after", ROOT, "sqlite")]
            if args.before:
                rows.append(("before", args.before.resolve(), "toml"))
            for label, code, fmt in rows:
                save, history, reference = measure(code, size, fmt, tmp, env, args.runs)
                print(f"{label:<8} {size:>8,} {save * 1000:>9.1f} {history * 1000:>11.0f} {reference * 1000:>10.0f} "
                      f"{history / reference:>6.2f}", flush=True)
    print("targets at 30,000 sessions: save <= 20 ms, history <= 300 ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
