"""Command line: `triage-tui [COMMAND]`. With no command it opens the app.

Only the command that opens the app imports the UI (and Textual); `decide`, `rules` and `where`
stay light and fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from triage_tui import __version__
from triage_tui.core.errors import InputError

if TYPE_CHECKING:
    import argparse

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    import argparse  # deferred with the parser: plain `triage-tui` never needs it

    parser = argparse.ArgumentParser(
        prog="triage-tui",
        description="Check for warning signs, then do the 90/90 hip stretch safely. "
        "Not medical advice: in an emergency, call your local emergency number.",
    )
    parser.add_argument("--version", action="version", version=f"triage-tui {__version__}")
    parser.add_argument("--rules", metavar="DIR", help="rule-set folder (default: the bundled rules)")
    parser.add_argument("--data-dir", metavar="DIR", help="where your history is kept")
    parser.set_defaults(handler=_open_app)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    decide = commands.add_parser("decide", help="decide from an answers file")
    decide.add_argument("--answers", required=True, metavar="FILE", help="TOML file with an [answers] table")
    decide.add_argument("--rules", metavar="DIR", default=argparse.SUPPRESS, help="rule-set folder")
    decide.add_argument("--json", action="store_true", help="print one JSON object")
    decide.set_defaults(handler=_decide)

    rules = commands.add_parser("rules", help="check the rules or print their JSON Schema")
    rules_commands = rules.add_subparsers(title="rules commands", metavar="COMMAND", required=True)
    check = rules_commands.add_parser("check", help="validate and lint a rule-set folder")
    check.add_argument("dir", nargs="?", metavar="DIR", help="rule-set folder (default: the rules in use)")
    check.set_defaults(handler=_rules_check)
    schema = rules_commands.add_parser("schema", help="print the JSON Schema of the rule files")
    schema.add_argument("--file", metavar="NAME", help="only this file's schema (e.g. questions.toml)")
    schema.set_defaults(handler=_rules_schema)

    session = commands.add_parser("session", help="the daily check, then straight into the session")
    session.set_defaults(handler=_session)

    history = commands.add_parser("history", help="print your saved sessions and pain trend")
    history.add_argument("--json", action="store_true", help="print one JSON object")
    history.set_defaults(handler=_history)

    export = commands.add_parser("export", help="write a Markdown summary to bring to a clinician")
    export.add_argument("--out", metavar="FILE", help="where to write it ('-' for the screen); "
                        "default: triage-tui-history-DATE.md here")
    export.set_defaults(handler=_export)

    where = commands.add_parser("where", help="show which rules and data folder are in use")
    where.set_defaults(handler=_where)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:
        # Plain `triage-tui` opens the app; not building the parser saves ~8 ms of start-up.
        return _run(_open_app, SimpleNamespace(rules=None, data_dir=None))
    args = build_parser().parse_args(argv)
    return _run(args.handler, args)


def _run(handler: Callable[[Any], int], args: Any) -> int:
    """Run one command, turning bad input into exit status 2 and one line per problem."""
    try:
        return int(handler(args))
    except InputError as error:
        for line in error.lines():
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); silence the flush at exit too.
        sys.stdout = None  # type: ignore[assignment]
        return EXIT_OK


def _decide(args: argparse.Namespace) -> int:
    from triage_tui.commands.decide import run

    return run(args.answers, args.rules, as_json=args.json)


def _rules_check(args: argparse.Namespace) -> int:
    from triage_tui.commands.rules import check

    return check(args.dir or args.rules)


def _rules_schema(args: argparse.Namespace) -> int:
    from triage_tui.commands.rules import schema

    return schema(args.file)


def _history(args: argparse.Namespace) -> int:
    from triage_tui.commands.history import history

    return history(args.rules, args.data_dir, as_json=args.json)


def _export(args: argparse.Namespace) -> int:
    from triage_tui.commands.history import export

    return export(args.rules, args.data_dir, args.out)


def _session(args: argparse.Namespace) -> int:
    from triage_tui.ui.launch import run_app  # deferred: only the app needs Textual

    return run_app(rules=args.rules, data_dir=args.data_dir, start="session")


def _where(args: argparse.Namespace) -> int:
    from triage_tui.commands.where import run

    return run(args.rules, args.data_dir)


def _open_app(args: argparse.Namespace) -> int:
    # Deferred: Textual is the heaviest import by far and only this command needs it.
    from triage_tui.ui.launch import run_app

    return run_app(rules=args.rules, data_dir=args.data_dir)
