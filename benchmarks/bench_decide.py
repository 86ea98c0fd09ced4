"""Whole-process `triage-tui decide` against `python -c "import pydantic"`, in the same run.

Runs the two commands alternately (so machine load hits both alike) and reports medians and
the median ratio. Target: ratio at most 2.0. Also reports a cold run (empty rules cache).

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
        cold = timed(decide, env)
        for _ in range(3):  # warm the OS file cache for both
            timed(decide, env), timed(reference, env)
        ours, ref = [], []
        for _ in range(args.runs):
            ours.append(timed(decide, env))
            ref.append(timed(reference, env))
    ratios = [a / b for a, b in zip(ours, ref)]
    print(f"decide (warm rules cache): median {statistics.median(ours) * 1000:.1f} ms")
    print(f"python -c 'import pydantic': median {statistics.median(ref) * 1000:.1f} ms")
    print(f"median ratio: {statistics.median(ratios):.2f} (target <= 2.0)")
    print(f"decide, first run with an empty cache: {cold * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
