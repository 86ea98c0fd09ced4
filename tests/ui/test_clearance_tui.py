"""Cleared by my clinician in both faces: the TUI's form (a Pilot flow and its picture at 80x24)
and plain mode's, which must save exactly the same record for the same entry."""

from __future__ import annotations

from datetime import timezone
from typing import Any

from fakes import FakeClock
from journey_helpers import NOW, Run
from plain_helpers import answer_lines, plain
from triage_tui.core.history.clearance_record import from_state
from triage_tui.core.history.store import Store
from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from triage_tui.core.journey.machine import Journey
from triage_tui.core.screening.clearance import Clearance
from triage_tui.ui.app import TriageApp
from triage_tui.ui.screens.clearance import ClearanceScreen
from triage_tui.ui.screens.history import HistoryScreen
from triage_tui.ui.screens.result import ResultScreen
from ui_helpers import RULESET, Host, drive, make_app

REFER = {"cancer_history": "yes", "floor_transfer": "with_support"}


def saved(folder) -> tuple[Any, Any]:
    store = Store(folder / "data")
    return store.load_screening(), from_state(store.load_state())


async def test_the_result_offers_the_form_and_saving_it_shows_the_variant(tmp_path, benign) -> None:
    app: TriageApp = make_app(tmp_path)
    drive(app, ev.Start(full=True))
    answers = {**benign, **REFER}
    while isinstance(app.journey.step, st.Ask):
        drive(app, ev.Answered(answers[app.journey.step.question.id]))
    assert isinstance(app.journey.step, st.Result) and app.journey.step.decision.outcome == "refer"
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ClearanceScreen)
        await pilot.press("ctrl+s")  # no reason ticked: the page comes back saying so
        await pilot.pause()
        assert isinstance(app.screen, ClearanceScreen) and app.journey.step.problems  # type: ignore[union-attr]
        await pilot.press("tab", *"Dr Lee", "tab", *"40", "tab", "space", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        assert app.journey.step.decision.modifications == ("hands_supported",)  # type: ignore[union-attr]
        assert "Cleared by your clinician (Dr Lee)" in str(app.screen.query_one("#clearance-note").render())
    screening, clearance = saved(tmp_path)
    assert screening.outcome == "modified" and screening.cleared == ("cancer_history",)
    assert clearance.reasons == ("cancer_history",) and clearance.name == "Dr Lee" and clearance.hold_limit == 40


def test_plain_mode_records_the_same_clearance(tmp_path, benign) -> None:
    answers = {**benign, **REFER}
    script = ["f", *answer_lines(RULESET, answers), "c", "", "Dr Lee", "1", "40", "h", "q"]
    code, out, err = plain(tmp_path / "plain", script)
    assert code == 0, err
    assert "Result: SEE SOMEONE FIRST" in out and "c = I have seen a doctor or physio" in out
    assert "Cleared by your clinician (Dr Lee) on 23 November 2026." in out
    assert "Result: OK WITH CHANGES" in out
    screening, clearance = saved(tmp_path / "plain")
    assert clearance is not None and clearance.hold_limit == 40 and screening.cleared == ("cancer_history",)

    # The TUI, given the same entry through its driver, saves exactly the same records.
    app = make_app(tmp_path / "tui")
    drive(app, ev.Start(full=True))
    while isinstance(app.journey.step, st.Ask):
        drive(app, ev.Answered(answers[app.journey.step.question.id]))
    drive(app, ev.ClinicianSeen(), ev.ClearanceGiven("", "Dr Lee", ("cancer_history",), "40"))
    assert saved(tmp_path / "tui") == (screening, clearance)


def form_step(benign) -> st.ClearanceForm:
    run = Run(RULESET)
    run.send(ev.Start(full=True))
    run.answer({**benign, **REFER, "night_pain": "yes"})
    step = run.send(ev.ClinicianSeen(), ev.ClearanceGiven("2026-12-01", "", (), "5"))
    assert isinstance(step, st.ClearanceForm) and step.problems
    return step


def test_the_form_at_80x24(snap_compare, benign) -> None:
    """The form after a bad entry, at 80x24: its title and intro, the problems in bold (a date in
    the future, no reason chosen, a hold limit out of range), the three boxes (day, name, longest
    hold) with what was typed, the heading of the reasons to tick, and "More below" (the two
    reasons, past cancer and night pain, are further down);
    Save and Back buttons and the key bar at the bottom."""
    step = form_step(benign)
    assert snap_compare(Host(lambda: ClearanceScreen(step)), terminal_size=(80, 24))


async def test_the_history_page_shows_the_clearance(tmp_path, benign) -> None:
    """The TUI history page says who cleared what and until when, as `triage-tui history` does."""
    clearance = Clearance(NOW.date(), NOW, ("cancer_history",), {"cancer_history": "yes"}, "Dr Lee", 40, 0)
    journey = Journey(RULESET, screening=None, sessions=[], cleared_at=None, clock=FakeClock(),
                      wall=lambda: NOW, tz=timezone.utc, clearance=clearance)
    journey.send(ev.ShowHistory())
    step = journey.step
    assert isinstance(step, st.History)
    async with Host(lambda: HistoryScreen(RULESET, step, NOW, tz=timezone.utc)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = str(pilot.app.screen.query_one("#clearance").render())
    assert f"Visit on {NOW.date().isoformat()} with Dr Lee." in text
    assert "Longest hold allowed: 40 seconds." in text and "Counts until" in text


def test_the_reasons_say_ticked_in_words_without_colour(snap_compare, benign, monkeypatch) -> None:
    """NO_COLOR, 80x24, the form scrolled to its reasons after Tab to the list and Space: the
    first reason (past cancer) reads "[x]" and the second (night pain) "[ ]", so a tick reads
    without colour and to a screen reader; each reason wraps in full beside its key."""
    monkeypatch.setenv("NO_COLOR", "1")
    step = form_step(benign)
    assert snap_compare(Host(lambda: ClearanceScreen(step)), terminal_size=(80, 24),
                        press=["tab", "tab", "tab", "space"])


async def test_space_and_keys_tick_the_reasons(benign) -> None:
    step = form_step(benign)
    host = Host(lambda: ClearanceScreen(step))
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", "space", "down", "enter", "up", "space", "1", "1", "ctrl+s")
        await pilot.pause()
    [given] = host.chosen
    assert isinstance(given, ev.ClearanceGiven)
    assert given.reasons == tuple(r.rule for r in step.offered[1:2])  # the first ticked, then unticked


async def test_typing_at_40x12_brings_the_box_into_sight(benign) -> None:
    """The form opens at its title; the day box is focused below the edge, and the first key
    typed scrolls it into sight, so nothing is typed blind."""
    run = Run(RULESET)
    run.send(ev.Start(full=True))
    run.answer({**benign, **REFER, "night_pain": "yes"})
    step = run.send(ev.ClinicianSeen())
    assert isinstance(step, st.ClearanceForm)
    async with Host(lambda: ClearanceScreen(step)).run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        page, box = screen.query_one("#page"), screen.query_one("#clear-date")
        def in_sight() -> bool:
            return page.region.y <= box.region.y < page.region.bottom
        assert screen.focused is box and not in_sight()
        await pilot.press("2", "0", "2", "6")
        await pilot.pause()
        assert in_sight() and box.value == "2026"
