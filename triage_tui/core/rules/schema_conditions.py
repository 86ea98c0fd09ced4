"""Condition tables (`when`, `ask_when`, `shown_when`) and the discriminator that tells them apart.

Conditions are structured tables, never code:

    when = { item = "saddle_numbness", in = ["yes", "unsure"] }
    when = { all = [ {...}, { any = [ {...}, {...} ] } ] }
    when = { not = { item = "maternity_ok", in = ["yes"] } }

An item test is true only when the item is answered (and its question is enabled) and every
comparison in the table holds. Comparisons: `in` (the answer, or any of a multi answer, is one
of these choices), `not_in` (answered, and none of these choices is chosen), `contains` (a multi
answer includes all of these), `gte` / `gt` / `lt` / `lte` (number answers; a choice such as
`dont_know` counts as the number its choice declares), `answered` (true / false).
"""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import BaseModel, Discriminator, Field, Tag, model_validator

from triage_tui.core.rules.schema_base import Id, Strict


class ItemTest(Strict):
    """Compare one question's answer. All comparisons given must hold."""

    item: Id
    """The question id whose answer is tested."""
    in_: list[Id] | None = Field(default=None, alias="in", min_length=1)
    """True if the answer (or, for a multi-choice answer, any chosen choice) is one of these."""
    not_in: list[Id] | None = Field(default=None, min_length=1)
    """True if the question is answered and none of these choices is chosen."""
    contains: list[Id] | None = Field(default=None, min_length=1)
    """True if a multi-choice answer includes every one of these choices."""
    gte: int | None = None
    """Number answer is at least this."""
    gt: int | None = None
    """Number answer is more than this."""
    lt: int | None = None
    """Number answer is less than this."""
    lte: int | None = None
    """Number answer is at most this."""
    answered: bool | None = None
    """True: the question is enabled and answered. False: it is not."""

    @model_validator(mode="after")
    def _needs_a_comparison(self) -> ItemTest:
        ops = ("in_", "not_in", "contains", "gte", "gt", "lt", "lte", "answered")
        if all(getattr(self, op) is None for op in ops):
            raise ValueError(
                "an item test needs a comparison: in, not_in, contains, gte, gt, lt, lte or answered"
            )
        return self


class AllOf(Strict):
    """True if every condition in the list is true."""

    all: list[Condition] = Field(min_length=1)


class AnyOf(Strict):
    """True if at least one condition in the list is true."""

    any: list[Condition] = Field(min_length=1)


class NotOf(Strict):
    """True if the inner condition is false."""

    not_: Condition = Field(alias="not")


def _condition_kind(value: Any) -> str | None:
    """Pick the condition table type from its keys, so errors speak of the right table."""
    if isinstance(value, BaseModel):
        return {ItemTest: "item", AllOf: "all", AnyOf: "any", NotOf: "not"}.get(type(value))
    if not isinstance(value, dict):
        return None
    kinds = [k for k in ("all", "any", "not", "item") if k in value]
    return kinds[0] if len(kinds) == 1 else None


Condition = Annotated[
    Union[
        Annotated[ItemTest, Tag("item")],
        Annotated[AllOf, Tag("all")],
        Annotated[AnyOf, Tag("any")],
        Annotated[NotOf, Tag("not")],
    ],
    Discriminator(
        _condition_kind,
        custom_error_type="condition",
        custom_error_message="a condition is a table with exactly one of: item, all, any, not",
    ),
]
AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()
