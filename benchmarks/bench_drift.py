"""Does a slow speech command hold up the timer? Hold-end error with and without a voice.

A real session engine runs on the real monotonic clock, driven as the faces drive it: sleep
until the next whole second (plus 2 ms), tick, drain the cues, and hand what a person would hear
to the speaker (`core.session.spoken.utterance` -> `sound.speaker.Speaker`). The plan is short:
5 s holds, no get-ready countdown, 3 s to switch sides and 3 s of rest, two rounds (four holds).

"With voice", the speech command is a fake `espeak-ng` on PATH that sleeps 5 s before exiting,
so every utterance is still running when the next one starts and has to be cut off. "Without",
there is no speech command. The runs alternate, so machine load hits both alike.

The error of a hold is when the engine's tick saw it end (the clock time of its "end" cue)
minus when the plan says it ends, counted from the session's start on the same clock. The
with-voice error must stay within 0.1 s of the without-voice one.

    python benchmarks/bench_drift.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from triage_tui.core.clock import MonotonicClock
from triage_tui.core.journey import steps as st
from triage_tui.core.paths import bundled_rules_dir
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.session.engine import SessionEngine
from triage_tui.core.session.plan import build_plan
from triage_tui.core.session.spoken import utterance
from triage_tui.sound.speaker import Speaker, find_command

HOLD, SWITCH, REST, ROUNDS = 5, 3, 3, 2
LATE = 0.002
LONGEST_SLEEP = 0.5
SLOW_SPEECH = "#!/bin/sh\nsleep 5\n"


def short_plan():
    """The bundled rules' standard plan, with this benchmark's short timing."""
    ruleset = load_rules(bundled_rules_dir(), use_cache=False)
    plan = build_plan(ruleset, (), prep=0, rounds=ROUNDS)
    phases = tuple(p._replace(seconds={"hold": HOLD, "switch": SWITCH, "rest": REST}.get(p.kind, p.seconds))
                   for p in plan.phases if p.kind != "prep")
    return plan._replace(phases=phases, hold_seconds=HOLD, prep_seconds=0)


def run_session(plan, speaker: Speaker | None) -> tuple[list[float], int]:
    """One session; the error of each hold's end (seconds) and how many utterances were asked for."""
    clock = MonotonicClock()
    engine = SessionEngine(plan, clock, warn_at=None)
    snap = engine.start()
    planned, at = [], 0.0
    for phase in engine.phases:
        at += phase.seconds
        if phase.kind == "hold":
            planned.append(engine.started_clock + at)
    ends: list[float] = []
    said = 0
    before: st.Step = st.Running(snap)
    while True:
        cues = engine.drain()
        ends += [c.at for c in cues if c.kind == "end" and c.phase.kind == "hold"]
        after: st.Step = st.Running(snap) if engine.state == "running" else st.RatePain()
        words = utterance(before, after, cues) if speaker is not None else None
        if words:
            speaker.say(words)  # type: ignore[union-attr]
            said += 1
        before = after
        if engine.state != "running":
            break
        wait = snap.next_second_in
        time.sleep(min(LONGEST_SLEEP, (wait if wait is not None else LONGEST_SLEEP) + LATE))
        snap = engine.tick()
    return [end - plan_end for end, plan_end in zip(ends, planned, strict=True)], said


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    plan = short_plan()
    results: dict[str, list[list[float]]] = {"without voice": [], "with voice (5 s command)": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bin"
        folder.mkdir()
        fake = folder / "espeak-ng"
        fake.write_text(SLOW_SPEECH)
        fake.chmod(0o755)
        os.environ["PATH"] = f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"  # the fake one first
        command = find_command()
        assert command == [str(fake)], command
        for run in range(args.runs):
            for name in results:
                speaker = Speaker(command) if name.startswith("with ") else None
                try:
                    errors, said = run_session(plan, speaker)
                finally:
                    if speaker is not None:
                        speaker.close()
                results[name].append(errors)
                print(f"run {run + 1}, {name}: hold-end errors "
                      + ", ".join(f"{e * 1000:+.1f}" for e in errors) + f" ms ({said} utterances)", flush=True)
    print(f"holds per session: {2 * ROUNDS} of {HOLD} s ({ROUNDS} rounds, {SWITCH} s switch, {REST} s rest)")
    worst = {name: max(abs(e) for run in runs for e in run) for name, runs in results.items()}
    drift = {name: statistics.median(run[-1] for run in runs) for name, runs in results.items()}
    for name in results:
        print(f"{name}: worst hold-end error {worst[name] * 1000:.1f} ms; "
              f"median last-hold error {drift[name] * 1000:+.1f} ms")
    names = list(results)
    gap = worst[names[1]] - worst[names[0]]
    print(f"with voice minus without (worst): {gap * 1000:+.1f} ms (must stay within 100 ms)")
    return 0 if abs(gap) <= 0.1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
