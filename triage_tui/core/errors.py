"""The one error family the core raises for bad input (rules, answers, data files)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one input file."""

    file: str
    """The file's name or path as the user gave it."""
    key: str
    """The dotted key path inside the file, e.g. `question[3].choices`; empty for the whole file."""
    message: str
    """What is wrong and what was expected, in plain words."""
    line: int | None = None
    """1-based line in the file, where it could be found."""

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


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
    """Return ` (did you mean 'x'?)` for the closest option, or an empty string."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
