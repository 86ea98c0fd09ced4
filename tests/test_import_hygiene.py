"""The core never imports textual or rich; `decide` and `rules check` run without them.

This must run in fresh subprocesses: the test session itself has already imported everything.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import triage_tui.core
from support import DATA, RULES_DIR

CORE_MODULES = sorted(
    f"triage_tui.core.{m.name}" for m in pkgutil.iter_modules(triage_tui.core.__path__)
)
CHECK = "import sys; bad = [m for m in ('textual', 'rich') if m in sys.modules]; assert not bad, bad"


def run_python(code: str, tmp_path) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "TRIAGE_TUI_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=60)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_no_ui(module: str, tmp_path) -> None:
    done = run_python(f"import {module}; {CHECK}", tmp_path)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["decide", "--answers", str(DATA / "answers" / "all_no.toml"), "--json"],
        ["rules", "check", str(RULES_DIR)],
        ["rules", "schema"],
        ["where"],
        ["history", "--json"],
        ["export", "--out", "-"],
    ],
    ids=lambda a: a[0] if a[0] != "rules" else f"rules {a[1]}",
)
def test_commands_run_without_textual(argv: list[str], tmp_path) -> None:
    code = (
        "import io, contextlib; from triage_tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    status = main({argv!r})\n"
        f"assert status == 0, status\n{CHECK}"
    )
    done = run_python(code, tmp_path)
    assert done.returncode == 0, done.stderr


def test_core_lists_every_module() -> None:
    assert "triage_tui.core.evaluator" in CORE_MODULES and "triage_tui.core.loader" in CORE_MODULES
