"""The big countdown (issue 14): 5-row digits from 40x12 up, the normal 3-row ones below,
chosen again on a resize mid-session; drawn from characters, so NO_COLOR keeps them.

The pictures use a small host app with the countdown alone (no journey, no session page);
the whole session page at each size is in `test_snapshots.py`.
"""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Size

from triage_tui.ui.screens.session import SessionScreen
from triage_tui.ui.widgets.big_digits import FONT, ROWS, BigDigits, big_lines
from ui_helpers import advance, running_session


class CountdownHost(App[None]):
    """The countdown alone, as the session page styles it (left, under a margin)."""

    CSS = "BigDigits { margin: 1 2; }"

    def __init__(self, value: str) -> None:
        super().__init__()
        self.value = value

    def compose(self) -> ComposeResult:
        yield BigDigits(self.value, id="clock")

    def on_mount(self) -> None:
        self.query_one(BigDigits).fit(self.size)

    def on_resize(self) -> None:
        self.query_one(BigDigits).fit(self.size)


def drawn(widget: BigDigits) -> list[str]:
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]


def test_every_glyph_is_five_rows_of_equal_width_and_each_digit_differs() -> None:
    for char, glyph in FONT.items():
        assert len(glyph) == ROWS and len({len(row) for row in glyph}) == 1, char
    digits = [FONT[str(n)] for n in range(10)]
    assert len(set(digits)) == 10
    assert big_lines("1:05") == [" ".join(FONT[c][row] for c in "1:05") for row in range(ROWS)]


@pytest.mark.parametrize(("size", "rows"), [((80, 24), 5), ((120, 40), 5), ((40, 12), 5), ((39, 12), 3),
                                             ((40, 11), 3), ((30, 8), 3)])
async def test_big_from_40x12_up_else_the_normal_digits(size, rows) -> None:
    app = CountdownHost("1:00")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        clock = app.query_one(BigDigits)
        assert clock.big == (rows == 5) and clock.size.height == rows
        lines = drawn(clock)
        assert all(line.strip() for line in lines)  # every row draws part of the digits


async def test_resized_mid_session_the_countdown_follows(tmp_path, benign) -> None:
    async with running_session(tmp_path, benign, (80, 24)) as (pilot, clock):
        screen = pilot.app.screen
        assert isinstance(screen, SessionScreen)
        await advance(pilot, clock, 3)
        digits = screen.query_one(BigDigits)
        assert digits.big and digits.size.height == 5 and digits.value == "7"
        await pilot.resize_terminal(36, 11)
        await pilot.pause()
        assert not digits.big and digits.size.height == 3
        await advance(pilot, clock, 1)
        assert digits.value == "6"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert digits.big and digits.size.height == 5


async def test_without_colour_the_digits_are_characters(monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = CountdownHost("0")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert drawn(app.query_one(BigDigits)) == [row.rstrip() for row in FONT["0"]]


def test_fit_chooses_by_the_terminal_size() -> None:
    widget = BigDigits("3")
    for size, big in (((40, 12), True), ((200, 60), True), ((39, 30), False), ((100, 11), False)):
        widget.fit(Size(*size))
        assert widget.big is big


@pytest.mark.parametrize("size", [pytest.param((80, 24), id="80x24"), pytest.param((40, 12), id="40x12")])
def test_big_countdown_picture(snap_compare, size) -> None:
    """"1:00" in 5-row block digits (each digit 6 cells wide, a two-dot colon), two cells from
    the left edge and one row down, at both sizes."""
    assert snap_compare(CountdownHost("1:00"), terminal_size=size)


def test_small_countdown_picture(snap_compare) -> None:
    """Below 40x12 (here 36x10): "1:00" in Textual's normal 3-row digits."""
    assert snap_compare(CountdownHost("1:00"), terminal_size=(36, 10))
