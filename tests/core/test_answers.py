"""Reading answers files: every kind of bad input is one clear line naming file, key, expectation."""

from __future__ import annotations

import pytest

from triage_tui.core.screening.answers import parse_answer, parse_number_text, read_answers
from triage_tui.core.errors import AnswersError

BAD = [
    # (what, the [answers] body, words expected in the message, key)
    ("unknown question", 'sadle_numbness = "no"', "unknown question id (did you mean 'saddle_numbness'?)",
     "answers.sadle_numbness"),
    ("unknown choice", 'saddle_numbness = "maybe"', "'maybe' is not a choice; expected one of: yes, no, unsure",
     "answers.saddle_numbness"),
    ("choice typo", 'injury_start = "small_fall"', "did you mean 'small_fall_or_strain'?", "answers.injury_start"),
    ("boolean instead of a choice", "saddle_numbness = true", "expected one of: yes, no, unsure; got true",
     "answers.saddle_numbness"),
    ("several where one is allowed", 'injury_start = ["no_injury", "unsure"]', "only one answer is allowed",
     "answers.injury_start"),
    ("none with others", 'bone_risk = ["none", "osteoporosis"]', "'none' cannot be combined", "answers.bone_risk"),
    ("neither with others", 'movement_pain = ["twisting", "neither"]', "'neither' cannot be combined",
     "answers.movement_pain"),
    ("empty multi", "bone_risk = []", "a list of one or more of", "answers.bone_risk"),
    ("unknown choice in a list", 'bone_risk = ["osteopenia"]', "'osteopenia' is not a choice", "answers.bone_risk"),
    ("number too big", "age_years = 121", "121 is out of range: expected a whole number from 0 to 120",
     "answers.age_years"),
    ("number too small", "pain_today = -1", "out of range", "answers.pain_today"),
    ("not a whole number", "pain_today = 6.5", "expected a whole number from 0 to 10", "answers.pain_today"),
    ("text for a number", 'age_years = "forty"', "expected a whole number from 0 to 120; got 'forty'",
     "answers.age_years"),
    ("wrong special answer", 'weeks_since_hip_replacement = "unsure"',
     "or one of: dont_know", "answers.weeks_since_hip_replacement"),
    ("table as a value", "age_years = { years = 4 }", "got a table", "answers.age_years"),
]


@pytest.mark.parametrize(("what", "body", "words", "key"), BAD, ids=[b[0] for b in BAD])
def test_bad_answers(tmp_path, ruleset, what, body, words, key) -> None:
    path = tmp_path / "answers.toml"
    path.write_text(f"# {what}\n[answers]\n{body}\n")
    with pytest.raises(AnswersError) as caught:
        read_answers(path, ruleset)
    (problem,) = caught.value.problems
    assert words in problem.message
    assert problem.key == key
    assert problem.line == 3
    assert str(problem).startswith(f"{path}:3: {key}: ")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"[answers\n", "not valid TOML"),
        (b"answers = 3\n", "expected a table [answers]"),
        (b"[answer]\nage_years = 3\n", "unknown table 'answer' (did you mean 'answers'?)"),
        (b"", "missing the [answers] table"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_bad_files(tmp_path, ruleset, content: bytes, words: str) -> None:
    path = tmp_path / "answers.toml"
    path.write_bytes(content)
    with pytest.raises(AnswersError) as caught:
        read_answers(path, ruleset)
    assert words in str(caught.value)


def test_missing_file_and_folder(tmp_path, ruleset) -> None:
    with pytest.raises(AnswersError, match="no such file"):
        read_answers(tmp_path / "nope.toml", ruleset)
    with pytest.raises(AnswersError, match="is a folder"):
        read_answers(tmp_path, ruleset)


def test_every_problem_is_listed(tmp_path, ruleset) -> None:
    path = tmp_path / "answers.toml"
    path.write_text('[answers]\nage_years = 500\nfoo = 1\nsaddle_numbness = "nah"\n')
    with pytest.raises(AnswersError) as caught:
        read_answers(path, ruleset)
    assert [p.key for p in caught.value.problems] == ["answers.age_years", "answers.foo", "answers.saddle_numbness"]


def test_accepted_forms(ruleset) -> None:
    q = ruleset.question_by_id
    assert parse_answer(q["bone_risk"], "osteoporosis") == ("osteoporosis",)  # one item for a list
    assert parse_answer(q["bone_risk"], ["unsure", "osteoporosis"]) == ("osteoporosis", "unsure")
    assert parse_answer(q["bone_risk"], ["osteoporosis", "osteoporosis"]) == ("osteoporosis",)
    assert parse_answer(q["age_years"], 40.0) == 40
    assert parse_answer(q["pain_duration_weeks"], "unsure") == "unsure"
    assert parse_answer(q["weeks_since_hip_replacement"], "dont_know") == "dont_know"


def test_typed_numbers(ruleset) -> None:
    age = ruleset.question_by_id["age_years"]
    assert parse_number_text(age, " 42 ") == 42
    for text, words in (("", "whole number"), ("4.5", "whole number"), ("abc", "whole number"),
                        ("999", "out of range"), ("-3", "out of range")):
        with pytest.raises(ValueError, match=words):
            parse_number_text(age, text)
    weeks = ruleset.question_by_id["pain_duration_weeks"]
    assert parse_number_text(weeks, "unsure") == "unsure"
