"""Limits on every file the app reads, checked before parsing, and safe quoting of what it read.

- `read_capped(path, cap)`: regular files only (a FIFO, device or folder is refused without
  blocking: the file is opened with O_NONBLOCK and checked with fstat), at most `cap` bytes.
- `check_toml_text(text)`: a cheap scan, before `tomllib`, for nesting deeper than
  `MAX_TOML_DEPTH` and for digit runs longer than `MAX_DIGITS` (which `tomllib` turns into
  RecursionError or ValueError, or into huge numbers that are slow to print).
- `safe_text(value, limit)`: any value quoted in an error line or printed to a terminal: control
  characters escaped (`\\x1b`, `\\n`), at most `limit` characters.
- `control_characters(text)`: the characters a rule text may not hold (C0 but tab and newline,
  DEL, C1), for `rules check`.
"""

from __future__ import annotations

import os
import re
import stat

ANSWERS_FILE_CAP = 1024 * 1024
"""Largest answers file read, in bytes (1 MiB)."""
RULE_FILE_CAP = 4 * 1024 * 1024
"""Largest single rule file read, in bytes (4 MiB)."""
MAX_TOML_DEPTH = 64
"""Deepest nesting of arrays and inline tables accepted in a TOML file."""
MAX_DIGITS = 30
"""Longest run of digits accepted in a TOML value (outside strings)."""
QUOTE_LIMIT = 80
"""Most characters of a value or key quoted in one error line."""


class FileLimitError(Exception):
    """A file could not be read within the limits; `reason` says why in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_capped(path: str | os.PathLike[str], cap: int) -> bytes:
    """The bytes of the regular file `path`, or FileLimitError; never blocks on a FIFO or device."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileLimitError("no such file") from None
    except IsADirectoryError:
        raise FileLimitError("is a folder, not a file") from None
    except OSError as error:
        raise FileLimitError(f"cannot read: {error.strerror or error}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileLimitError("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise FileLimitError("is not a regular file (a pipe, device or socket); refusing to read it")
        if info.st_size > cap:
            raise FileLimitError(f"is too large ({info.st_size:,} bytes; the limit is {cap:,})")
        chunks: list[bytes] = []
        size = 0
        while size <= cap:
            chunk = os.read(fd, min(1 << 20, cap + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > cap:
            raise FileLimitError(f"is too large (over {cap:,} bytes)")
        return b"".join(chunks)
    except OSError as error:
        raise FileLimitError(f"cannot read: {error.strerror or error}") from None
    finally:
        os.close(fd)


_TEXTS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # multi-line basic string
    r"|'''.*?'''"  # multi-line literal string
    r'|"(?:[^"\\\n]|\\.)*"'  # basic string
    r"|'[^'\n]*'"  # literal string
    r"|#[^\n]*",  # comment
    re.DOTALL,
)
"""Strings and comments: their brackets and digits are text, not structure."""
_STRUCTURE = re.compile(r"(?P<open>[\[{])|(?P<close>[\]}])|(?P<digits>\d{%d,})" % (MAX_DIGITS + 1))
_BRACKETS = re.compile(r"[\[\]{}]")
_LONG_NUMBER = re.compile(r"\d{%d,}" % (MAX_DIGITS + 1))


def check_toml_text(text: str) -> str | None:
    """Why `text` is refused before parsing (too deep, too long a number), or None.

    Strings and comments are blanked first (one pass in the regex engine); what is left is
    structure. The usual text, with no long number and no deep nesting, is passed after counting
    its brackets; otherwise the tokens are walked in order, so the first problem is the one named."""
    bare = _TEXTS.sub(" ", text)  # a space, so digits on either side of a string never join
    if not _LONG_NUMBER.search(bare) and not _too_deep(_BRACKETS.findall(bare)):
        return None
    depth = 0
    for match in _STRUCTURE.finditer(bare):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            if depth > MAX_TOML_DEPTH:
                return f"nested too deeply (more than {MAX_TOML_DEPTH} levels of [ ] or {{ }})"
        elif kind == "close":
            depth = max(depth - 1, 0)
        else:
            return f"holds a number with more than {MAX_DIGITS} digits"
    return None


def _too_deep(brackets: list[str]) -> bool:
    """Whether the brackets, in order, ever nest deeper than MAX_TOML_DEPTH (a close with none
    open counts as nothing, as in the walk)."""
    depth = 0
    for bracket in brackets:
        if bracket in "[{":
            depth += 1
            if depth > MAX_TOML_DEPTH:
                return True
        elif depth:
            depth -= 1
    return False


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\x{ord(char):02x}"


def safe_text(value: object, limit: int | None = QUOTE_LIMIT) -> str:
    """`value` as text fit for one terminal line: control characters escaped, at most `limit`."""
    text = value if isinstance(value, str) else str(value)
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 3, 1)]
        return _CONTROL.sub(_escape, text) + "..."
    return _CONTROL.sub(_escape, text)


def printable(text: str) -> str:
    """A rule text for the terminal: newlines and tabs kept, every other control escaped."""
    return _FORBIDDEN.sub(_escape, text)


def control_characters(text: str) -> list[str]:
    """The control characters (escaped, e.g. `\\x1b`) in `text` other than tab and newline."""
    return list(dict.fromkeys(_escape(m) for m in _FORBIDDEN.finditer(text)))
