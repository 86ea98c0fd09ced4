"""Check answers against the questions, and read answers files (`[answers]` tables in TOML).

One function checks one answer, for the answers file and the TUI alike, so both accept and
refuse exactly the same things.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from typing import Any

from triage_tui.core.errors import AnswersError, Problem, did_you_mean
from triage_tui.core.limits import (
    ANSWERS_FILE_CAP, FileLimitError, check_toml_text, read_capped, safe_text,
)
from triage_tui.core.screening.resolve import Answer
from triage_tui.core.rules.locate import find_line, toml_problem
from triage_tui.core.rules.ruleset import Question, RuleSet


def expected(question: Question) -> str:
    """What a valid answer to `question` looks like, in words."""
    ids = ", ".join(question.choice_ids)
    if question.type == "number":
        extra = f" or one of: {ids}" if question.choices else ""
        return f"a whole number from {question.min} to {question.max}{extra}"
    if question.type == "multi":
        return f"a list of one or more of: {ids}"
    return f"one of: {ids}"


def parse_answer(question: Question, raw: Any) -> Answer:
    """Return the answer in canonical form, or raise ValueError saying what was expected.

    Canonical forms: a choice id (str); a whole number (int); a tuple of choice ids (multi).
    A single string is accepted for a multi-choice question as a one-item list.
    """
    if question.type == "number":
        return _number(question, raw)
    if question.type == "multi":
        return _multi(question, raw)
    if isinstance(raw, list):
        raise ValueError(f"only one answer is allowed here: expected {expected(question)}; got a list")
    if not isinstance(raw, str):
        raise ValueError(f"expected {expected(question)}; got {_show(raw)}")
    _known_choice(question, raw)
    return raw


def parse_number_text(question: Question, text: str) -> Answer:
    """Parse what a person typed for a number question (digits, or a choice id)."""
    cleaned = text.strip()
    if re.fullmatch(r"[+-]?\d{1,9}", cleaned):
        return _number(question, int(cleaned))
    if question.choice(cleaned) is not None:
        return cleaned
    raise ValueError(f"please type a whole number from {question.min} to {question.max}")


def _number(question: Question, raw: Any) -> Answer:
    if isinstance(raw, str):
        if question.choice(raw) is None:
            raise ValueError(f"expected {expected(question)}; got {_show(raw)}{did_you_mean(raw, question.choice_ids)}")
        return raw
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise ValueError(f"expected {expected(question)}; got {_show(raw)}")
    assert question.min is not None and question.max is not None
    if not question.min <= raw <= question.max:
        raise ValueError(f"{raw} is out of range: expected {expected(question)}")
    return raw


def _multi(question: Question, raw: Any) -> Answer:
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not items:
        raise ValueError(f"expected {expected(question)}; got {_show(raw)}")
    chosen: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise ValueError(f"expected {expected(question)}; got {_show(item)} in the list")
        _known_choice(question, item)
        if item not in chosen:
            chosen.append(item)
    if len(chosen) > 1:
        alone = [c for c in chosen if (choice := question.choice(c)) is not None and choice.exclusive]
        if alone:
            raise ValueError(f"'{safe_text(alone[0])}' cannot be combined with other choices")
    order = question.choice_ids
    return tuple(sorted(chosen, key=order.index))


def _known_choice(question: Question, value: str) -> None:
    if question.choice(value) is None:
        hint = did_you_mean(value, question.choice_ids)
        raise ValueError(f"'{safe_text(value)}' is not a choice{hint}; expected {expected(question)}")


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a table"
    if isinstance(value, int) and abs(value) >= 10**30:
        return "a number too long to show"
    return safe_text(repr(value), 40)


def parse_answers(
    data: Mapping[str, Any], ruleset: RuleSet, source: str = "answers", text: str = ""
) -> dict[str, Answer]:
    """Check a whole answers document (`{"answers": {...}}`); raise AnswersError listing problems."""
    problems: list[Problem] = []

    def problem(key: str, message: str, loc: tuple[str, ...] = ()) -> None:
        line = find_line(text, loc) if text and loc else None
        problems.append(Problem(source, key, message, line))

    for key in data:
        if key != "answers":
            problem(key, f"unknown table '{safe_text(key)}'{did_you_mean(key, ['answers'])}; expected only [answers]", (key,))
    table = data.get("answers")
    if table is None:
        if not problems:
            problem("", "missing the [answers] table (question ids mapped to answers)")
        raise AnswersError(problems)
    if not isinstance(table, dict):
        problem("answers", "expected a table [answers] of question ids mapped to answers", ("answers",))
        raise AnswersError(problems)
    answers: dict[str, Answer] = {}
    for qid, raw in table.items():
        question = ruleset.question_by_id.get(qid)
        loc = ("answers", qid)
        if question is None:
            problem(f"answers.{qid}", f"unknown question id{did_you_mean(qid, ruleset.question_by_id)}", loc)
            continue
        try:
            answers[qid] = parse_answer(question, raw)
        except ValueError as error:
            problem(f"answers.{qid}", str(error), loc)
    if problems:
        raise AnswersError(problems)
    return answers


def read_answers(path: str | os.PathLike[str], ruleset: RuleSet) -> dict[str, Answer]:
    """Read and check an answers file. Raises AnswersError for every kind of bad input.

    Limits come first (`core.limits`): a regular file of at most ANSWERS_FILE_CAP bytes, no deeper
    nesting than MAX_TOML_DEPTH and no number longer than MAX_DIGITS digits.
    """
    name = str(path)
    try:
        raw = read_capped(path, ANSWERS_FILE_CAP)
    except FileLimitError as error:
        raise AnswersError([Problem(name, "", f"could not read: {error.reason}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise AnswersError([Problem(name, "", f"not UTF-8 text (byte {error.start})")]) from None
    refused = check_toml_text(text)
    if refused is not None:
        raise AnswersError([Problem(name, "", f"could not read: {refused}")])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise AnswersError([toml_problem(name, error)]) from None
    except (RecursionError, ValueError, MemoryError) as error:
        raise AnswersError([Problem(name, "", f"could not read: {type(error).__name__}")]) from None
    return parse_answers(data, ruleset, name, text)
