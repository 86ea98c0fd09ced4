"""Paths and small helpers shared by tests (imported by conftest and test modules)."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RULES_DIR = REPO / "rules"
DATA = Path(__file__).resolve().parent / "data"


def copy_rules(target: Path) -> Path:
    """A private copy of the shipped rules to break on purpose."""
    dest = target / "rules"
    shutil.copytree(RULES_DIR, dest)
    return dest


def edit(folder: Path, file: str, old: str, new: str, count: int = 1) -> None:
    """Replace text in one rule file; fail loudly if the text is not there."""
    path = folder / file
    text = path.read_text()
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, count))
