"""Shared fixtures. Every test runs with HOME, XDG folders and app folders in a temp dir."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from support import DATA, RULES_DIR
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.rules.ruleset import RuleSet


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A rules cache folder shared by the tests of one test process, holding the shipped rules
    compiled: each `triage-tui` process a test starts would otherwise validate the rules afresh
    (about 0.3 s each). Entries are keyed by the rule files' bytes and the code, so a test's own
    rule set never meets another's. Tests of the cache itself get an empty folder of their own
    (the `fresh_cache` marker)."""
    folder = tmp_path_factory.mktemp("warm-cache")
    os.chmod(folder, 0o700)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRIAGE_TUI_CACHE_DIR", str(folder))
        load_rules(RULES_DIR)
    return folder


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
                 request: pytest.FixtureRequest, warm_cache: Path) -> Path:
    """Keep the developer's own history, cache and settings out of every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.setenv("TRIAGE_TUI_DATA_DIR", str(home / "data"))
    fresh = request.node.get_closest_marker("fresh_cache") is not None
    monkeypatch.setenv("TRIAGE_TUI_CACHE_DIR", str(home / "cache" if fresh else warm_cache))
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


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: one test process per core, plus one. Many tests wait on a child process, a
    terminal or the browser; the extra process keeps the cores busy meanwhile (118 s instead of
    132 s for the whole suite on 2 cores, 2026-11-26)."""
    return (os.cpu_count() or 1) + 1
