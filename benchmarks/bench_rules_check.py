"""`triage-tui rules check` on the shipped rules plus 1,000 and 10,000 extra rules.

The extra rules are the synthetic rules of `bench_evaluate.py` (choice tests, number thresholds,
all/any/not nesting over every shipped question), appended to a copy of `decisions.toml`. For
each size, alternating, `--runs` times: the whole command as a new process
(`python -m triage_tui rules check FOLDER`, the figure the target is about), and for scale the
least any check can cost: `tomllib` parsing the same files in a new process. Reports medians,
the whole command's time per rule (about constant when it grows linearly), its exit status and
the number of problems printed. Target: 10,000 extra rules under 5 s, whole command.

    python benchmarks/bench_rules_check.py [--sizes 1000 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tomli_w

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_evaluate import synthetic_rules  # noqa: E402
from triage_tui.core.rules.loader import read_rule_files, validate_files  # noqa: E402

PARSE_ONLY = "import sys, tomllib, pathlib; [tomllib.loads(p.read_text()) for p in pathlib.Path(sys.argv[1]).glob('*.toml')]"


def rule_set_with(folder: Path, count: int, rng: random.Random) -> Path:
    """A copy of the shipped rules with `count` synthetic rules appended to decisions.toml."""
    dest = folder / f"rules-{count}"
    shutil.copytree(ROOT / "rules", dest)
    files = validate_files(ROOT / "rules", read_rule_files(ROOT / "rules"))
    extra = tomli_w.dumps({"rule": synthetic_rules(files, count, rng)})
    with (dest / "decisions.toml").open("a", encoding="utf-8") as out:
        out.write("\n" + extra)
    return dest


def timed(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Wall seconds, CPU seconds (user + system, less sensitive to other load) and the result."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False, env=os.environ)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(90)
    print(f"{'extra rules':>11} {'seconds':>8} {'CPU s':>6} {'ms per rule':>12} {'exit':>5} {'problems':>9} "
          f"{'tomllib alone':>14}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            folder = rule_set_with(Path(tmp), size, rng)
            check = [sys.executable, "-m", "triage_tui", "rules", "check", str(folder)]
            parse = [sys.executable, "-c", PARSE_ONLY, str(folder)]
            ours, cpu, floor = [], [], []
            for _ in range(args.runs):
                wall, used, done = timed(check)
                ours.append(wall)
                cpu.append(used)
                floor.append(timed(parse)[0])
            problems = len(done.stderr.splitlines())
            median = statistics.median(ours)
            print(f"{size:>11,} {median:>8.2f} {statistics.median(cpu):>6.2f} {median / size * 1000:>12.3f} "
                  f"{done.returncode:>5} {problems:>9} {statistics.median(floor):>13.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
