"""The man page, in roff, generated from the argparse parser (`triage-tui manpage`).

    triage-tui manpage > ~/.local/share/man/man1/triage-tui.1
"""

from __future__ import annotations

from triage_tui import __version__
from triage_tui.parser_walk import Command, Option, every_command

ENVIRONMENT = [
    ("TRIAGE_TUI_RULES_DIR", "Rule-set folder to use instead of the bundled rules (like --rules)."),
    ("TRIAGE_TUI_DATA_DIR", "Where the history is kept (like --data-dir)."),
    ("TRIAGE_TUI_CACHE_DIR", "Where checked rules are cached."),
    ("TRIAGE_TUI_PLAIN", "Set to 1 for plain mode (like --plain)."),
    ("NO_COLOR", "When set, no colour at all, even with --color."),
]
EXIT_STATUS = [
    ("0", "Done; a decision was made (whatever it was)."),
    ("2", "Bad input: options, answers file or rule files; one line per problem on stderr."),
    ("3", "Nothing decided: decide found answers missing, or in plain mode the input ended before "
          "a decision (nothing was saved as one)."),
    ("130", "Interrupted with Ctrl+C (a running session is saved as interrupted)."),
]


def _escape(text: str) -> str:
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(("\\&" + line) if line.startswith((".", "'")) else line for line in text.split("\n"))


def _option(option: Option) -> list[str]:
    flags = ", ".join(f"\\fB{_escape(flag)}\\fR" for flag in option.flags) or f"\\fI{_escape(option.value or '')}\\fR"
    value = f" \\fI{_escape(option.value)}\\fR" if option.value and option.flags else ""
    return [".TP", f"{flags}{value}", _escape(option.help)]


def manpage(root: Command, date: str = "2026-11-26") -> str:
    lines = [f'.TH TRIAGE\\-TUI 1 "{date}" "triage-tui {__version__}" "User Commands"',
             ".SH NAME", "triage\\-tui \\- check for warning signs, then do the 90/90 hip stretch safely",
             ".SH SYNOPSIS", "\\fBtriage\\-tui\\fR [\\fIOPTIONS\\fR] [\\fICOMMAND\\fR] [\\fIOPTIONS\\fR]",
             ".SH DESCRIPTION", _escape(root.help),
             "With no command it opens the app: the full\\-screen app in a terminal, plain lines of text "
             "otherwise (see \\fB\\-\\-plain\\fR).",
             ".SH OPTIONS"]
    for option in root.options:
        lines += _option(option)
    lines.append(".SH COMMANDS")
    for command in every_command(root)[1:]:
        if command.commands:
            continue  # a group (e.g. rules): its commands are listed one by one
        lines += [".SS " + _escape(" ".join(command.path)), _escape(command.help)]
        own = [o for o in command.options if o.flags not in (("-h", "--help"), ("--rules",), ("--data-dir",))]
        for option in [*command.positionals, *own]:
            lines += _option(option)
    lines.append(".SH ENVIRONMENT")
    for name, text in ENVIRONMENT:
        lines += [".TP", f"\\fB{name}\\fR", _escape(text)]
    lines.append(".SH EXIT STATUS")
    for code, text in EXIT_STATUS:
        lines += [".TP", code, _escape(text)]
    lines += [".SH NOTES", "Not medical advice. In an emergency, call your local emergency number.", ""]
    return "\n".join(lines)
