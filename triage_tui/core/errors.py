"""The one error family the core raises for bad input (rules, answers, data files)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from triage_tui.core.limits import QUOTE_LIMIT, safe_text

MESSAGE_LIMIT = 240
"""Most characters of one problem's message printed (values inside are quoted shorter)."""
_HINT_WORD_LIMIT = 64
_HINT_OPTIONS_LIMIT = 5_000


class Problem(NamedTuple):
    """One thing wrong with one input file. (A NamedTuple, not a dataclass: `dataclasses` costs
    every command about 10 ms to import, and start-up is measured.)"""

    file: str
    """The file's name or path as the user gave it."""
    key: str
    """The dotted key path inside the file, e.g. `question[3].choices`; empty for the whole file."""
    message: str
    """What is wrong and what was expected, in plain words."""
    line: int | None = None
    """1-based line in the file, where it could be found."""

    def __str__(self) -> str:
        """One terminal line: control characters escaped, key and message cut to length."""
        file = safe_text(self.file, 4 * QUOTE_LIMIT)
        where = file if self.line is None else f"{file}:{self.line}"
        message = safe_text(self.message, MESSAGE_LIMIT)
        return f"{where}: {safe_text(self.key)}: {message}" if self.key else f"{where}: {message}"


class InputError(Exception):
    """Bad input. Carries one or more problems, each printable as one line."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("an InputError needs at least one problem")
        super().__init__(str(self.problems[0]))

    def lines(self) -> list[str]:
        """Every problem as one line each."""
        return [str(p) for p in self.problems]


class RulesError(InputError):
    """A rule set could not be read, is invalid, or refers to things that do not exist."""


class AnswersError(InputError):
    """An answers file (or one answer) does not fit the questions of the rule set."""


class DataFileError(InputError):
    """A data file the app keeps (history, screening) could not be read."""


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """Return ` (did you mean 'x'?)` for the closest option, or an empty string.

    Bounded work: no hint for a very long word, nor among more than `_HINT_OPTIONS_LIMIT` options
    (a file full of unknown ids must not cost ids x options comparisons of long strings).
    """
    if len(word) > _HINT_WORD_LIMIT:
        return ""
    candidates = [o for o in options if len(o) <= _HINT_WORD_LIMIT]
    if len(candidates) > _HINT_OPTIONS_LIMIT:
        return ""
    import difflib  # only when something is misspelt: not at every start

    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f" (did you mean '{safe_text(close[0])}'?)" if close else ""
