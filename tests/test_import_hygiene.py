"""The core never imports textual or rich; `decide` and `rules check` run without them.

This must run in fresh subprocesses: the test session itself has already imported everything.
"""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys

import pytest

import triage_tui.core
from support import DATA, RULES_DIR

CORE_MODULES = sorted(
    m.name for m in pkgutil.walk_packages(triage_tui.core.__path__, "triage_tui.core.")
)
CHECK = "import sys; bad = [m for m in ('textual', 'rich') if m in sys.modules]; assert not bad, bad"


def run_python(code: str, tmp_path) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "TRIAGE_TUI_CACHE_DIR": os.environ["TRIAGE_TUI_CACHE_DIR"]}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=60)


FRESH_IMPORTS = """
import os, sys
assert not [m for m in sys.modules if m.split(".")[0] in ("triage_tui", "textual", "rich")]
failed = []
for module in MODULES:
    if hasattr(os, "fork"):
        # A forked copy of this interpreter, which has imported nothing of ours: as fresh as a new
        # one, without paying for an interpreter start-up per module.
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                __import__(module)
                exec(CHECK)
                status = 0
            except BaseException:
                import traceback
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        ok = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    else:
        import subprocess
        ok = subprocess.run([sys.executable, "-c", f"import {module}; " + CHECK]).returncode == 0
    if not ok:
        failed.append(module)
assert not failed, failed
"""


@pytest.mark.slow
def test_core_modules_import_no_ui(tmp_path) -> None:
    """Every core module, all in one fresh interpreter: neither Textual nor Rich is imported. (That
    each module also imports on its own follows from `test_import_graph`: no cycles.) When it
    fails, each module is imported in a fresh interpreter of its own, to name the ones at fault."""
    together = "\n".join(f"import {module}" for module in CORE_MODULES) + "\n" + CHECK
    if run_python(together, tmp_path).returncode == 0:
        return
    code = f"MODULES = {CORE_MODULES!r}\nCHECK = {CHECK!r}\n{FRESH_IMPORTS}"
    done = run_python(code, tmp_path)
    assert done.returncode == 0, done.stderr
    raise AssertionError("the core imports Textual or Rich only when all its modules are imported together")


@pytest.mark.slow
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
    assert "triage_tui.core.screening.evaluator" in CORE_MODULES and "triage_tui.core.rules.loader" in CORE_MODULES
