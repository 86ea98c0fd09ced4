"""Pain over time as text: a two-row sparkline in which every level 0-10 looks different, and a
chart with a labelled 0-10 axis, "b" for before and "a" for after, and dates under it.

Block characters have 8 heights; one rating takes two rows (16 heights), so the 11 levels are
11 distinct pictures (the bars' heights in eighths: 0, 2, 3, 5, 6, 8, 10, 11, 13, 14, 16).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

BLOCKS = " ▁▂▃▄▅▆▇█"
HEIGHTS = (0, 2, 3, 5, 6, 8, 10, 11, 13, 14, 16)
"""Eighths of two rows for each rating 0-10."""
GAP = "·"
"""Where no rating was given (skipped)."""


def spark_cells(value: int | None) -> tuple[str, str]:
    """(upper, lower) character for one rating."""
    if value is None:
        return " ", GAP
    height = HEIGHTS[min(max(value, 0), 10)]
    return BLOCKS[max(height - 8, 0)], BLOCKS[min(height, 8)] if height else "_"


def sparkline(values: Sequence[int | None]) -> tuple[str, str]:
    """The two rows of a sparkline of 0-10 ratings, oldest first."""
    cells = [spark_cells(v) for v in values]
    return "".join(c[0] for c in cells), "".join(c[1] for c in cells)


def pain_chart(points: Sequence[tuple[datetime, int | None, int | None]], tz: tzinfo | None,
               width: int = 60) -> list[str]:
    """A 0-10 chart of (start, pain before, pain after) per session, the latest that fit in
    `width` columns, three columns each; dates (month-day) label the first, middle and last."""
    per = 3
    room = max((width - 5) // per, 1)
    shown = list(points)[-room:]
    lines = []
    for level in range(10, -1, -1):
        label = f"{level:>2} ┤" if level in (0, 5, 10) else "   │"
        row = ""
        for _, before, after in shown:
            mark = ("b" if before == level else " ") + ("a" if after == level else " ")
            row += mark + " "
        lines.append(f"{label}{row}".rstrip())
    lines.append("   └" + "─" * (len(shown) * per))
    dates = [" "] * (len(shown) * per + 4)
    for index in sorted({0, len(shown) // 2, len(shown) - 1}) if shown else ():
        text = shown[index][0].astimezone(tz).strftime("%m-%d")
        start = 4 + index * per
        if all(c == " " for c in dates[max(start - 1, 0):start + len(text)]):
            dates[start:start + len(text)] = list(text)
    lines.append("".join(dates).rstrip())
    lines.append("    b = pain before, a = pain after (0 = none, 10 = worst); dates are month-day")
    return lines
