"""A key that answers nothing on a question page says which keys do (and answering keys, or
digits typed in a number box, say nothing). Each page alone on a small host app."""

from __future__ import annotations

from typing import Any

import pytest

from journey_helpers import Run
from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from triage_tui.ui.screens.question import QuestionScreen
from ui_helpers import Host


def _ask(ruleset, answers: dict[str, Any], stop_at: str | None) -> st.Ask:
    run = Run(ruleset)
    run.send(ev.Start())
    while stop_at is not None and run.step.question.id != stop_at:  # type: ignore[union-attr]
        run.send(ev.Answered(answers[run.step.question.id]))  # type: ignore[union-attr]
    assert isinstance(run.step, st.Ask)
    return run.step


@pytest.mark.parametrize(("stop_at", "keys", "said"), [
    (None, ["x"], "Press y, n or u to answer, or ? for help."),
    (None, ["y"], None),  # an answer key: no message
    ("bone_risk", ["x"], "to tick answers, then Enter. ? shows help."),
    ("age_years", ["x"], "Type a number from 0 to 120, then press Enter"),
    ("age_years", ["4", "5"], None),  # digits go into the box
])
async def test_a_key_that_answers_nothing_says_which_keys_do(ruleset, benign, monkeypatch, stop_at, keys,
                                                             said) -> None:
    told: list[str] = []
    monkeypatch.setattr(QuestionScreen, "notify", lambda self, message, **_: told.append(message))
    step = _ask(ruleset, benign, stop_at)
    host = Host(lambda: QuestionScreen(step))
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        screen = host.screen
        assert isinstance(screen, QuestionScreen)
        if said is None:
            assert told == []
        else:
            assert len(told) == 1 and said in told[0], told
            assert not host.chosen  # nothing was answered
        if stop_at == "age_years" and said is None:
            assert screen.query_one("#number").value == "45"  # type: ignore[attr-defined]
