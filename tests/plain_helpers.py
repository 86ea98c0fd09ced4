"""Drive plain mode in tests: scripted input lines on a fake clock, and answers as typed keys."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fakes import FakeClock
from journey_helpers import NOW, ZONE, Run, Wall
from support import RULES_DIR
from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.screening.typed import choice_keys
from triage_tui.core.session.settings import Settings
from triage_tui.plain.launch import run_plain
from triage_tui.plain.source import EOF


class Wait(float):
    """In a script: this many seconds pass before the next line is typed."""


class ScriptedLines:
    """Lines typed one after the other; a `Wait` lets the fake clock run (as real waiting would)."""

    def __init__(self, items: list[Any], clock: FakeClock) -> None:
        self.items = list(items)
        self.clock = clock
        self.waits = 0

    def get(self, timeout: float | None) -> object:
        while self.items and isinstance(self.items[0], Wait):
            left = float(self.items[0])
            if timeout is None or timeout >= left:
                self.clock.advance(left)
                self.items.pop(0)
                if timeout is not None:
                    return None
                continue
            self.clock.advance(timeout)
            self.items[0] = Wait(left - timeout)
            return None
        if self.items:
            return self.items.pop(0)
        if timeout is not None:
            self.clock.advance(timeout)
            self.waits += 1
            return None
        return EOF


def typed(ruleset: RuleSet, question_id: str, value: Any) -> str:
    """The line a person types to give `value` (keys, as on screen)."""
    question = ruleset.question_by_id[question_id]
    keys = {choice.id: key for (key, _), choice in zip(choice_keys(question), question.choices)}
    if isinstance(value, tuple):
        return ", ".join(keys[v] for v in value)
    if isinstance(value, int):
        return str(value)
    return keys[value]


def answer_lines(ruleset: RuleSet, answers: Mapping[str, Any]) -> list[str]:
    """The lines that answer every question the journey asks, in order."""
    run = Run(ruleset)
    run.send(ev.Start())
    lines = []
    while isinstance(run.step, st.Ask):
        qid = run.step.question.id
        lines.append(typed(ruleset, qid, answers[qid]))
        run.send(ev.Answered(answers[qid]))
    return lines


def plain(tmp_path: Path, items: list[Any], *, settings: Settings = Settings(), start: str = "home",
          clock: FakeClock | None = None, wall: Wall | None = None, color: bool = False) -> tuple[int, str, str]:
    """Run plain mode in-process on scripted lines; (exit status, stdout, stderr)."""
    clock = clock or FakeClock()
    out, err = io.StringIO(), io.StringIO()
    code = run_plain(str(RULES_DIR), str(tmp_path / "data"), start=start, settings=settings,  # type: ignore[arg-type]
                     stdout=out, stderr=err, source=ScriptedLines(items, clock), clock=clock,
                     wall=wall or Wall(NOW), tz=ZONE, color=color)
    return code, out.getvalue(), err.getvalue()
