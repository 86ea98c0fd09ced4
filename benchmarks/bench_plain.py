"""Plain mode to its first question, whole process, against `python -c pass`, in the same run.

`triage-tui session --plain` with empty input prints the disclaimer and the first question,
finds the input at its end and leaves (exit 3): the time is start-up to the first question.
The two commands run alternately, so machine load hits both alike. Target: ratio at most 4.

    python benchmarks/bench_plain.py [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def timed(cmd: list[str], env: dict[str, str], expect: int = 0) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, input=b"", stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if done.returncode != expect:
        raise SystemExit(f"{cmd} exited {done.returncode}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "TRIAGE_TUI_CACHE_DIR": os.path.join(folder, "cache")}
        plain = [sys.executable, "-m", "triage_tui", "session", "--plain", "--data-dir", os.path.join(folder, "data")]
        reference = [sys.executable, "-c", "pass"]
        for _ in range(3):  # warm the rules cache and the OS file cache for both
            timed(plain, env, 3), timed(reference, env)
        ours, ref = [], []
        for _ in range(args.runs):
            ours.append(timed(plain, env, 3))
            ref.append(timed(reference, env))
    ratios = [a / b for a, b in zip(ours, ref, strict=True)]
    print(f"plain mode to its first question: median {statistics.median(ours) * 1000:.1f} ms")
    print(f"python -c pass: median {statistics.median(ref) * 1000:.1f} ms")
    print(f"median ratio: {statistics.median(ratios):.2f} (target <= 4)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
