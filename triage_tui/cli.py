"""Command line: `triage-tui [COMMAND]`. With no command it opens the app.

Only the command that opens the app imports the UI (and Textual); `decide`, `rules` and `where`
stay light and fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Literal

from triage_tui import __version__
from triage_tui.core.errors import InputError

if TYPE_CHECKING:
    import argparse

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    import argparse  # deferred with the parser: plain `triage-tui` never needs it

    from triage_tui.commands.help_format import parser_class

    parser = parser_class(argparse)(
        prog="triage-tui",
        description="Check for warning signs, then do the 90/90 hip stretch safely. "
        "Not medical advice: in an emergency, call your local emergency number.",
    )
    parser.add_argument("--version", action="version", version=f"triage-tui {__version__}")
    _global_options(parser, argparse)
    _face_options(parser, argparse)
    parser.set_defaults(handler=_open_app)
    commands = _Commands(parser.add_subparsers(title="commands", metavar="COMMAND"), argparse)

    decide = commands.add_parser("decide", help="decide from an answers file")
    decide.add_argument("--answers", required=True, metavar="FILE", help="TOML file with an [answers] table")
    decide.add_argument("--json", action="store_true", help="print one JSON object")
    decide.set_defaults(handler=_decide)

    rules = commands.add_parser("rules", help="check, test or diff the rules, or print their JSON Schema")
    rules_commands = rules.add_subparsers(title="rules commands", metavar="COMMAND", required=True)
    check = rules_commands.add_parser("check", help="validate and lint a rule-set folder")
    check.add_argument("dir", nargs="?", metavar="DIR", help="rule-set folder (default: the rules in use)")
    check.set_defaults(handler=_rules_check)
    schema = rules_commands.add_parser("schema", help="print the JSON Schema of the rule files")
    schema.add_argument("--file", metavar="NAME", help="only this file's schema (e.g. questions.toml)")
    schema.set_defaults(handler=_rules_schema)
    test = rules_commands.add_parser("test", help="run the rule set's cases (DIR/cases/*.toml) against its rules")
    test.add_argument("dir", nargs="?", metavar="DIR", help="rule-set folder (default: the rules in use)")
    test.set_defaults(handler=_rules_test)
    diff = rules_commands.add_parser("diff", help="list what changed between two rule sets, with a witness per changed decision")
    diff.add_argument("old", metavar="OLD_DIR", help="the rule-set folder before the change")
    diff.add_argument("new", metavar="NEW_DIR", help="the rule-set folder after the change")
    diff.add_argument("--json", action="store_true", help="print one JSON object")
    diff.set_defaults(handler=_rules_diff)

    session = commands.add_parser("session", help="the daily check, then straight into the session")
    _face_options(session, argparse, suppress=True)
    session.set_defaults(handler=_session)

    history = commands.add_parser("history", help="print your saved sessions and pain trend")
    history.add_argument("--json", action="store_true", help="print one JSON object")
    history.add_argument("--all", action="store_true", help="list every session, not only the latest")
    history.add_argument("--recover", action="store_true",
                         help="bring back what can be read from history that was set aside")
    history.set_defaults(handler=_history)

    export = commands.add_parser("export", help="write a Markdown summary to bring to a clinician")
    export.add_argument("--out", metavar="FILE", help="where to write it ('-' for the screen); "
                        "default: triage-tui-history-DATE.md here")
    export.add_argument("--fhir", choices=("questionnaire", "response"),
                        help="FHIR R4 JSON instead: the rules as a Questionnaire, or the latest screening "
                        "as a Bundle (QuestionnaireResponse and RiskAssessment)")
    export.set_defaults(handler=_export)

    where = commands.add_parser("where", help="show which rules and data folder are in use")
    where.set_defaults(handler=_where)

    serve = commands.add_parser("serve", help="the app in a web browser, one app per tab (needs triage-tui[web])")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this machine only; the page has no login)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.set_defaults(handler=_serve)

    completion = commands.add_parser("completion", help="print shell completion for bash, zsh or fish")
    completion.add_argument("shell", choices=("bash", "zsh", "fish"), metavar="SHELL", help="bash, zsh or fish")
    completion.set_defaults(handler=_completion)
    manpage = commands.add_parser("manpage", help="print the man page (roff)")
    manpage.set_defaults(handler=_manpage)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:
        # Plain `triage-tui` opens the app; not building the parser saves ~8 ms of start-up.
        return _run(_open_app, SimpleNamespace(**FACE_DEFAULTS, rules=None, data_dir=None))
    args = build_parser().parse_args(argv)
    return _run(args.handler, args)


FACE_DEFAULTS = {"plain": False, "tui": False, "color": False, "hold": None, "prep": None, "rounds": None,
                 "voice": None}
PLAIN_ENV = "TRIAGE_TUI_PLAIN"


def _global_options(parser: argparse.ArgumentParser, argparse: Any, suppress: bool = False) -> None:
    """Options every command takes, before or after its name."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--rules", metavar="DIR", default=default, help="rule-set folder (default: the bundled rules)")
    parser.add_argument("--data-dir", metavar="DIR", default=default, help="where your history is kept")


