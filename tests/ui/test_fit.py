"""Nothing a person must read is cut, at 80x24 and at 40x12 (issue 13).

The real app, driven by Pilot, walks every question of the shipped rules (every follow-up
asked), every result kind, every page and phase of a session and its dialogs. On each it reads
what every widget draws: no line ends in "…", no text runs past the right edge, and the key
bar shows Help and Quit in words. A check walks many pages on one app per size, for speed.
"""

from __future__ import annotations

from collections.abc import Mapping
import tempfile
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.scroll_view import ScrollView
from textual.widgets import Button

from fakes import FakeClock
from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from triage_tui.ui.screens.question import QuestionScreen
from triage_tui.ui.screens.session import SessionScreen
from triage_tui.ui.screens.session_dialogs import PainStopModal
from triage_tui.ui.widgets.keybar import KeyBar
from triage_tui.ui.app import TriageApp
from ui_helpers import RULESET, advance, at_question, drive, make_app

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((40, 12), id="40x12")]

OPERATIONS = ("hip_replacement", "hip_resurfacing", "hip_arthroscopy", "lumbar_fusion", "lumbar_decompression",
              "knee_replacement", "abdominal_surgery")
WEEKS = {"lumbar_decompression": 20, "abdominal_surgery": 8}
"""Weeks since each operation that fall inside its clearance window, so "cleared" is asked too."""


def every_question(benign: Mapping[str, Any]) -> dict[str, Any]:
    """Answers under which every question of the shipped rules is asked."""
    answers = {**benign, "surgery_types": OPERATIONS, "replaced_joint_symptoms": "none",
               "pregnancy_postpartum": "pregnant_16w_plus", "maternity_ok": "yes"}
    for op in OPERATIONS:
        answers[f"weeks_since_{op}"] = WEEKS.get(op, 20)
        answers[f"cleared_{op}"] = "yes"
    return answers


def lines_of(pilot: Pilot) -> list[str]:
    """Every line each widget on the current screen draws (also the parts scrolled out of view),
    after checking that no widget reaches past the right edge of the terminal."""
    screen, width = pilot.app.screen, pilot.app.size.width
    lines: list[str] = []
    for widget in screen.query("*"):
        if widget.children or not widget.display or widget.size.height == 0:
            continue
        assert widget.region.right <= width, f"{widget!r} is cut at the right edge on {screen!r}"
        drawn = [widget.render_line(y).text for y in range(widget.size.height)]
        if isinstance(widget, ScrollView):  # a table or list wider than its room hides a column's end
            room = widget.scrollable_content_region.width
            assert widget.virtual_size.width <= room, f"{widget!r} scrolls sideways on {screen!r}"
        if isinstance(widget, Button):  # a one-line button hides the words that wrap
            label = " ".join(str(widget.label).split())
            assert label in " ".join(" ".join(drawn).split()), f"button {label!r} is cut on {screen!r}"
        lines += drawn
    return lines


def at_timer(tmp_path, answers: Mapping[str, Any], clock: FakeClock, **settings: Any) -> TriageApp:
    """The real app on a running timer (get ready first), after a full screening: the page
    walk does not depend on how the daily quick check asks."""
    app = make_app(tmp_path, clock)
    drive(app, ev.Start(full=True))
    while isinstance(step := app.journey.step, st.Ask):
        drive(app, ev.Answered(answers[step.question.id]))
    drive(app, ev.StartSession())
    plan = app.journey.step.plan  # type: ignore[union-attr]
    drive(app, ev.Begin(**{"hold": plan.hold_seconds, "prep": plan.prep_seconds, "rounds": plan.rounds, **settings}))
    assert isinstance(app.journey.step, st.Running), app.journey.step
    return app


def one_line_cue(screen: object, line: str) -> bool:
    """On a small terminal the pain-stop menu lists each cue on one line, cut with "…" (the
    highlighted one in full): a line that is the start of a cue, after its number, is not cut
    by mistake."""
    if not isinstance(screen, PainStopModal):
        return False
    key, _, start = line.strip().partition(" ")
    return key.isdigit() and start.endswith("…") and screen.cues[int(key) - 1].label.startswith(
        start.removesuffix("…").strip())


class Seen:
    """What the walk has read: every page is checked as it is shown."""

    def __init__(self) -> None:
        self.pages: list[str] = []
        self.text: list[str] = []

    async def check(self, pilot: Pilot, name: str) -> list[str]:
        await pilot.pause()
        screen = pilot.app.screen
        lines = lines_of(pilot)
        cut = [line for line in lines if "…" in line and not one_line_cue(screen, line)]
        assert not cut, f"{name} ({type(screen).__name__}): cut lines {cut}"
        if not isinstance(screen, ModalScreen):
            bar = screen.query_one(KeyBar).render_line(0).text
            assert "? Help" in bar and "Quit" in bar, f"{name}: key bar {bar!r}"
            words = [item.strip().split(" ", 1)[-1] for item in bar.split("  ") if item.strip()]
            assert len(words) == len(set(words)), f"{name}: a key listed twice in {bar!r}"
        self.pages.append(name)
        self.text += lines
        return lines


CHUNKS = 3


def asked_in_order(benign: Mapping[str, Any]) -> list[str]:
    """The ids of the questions the walk meets, in order (through the journey, no pages)."""
    app = at_question(Path(tempfile.mkdtemp()), every_question(benign))
    return [q.id for q in app.journey.check.state.asked()]  # type: ignore[union-attr]


