"""The history in words: a pain stop names what the person reported, and the clinician's
summary puts what needs a look first (flags, urgent stops) and stays short after decades."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from triage_tui.core.history.report import LISTED, clinician_markdown, history_text, how_it_ended
from triage_tui.core.journey.due import daily
from triage_tui.core.session.record import CUT_SHORT, HoldRecord, SessionRecord

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)


def session(days_ago: int, ended: str = "finished", cue: str | None = None) -> SessionRecord:
    start = NOW - timedelta(days=days_ago, hours=2)
    return SessionRecord(start, start + timedelta(minutes=5), "floor", "hold", (), 60, 2, (), ended, cue, 4, 3)


def test_a_pain_stop_says_what_was_reported(ruleset) -> None:
    assert how_it_ended(ruleset, session(1)) == "Finished"
    assert how_it_ended(ruleset, session(1, "pain", "chest_or_collapse")).startswith("Pain stop: chest pain or pressure.")
    assert how_it_ended(ruleset, session(1, "pain", "chest_or_collapse")).endswith("(urgent)")
    assert how_it_ended(ruleset, session(1, "pain", "sharp_pain")) == "Pain stop: sharp, shooting, stabbing or electric pain"
    assert how_it_ended(ruleset, session(1, "pain", "a_cue_since_removed")) == "Pain stop"
    assert how_it_ended(None, session(1, "pain", "sharp_pain")) == "Pain stop"
    skipped = session(1)._replace(holds=(HoldRecord(1, "left", "hold", 60, 2.0),))
    assert how_it_ended(ruleset, skipped) == "Finished, holds skipped"  # as the summary said it
    assert how_it_ended(ruleset, skipped, short=False) == CUT_SHORT
    sessions = [session(2), session(1, "pain", "sharp_pain")]
    text = history_text(sessions, daily(ruleset, None, sessions, NOW), NOW, ruleset=ruleset)
    assert text.splitlines()[4].endswith("Pain stop: sharp, shooting, stabbing or electric pain")


def test_the_summary_starts_with_urgent_stops_and_flags(ruleset) -> None:
    sessions = [session(3), session(2, "pain", "chest_or_collapse"), session(1, "pain", "sharp_pain")]
    text = clinician_markdown(ruleset, sessions, daily(ruleset, None, sessions, NOW), NOW)
    flags = text.index("## Flags")
    assert flags < text.index("## Sessions")
    urgent = next(line for line in text.splitlines() if line.startswith("- 2026-11-24"))
    assert "stopped for a warning sign: chest pain or pressure" in urgent and urgent.endswith("(urgent)")
    assert "| Pain stop: chest pain or pressure." in text


def test_a_summary_of_decades_lists_the_newest_and_counts_them_all(ruleset) -> None:
    sessions = [session(days) for days in range(3_000, 0, -1)]
    sessions[10] = session(2_990, "pain", "sharp_pain")
    text = clinician_markdown(ruleset, sessions, daily(ruleset, None, sessions, NOW), NOW)
    rows = [line for line in text.splitlines() if line.startswith("| 20")]
    assert len(rows) == LISTED and rows[-1].startswith(f"| {(NOW - timedelta(days=1, hours=2)):%Y-%m-%d}")
    assert "3,000 sessions since 2018-09-09, 1 of them stopped for pain or a warning sign; the last 60" in text