def _face_options(parser: argparse.ArgumentParser, argparse: Any, suppress: bool = False) -> None:
    """Options of the commands that open a face (the app, `session`), before or after the name."""
    group = parser.add_argument_group("how it is shown, and the session's settings")
    flag = {"default": argparse.SUPPRESS} if suppress else {}
    group.add_argument("--plain", action="store_true", **flag,
                       help="plain lines of text, for screen readers and pipes (also TRIAGE_TUI_PLAIN=1; "
                            "chosen by itself when there is no terminal)")
    group.add_argument("--tui", action="store_true", **flag, help="the full-screen app, even without a terminal")
    group.add_argument("--color", action="store_true", **flag, help="plain mode: a little colour (not with NO_COLOR)")
    group.add_argument("--voice", action=argparse.BooleanOptionalAction, **flag,
                       help="say the session's cues aloud (espeak-ng, spd-say or say); "
                            "off by default in plain mode, where a screen reader may be talking")
    number = {"type": int, "default": argparse.SUPPRESS} if suppress else {"type": int}
    group.add_argument("--hold", metavar="SECONDS", **number, help="hold each side this long (plain mode then starts without asking)")
    group.add_argument("--prep", metavar="SECONDS", **number, help="get-ready countdown (likewise)")
    group.add_argument("--rounds", metavar="N", **number, help="rounds per side (likewise)")


class _Commands:
    """Sub-parsers that also take the global options after the command's name."""

    def __init__(self, actions: Any, argparse: Any) -> None:
        self.actions = actions
        self.argparse = argparse

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        parser = self.actions.add_parser(name, **kwargs)
        _global_options(parser, self.argparse, suppress=True)
        return parser


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


def _rules_test(args: argparse.Namespace) -> int:
    from triage_tui.commands.rules_test import run

    return run(args.dir or args.rules)


def _rules_diff(args: argparse.Namespace) -> int:
    from triage_tui.commands.rules_diff import run

    return run(args.old, args.new, as_json=args.json)


def _history(args: argparse.Namespace) -> int:
    from triage_tui.commands.history import history, recover

    if args.recover:
        return recover(args.data_dir)
    return history(args.rules, args.data_dir, as_json=args.json, everything=args.all)


def _export(args: argparse.Namespace) -> int:
    from triage_tui.commands.history import export

    return export(args.rules, args.data_dir, args.out, args.fhir)


def _session(args: argparse.Namespace) -> int:
    return _open_face(args, "session")


def _where(args: argparse.Namespace) -> int:
    from triage_tui.commands.where import run

    return run(args.rules, args.data_dir)


def _serve(args: argparse.Namespace) -> int:
    from triage_tui.web.serve import run

    return run(args.host, args.port, args.rules, args.data_dir)


def _completion(args: argparse.Namespace) -> int:
    from triage_tui.completion import script
    from triage_tui.parser_walk import walk

    sys.stdout.write(script(args.shell, walk(build_parser())))
    return EXIT_OK


def _manpage(args: argparse.Namespace) -> int:
    from triage_tui.manpage import manpage
    from triage_tui.parser_walk import walk

    sys.stdout.write(manpage(walk(build_parser())))
    return EXIT_OK


def _open_app(args: argparse.Namespace) -> int:
    return _open_face(args, "home")


def _open_face(args: Any, start: Literal["home", "session"]) -> int:
    """Plain mode or the full-screen app, as asked or as the terminal allows."""
    import os

    from triage_tui.core.session.settings import Settings

    settings = Settings(args.hold, args.prep, args.rounds)
    plain, why = _plain_wanted(args, os.environ)
    if plain:
        if why:
            print(f"triage-tui: {why}, so this is plain mode (lines of text). "
                  "Use --tui for the full-screen app.", file=sys.stderr, flush=True)
        from triage_tui.plain.launch import run_plain

        color = args.color and not os.environ.get("NO_COLOR")
        return run_plain(args.rules, args.data_dir, start=start, settings=settings, color=color, handle_signals=True,
                         voice=args.voice)
    # Deferred: Textual is the heaviest import by far and only the full-screen app needs it.
    from triage_tui.ui.launch import run_app

    return run_app(rules=args.rules, data_dir=args.data_dir, start=start, settings=settings, voice=args.voice)


def _plain_wanted(args: Any, environ: Any) -> tuple[bool, str]:
    """(plain mode?, why it was chosen by itself: empty when asked for or not chosen)."""
    if args.tui:
        return False, ""
    if args.plain or environ.get(PLAIN_ENV, "").strip().lower() in ("1", "true", "yes", "on"):
        return True, ""
    for name, stream in (("input", sys.stdin), ("output", sys.stdout)):
        if stream is None or not stream.isatty():
            return True, f"the {name} is not a terminal"
    if environ.get("TERM", "") == "dumb":
        return True, "TERM is dumb (this terminal cannot draw the full-screen app)"
    return False, ""
