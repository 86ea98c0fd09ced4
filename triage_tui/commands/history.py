"""`triage-tui history` and `triage-tui export`: the saved history, for a person or a clinician."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

from triage_tui.core import paths
from triage_tui.core.atomic import write_new
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
    """Write the clinician's summary to `--out` (never over a file that exists, not even one made a
    moment ago), or to `triage-tui-history-DATE.md` here, or the next free `-2`, `-3`... name."""
    ruleset, sessions, today, _ = _load(rules_dir, data_dir)
    now = datetime.now().astimezone()
    text = clinician_markdown(ruleset, sessions, today, now)
    if out == "-":
        print(text, end="")
        return 0
    path = Path(out) if out else Path.cwd() / f"triage-tui-history-{now:%Y-%m-%d}.md"
    shown = _printable(str(path))
    if not path.parent.is_dir():
        raise DataFileError([Problem(shown, "", f"the folder {_printable(str(path.parent))} does not exist; "
                                     "create it first or choose another --out")])
    try:
        written = write_new(path, text, mode=0o600, next_free=not out)
    except FileExistsError:
        raise DataFileError([Problem(shown, "", "already exists; choose another name with --out")]) from None
    except OSError as error:
        raise DataFileError([Problem(shown, "", f"cannot be written: {error.strerror or error}")]) from None
    print(f"Saved to {_printable(str(written))}")
    return 0


def _printable(text: str) -> str:
    """`text` with control and other unprintable characters escaped as `\\x1b`, `\\n`..."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
