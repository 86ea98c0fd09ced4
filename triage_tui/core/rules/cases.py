"""Cases as data: read and check `cases/*.toml` beside a rule set.

A case is a set of answers (the same table `triage-tui decide --answers` reads) and what the rules
must decide for it: the outcome, the urgency (for `refer`), the changes to the stretch and,
optionally, rules that must fire. A case may start `from` another case's answers and list only
what differs, so one complete "all clear" case can anchor the rest.

    [[case]]
    id = "saddle_numbness_yes"
    description = "New numbness around the bottom: emergency care now."
    from = "all_clear"
    answers = { saddle_numbness = "yes" }
    expect = { outcome = "urgent", fires = ["ces_saddle"] }

Every problem is a `Problem` naming the file, the case and the key, with the line where it can be
found; all of them are raised together as one `RulesError`.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from triage_tui.core.errors import Problem, RulesError, did_you_mean
from triage_tui.core.limits import RULE_FILE_CAP, FileLimitError, check_toml_text, read_capped, safe_text
from triage_tui.core.rules.locate import find_line, format_key, toml_problem
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.screening.answers import parse_answer
from triage_tui.core.screening.resolve import Answer

CASES_FOLDER = "cases"
OUTCOMES = ("urgent", "refer", "modified", "standard", "incomplete")
URGENCIES = ("same_day", "soon", "routine")
CASE_KEYS = ("id", "description", "from", "answers", "expect")
EXPECT_KEYS = ("outcome", "urgency", "modifications", "fires")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class Expected:
    """What the rules must decide for a case."""

    outcome: str
    urgency: str | None = None
    modifications: frozenset[str] = frozenset()
    fires: tuple[str, ...] = ()
    """Rules that must be among those that fire (others may fire too)."""


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    description: str
    answers: Mapping[str, Answer]
    """The full answers, those of its `from` case included."""
    expect: Expected
    file: str
    line: int | None = None


def cases_folder(rules_folder: str | os.PathLike[str]) -> Path:
    """Where a rule set's cases live: `<rules folder>/cases`."""
    return Path(rules_folder) / CASES_FOLDER


def load_cases(folder: str | os.PathLike[str], ruleset: RuleSet) -> list[Case]:
    """Read and check every `*.toml` in `folder` (sorted by name) against `ruleset`.

    Raises:
        RulesError: one problem per thing wrong (no folder, no cases, bad TOML, unknown keys,
            answers that do not fit the questions, unknown rule or modification ids...).
    """
    root = Path(folder)
    if not root.is_dir():
        raise RulesError([Problem(str(root), "", "no cases folder (expected <rules>/cases/*.toml)")])
    paths = sorted(root.glob("*.toml"))
    if not paths:
        raise RulesError([Problem(str(root), "", "no case files (expected one or more *.toml files)")])
    reader = _Reader(ruleset)
    for path in paths:
        reader.read_file(path)
    cases = reader.resolve()
    if reader.problems:
        raise RulesError(reader.problems)
    return cases


@dataclass
class _Raw:
    id: str
    description: str
    base: str | None
    answers: dict[str, Answer]
    expect: Expected
    file: str
    key: str
    line: int | None
    text: str


