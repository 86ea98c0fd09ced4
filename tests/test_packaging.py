"""The default rules ship inside the package; the README's quick start and CI agree."""

from __future__ import annotations

import json
import re
from importlib import metadata

import pytest

from support import REPO, RULES_DIR
from triage_tui.core import paths
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.rules.ruleset import RULE_FILES


def _editable() -> bool:
    dist = metadata.distribution("triage-tui")
    direct = dist.read_text("direct_url.json")
    return bool(direct and json.loads(direct).get("dir_info", {}).get("editable"))


@pytest.mark.skipif(_editable(), reason="an editable install reads rules/ from the checkout")
def test_installed_package_contains_the_rules() -> None:
    shipped = {str(f) for f in metadata.files("triage-tui") or ()}
    for name in RULE_FILES:
        assert f"triage_tui/rules/{name}" in shipped
    bundled = paths.bundled_rules_dir()
    assert bundled.parent.name == "triage_tui"
    assert load_rules(bundled).hash == load_rules(RULES_DIR).hash


def test_bundled_rules_are_found_without_configuration() -> None:
    located = paths.rules_dir()
    assert located.source == "bundled with the app"
    assert load_rules(located.path).name


def test_ci_runs_the_readme_test_command_exactly() -> None:
    readme = (REPO / "README.md").read_text()
    commands = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", readme.split("## Quick start")[1], re.S)[0]
    lines = [line for line in commands.splitlines() if line.strip() and not line.startswith("#")]
    assert len(lines) == 2, lines
    ci = (REPO / ".ci" / "run").read_text()
    assert lines[1] in ci.splitlines()
