"""Condition trees compiled from the rule files, and how they are checked against answers.

A condition never runs code from the rule files: it is a small tree of these nodes (NamedTuples,
which are much cheaper to define at start-up than dataclasses).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple, Union


class Value(NamedTuple):
    """An answer as conditions see it: the chosen choice ids and, for number questions, a number.

    `dont_know` on a number question is `Value({"dont_know"}, 0)` when its choice says
    `number = 0`, so both `in = ["dont_know"]` and `lt = 12` can test it.
    """

    choices: frozenset[str]
    number: int | None = None


Values = Mapping[str, Value]
"""Answers of enabled questions only, keyed by question id."""


class Test(NamedTuple):
    """Compare one item's answer; every comparison given must hold."""

    item: str
    in_: frozenset[str] | None = None
    not_in: frozenset[str] | None = None
    contains: frozenset[str] | None = None
    gte: int | None = None
    gt: int | None = None
    lt: int | None = None
    lte: int | None = None
    answered: bool | None = None

    def holds(self, values: Values) -> bool:
        value = values.get(self.item)
        if value is None:
            return self.answered is False
        if self.answered is False:
            return False
        if self.in_ is not None and not (value.choices & self.in_):
            return False
        if self.not_in is not None and value.choices & self.not_in:
            return False
        if self.contains is not None and not self.contains <= value.choices:
            return False
        if self.gte is not None or self.gt is not None or self.lt is not None or self.lte is not None:
            n = value.number
            if n is None:
                return False
            if self.gte is not None and n < self.gte:
                return False
            if self.gt is not None and n <= self.gt:
                return False
            if self.lt is not None and n >= self.lt:
                return False
            if self.lte is not None and n > self.lte:
                return False
        return True

    def witnesses(self, values: Values) -> Iterator[str]:
        if self.item in values:
            yield self.item

    def tests(self) -> Iterator[Test]:
        yield self


class All(NamedTuple):
    parts: tuple[Condition, ...]

    def holds(self, values: Values) -> bool:
        return all(part.holds(values) for part in self.parts)

    def witnesses(self, values: Values) -> Iterator[str]:
        for part in self.parts:
            yield from part.witnesses(values)

    def tests(self) -> Iterator[Test]:
        for part in self.parts:
            yield from part.tests()


class Any_(NamedTuple):
    parts: tuple[Condition, ...]

    def holds(self, values: Values) -> bool:
        return any(part.holds(values) for part in self.parts)

    def witnesses(self, values: Values) -> Iterator[str]:
        for part in self.parts:
            if part.holds(values):
                yield from part.witnesses(values)

    def tests(self) -> Iterator[Test]:
        for part in self.parts:
            yield from part.tests()


class Not(NamedTuple):
    part: Condition

    def holds(self, values: Values) -> bool:
        return not self.part.holds(values)

    def witnesses(self, values: Values) -> Iterator[str]:
        for test in self.part.tests():
            if test.item in values:
                yield test.item

    def tests(self) -> Iterator[Test]:
        yield from self.part.tests()


Condition = Union[Test, All, Any_, Not]


def compile_condition(data: Mapping[str, Any]) -> Condition:
    """Build a condition tree from a validated (normalized) condition table."""
    if data.get("all") is not None:
        return All(tuple(compile_condition(part) for part in data["all"]))
    if data.get("any") is not None:
        return Any_(tuple(compile_condition(part) for part in data["any"]))
    if data.get("not") is not None:
        return Not(compile_condition(data["not"]))

    def choice_set(key: str) -> frozenset[str] | None:
        raw = data.get(key)
        return None if raw is None else frozenset(raw)

    return Test(
        item=data["item"],
        in_=choice_set("in"),
        not_in=choice_set("not_in"),
        contains=choice_set("contains"),
        gte=data.get("gte"),
        gt=data.get("gt"),
        lt=data.get("lt"),
        lte=data.get("lte"),
        answered=data.get("answered"),
    )


def referenced_items(condition: Condition | None) -> list[str]:
    """Question ids a condition looks at, in first-seen order."""
    if condition is None:
        return []
    return list(dict.fromkeys(test.item for test in condition.tests()))
