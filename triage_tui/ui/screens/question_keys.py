"""What to say when a key that answers nothing is pressed on a question page: which keys do."""

from __future__ import annotations

from collections.abc import Sequence

from triage_tui.core.rules.ruleset import Question


def listed(keys: Sequence[str]) -> str:
    """`1, 2 or 3`; a run of four or more digits as `1 to 9`."""
    if len(keys) >= 4 and all(k.isdigit() for k in keys):
        return f"{keys[0]} to {keys[-1]}"
    return keys[0] if len(keys) == 1 else f"{', '.join(keys[:-1])} or {keys[-1]}"


def which_keys_answer(question: Question, keys: Sequence[str]) -> str:
    """Plain words naming the keys that answer `question`; `keys[i]` is the key of choice `i`
    (a blank for a choice with no key of its own)."""
    shown = [k for k in keys if k.strip()]
    if question.type == "number":
        letters = [k for k in shown if not k.isdigit()]
        also = f", or press {listed(letters)}" if letters else ""
        return f"Type a number from {question.min} to {question.max}, then press Enter{also}. ? shows help."
    if not shown:
        return "Use the arrow keys and Enter to answer. ? shows help."
    if question.type == "multi":
        return f"Press {listed(shown)} to tick answers, then Enter. ? shows help."
    return f"Press {listed(shown)} to answer, or ? for help."
