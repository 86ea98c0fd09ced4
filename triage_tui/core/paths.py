"""Where rules, data and cache live. Everything is worked out when called, never at import."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

APP_DIR_NAME = "triage-tui"
RULES_ENV = "TRIAGE_TUI_RULES_DIR"
DATA_ENV = "TRIAGE_TUI_DATA_DIR"
CACHE_ENV = "TRIAGE_TUI_CACHE_DIR"


class Located(NamedTuple):
    """A resolved path and where the choice came from (for `triage-tui where`)."""

    path: Path
    source: str
    """`--option`, the environment variable's name, or a short description of the default."""


def bundled_rules_dir() -> Path:
    """The default rule set: inside the installed package, or `rules/` of a source checkout."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "rules"
    if inside.is_dir():
        return inside
    return package.parent / "rules"


def rules_dir(option: str | os.PathLike[str] | None = None) -> Located:
    """`--rules` > `TRIAGE_TUI_RULES_DIR` > the bundled rule set."""
    if option:
        return Located(Path(option), "--rules")
    env = os.environ.get(RULES_ENV)
    if env:
        return Located(Path(env), RULES_ENV)
    return Located(bundled_rules_dir(), "bundled with the app")


def data_dir(option: str | os.PathLike[str] | None = None) -> Located:
    """`--data-dir` > `TRIAGE_TUI_DATA_DIR` > the platform's user data folder."""
    if option:
        return Located(Path(option), "--data-dir")
    env = os.environ.get(DATA_ENV)
    if env:
        return Located(Path(env), DATA_ENV)
    return Located(_platform_dir("data"), "the platform's user data folder")


def cache_dir() -> Located:
    """`TRIAGE_TUI_CACHE_DIR` > the platform's user cache folder."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Located(Path(env), CACHE_ENV)
    return Located(_platform_dir("cache"), "the platform's user cache folder")


def _platform_dir(kind: str) -> Path:
    """The per-user `kind` ("data" or "cache") folder, from platformdirs (no folder is created).

    The XDG spec says a relative or blank `$XDG_DATA_HOME` / `$XDG_CACHE_HOME` must be ignored;
    older platformdirs releases only skip blank ones, so where platformdirs follows XDG with Unix
    defaults (Linux, the BSDs) such a value (even " /abs", which is not absolute) gives the default.
    """
    import platformdirs
    import platformdirs.unix

    var, default = ("XDG_CACHE_HOME", ".cache") if kind == "cache" else ("XDG_DATA_HOME", ".local/share")
    value = os.environ.get(var)
    unix = issubclass(platformdirs.PlatformDirs, platformdirs.unix.Unix)
    if unix and value is not None and not os.path.isabs(value):
        return Path.home() / default / APP_DIR_NAME
    if kind == "data" and sys.platform == "win32":
        # Versions before platformdirs kept history in ...\triage-tui\Data: keep using it if it is there.
        local = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        legacy = Path(local) / APP_DIR_NAME / "Data"
        if legacy.is_dir():
            return legacy
    find = platformdirs.user_cache_path if kind == "cache" else platformdirs.user_data_path
    return find(APP_DIR_NAME, appauthor=False)
