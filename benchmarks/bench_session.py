"""A real short session in a pseudo-terminal: hold-end error against plan, and CPU while holding.

The app runs as people run it (`triage-tui`, 100x32) with a copy of the bundled rules whose
timing is shortened for the run: 5 s holds, no get-ready countdown, 3 s to switch sides and 3 s
of rest, two rounds, so four holds in all. A saved screening is seeded so the app offers the
quick check; the benchmark answers it through the keyboard and starts the timer.

Hold ends are seen from outside, on the terminal: each "Time! Come out slowly" cue (and, for
the last hold, the pain question after the session). The error of a hold is when its end was
seen, counted from when the first hold was seen to start, minus when the plan says it ends.
Start and end pass through the same terminal, so the terminal's delay cancels out; what is
left is the timer's own error. The last hold's error is the whole session's drift.

CPU share is the CPU time the process used (all its threads, from /proc/PID/task/*/schedstat)
over 4 s of each hold, divided by that wall time. The reference, measured alternately in the
same run, is a minimal Textual app counting down with `Digits` updated ten times a second.
Linux only (it reads /proc).

    python benchmarks/bench_session.py [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import tomli_w

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the shared pty helper
from ptyrun import PtyProcess, through_quick_check  # noqa: E402

from triage_tui.core.screening.evaluator import decide  # noqa: E402
from triage_tui.core.rules.loader import load_rules  # noqa: E402
from triage_tui.core.paths import bundled_rules_dir  # noqa: E402
from triage_tui.core.history.records import SavedScreening  # noqa: E402
from triage_tui.core.session.plan import build_plan  # noqa: E402
from triage_tui.core.history.store import Store  # noqa: E402

HOLD, SWITCH, REST, ROUNDS = 5, 3, 3, 2
WINDOW = (0.5, 4.5)
"""The part of each hold whose CPU is measured, in seconds from the hold's start."""
HOLD_END = "Time! Come out slowly"
AFTER_SESSION = "out of 10"  # the pain question that follows the session

REFERENCE_APP = """
import time
from textual.app import App
from textual.widgets import Digits

class Countdown(App):
    def compose(self):
        yield Digits("60")

    def on_mount(self):
        self.deadline = time.monotonic() + 60
        self.set_interval(0.1, self.tick)

    def tick(self):
        left = max(0.0, self.deadline - time.monotonic())
        self.query_one(Digits).update(str(int(left + 0.999)))

Countdown().run()
"""


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by every thread of a process, in seconds (nanosecond resolution)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (OSError, IndexError, ValueError):
            pass  # a thread that just ended
    return total / 1e9


def cpu_share(app: PtyProcess, seconds: float) -> float:
    """The process's CPU time over the next `seconds` of wall time, as a share of one core."""
    cpu0, wall0 = cpu_seconds(app.proc.pid), time.perf_counter()
    app.read_for(seconds)  # keep draining the terminal so the app never blocks on output
    return (cpu_seconds(app.proc.pid) - cpu0) / (time.perf_counter() - wall0)


def bench_rules(folder: Path) -> Path:
    """A copy of the bundled rules with the short timing of this benchmark."""
    rules = folder / "rules"
    shutil.copytree(bundled_rules_dir(), rules)
    exercise = rules / "exercise.toml"
    data = tomllib.loads(exercise.read_text())
    data["timing"].update(hold_min=HOLD, hold_default=HOLD, prep_default=0, switch_seconds=SWITCH,
                          rest_seconds=REST, rounds_default=ROUNDS)
    exercise.write_text(tomli_w.dumps(data))
    return rules


