"""`triage-tui history` and `triage-tui export`: the saved history, for a person or a clinician."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from triage_tui.core import paths
from triage_tui.core.atomic import write_new
from triage_tui.core.clock import utc_now
from triage_tui.core.journey.due import Daily, daily
from triage_tui.core.errors import DataFileError, Problem
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.history.clearance_record import from_state
from triage_tui.core.history.report import LISTED, clinician_markdown, history_json, history_text
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.session.record import SessionRecord
from triage_tui.core.history.store import Store



def _load(rules_dir: str | None, data_dir: str | None, *, everything: bool = True
          ) -> tuple[RuleSet, list[SessionRecord], Daily, Store, int]:
    """The rules, the sessions to show (all, or the last LISTED), where the person stands, and
    how many sessions there are. Where they stand is worked out from every session's outline
    (no exercise details), so it costs little even after decades of daily use."""
    ruleset = load_rules(paths.rules_dir(rules_dir).path)
    store = Store(paths.data_dir(data_dir).path)
    outlines = store.load_outlines()
    shown = [record for record, _ in store.load_sessions(None if everything else LISTED)]
    clearance = from_state(store.load_state())
    today = daily(ruleset, store.load_screening(), outlines, utc_now(), clearance and clearance.recorded_at,
                  cleared_after=clearance and clearance.sessions_before, clearance=clearance)
    for notice in store.notices:
        print(f"note: {_printable(notice)}", file=sys.stderr)
    return ruleset, shown, today, store, len(outlines)


def history(rules_dir: str | None, data_dir: str | None, *, as_json: bool, everything: bool = False) -> int:
    ruleset, sessions, today, _, total = _load(rules_dir, data_dir, everything=as_json or everything)
    if as_json:
        print(json_text(history_json(ruleset, sessions, today)))
    else:
        print(history_text(sessions, today, datetime.now().astimezone(), total=total, ruleset=ruleset))
    return 0


def recover(data_dir: str | None) -> int:
    """`triage-tui history --recover`: bring back what can be read of everything set aside."""
    store = Store(paths.data_dir(data_dir).path)
    lines = store.recover()
    for notice in store.notices:
        if "--recover" not in notice:
            print(f"note: {_printable(notice)}", file=sys.stderr)
    for line in lines:
        print(_printable(line))
    return 0


def export(rules_dir: str | None, data_dir: str | None, out: str | None, fhir: str | None = None) -> int:
    """Write the clinician's summary to `--out` (never over a file that exists, not even one made a
    moment ago), or to `triage-tui-history-DATE.md` here, or the next free `-2`, `-3`... name.

    With `fhir`, FHIR R4 JSON instead (`triage_tui.fhir`): "questionnaire", the rule set as a
    Questionnaire (`triage-tui-questionnaire-DATE.json`), or "response", the latest screening as a
    Bundle of its QuestionnaireResponse and RiskAssessment (`triage-tui-screening-DATE.json`)."""
    now = datetime.now().astimezone()
    if fhir is None:
        ruleset, sessions, today, _, _ = _load(rules_dir, data_dir)
        text = clinician_markdown(ruleset, sessions, today, now)
        default = f"triage-tui-history-{now:%Y-%m-%d}.md"
    else:
        ruleset = load_rules(paths.rules_dir(rules_dir).path)
        if fhir == "questionnaire":
            from triage_tui.fhir.questionnaire import questionnaire, unexpressed

            resource = questionnaire(ruleset)
            notes = [f"FHIR enableWhen cannot express when {qid} is asked ({condition}); the item says so "
                     "in an extension and has no enableWhen" for qid, condition in unexpressed(ruleset)]
            default = f"triage-tui-questionnaire-{now:%Y-%m-%d}.json"
        else:
            from triage_tui.fhir.response import export_notes, response_bundle

            store = Store(paths.data_dir(data_dir).path)
            saved = store.load_screening()
            for notice in store.notices:
                print(f"note: {_printable(notice)}", file=sys.stderr)
            if saved is None:
                print("No screening saved yet: answer the questions first (run triage-tui).", file=sys.stderr)
                return 1
            resource = response_bundle(ruleset, saved, utc_now())
            notes = export_notes(ruleset, saved)
            default = f"triage-tui-screening-{now:%Y-%m-%d}.json"
        for note in notes:
            print(f"note: {_printable(note)}", file=sys.stderr)
        text = json.dumps(resource, indent=2, ensure_ascii=False) + "\n"
    if out == "-":
        print(text, end="")
        return 0
    path = Path(out) if out else Path.cwd() / default
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


def json_text(table: dict[str, Any]) -> str:
    """`table` as indented JSON, but each item of a list on one line.

    Python's JSON encoder is written in C only without indentation; with it, 30,000 sessions
    took 4 s to print. One line per session is as easy to read and to `grep`, and it is the
    same JSON."""
    parts = []
    for key, value in table.items():
        if isinstance(value, list) and value:
            items = ",\n".join(f"    {json.dumps(item, ensure_ascii=False)}" for item in value)
            parts.append(f"  {json.dumps(key)}: [\n{items}\n  ]")
        else:
            parts.append(f"  {json.dumps(key)}: " + json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n  "))
    return "{\n" + ",\n".join(parts) + "\n}"


def _printable(text: str) -> str:
    """`text` with control and other unprintable characters escaped as `\\x1b`, `\\n`..."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
