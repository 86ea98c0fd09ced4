"""Hostile files given to the CLI: each is refused with exit 2 and short lines, never a traceback,
never a hang, and no control character from a file reaches the terminal (issue 11, items 2, 3, 8).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from support import DATA, REPO, copy_rules, edit
from triage_tui.cli import main

ALL_NO = DATA / "answers" / "all_no.toml"
HELP = 'help = "Some people first notice this'
DEEP = "x = " + "[" * 5000 + "]" * 5000 + "\n"
LONG_INT = "x = " + "9" * 5000 + "\n"


def answers_text(kind: str) -> str | bytes:
    return {
        "deep": "[answers]\n" + DEEP,
        "deep_inline": "[answers]\nx = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n",
        "long_int": "[answers]\n" + LONG_INT,
        "huge_key": '[answers]\n"' + "k" * 10_000_000 + '" = "no"\n',
        "huge_value": '[answers]\nsaddle_numbness = "' + "\x1b[31m" + "v" * 900_000 + '"\n',
        "escape_key": '[answers]\n"\x1b]0;pwned\x07" = "no"\n',
        "escape_value": '[answers]\nsaddle_numbness = "\x1b[2J\x9b"\n',
    }[kind]


def run(capsys, args: list[str]) -> tuple[int, str, str]:
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_refused(status: int, err: str, name: str, longest: int = 400) -> None:
    assert status == 2
    assert "Traceback" not in err and err.strip()
    assert "\x1b" not in err and "\x9b" not in err and "\x07" not in err
    for line in err.splitlines():
        assert len(line) <= longest, line[:200]
    assert name in err


@pytest.mark.parametrize("kind", ["deep", "deep_inline", "long_int", "huge_key", "huge_value",
                                  "escape_key", "escape_value"])
def test_hostile_answers_files_give_exit_2_and_short_lines(tmp_path, capsys, kind) -> None:
    path = tmp_path / f"{kind}.toml"
    path.write_text(answers_text(kind), encoding="utf-8")
    status, out, err = run(capsys, ["decide", "--answers", str(path)])
    assert_refused(status, err, path.name)
    assert out == ""


def test_a_ten_megabyte_value_is_not_echoed(tmp_path, capsys) -> None:
    path = tmp_path / "answers.toml"
    path.write_text('[answers]\nsaddle_numbness = "' + "v" * 800_000 + '"\n')
    status, _, err = run(capsys, ["decide", "--answers", str(path)])
    assert status == 2
    assert all(len(line) < 200 + len(str(path)) for line in err.splitlines())
    assert "v" * 100 not in err


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/null", "folder"])
def test_devices_and_folders_are_refused(tmp_path, capsys, special) -> None:
    target = str(tmp_path) if special == "folder" else special
    if not os.path.exists(target):
        pytest.skip(f"{target} does not exist here")
    status, _, err = run(capsys, ["decide", "--answers", target])
    assert_refused(status, err, target)
    assert "could not read" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("where", ["answers", "rules"])
def test_a_fifo_is_refused_without_blocking(tmp_path, where) -> None:
    if where == "answers":
        fifo = tmp_path / "answers.toml"
        os.mkfifo(fifo)
        args = ["decide", "--answers", str(fifo)]
    else:
        rules = copy_rules(tmp_path)
        fifo = rules / "stop_cues.toml"
        fifo.unlink()
        os.mkfifo(fifo)
        args = ["rules", "check", str(rules)]
    env = dict(os.environ)  # the shared warm rules cache (conftest)
    result = subprocess.run([sys.executable, "-m", "triage_tui", *args], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=10)
    assert_refused(result.returncode, result.stderr, fifo.name)
    assert "not a regular file" in result.stderr


def test_an_oversized_answers_file_is_refused(tmp_path, capsys) -> None:
    path = tmp_path / "answers.toml"
    path.write_text("[answers]\n" + "# padding\n" * 200_000)
    status, _, err = run(capsys, ["decide", "--answers", str(path)])
    assert_refused(status, err, path.name)
    assert "too large" in err


@pytest.mark.parametrize("content", [DEEP, LONG_INT, "x = " + "[" * 5000 + "\n"])
@pytest.mark.parametrize("command", ["check", "decide"])
def test_hostile_rule_files_give_exit_2(tmp_path, capsys, content, command) -> None:
    rules = copy_rules(tmp_path)
    path = rules / "stop_cues.toml"
    path.write_text(path.read_text() + "\n[hostile]\n" + content)
    args = (["rules", "check", str(rules)] if command == "check"
            else ["decide", "--rules", str(rules), "--answers", str(ALL_NO)])
    status, out, err = run(capsys, args)
    assert_refused(status, err, "stop_cues.toml")
    assert out == ""


ESCAPES = ["\\u001b[31m", "\\u001b]0;title\\u0007", "\\u009b2J", "\\u007f", "\\u0000"]


@pytest.mark.parametrize("escape", ESCAPES)
def test_rules_check_rejects_control_characters_in_help_naming_the_key(tmp_path, capsys, escape) -> None:
    rules = copy_rules(tmp_path)
    edit(rules, "questions.toml", HELP, f'help = "{escape}Some people first notice this')
    status, _, err = run(capsys, ["rules", "check", str(rules)])
    assert_refused(status, err, "questions.toml")
    assert ".help" in err and "control character" in err


def test_rules_check_rejects_an_escape_in_the_rule_set_name(tmp_path, capsys) -> None:
    rules = copy_rules(tmp_path)
    edit(rules, "ruleset.toml", 'name = "triage-tui', 'name = "\\u001b[2Jtriage-tui')
    status, _, err = run(capsys, ["rules", "check", str(rules)])
    assert_refused(status, err, "ruleset.name")
    assert "\\x1b" in err


def test_decide_refuses_rules_with_escapes_and_prints_none(tmp_path, capsys) -> None:
    rules = copy_rules(tmp_path)
    edit(rules, "questions.toml", HELP, 'help = "\\u001b]8;;http://x\\u0007Some people first notice this')
    status, out, err = run(capsys, ["decide", "--rules", str(rules), "--answers", str(ALL_NO)])
    assert_refused(status, err, "questions.toml")
    assert "\x1b" not in out


def test_decide_text_output_escapes_control_characters(capsys, monkeypatch) -> None:
    """Even if a rule text got past every check, the text output never carries an ESC byte."""
    from triage_tui.commands import decide as command
    from triage_tui.core.screening import wording

    monkeypatch.setattr(command, "_refuse_control_characters", lambda *args: None)
    monkeypatch.setattr(command, "outcome_message", lambda *args: "go \x1b[31mred\x1b[0m\x9b now")
    assert wording is not None
    status, out, _ = run(capsys, ["decide", "--answers", str(ALL_NO)])
    assert status == 0
    assert "\x1b" not in out and "\x9b" not in out and "\\x1b[31mred" in out


def test_many_unknown_ids_are_reported_quickly_each_on_a_short_line(tmp_path, capsys) -> None:
    path = tmp_path / "answers.toml"
    path.write_text("[answers]\n" + "".join(f'unknown_{i} = "no"\n' for i in range(5_000)))
    status, _, err = run(capsys, ["decide", "--answers", str(path)])
    lines = err.splitlines()
    assert status == 2 and len(lines) == 5_000
    assert lines[-1].startswith(f"{path}:5001: answers.unknown_4999: unknown question id")