def seed_screening(rules: Path, data: Path, answers_file: Path) -> tuple[float, ...]:
    """Save an all-clear screening from yesterday; returns when each hold should end."""
    ruleset = load_rules(rules, use_cache=False)
    raw = tomllib.loads(answers_file.read_text())["answers"]
    answers = {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}
    decision = decide(ruleset, answers)
    Store(data).save_screening(
        SavedScreening.from_decision(decision, answers, datetime.now(timezone.utc) - timedelta(days=1)))
    plan = build_plan(ruleset, decision.modifications)
    ends, at = [], 0.0
    for phase in plan.phases:
        at += phase.seconds
        if phase.kind == "hold":
            ends.append(at)
    return tuple(ends)


def run_session(argv: list[str], env: dict[str, str], planned: tuple[float, ...]) -> tuple[list[float], float]:
    """One session: the error of each hold's end, and the CPU share during the holds."""
    app = PtyProcess(argv, env=env)
    try:
        through_quick_check(app, pain=3)
        app.send("\r")  # start the timer with the benchmark's settings
        started = app.wait_for(f"Hold · LEFT leg in front · round 1 of {ROUNDS}")
        errors, shares = [], []
        for number, planned_end in enumerate(planned, start=1):
            hold_start = started + planned_end - HOLD  # in seconds from launch, as planned
            app.read_for(max(0.0, hold_start + WINDOW[0] - app.elapsed()))
            shares.append(cpu_share(app, WINDOW[1] - WINDOW[0]))
            seen = app.wait_for(AFTER_SESSION if number == len(planned) else HOLD_END)
            errors.append(seen - started - planned_end)
        return errors, statistics.fmean(shares)
    finally:
        app.close()


def run_reference(argv: list[str], env: dict[str, str], holds: int) -> float:
    """The reference countdown's CPU share over the same measured time as one session."""
    app = PtyProcess(argv, env=env)
    try:
        app.wait_for("╶")  # the first digits are on screen (Digits draws with box characters)
        app.read_for(1.0)
        return statistics.fmean(cpu_share(app, WINDOW[1] - WINDOW[0]) for _ in range(holds))
    finally:
        app.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    answers_file = Path(__file__).resolve().parent.parent / "tests" / "data" / "answers" / "all_no.toml"
    script = Path(sys.executable).parent / "triage-tui"  # what people run
    ours_argv = [str(script)] if script.exists() else [sys.executable, "-m", "triage_tui"]
    errors: list[list[float]] = []
    ours, ref = [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rules = bench_rules(folder)
        reference = folder / "countdown.py"
        reference.write_text(REFERENCE_APP)
        for run in range(args.runs):
            data = folder / f"data-{run}"
            planned = seed_screening(rules, data, answers_file)
            env = {"TRIAGE_TUI_DATA_DIR": str(data), "TRIAGE_TUI_CACHE_DIR": f"{tmp}/cache", "HOME": tmp}
            run_errors, share = run_session([*ours_argv, "--rules", str(rules)], env, planned)
            errors.append(run_errors)
            ours.append(share)
            ref.append(run_reference([sys.executable, str(reference)], env, len(planned)))
            print(f"run {run + 1}: hold-end errors "
                  + ", ".join(f"{e * 1000:+.0f}" for e in run_errors)
                  + f" ms; CPU {share:.2%} (reference {ref[-1]:.2%})", flush=True)
    worst = max((abs(e) for run in errors for e in run), default=0.0)
    drift = statistics.median(run[-1] for run in errors)
    print(f"holds per session: {len(planned)} of {HOLD} s ({ROUNDS} rounds, {SWITCH} s switch, {REST} s rest)")
    print(f"hold-end error: worst {worst * 1000:.0f} ms (target within 250 ms)")
    print(f"whole-session drift (last hold's end): median {drift * 1000:+.0f} ms (target under 500 ms)")
    print(f"CPU while holding: triage-tui median {statistics.median(ours):.2%} of one core (target <= 2%)")
    print(f"CPU reference (Digits at 10 Hz): median {statistics.median(ref):.2%} of one core")
    print(f"median ratio: {statistics.median(a / b for a, b in zip(ours, ref)):.2f} (target <= 1.2)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
