"""The command line as data, read from the argparse parser: commands, their options and help.

Shell completion (`completion.py`) and the man page (`manpage.py`) are both made from it, so
neither can drift from what `triage-tui --help` says.
"""

from __future__ import annotations

import argparse
from typing import NamedTuple


class Option(NamedTuple):
    flags: tuple[str, ...]
    help: str
    value: str | None
    """The value's name (DIR, FILE, SECONDS, ...), or None for a flag without a value."""
    choices: tuple[str, ...] = ()


class Command(NamedTuple):
    path: tuple[str, ...]
    """("rules", "check") for `triage-tui rules check`; () for the program itself."""
    help: str
    options: tuple[Option, ...]
    positionals: tuple[Option, ...]
    commands: tuple[Command, ...]


def walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = (), help_text: str = "") -> Command:
    """The parser and every sub-command under it, in the order they were added."""
    options, positionals, commands = [], [], []
    for action in parser._actions:  # argparse has no public list of a parser's actions
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, sub in action.choices.items():
                commands.append(walk(sub, (*path, name), helps.get(name, "")))
            continue
        if action.help == argparse.SUPPRESS:
            continue
        takes_value = action.nargs != 0
        value = (action.metavar or action.dest.upper()) if takes_value else None
        choices = tuple(str(c) for c in action.choices) if action.choices else ()
        entry = Option(tuple(action.option_strings), action.help or "", value, choices)
        (options if action.option_strings else positionals).append(entry)
    return Command(path, help_text or parser.description or "", tuple(options), tuple(positionals), tuple(commands))


def every_command(root: Command) -> list[Command]:
    """The root and all commands under it, depth first."""
    found = [root]
    for command in root.commands:
        found += every_command(command)
    return found