@pytest.mark.parametrize("chunk", range(CHUNKS))
async def test_every_question_the_result_and_the_setup(tmp_path, benign, chunk) -> None:
    """Every question (a third of them per test, so the test processes share the walk out), then
    the help, the result and the setup; each page at 80x24 and at 40x12 (one app, resized on each
    page: the pages are built once and drawn at both sizes)."""
    answers = every_question(benign)
    order = asked_in_order(benign)
    assert len(order) == len(RULESET.questions)
    size_of = -(-len(order) // CHUNKS)
    mine = order[chunk * size_of:(chunk + 1) * size_of]
    app = at_question(tmp_path / "a", answers, stop_at=mine[0])
    seen = Seen()
    sizes = [param.values[0] for param in SIZES]

    async def at_both(name: str) -> list[str]:
        """Check the page at the size it is shown at, then at the other one."""
        lines: list[str] = []
        current = tuple(pilot.app.size)
        for size in sorted(sizes, key=lambda s: s != current):
            if tuple(pilot.app.size) != size:
                await pilot.resize_terminal(*size)
            lines += await seen.check(pilot, f"{name} at {size[0]}x{size[1]}")
        return lines

    async with app.run_test(size=sizes[0]) as pilot:
        await pilot.pause()
        asked = []
        while isinstance(screen := pilot.app.screen, QuestionScreen) and screen.question.id in mine:
            qid = screen.question.id
            asked.append(qid)
            lines = await at_both(qid)
            assert any("Question" in line and ("left" in line or "last" in line) for line in lines), qid
            if qid == "surgery_types":
                await pilot.press("2")  # a tick shows in words
                assert any("[x]" in line and "Hip replacement" in line for line in lines_of(pilot))
            screen.choose(ev.Answered(answers[qid]))
        await pilot.pause()  # the next page is mounted before the app closes
        assert asked == mine
        if chunk < CHUNKS - 1:
            return
        await pilot.press("question_mark")
        await at_both("help")
        await pilot.press("escape")
        await at_both("result")
        await pilot.press("enter")
        lines = await at_both("setup")
        assert any("On" in line and "Warn me" in line for line in lines) or any(line.strip() == "On" for line in lines)
    assert {"help at 80x24", "help at 40x12", "result at 40x12", "setup at 80x24"} <= set(seen.pages)


@pytest.mark.parametrize("size", SIZES)
async def test_a_whole_session(tmp_path, benign, size) -> None:
    """Each phase of a session, pausing, the pain-stop dialog, a cramp (its advice shown in
    full), stopping, the pain score, the summary. (A test of its own, so the walk is shared out
    between the test processes.)"""
    seen = Seen()
    clock = FakeClock()
    app = at_timer(tmp_path / "b", {**benign, "age_years": 70}, clock, rounds=2, hold=20, prep=3)
    async with app.run_test(size=size) as pilot:
        await seen.check(pilot, "prep")
        kinds = []
        for _ in range(40):
            screen = pilot.app.screen
            assert isinstance(screen, SessionScreen)
            kind = screen.snap.phase.kind  # type: ignore[union-attr]
            if kind not in kinds:
                kinds.append(kind)
                await seen.check(pilot, kind)
                if kind == "hold":
                    bar = screen.query_one(KeyBar).render_line(0).text
                    assert "space Pause" in bar and "p Pain" in bar  # by priority, before Skip and the rest
                    await pilot.press("space")
                    lines = await seen.check(pilot, "paused")
                    assert any("Paused" in line for line in lines)
                    await pilot.press("space")
            if {"prep", "hold", "switch", "rest"} <= set(kinds):
                break
            await advance(pilot, clock, 5, step=1.0)
        await pilot.press("p")
        await seen.check(pilot, "pain stop")
        cues = [c.id for c in app.journey.step.cues]  # type: ignore[union-attr]
        await pilot.press(str(cues.index("cramp") + 1))
        lines = await seen.check(pilot, "cramp")
        assert "shake it out" in " ".join(" ".join(lines).split())  # the whole advice, wrapped
        await pilot.press("q")
        await seen.check(pilot, "stop?")
        await pilot.press("y")
        await seen.check(pilot, "pain now")
        await pilot.press("4", "enter")
        await seen.check(pilot, "summary")
    assert {"prep", "hold", "switch", "rest", "paused", "summary"} <= set(seen.pages)


@pytest.mark.parametrize("size", SIZES)
async def test_every_result_kind_and_the_other_pages(tmp_path, benign, size) -> None:
    """The urgent stop and its undo, a referral, the standard result; then a lying session:
    knee drops, and an urgent stop cue with its advice."""
    seen = Seen()
    app = at_question(tmp_path / "a", {})
    async with app.run_test(size=size) as pilot:
        await pilot.press("u", "enter")
        await seen.check(pilot, "urgent")
        await pilot.press("z")
        await seen.check(pilot, "undone")
    app = at_question(tmp_path / "b", {**benign, "fever_unwell": "yes"})
    assert isinstance(app.journey.step, st.Result) and app.journey.step.decision.outcome == "refer"
    async with app.run_test(size=size) as pilot:
        await seen.check(pilot, "refer")
    app = at_question(tmp_path / "c", benign)
    assert isinstance(app.journey.step, st.Result) and app.journey.step.decision.outcome == "standard"
    async with app.run_test(size=size) as pilot:
        await seen.check(pilot, "standard")
    clock = FakeClock()
    app = at_timer(tmp_path / "d", {**benign, "knee_pain": "pain_bending_to_90"}, clock, style="drops")
    async with app.run_test(size=size) as pilot:
        await advance(pilot, clock, 12)
        assert pilot.app.screen.snap.phase.kind == "drops"  # type: ignore[attr-defined]
        await seen.check(pilot, "drops")
        await pilot.press("p")
        cues = [c.id for c in app.journey.step.cues]  # type: ignore[union-attr]
        await pilot.press(str(cues.index("nerve_emergency") + 1))
        await seen.check(pilot, "urgent advice")