class _Reader:
    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.problems: list[Problem] = []
        self.raw: dict[str, _Raw] = {}
        self.mods = {m.id for m in ruleset.modifications}
        self.rules = {r.id for r in ruleset.rules} | {a.id for a in ruleset.adjustments}

    def read_file(self, path: Path) -> None:
        name = str(path)
        try:
            text = read_capped(path, RULE_FILE_CAP).decode("utf-8")
        except FileLimitError as error:
            self.problems.append(Problem(name, "", f"could not read: {error.reason}"))
            return
        except UnicodeDecodeError as error:
            self.problems.append(Problem(name, "", f"not UTF-8 text (byte {error.start})"))
            return
        refused = check_toml_text(text)
        if refused is not None:
            self.problems.append(Problem(name, "", f"could not read: {refused}"))
            return
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            self.problems.append(toml_problem(name, error))
            return
        except (RecursionError, ValueError, MemoryError) as error:
            self.problems.append(Problem(name, "", f"could not read: {type(error).__name__}"))
            return
        for key in data:
            if key != "case":
                hint = did_you_mean(key, ["case"])
                self.problem(name, text, (key,), f"unknown key '{safe_text(key)}'{hint}; a case file holds only [[case]] tables")
        cases = data.get("case", [])
        if not isinstance(cases, list) or not all(isinstance(c, dict) for c in cases):
            self.problem(name, text, ("case",), "expected [[case]] tables")
            return
        if not cases:
            self.problem(name, text, (), "no [[case]] tables in this file")
        for index, table in enumerate(cases):
            self.read_case(name, text, index, table)

    def problem(self, file: str, text: str, loc: tuple[str | int, ...], message: str) -> None:
        self.problems.append(Problem(file, format_key(loc), message, find_line(text, loc) if loc else None))

    def read_case(self, file: str, text: str, index: int, table: dict[str, Any]) -> None:
        loc: tuple[str | int, ...] = ("case", index)
        before = len(self.problems)
        case_id = table.get("id")
        label = f"case '{safe_text(case_id)}'" if isinstance(case_id, str) else "this case"

        def bad(where: tuple[str | int, ...], message: str) -> None:
            self.problem(file, text, loc + where, f"{label}: {message}")

        for key in table:
            if key not in CASE_KEYS:
                bad((key,), f"unknown key '{safe_text(key)}'{did_you_mean(key, CASE_KEYS)}; expected: {', '.join(CASE_KEYS)}")
        if not isinstance(case_id, str) or not _ID.match(case_id):
            bad(("id",), "needs an id: lower-case letters, digits and _ (e.g. \"saddle_numbness_yes\")")
        elif case_id in self.raw:
            bad(("id",), f"duplicate id (also in {self.raw[case_id].file})")
        description = table.get("description")
        if not isinstance(description, str) or not description.strip() or "\n" in description:
            bad(("description",), "needs a description: one line saying what the case shows")
        base = table.get("from")
        if base is not None and not isinstance(base, str):
            bad(("from",), "expected the id of another case, as a string")
        answers = self.read_answers(table.get("answers", {}), bad)
        expect = self.read_expect(table.get("expect"), bad)
        if len(self.problems) == before and isinstance(case_id, str):
            self.raw[case_id] = _Raw(case_id, str(description), base, answers, expect, file,
                                     f"case[{index}]", find_line(text, loc), text)

    def read_answers(self, table: Any, bad: Any) -> dict[str, Answer]:
        if not isinstance(table, dict):
            bad(("answers",), "expected a table of question ids mapped to answers")
            return {}
        answers: dict[str, Answer] = {}
        for qid, raw in table.items():
            question = self.ruleset.question_by_id.get(qid)
            if question is None:
                bad(("answers", qid), f"unknown question id '{safe_text(qid)}'{did_you_mean(qid, self.ruleset.question_by_id)}")
                continue
            try:
                answers[qid] = parse_answer(question, raw)
            except ValueError as error:
                bad(("answers", qid), str(error))
        return answers

    def read_expect(self, table: Any, bad: Any) -> Expected:
        if not isinstance(table, dict):
            bad(("expect",), "needs an expect table, e.g. expect = { outcome = \"standard\" }")
            return Expected("standard")
        for key in table:
            if key not in EXPECT_KEYS:
                bad(("expect", key), f"unknown key '{safe_text(key)}'{did_you_mean(key, EXPECT_KEYS)}; expected: {', '.join(EXPECT_KEYS)}")
        outcome = table.get("outcome")
        if outcome not in OUTCOMES:
            bad(("expect", "outcome"), f"expected one of: {', '.join(OUTCOMES)}; got {safe_text(repr(outcome))}")
            outcome = "standard"
        urgency = table.get("urgency")
        if outcome == "refer" and urgency not in URGENCIES:
            bad(("expect", "urgency"), f"a refer case needs urgency, one of: {', '.join(URGENCIES)}")
        elif outcome != "refer" and urgency is not None:
            bad(("expect", "urgency"), f"only a refer case has an urgency (this one expects {outcome})")
        mods = self.id_list(table, "modifications", self.mods, "modification", bad)
        if outcome == "modified" and not mods:
            bad(("expect", "modifications"), "a modified case needs its modifications (the changes to the stretch)")
        elif outcome != "modified" and mods:
            bad(("expect", "modifications"), f"only a modified case has modifications (this one expects {outcome})")
        fires = self.id_list(table, "fires", self.rules, "rule", bad)
        return Expected(str(outcome), urgency if isinstance(urgency, str) else None, frozenset(mods), tuple(fires))

    def id_list(self, table: Mapping[str, Any], key: str, known: set[str], what: str, bad: Any) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            bad(("expect", key), f"expected a list of {what} ids")
            return []
        for item in value:
            if item not in known:
                bad(("expect", key), f"unknown {what} id '{safe_text(item)}'{did_you_mean(item, known)}")
        return [v for v in value if v in known]

    def resolve(self) -> list[Case]:
        """Each case's full answers, following `from` (a chain, never a loop)."""
        full: dict[str, dict[str, Answer] | None] = {}

        def answers_of(case: _Raw, seen: tuple[str, ...]) -> dict[str, Answer] | None:
            if case.id in full:
                return full[case.id]
            result: dict[str, Answer] | None = dict(case.answers)
            if case.base is not None:
                base = self.raw.get(case.base)
                if base is None:
                    hint = did_you_mean(case.base, self.raw)
                    self.problem(case.file, case.text, (*_loc(case.key), "from"),
                                 f"case '{case.id}': no case with id '{safe_text(case.base)}'{hint}")
                    result = None
                elif case.base in seen:
                    self.problem(case.file, case.text, (*_loc(case.key), "from"),
                                 f"case '{case.id}': 'from' goes round in a loop ({' -> '.join((*seen, case.base))})")
                    result = None
                else:
                    below = answers_of(base, (*seen, case.base))
                    result = None if below is None else {**below, **case.answers}
            full[case.id] = result
            return result

        out = []
        for case in self.raw.values():
            answers = answers_of(case, (case.id,))
            if answers is not None:
                out.append(Case(case.id, case.description, answers, case.expect, case.file, case.line))
        return out


def _loc(key: str) -> tuple[str | int, ...]:
    name, _, index = key.partition("[")
    return (name, int(index.rstrip("]")))
