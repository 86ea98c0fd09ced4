"""The floor under `decide` and plain mode: the standard-library modules they cannot do without,
imported by a bare `python -c`, against `python -c pass`, in the same run.

`decide` must parse arguments (argparse), read a TOML answers file (tomllib), find files
(pathlib), read the rules cache (json) and check it against the rule files' bytes (hashlib); the
compiled rules are NamedTuples (typing). Plain mode also reads the history (sqlite3, datetime)
and reads input on a thread (threading). Issue 15 asks `decide` for <= 3x `python -c pass` and
issue 12 plain mode for <= 4x: this shows how much of that the imports alone take, before a
line of triage-tui runs.

    python benchmarks/bench_import_floor.py [--runs 20]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

FLOORS = {
    "decide": "import argparse, json, pathlib, tomllib, hashlib, typing",
    "plain mode": "import argparse, json, pathlib, tomllib, hashlib, typing, sqlite3, datetime, threading",
}


def timed(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    for _ in range(3):  # warm the OS file cache
        timed("pass"), [timed(code) for code in FLOORS.values()]
    bare: list[float] = []
    floors: dict[str, list[float]] = {name: [] for name in FLOORS}
    for _ in range(args.runs):
        bare.append(timed("pass"))
        for name, code in FLOORS.items():
            floors[name].append(timed(code))
    print(f"python -c pass: median {statistics.median(bare) * 1000:.1f} ms")
    for name, times in floors.items():
        ratio = statistics.median(a / b for a, b in zip(times, bare))
        print(f"{name} floor ({FLOORS[name][7:]}): median {statistics.median(times) * 1000:.1f} ms, "
              f"{ratio:.2f}x python -c pass")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
