"""Item 9 of issue 11: `export` never replaces a file, not even one made during the export, never
creates folders, and shows paths with control characters escaped."""

from __future__ import annotations

import errno
import os
import tempfile
import threading
from datetime import datetime
from pathlib import Path

import pytest

from triage_tui.cli import main
from triage_tui.core import atomic
from triage_tui.core.atomic import unique_path, write_new

THEIRS = "someone else's file\n"


def export(tmp_path: Path, *out: str) -> int:
    return main(["--data-dir", str(tmp_path / "data"), "export", *(("--out", *out) if out else ())])


def default_name() -> str:
    return f"triage-tui-history-{datetime.now().astimezone():%Y-%m-%d}.md"


@pytest.fixture
def appears_during_write(monkeypatch):
    """Make each `target` appear after every check, just as the export's file is written."""
    targets: list[Path] = []
    real = tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        made = real(*args, **kwargs)
        for target in targets:
            if not target.exists():
                target.write_text(THEIRS)
        return made

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)  # atomic imports tempfile when it writes
    return targets


def test_an_existing_out_file_is_never_replaced(tmp_path, capsys) -> None:
    target = tmp_path / "for-gp.md"
    target.write_text(THEIRS)
    for _ in range(60):
        assert export(tmp_path, str(target)) == 2
        assert "already exists" in capsys.readouterr().err
    assert target.read_text() == THEIRS
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["for-gp.md"]  # no temp files left


def test_a_file_made_during_the_export_is_never_replaced(tmp_path, capsys, appears_during_write) -> None:
    target = tmp_path / "for-gp.md"
    for _ in range(60):
        target.unlink(missing_ok=True)
        appears_during_write[:] = [target]
        assert export(tmp_path, str(target)) == 2
        assert "already exists" in capsys.readouterr().err
        assert target.read_text() == THEIRS


def test_a_racing_writer_either_wins_whole_or_loses(tmp_path, capsys) -> None:
    target = tmp_path / "for-gp.md"
    for attempt in range(60):
        target.unlink(missing_ok=True)
        won: list[bool] = []

        def other() -> None:
            try:
                with open(target, "x") as handle:
                    handle.write(THEIRS)
                won.append(True)
            except FileExistsError:
                won.append(False)

        thread = threading.Timer(0.0002 * (attempt % 10), other)
        thread.start()
        status = export(tmp_path, str(target))
        thread.join()
        capsys.readouterr()
        assert won[0] != (status == 0), (attempt, won, status)
        text = target.read_text()
        assert (text == THEIRS) == won[0]


def test_the_default_name_moves_on_to_the_next_free_one(tmp_path, capsys, monkeypatch,
                                                         appears_during_write) -> None:
    monkeypatch.chdir(tmp_path)
    first = tmp_path / default_name()
    first.write_text(THEIRS)
    second = first.with_name(first.stem + "-2.md")
    appears_during_write[:] = [second]  # taken while the export is being written
    assert export(tmp_path) == 0
    third = first.with_name(first.stem + "-3.md")
    assert capsys.readouterr().out == f"Saved to {third}\n"
    assert first.read_text() == THEIRS and second.read_text() == THEIRS
    assert third.read_text().startswith("# ") and third.stat().st_mode & 0o777 == 0o600


def test_missing_folders_are_not_created(tmp_path, capsys) -> None:
    target = tmp_path / "no" / "such" / "folder" / "x.md"
    assert export(tmp_path, str(target)) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and err.count("\n") == 1
    assert not (tmp_path / "no").exists()


def test_control_characters_in_paths_are_escaped(tmp_path, capsys) -> None:
    target = tmp_path / "evil\x1b[2Jname\n.md"
    assert export(tmp_path, str(target)) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and out.count("\n") == 1
    assert "evil\\x1b[2Jname\\n.md" in out
    assert target.exists()
    assert export(tmp_path, str(target)) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "evil\\x1b[2Jname\\n.md" in err and "already exists" in err
    assert export(tmp_path, str(tmp_path / "gone\x07" / "x.md")) == 2
    err = capsys.readouterr().err
    assert "\x07" not in err and "gone\\x07" in err


def test_write_new_without_hard_links_still_never_replaces(tmp_path, monkeypatch) -> None:
    def no_links(*_args, **_kwargs):
        raise OSError(errno.EPERM, "hard links not supported")

    monkeypatch.setattr(atomic.os, "link", no_links)
    target = tmp_path / "a.md"
    target.write_text(THEIRS)
    with pytest.raises(FileExistsError):
        write_new(target, "mine")
    assert target.read_text() == THEIRS
    written = write_new(target, "mine", next_free=True)
    assert written == tmp_path / "a-2.md" and written.read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-2.md", "a.md"]


@pytest.mark.skipif(os.name != "posix", reason="symbolic links need privileges on Windows")
def test_unique_path_suggests_a_free_name_and_sees_dangling_links(tmp_path) -> None:
    target = tmp_path / "a.md"
    assert unique_path(target) == target
    os.symlink(tmp_path / "nowhere", target)
    assert unique_path(target) == tmp_path / "a-2.md"
    with pytest.raises(FileExistsError):
        write_new(target, "mine")  # never through a link
    assert not (tmp_path / "nowhere").exists()
