"""Daily use through the real app: saved screening, quick check, re-screen triggers, history."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fakes import FakeClock
from triage_tui.core.session.record import HoldRecord, SessionRecord
from triage_tui.core.history.store import Store
from triage_tui.ui.screens.history import HistoryScreen
from triage_tui.ui.screens.question import QuestionScreen
from triage_tui.ui.screens.quick_list import QuickListScreen
from triage_tui.ui.screens.result import ResultScreen
from triage_tui.ui.screens.session_setup import SessionSetupScreen
from triage_tui.ui.screens.session_summary import SessionSummaryScreen
from triage_tui.ui.screens.urgent import UrgentScreen
from triage_tui.ui.screens.welcome import WelcomeScreen
from ui_helpers import FIXED_NOW, RULESET, advance, answer, at_question, at_session, at_setup, make_app, rate, seed_screening, start

SIZE = (100, 32)
QUICK = ["saddle_numbness", "bladder_bowel_change", "sexual_function_change", "both_legs_symptoms",
         "leg_weakness", "collapse_severe_pain", "injury_start", "pain_today"]


def past_session(days_ago: float, ended: str = "finished", before: int | None = 4,
                 after: int | None = 4) -> SessionRecord:
    start_at = FIXED_NOW - timedelta(days=days_ago)
    return SessionRecord(start_at, start_at + timedelta(minutes=5), "floor", "hold", (), 60, 2,
                         (HoldRecord(1, "left", "hold", 60, 60.0), HoldRecord(1, "right", "hold", 60, 60.0)),
                         ended, "sharp_pain" if ended == "pain" else None, before, after)


def seed_sessions(tmp_path, *sessions: SessionRecord) -> None:
    store = Store(tmp_path / "data")
    for s in sessions:
        store.add_session(s, RULESET.hash)


def start_label(app) -> str:
    return str(app.screen.query_one("#start").label)


async def test_quick_check_and_start(tmp_path, benign) -> None:
    seed_screening(tmp_path, benign)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert start_label(app).startswith("Quick check and start")
        await start(pilot)
        assert len(app.screen.step.items) == 7  # the urgent items, on one list
        asked = await answer(pilot, benign)
        assert asked == QUICK
        assert isinstance(app.screen, SessionSetupScreen)  # nothing changed: straight on


async def test_a_red_flag_now_answered_yes_goes_to_the_urgent_screen(tmp_path, benign) -> None:
    seed_screening(tmp_path, benign)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, {**benign, "bladder_bowel_change": "yes"})
        assert isinstance(app.screen, UrgentScreen)
        saved = app.store.load_screening()
        assert saved.outcome == "urgent"  # the next start needs a full screening


async def test_a_change_in_the_quick_check_shows_the_new_decision(tmp_path, benign) -> None:
    seed_screening(tmp_path, benign)
    app = at_question(tmp_path, {**benign, "pain_today": 7}, full=False)  # a high pain day: lying down
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ResultScreen)
        assert screen.decision.modifications == ("supine", "short_holds")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionSetupScreen) and app.screen.plan.position == "lying"


@pytest.mark.parametrize(
    ("setup", "why"),
    [
        ("old", "days ago"),
        ("rules", "rules have changed"),
        ("pain_stop", "stopped for pain"),
        ("refer", "get checked first"),
        ("none", "start with the screening"),
    ],
)
async def test_full_screening_triggers(tmp_path, benign, setup, why) -> None:
    if setup == "old":
        seed_screening(tmp_path, benign, days_ago=30)
    elif setup == "rules":
        saved = seed_screening(tmp_path, benign)
        Store(tmp_path / "data").save_screening(saved._replace(rules_hash="0" * 64))
    elif setup == "pain_stop":
        seed_screening(tmp_path, benign, days_ago=3)
        seed_sessions(tmp_path, past_session(1, "pain"))
    elif setup == "refer":
        seed_screening(tmp_path, {**benign, "cancer_history": "yes"})
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert start_label(app).startswith("Start the screening")
        assert why in str(app.screen.query_one("#standing").render()).lower()
        await start(pilot)
        assert isinstance(app.screen, QuestionScreen) and app.screen.progress.section_total == 15


async def test_29_days_is_still_quick(tmp_path, benign) -> None:
    seed_screening(tmp_path, benign, days_ago=29.9)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert start_label(app).startswith("Quick check")


async def test_a_session_is_saved_with_pain_before_and_after(tmp_path, benign) -> None:
    clock = FakeClock()
    app = at_setup(tmp_path, {**benign, "pain_today": 5}, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionSetupScreen)
        await pilot.press("enter")
        await pilot.pause()
        during = Store(tmp_path / "data").load_sessions()
        assert [r.ended for r, _ in during] == ["interrupted"]  # saved from the first second
        await advance(pilot, clock, 75)  # prep 10 s, then the LEFT hold of 60 s is over
        during = Store(tmp_path / "data").load_sessions()
        assert during[0][0].holds[0].done == 60.0  # progress saved at each phase end
        await advance(pilot, clock, 300, step=0.5)
        await rate(pilot, 3)
        assert isinstance(app.screen, SessionSummaryScreen)
        (record, rules_hash), = Store(tmp_path / "data").load_sessions()
        assert record.ended == "finished" and (record.pain_before, record.pain_after) == (5, 3)
        assert rules_hash == RULESET.hash and record.started_at == FIXED_NOW
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "1 day in a row" in str(app.screen.query_one("#standing").render())


@pytest.mark.parametrize(("keys", "code"), [(("ctrl+q", "y"), 0), (("ctrl+c",), 130)], ids=["ctrl+q", "ctrl+c"])
async def test_leaving_mid_session_saves_it_as_interrupted(tmp_path, benign, keys, code) -> None:
    clock = FakeClock()
    app = at_session(tmp_path, benign, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 12)
        await pilot.press(*keys)
        await pilot.pause()
    assert (app.return_code or 0) == code
    (record, _), = Store(tmp_path / "data").load_sessions()
    assert record.ended == "interrupted" and record.holds[0].done == 2.0


async def test_two_pain_stops_refer_until_a_clinician_has_seen_them(tmp_path, benign) -> None:
    seed_screening(tmp_path, benign, days_ago=5)
    seed_sessions(tmp_path, past_session(4, "pain"), past_session(3, "pain"))
    store = Store(tmp_path / "data")
    store.save_screening(store.load_screening()._replace(at=FIXED_NOW - timedelta(days=2)))  # re-screened
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert home.query("#refer-card") and start_label(app).startswith("Start the screening")
        assert "last 2 sessions both ended with a pain stop" in str(home.query_one("#refer-card").render())
        await pilot.press("c")  # the clearance form: the visit was today, nothing else to fill in
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.screen.query("#refer-card")
        assert start_label(app).startswith("Quick check")


async def test_history_screen(tmp_path, benign) -> None:
    seed_screening(tmp_path, benign, days_ago=40)
    seed_sessions(tmp_path, *[past_session(d, before=5, after=5) for d in (35, 20, 1)])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert screen.query_one("#sessions").row_count == 3
        assert [e.rule.id for e in screen.today.escalated] == ["not_improving_4_weeks"]
        chart = str(screen.query_one("#pain-chart").render())
        assert "10 ┤" in chart and "b = pain before, a = pain after" in chart
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)


async def test_a_corrupt_history_is_set_aside_with_a_notice(tmp_path, benign) -> None:
    seed_screening(tmp_path, benign)
    (tmp_path / "data" / "sessions.toml").write_text("this is [not toml")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        cards = [str(c.render()) for c in app.screen.query(".-notice")]
        assert cards and "sessions.toml could not be read" in cards[0]
        assert start_label(app).startswith("Quick check")  # the app goes on
    assert list((tmp_path / "data").glob("sessions.corrupt-*.toml"))


async def test_triage_tui_session_starts_the_quick_check(tmp_path, benign) -> None:
    seed_screening(tmp_path, benign)
    app = make_app(tmp_path, start="session")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuickListScreen) and app.screen.step.items[0].id == "saddle_numbness"
        assert len(app.screen.step.items) == 7
