"""`triage-tui where`: the rules, data and cache folders in use, and why."""

from __future__ import annotations

from triage_tui.core import paths
from triage_tui.core.errors import RulesError
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.history.store import Store, files_set_aside


def run(rules_option: str | None, data_option: str | None) -> int:
    rules = paths.rules_dir(rules_option)
    data = paths.data_dir(data_option)
    cache = paths.cache_dir()
    try:
        ruleset = load_rules(rules.path)
        about = f"{ruleset.name} {ruleset.version} ({ruleset.short_hash})"
    except RulesError as error:
        about = f"NOT USABLE: {error.problems[0]}"
    print(f"rules: {rules.path}  [{rules.source}]")
    print(f"       {about}")
    print(f"data:  {data.path}  [{data.source}]")
    store = Store(data.path)
    store.load_screening()
    store.load_sessions()
    store.load_state()
    for notice in store.notices:
        print(f"       note: {notice}")
    for aside in files_set_aside(data.path):
        print(f"       set aside (could not be read): {aside.name}")
    print(f"cache: {cache.path}  [{cache.source}]")
    return 0
