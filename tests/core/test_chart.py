"""The pain chart: every rating 0-10 drawn differently, a labelled axis, and dates."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from triage_tui.core.history.chart import pain_chart, spark_cells, sparkline


def test_the_sparkline_draws_11_distinct_levels_and_a_gap():
    cells = [spark_cells(v) for v in range(11)]
    assert len(set(cells)) == 11
    assert spark_cells(None) not in cells
    top, bottom = sparkline([0, 10, None])
    assert len(top) == len(bottom) == 3


def test_higher_ratings_are_never_drawn_lower():
    order = " ▁▂▃▄▅▆▇█"
    heights = [order.index(t) * 8 + (0 if b == "_" else order.index(b)) for t, b in map(spark_cells, range(11))]
    assert heights == sorted(heights) and len(set(heights)) == 11


def test_the_chart_has_a_0_to_10_axis_marks_and_local_dates():
    start = datetime(2026, 3, 28, 23, 30, tzinfo=timezone.utc)  # 00:30 next day in summer in Paris
    points = [(start + timedelta(days=i), 6 - i, 5 - i) for i in range(5)]
    lines = pain_chart(points, ZoneInfo("Europe/Paris"))
    assert lines[0].startswith("10 ┤") and lines[5].startswith(" 5 ┤") and lines[10].startswith(" 0 ┤")
    assert lines[10 - 6][4] == "b" and lines[10 - 5][5] == "a"  # the first session's before and after
    assert "03-29" in lines[12] and "04-02" in lines[12]  # local dates, first and last
    assert "b = pain before, a = pain after" in lines[-1]


def test_only_the_latest_sessions_that_fit_are_drawn():
    start = datetime(2026, 1, 1, 12, tzinfo=timezone.utc)
    points = [(start + timedelta(days=i), 3, 2) for i in range(100)]
    lines = pain_chart(points, timezone.utc, width=40)
    assert all(len(line) <= 40 for line in lines[:-1])
    assert "04-10" in lines[12]  # the 100th day is the last shown
