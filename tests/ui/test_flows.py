"""The real app as a face of the journey, driven by key presses (Pilot).

What the journey decides is tested in tests/core/test_journey.py; here: that keys reach it,
that each step is drawn, that leaving works from every screen, and that nothing flashes.
Most tests start the app with its journey already moved on (`at_question`, `at_setup`), so
only the screens a test is about are walked by keys.
"""

from __future__ import annotations

import json

import pytest
import tomli_w

from textual.events import Key

from triage_tui.cli import main
from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from triage_tui.core.screening.evaluator import decide
from triage_tui.ui.screens.confirm import ConfirmModal
from triage_tui.ui.screens.question import QuestionScreen
from triage_tui.ui.screens.result import ResultScreen
from triage_tui.ui.screens.urgent import UrgentScreen
from triage_tui.ui.screens.welcome import WelcomeScreen
from ui_helpers import (RULESET, answer, answer_by_choice, at_question, drive, make_app, seed_screening, start,
                        ticked)

SIZE = (100, 32)


async def test_first_run_by_keys_and_no_flash_of_home(tmp_path, benign, monkeypatch) -> None:
    """Bug 6: between two questions the home screen showed for a moment (27 times a run)."""
    resumed: list[str] = []
    monkeypatch.setattr(WelcomeScreen, "on_screen_resume", lambda self: resumed.append("home"), raising=False)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        resumed.clear()  # the home screen's own start
        first = list(benign)[:10]  # the first questions by keys, each on its own page
        asked = await answer(pilot, {k: benign[k] for k in first}, stop_at=list(benign)[10])
        while isinstance(step := app.journey.step, st.Ask):  # the rest through the journey (every
            asked.append(step.question.id)  # page is walked in test_fit), then the result's page
            app.journey.send(ev.Answered(benign[step.question.id]))
        app.driver.present(app.journey.step)
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen) and app.screen.decision.outcome == "standard"
        assert not [q for q in asked if q.startswith(("weeks_since_", "cleared_", "maternity_ok"))]
        assert asked[0] == "saddle_numbness" and len(asked) == len(benign)
        assert resumed == [] and len(app.screen_stack) == 2  # one page on top of home, always
        assert app.screen.decision.to_json() == decide(RULESET, benign).to_json()


def _at_result(tmp_path, benign, kind: str):
    """The app on the urgent, refer, modified or standard result, through a short quick check."""
    seed_screening(tmp_path, benign)
    quick = {**benign, "pain_today": {"refer": 9, "modified": 7}.get(kind, benign["pain_today"])}
    if kind == "urgent":
        quick["saddle_numbness"] = "yes"
    app = make_app(tmp_path)
    drive(app, ev.Start())
    while isinstance(app.journey.step, (st.Ask, st.QuickList)):
        step = app.journey.step
        drive(app, ev.Ticked(ticked(step.items, quick)) if isinstance(step, st.QuickList)
              else ev.Answered(quick[step.question.id]))
    if kind == "standard":
        drive(app, ev.Back())  # the quick check went straight to setup; back shows the result
    return app


@pytest.mark.parametrize("kind", ["urgent", "refer", "modified", "standard"])
async def test_bug1_q_on_every_result_screen_leaves_cleanly(tmp_path, benign, kind) -> None:
    """Bug 1: `q` on a result screen crashed with NoMatches '#start' (exit 1)."""
    app = _at_result(tmp_path, benign, kind)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        expected = UrgentScreen if kind == "urgent" else ResultScreen
        assert isinstance(app.screen, expected)
        if kind != "urgent":
            assert app.screen.decision.outcome == kind
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_saddle_unsure_stops_at_once_and_undo_returns_to_it(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("u", "enter")
        await pilot.pause()
        assert isinstance(app.screen, UrgentScreen)
        assert [r.rule for r in app.screen.decision.reasons] == ["ces_saddle"]
        assert not app.screen.query("#start")  # no way on to an exercise
        await pilot.press("enter", "s", "space")  # no key starts anything
        await pilot.pause()
        assert isinstance(app.screen, UrgentScreen)
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.question.id == "saddle_numbness" and app.screen.given is None
        await pilot.press("n", "enter")
        await pilot.pause()
        assert app.screen.question.id == "bladder_bowel_change"


async def test_bug7_escape_goes_back_keeps_answers_and_asks_before_dropping_them(tmp_path) -> None:
    """Bug 7: Escape back to home threw the answers away without a word."""
    app = at_question(tmp_path, {"saddle_numbness": "no", "bladder_bowel_change": "no"},
                      stop_at="sexual_function_change")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.question.id == "bladder_bowel_change" and app.screen.given == "no"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.question.id == "saddle_numbness" and app.screen.given == "no"
        await pilot.press("escape")  # from the first question, with 2 answers given
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal) and "2 answers" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.question.id == "saddle_numbness"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)


