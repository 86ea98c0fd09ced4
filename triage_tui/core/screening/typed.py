"""Answers typed as keys: `y` / `n` / `u` / `d`, `1`-`9`, several numbers for multi-choice.

The keys every face offers for a question, and what a typed line means, in one place: the
full-screen app shows these keys and plain mode reads them, so both accept the same answers.
"""

from __future__ import annotations

import re

from triage_tui.core.rules.ruleset import Question
from triage_tui.core.screening.answers import parse_answer, parse_number_text
from triage_tui.core.screening.resolve import Answer

LETTER_KEYS = {"yes": "y", "no": "n", "unsure": "u", "dont_know": "d"}
"""Choices that also answer to a letter key, wherever a question offers them."""
MAX_NUMBER_KEYS = 9


def choice_keys(question: Question) -> list[tuple[str, str]]:
    """(key, label) for each choice, in order: its letter, else its number (1-9), else its id."""
    keys = []
    for index, choice in enumerate(question.choices):
        if question.type == "number":
            key = LETTER_KEYS.get(choice.id, choice.id)
        else:
            key = LETTER_KEYS.get(choice.id) or (str(index + 1) if index < MAX_NUMBER_KEYS else choice.id)
        keys.append((key, choice.label))
    return keys


def keys_hint(question: Question) -> str:
    """What to type, in one line (also the message for input that is not understood)."""
    if question.type == "number":
        special = [key for key, _ in choice_keys(question)]
        extra = f", or {' / '.join(special)}" if special else ""
        return f"Type a whole number from {question.min} to {question.max}{extra}."
    keys = [key for key, _ in choice_keys(question)]
    numbers = [k for k in keys if k.isdigit()]
    if len(numbers) > 3:
        others = [k for k in keys if not k.isdigit()]
        listed = f"{numbers[0]} to {numbers[-1]}" + "".join(f" or {k}" for k in others)
    else:
        listed = " / ".join(keys)
    if question.type == "multi":
        return f"Type one or more of {listed}, separated by commas or spaces (for example: 1, 3)."
    return f"Type one of {listed}."


def parse_typed(question: Question, text: str) -> Answer:
    """The answer a typed line gives, or ValueError saying what is expected.

    Keys, choice ids and (for number questions) digits are accepted; case and spaces around
    them do not matter.
    """
    cleaned = text.strip()
    if question.type == "number":
        by_key = _by_key(question, cleaned.lower())
        if by_key is not None:
            return parse_answer(question, by_key)
        try:
            return parse_number_text(question, cleaned)
        except ValueError:
            raise ValueError(keys_hint(question)) from None
    parts = [p for p in re.split(r"[,\s]+", cleaned.lower()) if p]
    if not parts:
        raise ValueError(keys_hint(question))
    ids = []
    for part in parts:
        choice_id = _by_key(question, part)
        if choice_id is None:
            raise ValueError(f"'{part[:20]}' is not one of the keys. {keys_hint(question)}")
        ids.append(choice_id)
    if question.type == "choice":
        if len(ids) > 1:
            raise ValueError(f"Only one answer here. {keys_hint(question)}")
        return parse_answer(question, ids[0])
    try:
        return parse_answer(question, ids)
    except ValueError as error:
        raise ValueError(f"{str(error)[0].upper()}{str(error)[1:]}.") from None


def _by_key(question: Question, typed: str) -> str | None:
    for (key, _), choice in zip(choice_keys(question), question.choices, strict=True):
        if typed in (key.lower(), choice.id.lower()):
            return choice.id
    return None
