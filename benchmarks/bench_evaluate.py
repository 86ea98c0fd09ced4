"""In-process `decide` over synthetic rule sets of 10, 100, 1,000 and 10,000 rules.

The shipped questions are kept; the rules are replaced by N synthetic rules of the shapes the
real rules use (choice tests, number thresholds, all/any/not nesting) spread over every
question. Reports the median time of one decision and the time per rule, to show that it grows
linearly. Target: 10,000 rules under 50 ms.

    python benchmarks/bench_evaluate.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import copy
import random
import statistics
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from triage_tui.core.rules.compile import compile_ruleset  # noqa: E402
from triage_tui.core.screening.evaluator import decide  # noqa: E402
from triage_tui.core.rules.loader import content_hash, read_rule_files, validate_files  # noqa: E402

SIZES = (10, 100, 1_000, 10_000)


def synthetic_rules(files: dict, count: int, rng: random.Random) -> list[dict]:
    questions = files["questions.toml"]["question"]
    sets = {cs["id"]: cs["choices"] for cs in files["questions.toml"]["choice_set"]}

    def test() -> dict:
        q = rng.choice(questions)
        if q["type"] == "number":
            return {"item": q["id"], rng.choice(["gte", "lt"]): rng.randint(q["min"], q["max"])}
        choices = [c["id"] for c in (q.get("choices") or sets[q["choice_set"]])]
        return {"item": q["id"], "in": rng.sample(choices, k=min(2, len(choices)))}

    rules = []
    for i in range(count):
        shape = i % 4
        if shape == 0:
            when = test()
        elif shape == 1:
            when = {"all": [test(), test()]}
        elif shape == 2:
            when = {"all": [test(), {"any": [test(), test()]}]}
        else:
            when = {"all": [test(), {"not": test()}]}
        kind = ("urgent", "refer", "modify", "advisory")[i % 4]
        rule = {"id": f"synthetic_{i}", "when": when, "outcome": kind, "message": "synthetic"}
        if kind == "refer":
            rule["refer_urgency"] = "soon"
        if kind == "modify":
            rule["mods"] = ["short_holds"]
        rules.append(rule)
    return rules


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    folder = ROOT / "rules"
    raw = read_rule_files(folder)
    base = validate_files(folder, raw)
    answers_file = ROOT / "tests" / "data" / "answers" / "all_no.toml"
    answers = {k: tuple(v) if isinstance(v, list) else v
               for k, v in tomllib.loads(answers_file.read_text())["answers"].items()}
    rng = random.Random(90)
    print(f"{'rules':>7} {'median ms':>10} {'us per rule':>12}")
    for size in SIZES:
        files = copy.deepcopy(base)
        files["decisions.toml"]["rule"] = synthetic_rules(files, size, rng)
        ruleset = compile_ruleset(files, content_hash(raw))
        decide(ruleset, answers)  # warm up
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            decide(ruleset, answers)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(f"{size:>7} {median * 1000:>10.3f} {median / size * 1e6:>12.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
