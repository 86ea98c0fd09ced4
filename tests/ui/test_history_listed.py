"""Decades of daily use: every face lists only the newest LISTED sessions, says so, and still
counts every one (a table of 30,000 rows took 5 s to lay out)."""

from __future__ import annotations

from datetime import timedelta, timezone

from textual.widgets import DataTable

from fakes import FakeClock
from journey_helpers import NOW
from triage_tui.core.history.report import LISTED
from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from triage_tui.core.journey.machine import Journey
from triage_tui.core.session.record import SessionRecord
from triage_tui.plain import pages
from triage_tui.ui.screens.history import HistoryScreen
from ui_helpers import RULESET, Host

TOTAL = LISTED + 15


def history_step() -> st.History:
    sessions = []
    for i in range(TOTAL):
        start = NOW - timedelta(days=TOTAL - i)
        record = SessionRecord(start, start + timedelta(minutes=5), "floor", "hold", (), 60, 2, (), "finished", None,
                               i % 11, 3)
        sessions.append((record, RULESET.hash))
    journey = Journey(RULESET, screening=None, sessions=sessions, cleared_at=None, clock=FakeClock(),
                      wall=lambda: NOW, tz=timezone.utc)
    journey.send(ev.ShowHistory())
    assert isinstance(journey.step, st.History)
    return journey.step


async def test_the_tui_lists_the_newest_and_counts_them_all() -> None:
    step = history_step()
    async with Host(lambda: HistoryScreen(RULESET, step, NOW, tz=timezone.utc)).run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        table = screen.query_one("#sessions", DataTable)
        assert table.row_count == LISTED
        newest = NOW - timedelta(days=1)
        assert table.get_row_at(0)[0] == newest.strftime("%a %d %b %H:%M")
        assert f"{TOTAL} sessions" in str(screen.query_one("#streak").render())
        listed = str(screen.query_one("#listed").render())
        assert f"The last {LISTED} of {TOTAL}" in listed and "triage-tui history --all" in listed
        # PgDn alone reaches the oldest listed row: the table has no scroll of its own to trap it
        page = screen.query_one("#page")
        for _ in range(8):
            await pilot.press("pagedown")
        await pilot.pause()
        assert table.max_scroll_y == 0 and page.scroll_y == page.max_scroll_y > 0


def test_plain_lists_the_newest_and_counts_them_all() -> None:
    lines = pages.history(history_step(), NOW)
    assert f"{TOTAL} sessions; {TOTAL} days in a row." in lines
    assert f"The last {LISTED} are shown; to see every one: triage-tui history --all" in lines
    listed = [line for line in lines if line.endswith("  Finished")]
    assert len(listed) == LISTED


def test_plain_says_the_trend_in_words_not_a_drawing() -> None:
    """Plain mode is read aloud: no chart of letters, the first and last ratings in words."""
    lines = pages.history(history_step(), NOW)
    assert not any(line.startswith(" 10 ") or "b = pain before" in line for line in lines)
    first, last = (TOTAL - LISTED) % 11, (TOTAL - 1) % 11  # session i was rated i % 11 before
    assert f"Pain before sessions, 0 to 10: {first} at first, {last} at the last ({LISTED} rated)." in lines
    assert f"Pain after sessions, 0 to 10: 3 at first, 3 at the last ({LISTED} rated)." in lines
