"""Whole journeys through the real app, driven by key presses (Pilot)."""

from __future__ import annotations

import json

import pytest
import tomli_w

from triage_tui.cli import main
from triage_tui.core.screening.evaluator import decide
from triage_tui.ui.screens.question import QuestionScreen
from triage_tui.ui.screens.result import ResultScreen
from triage_tui.ui.screens.urgent import UrgentScreen
from triage_tui.ui.screens.welcome import WelcomeScreen
from ui_helpers import RULESET, answer, make_app, start

SIZE = (100, 32)


async def test_all_no_ends_at_the_standard_result(tmp_path, benign) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        asked = await answer(pilot, benign)
        assert isinstance(app.screen, ResultScreen)
        assert app.screen.decision.outcome == "standard"
        # the follow-ups of operations and pregnancy were never asked
        assert not [q for q in asked if q.startswith(("weeks_since_", "cleared_", "maternity_ok"))]
        assert asked[0] == "saddle_numbness" and len(asked) == len(benign)


async def test_saddle_unsure_stops_at_once_and_undo_returns_to_it(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("u", "enter")
        await pilot.pause()
        assert isinstance(app.screen, UrgentScreen)
        assert [r.rule for r in app.screen.decision.reasons] == ["ces_saddle"]
        assert not app.screen.query("#start")  # no way on to an exercise
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.question.id == "saddle_numbness"
        assert app.screen.given is None  # the mistaken answer is gone
        await pilot.press("n", "enter")
        await pilot.pause()
        assert app.screen.question.id == "bladder_bowel_change"


async def test_urgent_screen_offers_no_session_even_by_key(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, {"saddle_numbness": "no", "bladder_bowel_change": "yes"})
        assert isinstance(app.screen, UrgentScreen)
        await pilot.press("enter", "s", "space")
        await pilot.pause()
        assert isinstance(app.screen, UrgentScreen)


async def test_hip_replacement_8_weeks_ago_refers_with_the_routine_message(tmp_path, benign) -> None:
    app = make_app(tmp_path)
    answers = {**benign, "surgery_types": ("hip_replacement",), "weeks_since_hip_replacement": 8,
               "replaced_joint_symptoms": "none"}
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        asked = await answer(pilot, answers)
        assert "cleared_hip_replacement" not in asked  # not needed under 12 weeks
        screen = app.screen
        assert isinstance(screen, ResultScreen)
        assert (screen.decision.outcome, screen.decision.urgency) == ("refer", "routine")
        message = str(screen.query_one("#outcome-message").render())
        assert message == RULESET.messages["refer_routine"]
        assert not screen.query("#start")


async def test_unchoosing_a_surgery_removes_its_follow_ups(tmp_path, benign) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        before = {k: v for k, v in benign.items() if k != "surgery_types"}
        await answer(pilot, before, stop_at="surgery_types")
        await pilot.press("5", "enter")  # lumbar fusion
        await pilot.pause()
        await answer(pilot, {"weeks_since_lumbar_fusion": 4}, stop_at="floor_transfer")
        # back to the surgery question, untick fusion, tick "none"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.question.id == "weeks_since_lumbar_fusion"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.question.id == "surgery_types"
        await pilot.press("1", "enter")  # "none": the fusion tick is cleared
        await pilot.pause()
        asked = await answer(pilot, benign)
        assert asked[0] == "floor_transfer"
        screen = app.screen
        assert isinstance(screen, ResultScreen)
        assert screen.decision.outcome == "standard"
        assert screen.decision.ignored == ()
        assert "weeks_since_lumbar_fusion" not in screen.summary


async def test_escape_goes_back_and_keeps_answers(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, {"saddle_numbness": "no", "bladder_bowel_change": "no"},
                     stop_at="sexual_function_change")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.question.id == "bladder_bowel_change"
        assert app.screen.given == "no"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.given == "no" and app.screen.question.id == "saddle_numbness"
        await pilot.press("enter")  # keeps the given answer
        await pilot.pause()
        assert app.screen.question.id == "bladder_bowel_change"
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("escape")  # from the first question: back to the welcome screen
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)


