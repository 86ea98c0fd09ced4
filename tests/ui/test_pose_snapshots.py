"""Pictures of the result page's steps with their pose pictures (issue 14), each page alone on a
small host app, scrolled to the steps. Update after a deliberate change with
`pytest -n 0 tests/ui/test_pose_snapshots.py --snapshot-update`, then look at the SVGs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from textual.pilot import Pilot

from journey_helpers import NOW, Run
from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from triage_tui.ui.screens.result import ResultScreen
from triage_tui.ui.widgets.pose import PoseView
from ui_helpers import Host


def _host(ruleset, answers: Mapping[str, Any], outcome: str) -> Host:
    run = Run(ruleset)
    run.send(ev.Start())
    run.answer(answers)
    step = run.step
    assert isinstance(step, st.Result) and step.decision.outcome == outcome, step
    return Host(lambda: ResultScreen(ruleset, step, now=lambda: NOW))


def _to_steps(step_title: str):
    async def scroll(pilot: Pilot) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        title = next(w for w in screen.query(".step-title") if step_title in str(w.render()))
        small = pilot.app.size.height < 20  # a short screen: the first picture, not the words
        target = screen.query(PoseView).first() if small else title
        screen.query_one("#page").scroll_to_widget(target, animate=False, top=True)
        await pilot.pause()
    return scroll


@pytest.mark.parametrize("size", [pytest.param((80, 40), id="80x40"), pytest.param((40, 12), id="40x12")])
def test_standard_steps_with_pictures(snap_compare, ruleset, benign, size) -> None:
    """The standard version, scrolled to step 1: each numbered step with its words, then its
    picture (text art, a person sitting in the 90/90: front knee on the right, back leg bent
    out to the left) and "Picture: ..." in words under it. At 40x12, scrolled to the first
    picture: the art still fits the width, with its words under it."""
    assert snap_compare(_host(ruleset, benign, "standard"), terminal_size=size,
                        run_before=_to_steps("Get into position"))


def test_modified_steps_with_pictures(snap_compare, ruleset, benign) -> None:
    """A person who cannot get down to the floor and whose back hurts when bending forward:
    a raised surface, hands behind, no forward lean. Scrolled to step 1: the bench pictures
    (sitting sideways on a bench, back foot on the floor), the hands-behind picture at "Sit
    tall", and a tall, upright hold on the bench (no lean)."""
    answers = {**benign, "floor_transfer": "cannot", "movement_pain": ("bending_forward",)}
    host = _host(ruleset, answers, "modified")
    assert snap_compare(host, terminal_size=(80, 40), run_before=_to_steps("Get into position"))


async def test_each_step_shows_its_picture_and_words(ruleset, benign) -> None:
    """Every step of the result page has a picture view with the art and its description."""
    host = _host(ruleset, benign, "standard")
    async with host.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        views = list(host.screen.query(PoseView))
        assert len(views) == len(ruleset.steps)
        for view in views:
            assert view.picture is not None and view.art.display
            assert str(view.says.render()).startswith("Picture: ")