async def test_unchoosing_a_surgery_removes_its_follow_ups(tmp_path, benign) -> None:
    before = {k: v for k, v in benign.items() if k != "surgery_types"}
    app = at_question(tmp_path, before, stop_at="surgery_types")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("5", "enter")  # lumbar fusion
        await pilot.pause()
        await answer(pilot, {"weeks_since_lumbar_fusion": 4}, stop_at="floor_transfer")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.question.id == "weeks_since_lumbar_fusion"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.question.id == "surgery_types"
        await pilot.press("5", "1", "enter")  # untick fusion, tick "none"
        await pilot.pause()
        asked = await answer_by_choice(pilot, benign)
        assert asked[0] == "floor_transfer"
        screen = app.screen
        assert isinstance(screen, ResultScreen)
        assert screen.decision.outcome == "standard" and screen.decision.ignored == ()
        assert "weeks_since_lumbar_fusion" not in screen.step.answers


async def test_change_answers_from_the_result(tmp_path, benign) -> None:
    app = at_question(tmp_path, benign)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.question.id == "pregnancy_postpartum"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)


async def test_save_summary_from_a_refer_result(tmp_path, benign) -> None:
    app = at_question(tmp_path, {**benign, "weight_loss": "yes"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        saved = tmp_path / "triage-tui-summary-2026-11-23.md"
        text = saved.read_text()
        assert "SEE SOMEONE FIRST (within a few days)" in text
        assert "| Weight loss without trying | Yes |" in text
        assert f"version {RULESET.version}" in text and "Date: 2026-11-23 09:30" in text
        assert saved.stat().st_mode & 0o777 == 0o600
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")  # the default name is not reused
        await pilot.pause()
        assert (tmp_path / "triage-tui-summary-2026-11-23-2.md").exists()


async def test_quit_asks_only_when_answers_would_be_lost(tmp_path) -> None:
    app = at_question(tmp_path, {"saddle_numbness": "no"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # stay
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")  # nothing to lose on the welcome screen
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_tiny_and_resized_terminals_keep_working(tmp_path, benign, size) -> None:
    app = at_question(tmp_path, benign, stop_at="age_years")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        await pilot.resize_terminal(*size)
        await pilot.press("4", "2")
        await pilot.resize_terminal(120, 40)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.question.id == "pain_duration_weeks"
    app = at_question(tmp_path, benign)  # the result, with every answer given
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ResultScreen)
        for button in screen.query("#actions Button"):
            assert screen.region.contains_region(button.region), button.id
        page = screen.query_one("#page")
        page.scroll_end(animate=False)
        await pilot.pause()
        assert page.region.overlaps(page.children[-1].region)


async def test_help_opens_and_closes(tmp_path) -> None:
    app = at_question(tmp_path, {})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpModal"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


@pytest.mark.parametrize("case", ["refer", "modified", "urgent_partial"])
async def test_the_app_and_decide_agree(tmp_path, capsys, benign, case) -> None:
    """Same answers, same outcome: the app shows what `triage-tui decide` prints."""
    answers = {
        "refer": {**benign, "fever_unwell": "yes", "age_years": 70},
        "modified": {**benign, "knee_pain": "kneeling_discomfort", "movement_pain": ("twisting",)},
        "urgent_partial": {"saddle_numbness": "no", "bladder_bowel_change": "no", "sexual_function_change": "no",
                           "both_legs_symptoms": "no", "leg_weakness": "both_legs"},
    }[case]
    app = at_question(tmp_path, answers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = app.screen.decision
    path = tmp_path / "answers.toml"
    path.write_text(tomli_w.dumps({"answers": {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}}))
    main(["decide", "--answers", str(path), "--json"])
    printed = json.loads(capsys.readouterr().out)
    assert printed == shown.to_json()


async def test_the_hint_names_the_answer_enter_gives_after_the_arrows(tmp_path) -> None:
    """Safety: `y` then Down once said "Press Enter to answer Yes" and saved No."""
    app = at_question(tmp_path, {})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y", "down")
        await pilot.pause()
        screen = app.screen
        assert "“No”" in str(screen.query_one("#hint").render())
        await pilot.press("up")
        await pilot.pause()
        assert "“Yes”" in str(screen.query_one("#hint").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, UrgentScreen)  # Yes, as the hint said


async def test_an_arrow_typed_just_before_enter_counts(tmp_path) -> None:
    """Safety: "Up" then Enter typed in one go saved the answer highlighted before the Up,
    because Enter (a priority key) was handled before the list had moved."""
    app = at_question(tmp_path, {})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.post_message(Key("up", None))  # both queued before either is handled,
        app.post_message(Key("enter", "\r"))  # as when they come in one read from the terminal
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, UrgentScreen)  # "Yes", the answer the Up moved to
