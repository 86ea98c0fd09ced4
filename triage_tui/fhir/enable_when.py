"""A question's `ask_when` condition as FHIR `enableWhen` plus `enableBehavior`, when FHIR can say it.

FHIR R4 gives an item one flat list of `enableWhen` tests joined by one `enableBehavior`, "all"
or "any". So a condition can be said exactly when, once negations are pushed down to single tests
and nested all-in-all / any-in-any are flattened, it is a single test, an "all" of tests or an
"any" of tests. An "any" inside an "all" (or the other way round) cannot be said; `enable_when`
then returns None and the Questionnaire carries the condition in words instead (never dropped).

How each part of a rule-file test maps (answers as `core.rules.conditions.Value`: choices and,
for number questions, a number):

- `in = [a, b]`: any of `= a`, `= b` (FHIR `=` on a repeating item: at least one answer equals).
- `contains = [a, b]`: all of `= a`, `= b`.
- `not_in = [a, b]`: all of `exists true`, `!= a`, `!= b` (FHIR `!=`: no answer equals, which
  holds for an unanswered item too, while the rules need an answer, hence `exists true`).
- `gte` / `gt` / `lt` / `lte`: `>=` / `>` / `<` / `<=` with `answerInteger`.
- `answered = true / false`: `exists true / false`. A test with nothing else: `exists true`.
- Several parts in one test: all of them. `not`: De Morgan, down to single tests.

A number question with choices ("Not sure", counted as 6 weeks) becomes an `integer` item and a
companion `choice` item (`<id>.choice`, see `codes.CHOICE_SUFFIX`). The integer holds the number
the rules test (the choice's number when a choice was picked), the companion the choice: choice
tests (`in`...) go to the companion, number tests and `answered` to the integer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple, Union

from triage_tui.core.rules.conditions import All, Any_, Condition, Not, Test
from triage_tui.core.rules.ruleset import Question
from triage_tui.fhir.codes import choice_coding, choice_link


class Atom(NamedTuple):
    question: str
    operator: str
    key: str
    """`answerCoding`, `answerInteger` or `answerBoolean`."""
    value: Any

    def to_json(self) -> dict[str, Any]:
        return {"question": self.question, "operator": self.operator, self.key: self.value}

    def _id(self) -> tuple[str, str, str, str]:
        value = self.value
        if isinstance(value, dict):
            value = f"{value.get('system')}|{value.get('code')}"
        return (self.question, self.operator, self.key, repr(value))


class Group(NamedTuple):
    behavior: str
    """"all" or "any"."""
    parts: tuple[Node, ...]


Node = Union[Atom, Group]

_NEGATED = {"=": "!=", "!=": "=", ">": "<=", ">=": "<", "<": ">=", "<=": ">"}
_NUMBER_OPS = (("gte", ">="), ("gt", ">"), ("lt", "<"), ("lte", "<="))


class EnableWhen(NamedTuple):
    tests: tuple[dict[str, Any], ...]
    behavior: str | None
    """"all" or "any" when there is more than one test (FHIR requires it then), else None."""


def enable_when(condition: Condition, questions: Mapping[str, Question]) -> EnableWhen | None:
    """The FHIR form of `condition`, or None when FHIR `enableWhen` cannot express it."""
    node = _flatten(_node(condition, questions))
    if isinstance(node, Atom):
        return EnableWhen((node.to_json(),), None)
    if any(isinstance(part, Group) for part in node.parts):
        return None
    return EnableWhen(tuple(part.to_json() for part in node.parts), node.behavior)  # type: ignore[union-attr]


def describe(condition: Condition) -> str:
    """The condition as rule-file-like text, for the note on an item FHIR cannot express."""
    if isinstance(condition, All):
        return "all(" + ", ".join(describe(p) for p in condition.parts) + ")"
    if isinstance(condition, Any_):
        return "any(" + ", ".join(describe(p) for p in condition.parts) + ")"
    if isinstance(condition, Not):
        return f"not({describe(condition.part)})"
    parts = [f"item = {condition.item!r}"]
    for name in ("in_", "not_in", "contains"):
        chosen = getattr(condition, name)
        if chosen is not None:
            parts.append(f"{name.rstrip('_')} = {sorted(chosen)!r}")
    for name in ("gte", "gt", "lt", "lte", "answered"):
        value = getattr(condition, name)
        if value is not None:
            parts.append(f"{name} = {str(value).lower() if isinstance(value, bool) else value}")
    return "{ " + ", ".join(parts) + " }"


# --- building -----------------------------------------------------------------------------------


def _node(condition: Condition, questions: Mapping[str, Question]) -> Node:
    if isinstance(condition, All):
        return Group("all", tuple(_node(p, questions) for p in condition.parts))
    if isinstance(condition, Any_):
        return Group("any", tuple(_node(p, questions) for p in condition.parts))
    if isinstance(condition, Not):
        return _negate(_node(condition.part, questions), questions)
    return _test(condition, questions[condition.item])


def _test(test: Test, question: Question) -> Node:
    """A test as a node that holds, in FHIR, exactly when `Test.holds` does."""
    parts: list[Node] = []

    def coding(choice_id: str) -> dict[str, Any]:
        return choice_coding(question, choice_id)

    link = choice_link(question)
    if test.answered is False:
        # Unanswered, and nothing else can hold then (every other part needs an answer).
        return Atom(question.id, "exists", "answerBoolean", False)
    if test.in_ is not None:
        parts.append(Group("any", tuple(Atom(link, "=", "answerCoding", coding(c)) for c in sorted(test.in_))))
    if test.contains is not None:
        parts.append(Group("all", tuple(Atom(link, "=", "answerCoding", coding(c)) for c in sorted(test.contains))))
    if test.not_in is not None:
        parts.append(Atom(question.id, "exists", "answerBoolean", True))
        parts.extend(Atom(link, "!=", "answerCoding", coding(c)) for c in sorted(test.not_in))
    for name, operator in _NUMBER_OPS:
        value = getattr(test, name)
        if value is not None:
            parts.append(Atom(question.id, operator, "answerInteger", value))
    if not parts:  # `answered = true`, or a test of the item alone: it must have an answer
        parts.append(Atom(question.id, "exists", "answerBoolean", True))
    return parts[0] if len(parts) == 1 else Group("all", tuple(parts))


def _negate(node: Node, questions: Mapping[str, Question]) -> Node:
    """`not node`, pushed down to single tests (De Morgan)."""
    if isinstance(node, Group):
        flipped = "any" if node.behavior == "all" else "all"
        return Group(flipped, tuple(_negate(part, questions) for part in node.parts))
    if node.operator == "exists":
        return node._replace(value=not node.value)
    if node.operator in ("=", "!="):
        # `=` needs an answer, `!=` holds without one: they are exact opposites.
        return node._replace(operator=_NEGATED[node.operator])
    # A number comparison fails on an unanswered item; so does its opposite comparison, so
    # "not (>= 12)" is "unanswered, or < 12".
    return Group("any", (Atom(node.question, "exists", "answerBoolean", False),
                         node._replace(operator=_NEGATED[node.operator])))


def _flatten(node: Node) -> Node:
    """Merge all-in-all and any-in-any, drop repeated tests, unwrap groups of one."""
    if isinstance(node, Atom):
        return node
    parts: list[Node] = []
    seen: set[Any] = set()
    for part in (_flatten(p) for p in node.parts):
        merged = part.parts if isinstance(part, Group) and part.behavior == node.behavior else (part,)
        for item in merged:
            key = item._id() if isinstance(item, Atom) else repr(item)
            if key not in seen:
                seen.add(key)
                parts.append(item)
    return parts[0] if len(parts) == 1 else Group(node.behavior, tuple(parts))
