"""`triage-tui rules check` (in-process) on the shipped rules plus 1,000 and 10,000 extra rules.

The extra rules are the synthetic rules of `bench_evaluate.py` (choice tests, number thresholds,
all/any/not nesting over every shipped question), appended to a copy of `decisions.toml`. Reports
the wall time of one `rules check` per size and the time per rule, to show it grows about
linearly. Target: 10,000 extra rules under 5 s.

    python benchmarks/bench_rules_check.py [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import tomli_w

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_evaluate import synthetic_rules  # noqa: E402
from triage_tui.cli import main as cli_main  # noqa: E402
from triage_tui.core.rules.loader import read_rule_files, validate_files  # noqa: E402


def rule_set_with(folder: Path, count: int, rng: random.Random) -> Path:
    """A copy of the shipped rules with `count` synthetic rules appended to decisions.toml."""
    dest = folder / f"rules-{count}"
    shutil.copytree(ROOT / "rules", dest)
    files = validate_files(ROOT / "rules", read_rule_files(ROOT / "rules"))
    extra = tomli_w.dumps({"rule": synthetic_rules(files, count, rng)})
    with (dest / "decisions.toml").open("a", encoding="utf-8") as out:
        out.write("\n" + extra)
    return dest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    args = parser.parse_args()
    rng = random.Random(90)
    print(f"{'extra rules':>11} {'seconds':>8} {'ms per rule':>12} {'exit':>5} {'problems':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            folder = rule_set_with(Path(tmp), size, rng)
            err = io.StringIO()
            start = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                status = cli_main(["rules", "check", str(folder)])
            elapsed = time.perf_counter() - start
            problems = len(err.getvalue().splitlines())
            print(f"{size:>11,} {elapsed:>8.2f} {elapsed / size * 1000:>12.3f} {status:>5} {problems:>9}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
