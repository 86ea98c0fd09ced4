"""Open the app: load the rules and the history (clear errors, no traceback), then run."""

from __future__ import annotations

import sys
from typing import Literal

from triage_tui.core import paths
from triage_tui.core.clock import implausible, utc_now
from triage_tui.core.errors import RulesError
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.history.store import Store
from triage_tui.core.session.settings import Settings, check_settings
from triage_tui.ui.app import TriageApp


def run_app(rules: str | None = None, data_dir: str | None = None,
            start: Literal["home", "session"] = "home", settings: Settings = Settings(),
            voice: bool | None = None) -> int:
    """`voice`: None says the cues aloud when a speech command is found; False never does."""
    """Run the TUI; return the exit status (2 when the rules cannot be used)."""
    try:
        ruleset = load_rules(paths.rules_dir(rules).path)
    except RulesError as error:
        print("triage-tui cannot start: the rules have problems.", file=sys.stderr)
        for line in error.lines():
            print(line, file=sys.stderr)
        return 2
    wrong = implausible(utc_now())
    if wrong is not None:
        print(wrong, file=sys.stderr)
        return 2
    problems = check_settings(ruleset, settings)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    store = Store(paths.data_dir(data_dir).path)
    app = TriageApp(ruleset, store, start=start, handle_signals=True, settings=settings, voice=voice)
    try:
        app.run()
    finally:
        app.driver.close()
    return app.return_code or 0
