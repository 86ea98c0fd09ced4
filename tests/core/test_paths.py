"""Where data and cache live: option > environment > platform folder, and XDG values per the spec."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from triage_tui.core import paths

pytestmark = pytest.mark.fresh_cache  # tests of the cache and folders: an empty cache each

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux-only")

DATA_SOURCE = "the platform's user data folder"
CACHE_SOURCE = "the platform's user cache folder"


@pytest.mark.parametrize(
    ("option", "env", "expected"),
    [
        ("flag", "env", ("flag", "--data-dir")),
        ("flag", None, ("flag", "--data-dir")),
        (None, "env", ("env", "TRIAGE_TUI_DATA_DIR")),
        ("", "env", ("env", "TRIAGE_TUI_DATA_DIR")),
        (None, "", (None, DATA_SOURCE)),
        (None, None, (None, DATA_SOURCE)),
    ],
)
def test_data_dir_precedence(tmp_path, monkeypatch, option, env, expected) -> None:
    if env is None:
        monkeypatch.delenv("TRIAGE_TUI_DATA_DIR", raising=False)
    else:
        monkeypatch.setenv("TRIAGE_TUI_DATA_DIR", str(tmp_path / env) if env else "")
    located = paths.data_dir(tmp_path / option if option else option)
    name, source = expected
    assert located.source == source
    if name is not None:
        assert located == paths.Located(tmp_path / name, source)


@pytest.mark.parametrize(
    ("env", "expected_source"),
    [("cache", "TRIAGE_TUI_CACHE_DIR"), ("", CACHE_SOURCE), (None, CACHE_SOURCE)],
)
def test_cache_dir_precedence(tmp_path, monkeypatch, env, expected_source) -> None:
    if env is None:
        monkeypatch.delenv("TRIAGE_TUI_CACHE_DIR", raising=False)
    else:
        monkeypatch.setenv("TRIAGE_TUI_CACHE_DIR", str(tmp_path / env) if env else "")
    located = paths.cache_dir()
    assert located.source == expected_source
    if env:
        assert located.path == tmp_path / env


def _resolve(kind: str) -> Path:
    return paths.cache_dir().path if kind == "cache" else paths.data_dir().path


KINDS = [
    pytest.param("data", "XDG_DATA_HOME", ".local/share", id="data"),
    pytest.param("cache", "XDG_CACHE_HOME", ".cache", id="cache"),
]


@pytest.fixture
def no_app_env(monkeypatch) -> None:
    """Let the platform folder decide (conftest sets both app variables)."""
    monkeypatch.delenv("TRIAGE_TUI_DATA_DIR", raising=False)
    monkeypatch.delenv("TRIAGE_TUI_CACHE_DIR", raising=False)


@linux_only
@pytest.mark.usefixtures("no_app_env")
@pytest.mark.parametrize(("kind", "var", "default"), KINDS)
def test_absolute_xdg_home_is_used(tmp_path, monkeypatch, kind, var, default) -> None:
    monkeypatch.setenv(var, str(tmp_path / "xdg"))
    assert _resolve(kind) == tmp_path / "xdg" / "triage-tui"


@linux_only
@pytest.mark.usefixtures("no_app_env")
@pytest.mark.parametrize(("kind", "var", "default"), KINDS)
@pytest.mark.parametrize(
    "value",
    [None, "", "   ", "\t", "relative", "./relative", "relative/deeper", "~/share", " /abs"],
    ids=["unset", "empty", "spaces", "tab", "bare", "dot", "nested", "tilde", "leading-space"],
)
def test_blank_or_relative_xdg_home_is_ignored(isolated_env, monkeypatch, kind, var, default, value) -> None:
    if value is None:
        monkeypatch.delenv(var, raising=False)
    else:
        monkeypatch.setenv(var, value)
    assert _resolve(kind) == isolated_env / default / "triage-tui"


@pytest.mark.usefixtures("no_app_env")
@pytest.mark.parametrize("xdg", ["absolute", "blank", "relative"])
def test_resolving_creates_no_folder(isolated_env, tmp_path, monkeypatch, xdg) -> None:
    value = {"absolute": str(tmp_path / "xdg"), "blank": " ", "relative": "xdg"}[xdg]
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, value)
    monkeypatch.chdir(tmp_path)
    before = sorted(isolated_env.rglob("*")), sorted(tmp_path.rglob("*"))
    resolved = [
        paths.data_dir().path,
        paths.cache_dir().path,
        paths.data_dir(tmp_path / "flag").path,
    ]
    monkeypatch.setenv("TRIAGE_TUI_DATA_DIR", str(tmp_path / "env-data"))
    monkeypatch.setenv("TRIAGE_TUI_CACHE_DIR", str(tmp_path / "env-cache"))
    resolved += [paths.data_dir().path, paths.cache_dir().path]
    assert (sorted(isolated_env.rglob("*")), sorted(tmp_path.rglob("*"))) == before
    if sys.platform.startswith("linux"):
        assert not any(path.exists() for path in resolved)


def test_an_existing_windows_history_folder_is_kept(tmp_path, monkeypatch) -> None:
    """Before platformdirs the Windows data folder was %LOCALAPPDATA%\\triage-tui\\Data: a history
    already there is still found (nothing lost by the move)."""
    import sys

    from triage_tui.core import paths

    monkeypatch.delenv("TRIAGE_TUI_DATA_DIR", raising=False)
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
    legacy = tmp_path / "triage-tui" / "Data"
    legacy.mkdir(parents=True)
    monkeypatch.setattr(sys, "platform", "win32")
    assert paths.data_dir().path == legacy