async def test_enter_without_an_answer_does_nothing(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.screen.question.id == "saddle_numbness"
        assert "Choose an answer first" in str(app.screen.query_one("#hint").render())


async def test_number_validation_is_shown_inline(tmp_path, benign) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, benign, stop_at="age_years")
        await pilot.press("2", "0", "0", "enter")
        await pilot.pause()
        assert app.screen.question.id == "age_years"
        assert "out of range" in str(app.screen.query_one("#hint").render())
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("backspace", "backspace", "backspace", "enter")
        await pilot.pause()
        assert "whole number" in str(app.screen.query_one("#hint").render())
        await pilot.press("x", "4", "1", "enter")  # letters are not typed into the box
        await pilot.pause()
        assert app.screen.question.id == "pain_duration_weeks"


async def test_special_answer_on_a_number_question(tmp_path, benign) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, benign, stop_at="pain_duration_weeks")
        await pilot.press("u")  # "Not sure" counts as 6 weeks
        await pilot.pause()
        assert app.screen.question.id == "pain_trend"


async def test_exclusive_choices_in_a_checklist(tmp_path, benign) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, benign, stop_at="bone_risk")
        checklist = app.screen.query_one("#choices")
        await pilot.press("1", "2")
        await pilot.pause()
        assert set(checklist.selected) == {"osteoporosis", "past_spine_fracture"}
        await pilot.press("4")  # none: clears the others
        await pilot.pause()
        assert checklist.selected == ["none"]
        await pilot.press("3")  # steroids: clears none
        await pilot.pause()
        assert checklist.selected == ["steroid_tablets_3_months"]


async def test_change_answers_from_the_result(tmp_path, benign) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, benign)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.question.id == "pregnancy_postpartum"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)


async def test_save_summary_from_a_refer_result(tmp_path, benign) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, {**benign, "weight_loss": "yes"})
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        saved = tmp_path / "triage-tui-summary-2026-11-23.md"
        text = saved.read_text()
        assert "SEE SOMEONE FIRST (within a few days)" in text
        assert "| Weight loss without trying | Yes |" in text
        assert "version 2026.11.1" in text and "Date: 2026-11-23 09:30" in text
        assert saved.stat().st_mode & 0o777 == 0o600
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")  # the default name is not reused
        await pilot.pause()
        assert (tmp_path / "triage-tui-summary-2026-11-23-2.md").exists()


async def test_quit_asks_only_when_answers_would_be_lost(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("n", "enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
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


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_tiny_and_resized_terminals_keep_working(tmp_path, benign, size) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        await answer(pilot, benign, stop_at="age_years")
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        await pilot.resize_terminal(*size)
        await pilot.press("4", "2")
        await pilot.resize_terminal(120, 40)
        await pilot.press("enter")
        await pilot.pause()
        asked = await answer(pilot, benign)
        assert asked[0] == "pain_duration_weeks"
        screen = app.screen
        assert isinstance(screen, ResultScreen)
        # every action button is on screen, and the page scrolls to its last line
        for button in screen.query("#actions Button"):
            assert screen.region.contains_region(button.region), button.id
        page = screen.query_one("#page")
        page.scroll_end(animate=False)
        await pilot.pause()
        last = page.children[-1]
        assert page.region.overlaps(last.region)


async def test_help_opens_and_closes(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpModal"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


@pytest.mark.parametrize("case", ["all_no", "refer", "modified", "urgent_partial"])
async def test_the_app_and_decide_agree(tmp_path, capsys, benign, case) -> None:
    """Same answers, same outcome: the app and `triage-tui decide` share one evaluator."""
    answers = {
        "all_no": benign,
        "refer": {**benign, "fever_unwell": "yes", "age_years": 70},
        "modified": {**benign, "knee_pain": "kneeling_discomfort", "movement_pain": ("twisting",)},
        "urgent_partial": {"saddle_numbness": "no", "bladder_bowel_change": "no", "sexual_function_change": "no",
                           "both_legs_symptoms": "no", "leg_weakness": "both_legs"},
    }[case]
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, answers)
        shown = app.screen.decision
    path = tmp_path / "answers.toml"
    path.write_text(tomli_w.dumps({"answers": {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}}))
    main(["decide", "--answers", str(path), "--json"])
    printed = json.loads(capsys.readouterr().out)
    assert printed == shown.to_json()
    assert decide(RULESET, answers).to_json() == printed
