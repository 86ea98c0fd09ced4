"""Fuzzing: whatever the rule files or answers files hold, only the project's own error escapes.

Design section 5, property 5: the rules loader raises only RulesError, the answers reader only
AnswersError, and the CLI turns either into exit status 2 with one line per problem.
"""

from __future__ import annotations

import contextlib
import copy
import io
import re
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import RULES_DIR, copy_rules
from triage_tui.cli import main
from triage_tui.core.screening.answers import parse_answers, read_answers
from triage_tui.core.errors import AnswersError, RulesError
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.rules.ruleset import RULE_FILES, RuleSet

FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXTS = {name: (RULES_DIR / name).read_text() for name in RULE_FILES}
RULESET = load_rules(RULES_DIR, use_cache=False)


class ShippedToml:
    """`tomllib` for the loader, but each shipped rule file is parsed once, not in every example.

    Each example replaces one file and loads all seven; parsing the six unchanged ones took most of
    the time. `tomllib.loads` is pure, so reusing its result for the same text changes nothing: the
    loader still gets its own copy, and every other text, the fuzzed file's included, goes through
    the real `tomllib.loads`.
    """

    TOMLDecodeError = tomllib.TOMLDecodeError
    parsed = {text: tomllib.loads(text) for text in
              ((RULES_DIR / name).read_bytes().decode("utf-8") for name in RULE_FILES)}

    @classmethod
    def loads(cls, text: str) -> dict:
        known = cls.parsed.get(text)
        return copy.deepcopy(known) if known is not None else tomllib.loads(text)


@pytest.fixture(scope="module", autouse=True)
def shipped_files_parsed_once() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(sys.modules, "tomllib", ShippedToml)  # the loader imports tomllib when it needs it
        yield


@pytest.fixture(scope="module")
def rules_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the shipped rules per module: each example changes one file, then puts it back."""
    return copy_rules(tmp_path_factory.mktemp("fuzz"))


@contextlib.contextmanager
def one_file_replaced(folder: Path, name: str, content: str | bytes) -> Iterator[Path]:
    """`folder` (a copy of the shipped rules) with `name` holding `content`, for one example."""
    path = folder / name
    if isinstance(content, str):
        path.write_text(content)
    else:
        path.write_bytes(content)
    try:
        yield folder
    finally:
        path.write_bytes((RULES_DIR / name).read_bytes())


scalars = st.one_of(
    st.integers(-(2**40), 2**40), st.floats(allow_nan=False), st.booleans(), st.text(max_size=20),
    st.sampled_from(["yes", "no", "unsure", "none", "dont_know", "refer", "urgent", "modify"]),
    st.datetimes(), st.dates(),
)
toml_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(min_size=1, max_size=10), inner, max_size=4)),
    max_leaves=12,
)
keys = st.one_of(st.text(min_size=1, max_size=12), st.sampled_from(
    ["id", "item", "when", "in", "not_in", "gte", "lt", "all", "any", "not", "outcome", "mods", "type",
     "choices", "question", "rule", "surgery", "cue", "step", "timing", "message", "section"]))
documents = st.dictionaries(keys, toml_values, max_size=5)


@st.composite
def mutated_text(draw: st.DrawFn, text: str) -> str:
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["delete", "duplicate", "replace", "insert", "value", "truncate", "swap"]))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "replace":
            lines[i] = draw(st.text(max_size=30))
        elif kind == "insert":
            line = lines[i]
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(st.text(min_size=1, max_size=5)) + line[at:]
        elif kind == "value":
            values = [m for m in re.finditer(r'= ("[^"]*"|\d+|true|false|\[[^\]]*\])', lines[i])]
            if values:
                m = draw(st.sampled_from(values))
                new = tomli_w.dumps({"v": draw(toml_values)}).partition("= ")[2].strip() or '""'
                lines[i] = lines[i][: m.start(1)] + new + lines[i][m.end(1):]
        elif kind == "truncate":
            lines = lines[:i]
        else:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines) + "\n"


def _load(folder: Path) -> RuleSet | None:
    try:
        return load_rules(folder, use_cache=False)
    except RulesError as error:
        assert error.problems and all(str(p) for p in error.problems)
        return None


@FUZZ
@given(data=st.data(), name=st.sampled_from(RULE_FILES))
def test_mutated_rule_files_raise_only_rules_error(rules_copy: Path, data: st.DataObject, name: str) -> None:
    with one_file_replaced(rules_copy, name, data.draw(mutated_text(TEXTS[name]))) as folder:
        _load(folder)


@FUZZ
@given(name=st.sampled_from(RULE_FILES), document=documents)
def test_random_toml_documents_raise_only_rules_error(rules_copy: Path, name: str, document: dict) -> None:
    with one_file_replaced(rules_copy, name, tomli_w.dumps(document)) as folder:
        _load(folder)  # may even be valid (an empty escalation.toml is)


@FUZZ
@given(name=st.sampled_from(RULE_FILES), content=st.binary(max_size=200))
def test_random_bytes_raise_only_rules_error(rules_copy: Path, name: str, content: bytes) -> None:
    with one_file_replaced(rules_copy, name, content) as folder:
        _load(folder)


question_ids = st.sampled_from([q.id for q in RULESET.questions])
answer_values = st.one_of(
    toml_values,
    st.sampled_from([c for q in RULESET.questions for c in q.choice_ids]),
    st.lists(st.sampled_from([c for q in RULESET.questions for c in q.choice_ids]), max_size=4),
)


@FUZZ
@given(table=st.dictionaries(st.one_of(question_ids, keys), answer_values, max_size=8),
       extra=st.dictionaries(keys, toml_values, max_size=2))
def test_random_answers_raise_only_answers_error(table: dict, extra: dict) -> None:
    try:
        answers = parse_answers({"answers": table, **extra}, RULESET)
    except AnswersError as error:
        assert error.problems
    else:
        assert set(answers) == set(table) and not extra


@FUZZ
@given(content=st.one_of(st.binary(max_size=200), documents.map(lambda d: tomli_w.dumps(d).encode()),
                         st.dictionaries(question_ids, answer_values, max_size=6).map(
                             lambda t: tomli_w.dumps({"answers": t}).encode())))
def test_cli_maps_any_answers_file_to_an_exit_status(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answers.toml"
        path.write_bytes(content)
        try:
            read_answers(path, RULESET)
            reader_ok = True
        except AnswersError:
            reader_ok = False
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["decide", "--answers", str(path), "--rules", str(RULES_DIR), "--json"])
        if reader_ok:
            assert status in (0, 3) and err.getvalue() == ""
        else:
            assert status == 2 and out.getvalue() == ""
            assert err.getvalue().strip() and "Traceback" not in err.getvalue()
