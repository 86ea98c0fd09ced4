"""Progress says what is known: "about N left" from the questions that can still be asked.

Table-driven over the shipped rules: each row walks a whole screening and checks what every
question page would show. The estimate never reaches 0 before the last question, only grows
when the answer just given adds follow-ups, and a section's total, once shown, never changes.
"""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from support import DATA, RULES_DIR
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.screening.questionnaire import Questionnaire

RULESET = load_rules(RULES_DIR, use_cache=False)
BENIGN = {k: tuple(v) if isinstance(v, list) else v
          for k, v in tomllib.loads((DATA / "answers" / "all_no.toml").read_text())["answers"].items()}


def walk(answers: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(question id, progress, still to ask) for each question asked, answering from `answers`
    (a missing answer skips an optional question)."""
    state = Questionnaire.start(RULESET)
    seen = []
    while not state.finished:
        question = state.current
        assert question is not None
        seen.append((question.id, state.progress(), state.still_to_ask()))
        state = state.answer(answers[question.id]) if question.id in answers else state.skip()
    return seen


ROWS = [
    # everything benign: 27 questions, the count goes down by one each time
    pytest.param(BENIGN, 27, id="benign"),
    # the optional pregnancy question skipped: one fewer
    pytest.param({k: v for k, v in BENIGN.items() if k != "pregnancy_postpartum"}, 27, id="pregnancy-skipped"),
    # a hip replacement 20 weeks ago, cleared: weeks, cleared, and the replaced-joint question
    pytest.param({**BENIGN, "surgery_types": ("hip_replacement",), "weeks_since_hip_replacement": 20,
                  "cleared_hip_replacement": "yes", "replaced_joint_symptoms": "none"}, 30, id="hip-cleared"),
    # two operations, one recent (no "cleared" question for it) and one long ago
    pytest.param({**BENIGN, "surgery_types": ("knee_replacement", "abdominal_surgery"),
                  "weeks_since_knee_replacement": 4, "weeks_since_abdominal_surgery": 200,
                  "replaced_joint_symptoms": "none"}, 30, id="two-operations"),
    # pregnant: the midwife question follows
    pytest.param({**BENIGN, "pregnancy_postpartum": "pregnant_16w_plus", "maternity_ok": "yes"}, 28, id="pregnant"),
]


@pytest.mark.parametrize(("answers", "asked"), ROWS)
def test_the_estimate_never_runs_out_early(answers, asked) -> None:
    seen = walk(answers)
    assert len(seen) == asked
    for position, (qid, progress, still) in enumerate(seen):
        actual_left = len(seen) - position - 1
        if actual_left:
            assert progress.left >= 1, qid  # never 0 left before the last question
        else:
            assert not still.certain, qid  # on the last one nothing more is certain
        assert progress.left == still.estimate
        assert set(still.certain) | set(still.possible) >= {q for q, _, _ in seen[position + 1:]}, qid


@pytest.mark.parametrize(("answers", "asked"), ROWS)
def test_the_estimate_grows_only_when_an_answer_adds_questions(answers, asked) -> None:
    seen = walk(answers)
    for (qid, before, was), (next_qid, after, now) in zip(seen, seen[1:]):
        added = ({next_qid} | set(now.certain)) - set(was.certain)
        if not added:
            assert after.left <= before.left - 1 or (after.left == before.left == 1 and not now.certain), qid
        assert after.left <= before.left - 1 + len(added), qid


def test_benign_counts_down_by_one() -> None:
    lefts = [p.left for _, p, _ in walk(BENIGN)]
    assert lefts[0] == 27  # 26 certain after the first, and follow-ups may come
    assert lefts == list(range(27, 0, -1))


@pytest.mark.parametrize(("answers", "asked"), ROWS)
def test_a_section_total_once_shown_stays(answers, asked) -> None:
    shown: dict[str, int] = {}
    for qid, progress, _ in walk(answers):
        if progress.section_settled:
            total = shown.setdefault(progress.section_title, progress.section_total)
            assert total == progress.section_total, qid


@pytest.mark.parametrize(("qid", "settled"), [
    ("saddle_numbness", True),  # fifteen warning signs, no follow-ups
    ("surgery_types", False),  # operations: follow-ups depend on this answer
    ("pregnancy_postpartum", False),  # the midwife question may follow
])
def test_which_sections_are_settled(qid, settled) -> None:
    progress = {q: p for q, p, _ in walk(BENIGN)}[qid]
    assert progress.section_settled is settled


def test_a_quick_check_counts_only_its_own_questions() -> None:
    scope = frozenset(q.id for q in RULESET.questions if q.recheck)
    state = Questionnaire.start(RULESET, BENIGN, scope)
    assert state.still_to_ask().estimate == len(scope) - 1
    assert not state.still_to_ask().possible
