"""Find the line of a key path in TOML text, so errors can say where to look."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence

from triage_tui.core.errors import Problem

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")
_KEY_PATH = re.compile(r"([^.\[\]]+)|\[(\d+)\]")

Loc = Sequence[str | int]


def parse_key(key: str) -> list[str | int]:
    """`rule[3].when` -> `["rule", 3, "when"]`."""
    return [int(index) if index else name for name, index in _KEY_PATH.findall(key)]


def format_key(loc: Loc) -> str:
    """`["rule", 3, "when"]` -> `rule[3].when`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def find_line(text: str, loc: Loc) -> int | None:
    """Best-effort 1-based line of `loc` in `text`; the nearest enclosing table if not exact."""
    lines = text.splitlines()
    blocks: list[tuple[tuple[str | int, ...], int]] = [((), 0)]
    counters: dict[tuple[str | int, ...], int] = {}
    current: tuple[str | int, ...] = ()
    for number, line in enumerate(lines):
        match = _HEADER.match(line)
        if not match:
            continue
        names = [n.strip().strip("\"'") for n in match.group(2).split(".")]
        path: list[str | int] = []
        for i, name in enumerate(names):
            path.append(name)
            # Keep the index of any enclosing array element we are still inside.
            prefix = tuple(path)
            if i < len(names) - 1 and len(current) > len(prefix) and current[: len(prefix)] == prefix:
                path.append(current[len(prefix)])
        if match.group(1) == "[[":
            key = tuple(path)
            counters[key] = counters.get(key, -1) + 1
            for other in [k for k in counters if len(k) > len(key) and k[: len(key)] == key]:
                del counters[other]
            path.append(counters[key])
        current = tuple(path)
        blocks.append((current, number))

    best: tuple[tuple[str | int, ...], int] | None = None
    for path, start in blocks:
        if tuple(loc[: len(path)]) == path and (best is None or len(path) > len(best[0])):
            best = (path, start)
    if best is None:
        return None
    path, start = best
    rest = list(loc[len(path):])
    line = start
    end = next((s for p, s in blocks if s > start), len(lines))
    if rest and isinstance(rest[0], str):
        key = re.escape(rest[0])
        pattern = re.compile(rf"^\s*(\"{key}\"|'{key}'|{key})\s*[=.]")
        for number in range(start if path else 0, end):
            if pattern.match(lines[number]):
                line = number
                break
        else:
            return start + 1 if path else None
    return line + 1


def toml_problem(path: str, error: tomllib.TOMLDecodeError) -> Problem:
    """One Problem for a TOML syntax error, with the parser's line where it gives one."""
    message, _, where = str(error).partition(" (at line ")
    line = getattr(error, "lineno", None)
    if line is None and where:
        digits = where.split(",")[0].rstrip(")")
        line = int(digits) if digits.isdigit() else None
    return Problem(path, "", f"not valid TOML: {message}", line)
