"""Shell completion and the man page, both generated from the argparse parser."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from triage_tui.cli import build_parser, main
from triage_tui.completion import SHELLS, script
from triage_tui.manpage import manpage
from triage_tui.parser_walk import every_command, walk

ROOT = walk(build_parser())
COMMANDS = [" ".join(c.path) for c in every_command(ROOT) if c.path]


def complete_bash(line: str) -> list[str]:
    """What bash offers for `line` (the cursor at its end), with the generated script loaded."""
    words = line.split(" ")
    program = script("bash", ROOT) + "\n" + "\n".join([
        "COMP_WORDS=(" + " ".join(f"'{w}'" for w in words) + ")",
        f"COMP_CWORD={len(words) - 1}",
        "_triage_tui",
        'printf "%s\\n" "${COMPREPLY[@]}"',
    ])
    done = subprocess.run(["bash", "-c", program], capture_output=True, text=True, timeout=20)
    assert done.stderr == ""
    return sorted(filter(None, done.stdout.splitlines()))


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize(("line", "expected"), [
    ("triage-tui ru", {"rules"}),
    ("triage-tui rules ", {"check", "schema"}),
    ("triage-tui --data-dir /nowhere hi", {"history"}),
    ("triage-tui history --", {"--data-dir", "--help", "--json", "--rules"}),
    ("triage-tui session --p", {"--plain", "--prep"}),
    ("triage-tui completion ", {"bash", "fish", "zsh"}),
    ("triage-tui --hold ", set()),
])
def test_bash_completes_commands_options_and_values(line, expected):
    offered = set(complete_bash(line))
    assert expected <= offered
    assert not expected or all(o.startswith("-") == line.split(" ")[-1].startswith("-") for o in offered)
    if not expected:
        assert offered == set()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_offers_folders_for_dir_options(tmp_path):
    (tmp_path / "rules-a").mkdir()
    (tmp_path / "file.txt").write_text("x")
    assert complete_bash(f"triage-tui --rules {tmp_path}/") == [f"{tmp_path}/rules-a"]


@pytest.mark.parametrize("shell", SHELLS)
def test_every_shell_knows_every_command(shell, capsys):
    assert main(["completion", shell]) == 0
    text = capsys.readouterr().out
    for command in COMMANDS:
        assert command.split()[-1] in text
    assert "data-dir" in text and "plain" in text


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_parse(shell, tmp_path):
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    path = tmp_path / f"c.{shell}"
    path.write_text(script(shell, ROOT))
    check = [shell, "-n", str(path)] if shell == "zsh" else [shell, "--no-execute", str(path)]
    assert subprocess.run(check, capture_output=True, timeout=20).returncode == 0


def test_unknown_shell_is_exit_2(capsys):
    with pytest.raises(SystemExit) as leaving:
        main(["completion", "powershell"])
    assert leaving.value.code == 2


def test_the_man_page_lists_every_command_and_renders_without_warnings(capsys):
    assert main(["manpage"]) == 0
    roff = capsys.readouterr().out
    for command in COMMANDS:
        if command != "rules":
            assert f".SS {command}" in roff.replace("\\-", "-")
    assert "TRIAGE_TUI_PLAIN" in roff and ".SH EXIT STATUS" in roff
    if shutil.which("groff") is None:
        pytest.skip("groff is not installed")
    done = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z"], input=roff, capture_output=True, text=True,
                          timeout=20)
    assert done.returncode == 0 and done.stderr == ""
    assert manpage(ROOT) == roff
