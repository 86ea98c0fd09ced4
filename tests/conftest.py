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
