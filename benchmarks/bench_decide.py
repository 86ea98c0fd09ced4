"""Whole-process `triage-tui decide` against `python -c pass` and `python -c "import pydantic"`,
in the same run.

Runs the commands in turn (so machine load hits all alike) and reports medians and the median
ratios. Targets: at most 3.0x `python -c pass` (issue 15) and 2.0x `import pydantic` (an older
figure). Also reports a cold run (empty rules cache).

    python benchmarks/bench_decide.py [--runs 30]
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
ANSWERS = ROOT / "tests" / "data" / "answers" / "all_no.toml"


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "TRIAGE_TUI_CACHE_DIR": cache}
        decide = [sys.executable, "-m", "triage_tui", "decide", "--answers", str(ANSWERS), "--json"]
        reference = [sys.executable, "-c", "import pydantic"]
        bare = [sys.executable, "-c", "pass"]
        cold = timed(decide, env)
        for _ in range(3):  # warm the OS file cache for all
            timed(decide, env), timed(reference, env), timed(bare, env)
        ours, ref, empty = [], [], []
        for _ in range(args.runs):
            ours.append(timed(decide, env))
            ref.append(timed(reference, env))
            empty.append(timed(bare, env))
    print(f"decide (warm rules cache): median {statistics.median(ours) * 1000:.1f} ms")
    print(f"python -c pass: median {statistics.median(empty) * 1000:.1f} ms")
    print(f"python -c 'import pydantic': median {statistics.median(ref) * 1000:.1f} ms")
    print(f"median ratio to python -c pass: {statistics.median(a / b for a, b in zip(ours, empty)):.2f} (target <= 3.0)")
    print(f"median ratio to import pydantic: {statistics.median(a / b for a, b in zip(ours, ref)):.2f} (target <= 2.0)")
    print(f"decide, first run with an empty cache: {cold * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
