"""`rules check` costs time linear in the rule set, however many problems it reports (issue 11,
item 8): each rule file is read once, line lookup indexes a file once, and did-you-mean hints do
not compare every unknown id with every known one.

No wall-clock timing: the work is counted. File reads are counted with an audit hook; the rest
as the Python lines run in the checking code (and in difflib, where did-you-mean compares
strings), for rule sets with 0, N and 4N extra problems. Linear work gives about 4x more
counted lines for 4N than for N beyond the fixed cost of the shipped rules; quadratic gives 16x.
"""

from __future__ import annotations

import difflib
import shutil
import sys
from pathlib import Path

from support import copy_rules
from triage_tui.cli import main
from triage_tui.core.rules import locate
from triage_tui.core.rules.hints import Hints

_OPENS: list[str] = []
_COUNTING = [False]


def _audit(event: str, args: tuple) -> None:
    if event == "open" and _COUNTING[0] and isinstance(args[0], (str, bytes, Path)):
        _OPENS.append(str(args[0] if not isinstance(args[0], bytes) else args[0].decode()))


sys.addaudithook(_audit)  # audit hooks cannot be removed; this one only records while counting


def never_firing(count: int) -> str:
    """`count` rules that can never fire (age at least 70 and under 60): one lint problem each."""
    return "".join(
        f'\n[[rule]]\nid = "never_{i}"\n'
        f'when.all = [{{ item = "age_years", gte = 70 }}, {{ item = "age_years", lt = 60 }}]\n'
        f'outcome = "advisory"\nmessage = "Never shown."\nsource = "Test [S0]."\nwhy = "Never shown."\n'
        for i in range(count)
    )


def misspelt_instead(count: int) -> str:
    """An adjustment whose `instead` names `count` rules that do not exist (each a typo of one
    of the `never_firing` rules): one crosscheck problem, with a did-you-mean hint, each."""
    lines = "".join(f'instead.nevr_{i} = "Never shown."\n' for i in range(count))
    return ('\n[[adjustment]]\nid = "never_adjusted"\nif_mods = ["short_holds"]\nremove = ["short_holds"]\n'
            f'message = "Never shown."\nsource = "Test [S0]."\nwhy = "Never shown."\n{lines}')


def rule_set(tmp_path: Path, name: str, extra: str) -> Path:
    folder = copy_rules(tmp_path / name)
    shutil.rmtree(folder / "cases", ignore_errors=True)  # only lint is measured: the cases would run at 0 problems only
    with (folder / "decisions.toml").open("a", encoding="utf-8") as out:
        out.write(extra)
    return folder


CHECKING_CODE = ("/triage_tui/", difflib.__file__)


def counted_check(folder: Path, capsys) -> tuple[int, int, list[str], list[str]]:
    """Exit status, Python lines run in the checking code, files opened, problem lines."""
    lines = [0]

    def tracer(frame, event, arg):  # noqa: ANN001, ANN202 - sys.settrace signature
        filename = frame.f_code.co_filename
        if not any(part in filename for part in CHECKING_CODE):
            return None

        def local(frame, event, arg):  # noqa: ANN001, ANN202
            if event == "line":
                lines[0] += 1
            return local
        return local

    locate._index.cache_clear()
    _OPENS.clear()
    previous = sys.gettrace()
    _COUNTING[0] = True
    sys.settrace(tracer)
    try:
        status = main(["rules", "check", str(folder)])
    finally:
        sys.settrace(previous)
        _COUNTING[0] = False
    opened = [p for p in _OPENS if p.startswith(str(folder))]
    return status, lines[0], opened, capsys.readouterr().err.splitlines()


def test_each_rule_file_is_read_once_however_many_problems(tmp_path, capsys) -> None:
    for count in (1, 40):
        folder = rule_set(tmp_path, f"n{count}", never_firing(count))
        status, _, opened, problems = counted_check(folder, capsys)
        assert status == 2 and len(problems) == count
        assert all("decisions.toml:" in line for line in problems)  # each located on its line
        assert sorted(opened) == sorted(set(opened)), f"a rule file was read more than once: {opened}"


def test_lint_problems_and_their_lines_cost_linear_work(tmp_path, capsys) -> None:
    n = 60
    costs = []
    for count in (0, n, 4 * n):
        folder = rule_set(tmp_path, f"lint{count}", never_firing(count))
        status, work, _, problems = counted_check(folder, capsys)
        assert (status, len(problems)) == ((0, 0) if count == 0 else (2, count))
        costs.append(work)
    base, small, large = costs
    growth = (large - base) / (small - base)
    assert growth < 6, f"4x the problems cost {growth:.1f}x the work (linear: about 4, quadratic: 16)"


def test_did_you_mean_and_line_lookup_cost_linear_work(tmp_path, capsys) -> None:
    """N unknown rule ids among N + 60 known ones: each gets its hint and its line."""
    n = 40
    costs = []
    for count in (0, n, 4 * n):
        extra = never_firing(count) + (misspelt_instead(count) if count else "")
        folder = rule_set(tmp_path, f"refs{count}", extra)
        status, work, _, problems = counted_check(folder, capsys)
        if count:
            assert status == 2 and len(problems) == count
            assert all("decisions.toml:" in line for line in problems)
            last = f"nevr_{count - 1}"
            assert any(f"unknown rule '{last}' (did you mean 'never_{count - 1}'?)" in line for line in problems)
        costs.append(work)
    base, small, large = costs
    growth = (large - base) / (small - base)
    assert growth < 6, f"4x the unknown ids cost {growth:.1f}x the work (linear: about 4, quadratic: 16)"


def test_hints_compare_a_bounded_number_of_options_per_word() -> None:
    options = [f"option_{i}" for i in range(1000)]
    hints = Hints(options)
    for i in range(500):
        assert hints(f"optoin_{i}") == f" (did you mean 'option_{i}'?)"
    assert hints.compared <= 32 * len(options) + 500 * 64
    assert hints("optoin_5") == hints("optoin_5")  # remembered, not compared again


def test_line_lookup_indexes_many_arrays_of_tables_in_linear_work() -> None:
    """Each `[[table]]` header restarts the count of the arrays inside it without scanning every
    array seen so far."""

    def work(count: int) -> int:
        text = "".join(f'[[list_{i}]]\nid = "x"\n[[list_{i}.inner]]\nid = "y"\n' for i in range(count))
        lines = [0]

        def tracer(frame, event, arg):  # noqa: ANN001, ANN202
            if frame.f_code.co_filename != locate.__file__:
                return None

            def local(frame, event, arg):  # noqa: ANN001, ANN202
                lines[0] += event == "line"
                return local
            return local

        locate._index.cache_clear()
        previous = sys.gettrace()
        sys.settrace(tracer)
        try:
            found = locate.find_line(text, ["list_" + str(count - 1), 0, "inner", 0, "id"])
        finally:
            sys.settrace(previous)
        assert found == 4 * count
        return lines[0]

    small, large = work(300), work(1200)
    assert large / small < 6, f"4x the tables cost {large / small:.1f}x the work"
