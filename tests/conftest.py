"""Shared fixtures. Every test runs with HOME, XDG folders and app folders in a temp dir."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from support import DATA, RULES_DIR
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.rules.ruleset import RuleSet


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the developer's own history, cache and settings out of every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.setenv("TRIAGE_TUI_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("TRIAGE_TUI_CACHE_DIR", str(home / "cache"))
    monkeypatch.delenv("TRIAGE_TUI_RULES_DIR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    """The repository's default rule set, loaded once (no cache)."""
    return load_rules(RULES_DIR, use_cache=False)


@pytest.fixture(scope="session")
def benign() -> dict:
    """A complete set of answers that gives `standard` (tests/data/answers/all_no.toml)."""
    data = tomllib.loads((DATA / "answers" / "all_no.toml").read_text())
    return {k: tuple(v) if isinstance(v, list) else v for k, v in data["answers"].items()}


LONGEST_FIRST = ("tests/ui/test_fit.py", "tests/web/", "tests/core/test_store.py", "tests/ui/test_signals.py",
                 "tests/core/test_fuzz.py", "tests/core/test_safety_properties.py", "tests/test_import_hygiene.py")
"""Files whose tests take seconds each. Started first, the test processes share them out and
the quick tests fill the gaps, instead of one process running a long test alone at the end."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        path = item.nodeid.replace("\\", "/")
        return next((i for i, prefix in enumerate(LONGEST_FIRST) if path.startswith(prefix)), len(LONGEST_FIRST))

    items.sort(key=rank)  # stable: the order within a file is kept
