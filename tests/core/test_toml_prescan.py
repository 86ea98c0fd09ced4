"""The scan before `tomllib` (too deep, too long a number) blanks strings and comments in one
pass, then counts brackets. It must refuse exactly what a walk over every token refuses, with the
same reason (the first problem in the text), written here the plain way."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from triage_tui.core.limits import MAX_DIGITS, MAX_TOML_DEPTH, check_toml_text

TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''.*?'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*"
    r"|(?P<open>[\[{])|(?P<close>[\]}])"
    r"|(?P<digits>\d{%d,})" % (MAX_DIGITS + 1),
    re.DOTALL,
)


def walked(text: str) -> str | None:
    depth = 0
    for match in TOKENS.finditer(text):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            if depth > MAX_TOML_DEPTH:
                return f"nested too deeply (more than {MAX_TOML_DEPTH} levels of [ ] or {{ }})"
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "digits":
            return f"holds a number with more than {MAX_DIGITS} digits"
    return None


pieces = st.sampled_from(['"', "'", '"""', "'''", "\\", "\n", "#", "[", "]", "{", "}", "[" * MAX_TOML_DEPTH,
                          "]" * 3, "1" * 20, "1" * MAX_DIGITS, "x", " ", "=", "a = 1\n", "[[rule]]\n"])
texts = st.lists(pieces, max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(texts)
def test_the_scan_refuses_what_the_walk_refuses(text):
    assert check_toml_text(text) == walked(text)


def test_the_edges() -> None:
    deep = "a = " + "[" * MAX_TOML_DEPTH + "]" * MAX_TOML_DEPTH
    cases = [deep, "a = " + "[" * (MAX_TOML_DEPTH + 1), f'a = "{"[" * 99}"', "# " + "{" * 99,
             "a = " + "9" * MAX_DIGITS, "a = " + "9" * (MAX_DIGITS + 1), f'a = "{"9" * 99}"',
             "1" * 20 + '"x"' + "1" * 20, "]" * 99 + "[" * MAX_TOML_DEPTH,
             "[" * (MAX_TOML_DEPTH + 1) + "9" * 99, "9" * 99 + "[" * 99, "'''\n[[[[\n''' = 1"]
    for text in cases:
        assert check_toml_text(text) == walked(text), text
    assert check_toml_text(cases[1]) is not None and check_toml_text(cases[5]) is not None
    assert check_toml_text(cases[0]) is None and check_toml_text(cases[7]) is None
