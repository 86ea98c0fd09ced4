"""Turn pydantic validation errors into one plain line per problem, with line numbers."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from triage_tui.core.errors import Problem, did_you_mean
from triage_tui.core.rules.locate import find_line, format_key

_TAGS = ("item", "all", "any", "not")
_CONDITION_FIELDS = ("when", "ask_when", "shown_when", "not")


def problems_from_validation(
    path: str, text: str, model: type[BaseModel], error: ValidationError
) -> Iterator[Problem]:
    for detail in error.errors(include_url=False):
        raw_loc = tuple(detail["loc"])
        loc = _strip_tags(raw_loc)
        line = find_line(text, loc)
        yield Problem(path, format_key(loc), _message(model, raw_loc, detail), line)


def _strip_tags(loc: Sequence[str | int]) -> list[str | int]:
    """Drop the union tags pydantic puts in locations of conditions (`when.item.in` -> `when.in`)."""
    out: list[str | int] = []
    for i, part in enumerate(loc):
        prev = loc[i - 1] if i else None
        after_list = isinstance(prev, int) and i >= 2 and loc[i - 2] in ("all", "any")
        if part in _TAGS and (prev in _CONDITION_FIELDS or after_list):
            continue
        out.append(part)
    return out


def _message(model: type[BaseModel], loc: Sequence[str | int], detail: Any) -> str:
    kind = detail["type"]
    value = detail.get("input")
    if kind == "extra_forbidden":
        name = str(loc[-1])
        known = _field_names(model, loc[:-1])
        expected = f"; expected one of: {', '.join(sorted(known))}" if known else ""
        return f"unknown key '{name}'{did_you_mean(name, known)}{expected}"
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    if kind == "string_pattern_mismatch":
        return f"{_show(value)} is not a valid id: use lower-case letters, digits and _ (e.g. saddle_numbness)"
    if kind in ("literal_error", "enum"):
        return f"{str(detail['msg']).replace('Input should be', 'expected')}, got {_show(value)}"
    if kind == "value_error":
        return str(detail["msg"]).removeprefix("Value error, ")
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {_show(value)}"
    if kind in ("string_type",):
        return f"expected text in quotes, got {_show(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {_show(value)}"
    if kind in ("list_type",):
        return f"expected a list [...], got {_show(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a table {{...}}, got {_show(value)}"
    return f"{detail['msg']} (got {_show(value)})"


def _show(value: Any) -> str:
    text = repr(value)
    if isinstance(value, (dict, list)):
        return "a table" if isinstance(value, dict) else "a list"
    return text if len(text) <= 40 else text[:37] + "..."


def _field_names(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The keys the table at `loc` accepts (for did-you-mean), found by walking the models."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    target = _models_in(current)
    return sorted({(f.alias or n) for m in target for n, f in m.model_fields.items()})


def _step(tp: Any, part: str | int) -> Any:
    for candidate in _models_in(tp):
        if isinstance(part, str):
            if part in _TAGS and candidate.__name__ in ("ItemTest", "AllOf", "AnyOf", "NotOf"):
                tagged = {"item": "ItemTest", "all": "AllOf", "any": "AnyOf", "not": "NotOf"}[part]
                if candidate.__name__ == tagged:
                    return candidate
                continue
            for name, field in candidate.model_fields.items():
                if part in (name, field.alias):
                    return field.annotation
    if isinstance(part, int):
        for arg in _flatten(tp):
            if typing.get_origin(arg) in (list, tuple):
                return typing.get_args(arg)[0]
    return None


def _flatten(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _flatten(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return [x for arg in typing.get_args(tp) for x in _flatten(arg)]
    return [tp]


def _models_in(tp: Any) -> list[type[BaseModel]]:
    return [t for t in _flatten(tp) if isinstance(t, type) and issubclass(t, BaseModel)]
