"""argparse help as wide as the terminal, without importing `shutil` at every command."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse


def parser_class(argparse: Any) -> type[argparse.ArgumentParser]:
    """ArgumentParser whose help is as wide as the terminal, found without `shutil`.

    argparse makes a help formatter for every option it adds, and its default one imports
    `shutil` (and the compression modules behind it, ~5 ms) for the width. Sub-parsers are made
    of the same class, so they inherit it."""

    class Formatter(argparse.HelpFormatter):  # type: ignore[misc, name-defined]
        def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                     width: int | None = None) -> None:
            super().__init__(prog, indent_increment, max_help_position, help_width() if width is None else width)

    class Parser(argparse.ArgumentParser):  # type: ignore[misc, name-defined]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("formatter_class", Formatter)
            super().__init__(*args, **kwargs)

    return Parser


def help_width() -> int:
    """The terminal's width less 2, as `shutil.get_terminal_size` finds it for argparse:
    $COLUMNS, else the width of standard output's terminal, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2
