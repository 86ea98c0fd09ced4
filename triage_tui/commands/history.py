"""`triage-tui history` and `triage-tui export`: the saved history, for a person or a clinician."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

from triage_tui.core import paths
from triage_tui.core.atomic import unique_path, write_atomic
from triage_tui.core.clock import utc_now
from triage_tui.core.journey.due import Daily, daily
from triage_tui.core.errors import DataFileError, Problem
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.history.report import clinician_markdown, history_json, history_text
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.session.record import SessionRecord
from triage_tui.core.history.store import Store


def _load(rules_dir: str | None, data_dir: str | None) -> tuple[RuleSet, list[SessionRecord], Daily, Store]:
    ruleset = load_rules(paths.rules_dir(rules_dir).path)
    store = Store(paths.data_dir(data_dir).path)
    sessions = [record for record, _ in store.load_sessions()]
    state = store.load_state()
    today = daily(ruleset, store.load_screening(), sessions, utc_now(), state.get("escalations_cleared_at"))
    for notice in store.notices:
        print(f"note: {notice}", file=sys.stderr)
    return ruleset, sessions, today, store


def history(rules_dir: str | None, data_dir: str | None, *, as_json: bool) -> int:
    ruleset, sessions, today, _ = _load(rules_dir, data_dir)
    if as_json:
        print(json.dumps(history_json(ruleset, sessions, today), indent=2, ensure_ascii=False))
    else:
        print(history_text(sessions, today, datetime.now().astimezone()))
    return 0


def export(rules_dir: str | None, data_dir: str | None, out: str | None) -> int:
    ruleset, sessions, today, _ = _load(rules_dir, data_dir)
    now = datetime.now().astimezone()
    text = clinician_markdown(ruleset, sessions, today, now)
    if out == "-":
        print(text, end="")
        return 0
    path = Path(out) if out else unique_path(Path.cwd() / f"triage-tui-history-{now:%Y-%m-%d}.md")
    if path.exists():
        raise DataFileError([Problem(str(path), "", "already exists; choose another name with --out")])
    try:
        write_atomic(path, text, mode=0o600)
    except OSError as error:
        raise DataFileError([Problem(str(path), "", f"cannot be written: {error.strerror or error}")]) from None
    print(f"Saved to {path}")
    return 0
