"""Item 4 of issue 11: folders the app makes are private, and nobody else can change a decision
through the rules cache (a file of another user, a loose file or folder, or edited content)."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timezone
from pathlib import Path

import pytest

from support import DATA, RULES_DIR
from triage_tui.cli import main
from triage_tui.core.history.records import SavedScreening
from triage_tui.core.history.store import Store
from triage_tui.core.rules import loader
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.screening.evaluator import decide

pytestmark = pytest.mark.fresh_cache  # tests of the cache and folders: an empty cache each

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX modes and owners")


@pytest.fixture
def umask_000():
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def urgent_answers(tmp_path: Path) -> Path:
    text = (DATA / "answers" / "all_no.toml").read_text()
    path = tmp_path / "urgent.toml"
    path.write_text(text.replace('saddle_numbness = "no"', 'saddle_numbness = "yes"'))
    return path


def outcome(answers: Path, capsys) -> str:
    capsys.readouterr()
    main(["decide", "--rules", str(RULES_DIR), "--answers", str(answers), "--json"])
    return json.loads(capsys.readouterr().out)["outcome"]


def the_cache_file(cache: Path) -> Path:
    load_rules(RULES_DIR)
    (found,) = cache.glob("rules-*.json")
    return found


def make_standard(entry: dict) -> None:
    for rule in entry["files"]["decisions.toml"]["rule"]:
        if rule["outcome"] == "urgent":
            rule["outcome"] = "advisory"  # a note only: the decision comes out `standard`


def forge(path: Path, *, sign: bool) -> None:
    """What another user would write: every urgent rule made standard (with a valid digest if `sign`)."""
    entry = json.loads(path.read_bytes())
    make_standard(entry)
    if sign:
        entry["sha256"] = loader._body_digest(entry["rules_sha256"], entry["files"])
    path.write_text(json.dumps(entry))


def modes_below(root: Path, start: Path) -> list[tuple[Path, int]]:
    """Each level from `start` up to (not including) `root`, and everything inside `start`."""
    found, level = [], start
    while level != root:
        found.append((level, stat.S_IMODE(level.stat().st_mode)))
        level = level.parent
    found += [(p, stat.S_IMODE(p.lstat().st_mode)) for p in start.rglob("*")]
    return found


@posix_only
def test_created_folders_are_0700_and_files_0600_under_umask_000(isolated_env, monkeypatch, umask_000,
                                                                  ruleset, benign) -> None:
    monkeypatch.delenv("TRIAGE_TUI_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(isolated_env / "new" / "cache-home"))
    data = isolated_env / "deep" / "er" / "data"
    load_rules(RULES_DIR)
    Store(data).save_screening(SavedScreening.from_decision(decide(ruleset, benign), benign,
                                                            datetime.now(timezone.utc)))
    cache = isolated_env / "new" / "cache-home" / "triage-tui"
    assert list(cache.glob("rules-*.json"))
    created = modes_below(isolated_env, cache) + modes_below(isolated_env, data)
    assert any(p.is_file() for p, _ in created)
    for path, mode in created:
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


@posix_only
def test_the_cache_is_used_when_it_is_private_and_intact(isolated_env, tmp_path, capsys) -> None:
    """The control for the tests below: only the checks stand between a forged entry and a decision."""
    cache_file = the_cache_file(isolated_env / "cache")
    forge(cache_file, sign=True)
    assert outcome(urgent_answers(tmp_path), capsys) == "standard"


@posix_only
@pytest.mark.parametrize("loosen", ["file_group_writable", "file_other_writable", "folder_group_writable",
                                    "file_of_another_user", "folder_of_another_user"])
def test_a_cache_someone_else_could_write_is_ignored(isolated_env, tmp_path, capsys, loosen) -> None:
    cache = isolated_env / "cache"
    cache_file = the_cache_file(cache)
    forge(cache_file, sign=True)
    if loosen == "file_group_writable":
        cache_file.chmod(0o620)
    elif loosen == "file_other_writable":
        cache_file.chmod(0o602)
    elif loosen == "folder_group_writable":
        cache.chmod(0o770)
    else:
        if os.getuid() != 0:
            pytest.skip("changing a file's owner needs root")
        os.chown(cache_file if loosen == "file_of_another_user" else cache, 12345, 12345)
    assert outcome(urgent_answers(tmp_path), capsys) == "urgent"


def test_a_tampered_cache_is_ignored(isolated_env, tmp_path, capsys) -> None:
    cache_file = the_cache_file(isolated_env / "cache")
    forge(cache_file, sign=False)
    assert outcome(urgent_answers(tmp_path), capsys) == "urgent"
    assert json.loads(cache_file.read_bytes())["files"]["decisions.toml"]["rule"][0]["outcome"] == "urgent"  # rewritten


def test_a_cache_for_other_rule_files_is_ignored(isolated_env, tmp_path, capsys) -> None:
    cache_file = the_cache_file(isolated_env / "cache")
    entry = json.loads(cache_file.read_bytes())
    make_standard(entry)
    entry["rules_sha256"] = "0" * 64
    entry["sha256"] = loader._body_digest(entry["rules_sha256"], entry["files"])
    cache_file.write_text(json.dumps(entry))
    assert outcome(urgent_answers(tmp_path), capsys) == "urgent"


@posix_only
def test_a_loose_cache_folder_of_ours_is_closed_on_the_next_write(isolated_env, umask_000) -> None:
    cache = isolated_env / "cache"
    cache.mkdir(mode=0o777)
    load_rules(RULES_DIR)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    (cache_file,) = cache.glob("rules-*.json")
    assert stat.S_IMODE(cache_file.stat().st_mode) == 0o600
