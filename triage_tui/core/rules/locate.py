"""Find the line of a key path in TOML text, so errors can say where to look."""

from __future__ import annotations

import bisect
import functools
import re
import tomllib
from collections.abc import Sequence

from triage_tui.core.errors import Problem

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
    """Best-effort 1-based line of `loc` in `text`; the nearest enclosing table if not exact.

    The text is indexed once (tables, and the first line of each key in each table) and the index
    kept for the next calls, so locating many problems in one file costs one pass over it.
    """
    index = _index(text)
    path: tuple[str | int, ...] = ()
    for size in range(min(len(loc), index.deepest), 0, -1):
        if tuple(loc[:size]) in index.starts:
            path = tuple(loc[:size])
            break
    block = index.starts.get(path)
    if block is None:
        return None
    start = index.blocks[block]
    rest = list(loc[len(path):])
    if rest and isinstance(rest[0], str):
        line = index.keys(block).get(rest[0])
        if line is None:
            return start + 1 if path else None
        return line + 1
    return start + 1


_MAX_HEADER_DEPTH = 32
"""Table headers deeper than this are indexed by their first parts only (best effort, bounded)."""


def _header(line: str) -> tuple[bool, list[str]] | None:
    """`[a.b]` -> (False, ["a", "b"]); `[[a]]` -> (True, ["a"]); None if not a table header.

    A straight scan rather than a regular expression with optional spaces on both sides of the
    name, which backtracks quadratically on a long run of spaces.
    """
    stripped = line.lstrip()
    if not stripped.startswith("["):
        return None
    double = stripped.startswith("[[")
    body = stripped[2 if double else 1:]
    close = body.find("]")
    if close < 0:
        return None
    tail = body[close + 1:]
    tail = (tail[1:] if tail.startswith("]") else tail).lstrip()
    name = body[:close].strip()
    if (tail and not tail.startswith("#")) or not name or not _NAME.fullmatch(name):
        return None
    return double, [n.strip().strip("\"'") for n in name.split(".", _MAX_HEADER_DEPTH)[:_MAX_HEADER_DEPTH]]


_NAME = re.compile(r"[A-Za-z0-9_.\-\"' ]+")


class _Index:
    """One pass over a TOML text: where each table starts, and (on demand) where its keys are."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.blocks: list[int] = [0]
        """First line of each table block, in file order (block 0: the top of the file)."""
        self.starts: dict[tuple[str | int, ...], int] = {(): 0}
        """Table path -> its first block."""
        self.deepest = 0
        self._keys: dict[int, dict[str, int]] = {}
        counters: dict[tuple[str | int, ...], int] = {}
        nested: dict[tuple[str | int, ...], list[tuple[str | int, ...]]] = {}
        """Array-of-tables path -> the array-of-tables paths under it (to restart their count)."""
        current: tuple[str | int, ...] = ()
        parsed: dict[str, tuple[bool, list[str]] | None] = {}  # most headers repeat: parse each once
        for number, line in enumerate(self.lines):
            if "[" not in line:
                continue
            if line in parsed:
                header = parsed[line]
            else:
                header = parsed[line] = _header(line)
            if header is None:
                continue
            double, names = header
            path: list[str | int] = []
            for i, name in enumerate(names):
                path.append(name)
                # Keep the index of any enclosing array element we are still inside.
                prefix = tuple(path)
                if i < len(names) - 1 and len(current) > len(prefix) and current[: len(prefix)] == prefix:
                    path.append(current[len(prefix)])
            if double:
                key = tuple(path)
                for inner in nested.pop(key, ()):  # a new element: counts inside it start again
                    counters.pop(inner, None)
                if key not in counters:
                    counters[key] = -1
                    for cut in range(1, len(key)):
                        nested.setdefault(key[:cut], []).append(key)
                counters[key] += 1
                path.append(counters[key])
            current = tuple(path)
            for size in range(len(current), 0, -1):  # the table and any enclosing table not yet seen
                if self.starts.setdefault(current[:size], len(self.blocks)) != len(self.blocks):
                    break
            self.deepest = max(self.deepest, len(current))
            self.blocks.append(number)

    def keys(self, block: int) -> dict[str, int]:
        """Key name -> first line it starts on in `block` (up to the next table header)."""
        found = self._keys.get(block)
        if found is None:
            start = self.blocks[block]
            after = bisect.bisect_right(self.blocks, start)
            end = self.blocks[after] if after < len(self.blocks) else len(self.lines)
            found = {}
            for number in range(start, end):
                match = _KEY.match(self.lines[number])
                if match:
                    found.setdefault(next(g for g in match.groups() if g is not None), number)
            self._keys[block] = found
        return found


_KEY = re.compile(r"""^\s*(?:"([^"\\]*)"|'([^']*)'|([A-Za-z0-9_\-]+))\s*[=.]""")


@functools.lru_cache(maxsize=16)
def _index(text: str) -> _Index:
    return _Index(text)


def toml_problem(path: str, error: tomllib.TOMLDecodeError) -> Problem:
    """One Problem for a TOML syntax error, with the parser's line where it gives one."""
    message, _, where = str(error).partition(" (at line ")
    line = getattr(error, "lineno", None)
    if line is None and where:
        digits = where.split(",")[0].rstrip(")")
        line = int(digits) if digits.isdigit() else None
    return Problem(path, "", f"not valid TOML: {message}", line)
