"""`history`, `export` and `where` on a saved history, through the real command line."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from triage_tui.cli import main
from triage_tui.core.screening.evaluator import decide
from triage_tui.core.history.records import SavedScreening
from triage_tui.core.session.record import HoldRecord, SessionRecord
from triage_tui.core.history.store import Store


def seed(data_dir, ruleset, benign, pains=((5, 4), (4, 3))) -> None:
    store = Store(data_dir)
    now = datetime.now(timezone.utc)
    decision = decide(ruleset, benign)
    store.save_screening(SavedScreening.from_decision(decision, benign, now - timedelta(days=3)))
    for days, (before, after) in zip((2, 1), pains):
        start = now - timedelta(days=days)
        store.add_session(SessionRecord(start, start + timedelta(minutes=4), "floor", "hold", (), 60, 2,
                                        (HoldRecord(1, "left", "hold", 60, 60.0),), "finished", None, before, after),
                          ruleset.hash)


def test_history_json(tmp_path, capsys, ruleset, benign) -> None:
    seed(tmp_path / "data", ruleset, benign)
    assert main(["--data-dir", str(tmp_path / "data"), "history", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [s["pain_before"] for s in report["sessions"]] == [5, 4]
    assert report["sessions"][0]["ended"] == "finished" and report["sessions"][0]["partial"] is False
    assert report["streak_days"] == 2 and report["escalations"] == []
    assert report["rules_hash"] == ruleset.hash


def test_history_text_shows_the_trend_and_escalations(tmp_path, capsys, ruleset, benign) -> None:
    seed(tmp_path / "data", ruleset, benign, pains=((3, 6), (3, 5)))
    assert main(["--data-dir", str(tmp_path / "data"), "history"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 sessions; 2 days in a row.")
    assert "Pain before and after, 0 to 10:" in out and "10 ┤" in out and " 0 ┤" in out
    assert "b = pain before, a = pain after" in out
    assert "Your pain went up by 2 points or more" in out


def test_history_counts_one_session_in_the_singular(tmp_path, capsys, ruleset, benign) -> None:
    seed(tmp_path / "data", ruleset, benign, pains=((3, 3),))
    assert main(["--data-dir", str(tmp_path / "data"), "history"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 session; 0 days in a row.")  # two days ago: no streak now
    assert "Finished" in out


def test_history_when_empty(tmp_path, capsys) -> None:
    assert main(["--data-dir", str(tmp_path / "none"), "history"]) == 0
    assert capsys.readouterr().out.startswith("0 sessions")


def test_export_writes_markdown_for_a_clinician(tmp_path, capsys, ruleset, benign) -> None:
    seed(tmp_path / "data", ruleset, benign)
    out = tmp_path / "for-gp.md"
    assert main(["--data-dir", str(tmp_path / "data"), "export", "--out", str(out)]) == 0
    text = out.read_text()
    assert text.startswith("# 90/90 stretch: self-check and session history")
    assert "## Last screening" in text and "| Numbness between the legs | No |" in text
    assert "## Sessions" in text and "## Pain trend (0-10)" in text
    assert f"version {ruleset.version}" in text
    assert out.stat().st_mode & 0o777 == 0o600
    assert main(["--data-dir", str(tmp_path / "data"), "export", "--out", str(out)]) == 2  # never overwrites
    assert "already exists" in capsys.readouterr().err


def test_export_to_the_screen(tmp_path, capsys, ruleset, benign) -> None:
    seed(tmp_path / "data", ruleset, benign)
    assert main(["--data-dir", str(tmp_path / "data"), "export", "--out", "-"]) == 0
    assert "## Sessions" in capsys.readouterr().out


def test_where_reports_files_set_aside(tmp_path, capsys) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "sessions.toml").write_text("not = [valid")
    assert main(["--data-dir", str(data), "where"]) == 0
    out = capsys.readouterr().out
    assert "note: sessions.toml could not be read" in out
    assert main(["--data-dir", str(data), "where"]) == 0
    assert "set aside (could not be read): sessions.corrupt-" in capsys.readouterr().out


def test_json_text_is_the_same_json_one_list_item_per_line() -> None:
    """`history --json` prints each session on its own line (Python's C encoder; indented
    output went through the slow one): the JSON itself is unchanged."""
    from triage_tui.commands.history import json_text

    table = {"sessions": [{"a": [1, 2], "b": None, "é": "x\ny"}, {"a": [], "b": {"c": 1.5}}], "empty": [],
             "streak_days": 3, "clearance": {"until": "2027-01-01", "reasons": ["x"]}, "due": None}
    text = json_text(table)
    assert json.loads(text) == table
    lines = text.splitlines()
    assert lines[1] == '  "sessions": [' and lines[2].startswith('    {"a": [1, 2]') and lines[3].startswith('    {"a": []')
