"""FHIR R4 exports (`triage_tui.fhir`): every output validates with `fhir.resources` (its R4B models,
the closest it ships to R4), and each `enableWhen` says exactly what the rule files' `ask_when` say.

`enableWhen` is checked by meaning, not by shape: a small evaluator of FHIR's enableWhen rules
(below, from the spec's operator definitions) is run against an evaluator of the rule files'
condition tables, read from the TOML itself, on every combination of answers that matters.
"""

from __future__ import annotations

import itertools
import json
import tomllib
from datetime import datetime, timezone
from typing import Any

import pytest

from support import RULES_DIR
from triage_tui.cli import main
from triage_tui.core.history.records import SavedScreening
from triage_tui.core.history.store import Store
from triage_tui.core.rules.conditions import All, Any_, Not
from triage_tui.core.rules.conditions import Test as Check
from triage_tui.core.screening.evaluator import decide
from triage_tui.core.screening.resolve import resolve, to_value
from triage_tui.fhir import codes
from triage_tui.fhir.enable_when import enable_when
from triage_tui.fhir.questionnaire import questionnaire, unexpressed
from triage_tui.fhir.response import _answer_items, response_bundle

R4B = pytest.importorskip("fhir.resources.R4B")
AT = datetime(2026, 3, 4, 9, 30, tzinfo=timezone.utc)

SCREENINGS = {
    "standard": {},
    "modified": {"surgery_types": ("hip_replacement", "lumbar_decompression"), "weeks_since_hip_replacement": 20,
                 "cleared_hip_replacement": "yes", "replaced_joint_symptoms": "none",
                 "weeks_since_lumbar_decompression": 200},
    "refer": {"cancer_history": "yes", "pain_duration_weeks": "unsure", "surgery_types": ("knee_replacement",),
              "weeks_since_knee_replacement": "dont_know", "replaced_joint_symptoms": "none",
              "bone_risk": ("osteoporosis", "unsure")},
    "urgent": {"saddle_numbness": "yes", "pregnancy_postpartum": "pregnant_16w_plus", "maternity_ok": "yes"},
}


def validate(resource: dict[str, Any]) -> None:
    """Through JSON text and back, then the R4B model of its type (raises if it does not fit)."""
    resource = json.loads(json.dumps(resource))
    R4B.get_fhir_model_class(resource["resourceType"]).model_validate(resource)


def walk(items: list[dict[str, Any]]):
    for item in items:
        yield item
        yield from walk(item.get("item", []))


# --- FHIR enableWhen, as the spec defines it ------------------------------------------------------


def fhir_enabled(item: dict[str, Any], answers: dict[str, list[Any]]) -> bool:
    """`answers`: linkId -> answer values (codes for codings, ints for integers)."""
    tests = item.get("enableWhen")
    if not tests:
        return True
    results = []
    for test in tests:
        given = answers.get(test["question"], [])
        operator = test["operator"]
        value = test.get("answerCoding", {}).get("code") if "answerCoding" in test else \
            test.get("answerInteger", test.get("answerBoolean"))
        if operator == "exists":
            results.append(bool(given) == value)
        elif operator == "=":
            results.append(any(a == value for a in given))
        elif operator == "!=":
            results.append(not any(a == value for a in given))  # "no answer has a value equal to"
        else:
            compare = {">": int.__gt__, ">=": int.__ge__, "<": int.__lt__, "<=": int.__le__}[operator]
            results.append(any(compare(a, value) for a in given))
    return all(results) if item.get("enableBehavior", "all") == "all" else any(results)


def fhir_answers(ruleset, answers: dict[str, Any]) -> dict[str, list[Any]]:
    """The answers as the exported QuestionnaireResponse items carry them."""
    found: dict[str, list[Any]] = {}
    for qid, answer in answers.items():
        for item in _answer_items(ruleset.question_by_id[qid], answer):
            found[item["linkId"]] = [a.get("valueCoding", {}).get("code", a.get("valueInteger")) for a in item["answer"]]
    return found


# --- the rule files' conditions, read from the TOML -----------------------------------------------


def raw_holds(cond: dict[str, Any], answers: dict[str, Any], ruleset) -> bool:
    if "all" in cond:
        return all(raw_holds(c, answers, ruleset) for c in cond["all"])
    if "any" in cond:
        return any(raw_holds(c, answers, ruleset) for c in cond["any"])
    if "not" in cond:
        return not raw_holds(cond["not"], answers, ruleset)
    question, answer = ruleset.question_by_id[cond["item"]], answers.get(cond["item"])
    if answer is None or cond.get("answered") is False:
        return answer is None and cond.get("answered") is False
    chosen = set(answer) if isinstance(answer, tuple) else {answer} if isinstance(answer, str) else set()
    number = answer if isinstance(answer, int) else getattr(question.choice(answer), "number", None) \
        if isinstance(answer, str) else None
    checks = [("in", lambda v: bool(chosen & set(v))), ("not_in", lambda v: not chosen & set(v)),
              ("contains", lambda v: set(v) <= chosen),
              ("gte", lambda v: number is not None and number >= v), ("gt", lambda v: number is not None and number > v),
              ("lt", lambda v: number is not None and number < v), ("lte", lambda v: number is not None and number <= v)]
    return all(check(cond[key]) for key, check in checks if key in cond)


def candidates(question, numbers: set[int]) -> list[Any]:
    """Answers worth trying for one question: none, each choice, pairs of choices, numbers at and
    beside each threshold."""
    ids = list(question.choice_ids)
    if question.type == "multi":
        return [None] + [tuple(c) for n in (1, 2) for c in itertools.combinations(ids, n)]
    if question.type == "choice":
        return [None, *ids]
    edges = {n + d for n in numbers for d in (-1, 0, 1)} | {question.min or 0, question.max or 0}
    return [None, *ids, *sorted(e for e in edges if (question.min or 0) <= e <= (question.max or 10**6))]


def numbers_in(condition) -> set[int]:
    return {getattr(t, f) for t in condition.tests() for f in ("gte", "gt", "lt", "lte") if getattr(t, f) is not None}


def answer_sets(ruleset, condition):
    items = list(dict.fromkeys(t.item for t in condition.tests()))
    options = [candidates(ruleset.question_by_id[i], numbers_in(condition)) for i in items]
    for combo in itertools.product(*options):
        yield {i: a for i, a in zip(items, combo) if a is not None}


def assert_same_meaning(ruleset, condition, item: dict[str, Any], raw: dict[str, Any] | None = None) -> int:
    tried = 0
    for answers in answer_sets(ruleset, condition):
        values = {i: to_value(ruleset.question_by_id[i], a) for i, a in answers.items()}
        expected = condition.holds(values)
        if raw is not None:
            assert raw_holds(raw, answers, ruleset) == expected, (item["linkId"], answers)
        assert fhir_enabled(item, fhir_answers(ruleset, answers)) == expected, (item["linkId"], answers)
        tried += 1
    return tried


# --- the Questionnaire ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped(ruleset) -> dict[str, Any]:
    return questionnaire(ruleset)


def test_the_questionnaire_validates_and_keeps_every_question(ruleset, shipped) -> None:
    validate(shipped)
    items = {item["linkId"]: item for item in walk(shipped["item"])}
    assert len(items) == len(list(walk(shipped["item"])))  # linkIds are unique
    assert shipped["version"] == f"{ruleset.version}+{ruleset.short_hash}"
    assert shipped["identifier"] == [{"system": codes.RULES_HASH_SYSTEM, "value": ruleset.hash}]
    assert [g["linkId"] for g in shipped["item"]] == list(dict.fromkeys(q.section for q in ruleset.questions))
    for group in shipped["item"]:
        assert group["type"] == "group" and group["item"]
        asked = [i["linkId"] for i in group["item"] if i["type"] != "display" and i["linkId"] in ruleset.question_by_id]
        assert asked == [q.id for q in ruleset.questions if q.section == group["linkId"]]
    for q in ruleset.questions:
        item = items[q.id]
        companion = items.get(q.id + codes.CHOICE_SUFFIX)
        assert item["required"] is (not q.optional and companion is None)
        assert item.get("repeats", False) is (q.type == "multi")
        if q.type == "number":
            assert item["type"] == "integer"
            ext = {e["url"]: e for e in item["extension"]}
            assert ext[codes.MIN_VALUE]["valueInteger"] == q.min and ext[codes.MAX_VALUE]["valueInteger"] == q.max
            assert (companion is not None) is bool(q.choices)
            options = companion["answerOption"] if companion else []
        else:
            assert item["type"] == "choice" and companion is None
            options = item["answerOption"]
        assert [o["valueCoding"]["code"] for o in options] == list(q.choice_ids)
        for option, choice in zip(options, q.choices):
            exclusive = {e["url"]: e["valueBoolean"] for e in option.get("extension", []) if "valueBoolean" in e}
            assert exclusive.get(codes.OPTION_EXCLUSIVE, False) is choice.exclusive
        if q.ask_when is None:
            assert "enableWhen" not in item


def test_every_enable_when_is_well_formed(ruleset, shipped) -> None:
    items = {item["linkId"]: item for item in walk(shipped["item"])}
    order = list(items)
    for item in items.values():
        tests = item.get("enableWhen", [])
        assert ("enableBehavior" in item) is (len(tests) > 1)  # que-12
        for test in tests:
            target = items[test["question"]]
            assert order.index(test["question"]) < order.index(item["linkId"])  # asked before
            if "answerCoding" in test:
                assert target["type"] == "choice"
                assert test["answerCoding"] in [o["valueCoding"] for o in target["answerOption"]]
            elif "answerInteger" in test:
                assert target["type"] == "integer"
            else:
                assert test["operator"] == "exists"


def test_each_enable_when_mirrors_the_rule_files(ruleset, shipped) -> None:
    """Walk the rule files: `ask_when` in questions.toml, and the surgery table's generated
    follow-ups (weeks asked when the operation is chosen; cleared inside the clearance window)."""
    items = {item["linkId"]: item for item in walk(shipped["item"])}
    raw: dict[str, dict[str, Any]] = {}
    for q in tomllib.loads((RULES_DIR / "questions.toml").read_text())["question"]:
        if "ask_when" in q:
            raw[q["id"]] = q["ask_when"]
    surgery = tomllib.loads((RULES_DIR / "surgery.toml").read_text())
    for row in surgery["surgery"]:
        if row.get("always_refer") or row.get("refer_below_weeks") is None:
            continue
        chosen = {"item": surgery["question"], "contains": [row["id"]]}
        window = [{"item": f"weeks_since_{row['id']}", "gte": row["refer_below_weeks"]}]
        if row.get("no_effect_from_weeks") is not None:
            window.append({"item": f"weeks_since_{row['id']}", "lt": row["no_effect_from_weeks"]})
        raw[f"weeks_since_{row['id']}"] = chosen
        raw[f"cleared_{row['id']}"] = {"all": [chosen, *window]}
    assert set(raw) == {q.id for q in ruleset.questions if q.ask_when is not None}
    tried = 0
    for qid, condition in raw.items():
        question = ruleset.question_by_id[qid]
        for link in {qid, codes.choice_link(question)}:
            assert "enableWhen" in items[link], link
            tried += assert_same_meaning(ruleset, question.ask_when, items[link], condition)
    assert tried > 1000
    assert unexpressed(ruleset) == []


CONDITIONS = {
    "not in": Not(Check("pregnancy_postpartum", in_=frozenset({"pregnant_under_16w", "pregnant_16w_plus"}))),
    "not gte": Not(Check("age_years", gte=16)),
    "not_in multi": Check("bone_risk", not_in=frozenset({"none", "unsure"})),
    "any": Any_((Check("cancer_history", in_=frozenset({"yes"})), Check("pain_today", gt=7))),
    "answered": Check("inflammatory_pattern", answered=False),
    "number choice": Check("pain_duration_weeks", in_=frozenset({"unsure"})),
    "number and range": All((Check("pain_duration_weeks", gte=4, lte=12), Check("pain_trend", not_in=frozenset({"better"})))),
    "not all": Not(All((Check("cancer_history", in_=frozenset({"yes"})), Check("pain_today", lt=3)))),
}


@pytest.mark.parametrize("name", CONDITIONS)
def test_conditions_fhir_can_say_are_said_exactly(ruleset, name) -> None:
    condition = CONDITIONS[name]
    mapped = enable_when(condition, ruleset.question_by_id)
    assert mapped is not None
    item = {"linkId": "x", "enableWhen": list(mapped.tests)}
    if mapped.behavior:
        item["enableBehavior"] = mapped.behavior
    assert assert_same_meaning(ruleset, condition, item) > 3


def test_a_condition_fhir_cannot_say_is_carried_in_words(ruleset) -> None:
    either = Any_((All((Check("cancer_history", in_=frozenset({"yes"})), Check("pain_today", gte=5))),
                   Check("weight_loss", in_=frozenset({"yes"}))))
    assert enable_when(either, ruleset.question_by_id) is None
    changed = [q._replace(ask_when=either) if q.id == "maternity_ok" else q for q in ruleset.questions]
    rules = ruleset._replace(questions=tuple(changed), question_by_id={q.id: q for q in changed})
    resource = questionnaire(rules)
    validate(resource)
    item = next(i for i in walk(resource["item"]) if i["linkId"] == "maternity_ok")
    assert "enableWhen" not in item
    [note] = [e["valueString"] for e in item["extension"] if e["url"] == codes.ASK_WHEN_NOT_EXPRESSED]
    assert "cancer_history" in note and "weight_loss" in note and "gte = 5" in note
    assert [qid for qid, _ in unexpressed(rules)] == ["maternity_ok"]


# --- the responses --------------------------------------------------------------------------------


def saved(ruleset, benign, name: str) -> SavedScreening:
    answers = {**benign, **SCREENINGS[name]}
    decision = decide(ruleset, answers)
    assert decision.outcome == name
    return SavedScreening.from_decision(decision, answers, AT)


@pytest.mark.parametrize("name", SCREENINGS)
def test_each_screening_exports_as_a_valid_bundle(ruleset, benign, shipped, name) -> None:
    screening = saved(ruleset, benign, name)
    bundle = response_bundle(ruleset, screening, AT)
    validate(bundle)
    assert bundle["type"] == "collection"
    [response, assessment] = [entry["resource"] for entry in bundle["entry"]]
    validate(response)
    validate(assessment)
    assert response_bundle(ruleset, screening, AT) == bundle  # stable ids

    # The response answers the shipped Questionnaire, by its version, and only where enabled.
    assert response["questionnaire"] == f"{shipped['url']}|{shipped['version']}"
    items = {item["linkId"]: item for item in walk(shipped["item"])}
    answered = {item["linkId"]: item for group in response["item"] for item in group["item"]}
    values = {link: [a.get("valueCoding", {}).get("code", a.get("valueInteger")) for a in item["answer"]]
              for link, item in answered.items()}
    for link, item in answered.items():
        target = items[link]
        assert item["text"] == target["text"]
        assert fhir_enabled(target, values), link
        if target["type"] == "choice":
            codings = [o["valueCoding"] for o in target["answerOption"]]
            assert all(a["valueCoding"] in codings for a in item["answer"])
            assert len(item["answer"]) == 1 or target.get("repeats")
        else:
            assert all(isinstance(a["valueInteger"], int) for a in item["answer"])
    for link, target in items.items():
        if target.get("required") and fhir_enabled(target, values):
            assert link in answered, link  # every enabled, required item is answered
    assert set(answered) >= set(resolve(ruleset, screening.answers).given)

    # The decision, its reasons and the rules that made it.
    assert assessment["basis"] == [{"reference": bundle["entry"][0]["fullUrl"]}]
    assert assessment["method"]["coding"][0]["code"] == ruleset.hash
    assert assessment["method"]["coding"][0]["version"] == ruleset.version
    assert assessment["prediction"][0]["outcome"]["coding"][0]["code"] == name
    urgency = [e["valueCode"] for e in assessment["extension"] if e["url"] == codes.REFER_URGENCY]
    assert urgency == ([screening.urgency] if screening.urgency else [])
    notes = " ".join(n["text"] for n in assessment.get("note", []))
    assert all(rule in notes for rule, _ in screening.reasons)
    for mod in screening.modifications:
        assert mod in assessment["mitigation"]


def test_a_number_answered_with_a_choice_keeps_both(ruleset, benign) -> None:
    bundle = response_bundle(ruleset, saved(ruleset, benign, "refer"), AT)
    answered = {i["linkId"]: i["answer"] for g in bundle["entry"][0]["resource"]["item"] for i in g["item"]}
    assert answered["pain_duration_weeks"] == [{"valueInteger": 6}]
    assert answered["pain_duration_weeks.choice"][0]["valueCoding"]["code"] == "unsure"
    assert answered["weeks_since_knee_replacement"] == [{"valueInteger": 0}]
    assert "cleared_knee_replacement" not in answered  # not asked: weeks unknown count as recent


# --- the command ----------------------------------------------------------------------------------


def test_export_fhir_through_the_command_line(tmp_path, capsys, ruleset, benign) -> None:
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "export", "--fhir", "response", "--out", "-"]) == 1
    assert "No screening saved yet" in capsys.readouterr().err
    Store(tmp_path / "data").save_screening(saved(ruleset, benign, "modified"))

    assert main(["--data-dir", data, "export", "--fhir", "response", "--out", "-"]) == 0
    bundle = json.loads(capsys.readouterr().out)
    validate(bundle)
    assert bundle["entry"][1]["resource"]["prediction"][0]["outcome"]["coding"][0]["code"] == "modified"

    out = tmp_path / "questionnaire.json"
    assert main(["--data-dir", data, "export", "--fhir", "questionnaire", "--out", str(out)]) == 0
    assert json.loads(out.read_text()) == questionnaire(ruleset)
    assert main(["--data-dir", data, "export", "--fhir", "questionnaire", "--out", str(out)]) == 2  # never overwrites
    assert "already exists" in capsys.readouterr().err


def test_a_screening_decided_with_a_clearance_says_so_and_validates(ruleset, benign) -> None:
    """A refer reason a clinician cleared is left out of the decision: the RiskAssessment notes it."""
    answers = {**benign, "cancer_history": "yes"}
    screening = SavedScreening.from_decision(decide(ruleset, benign), answers, AT)._replace(cleared=("cancer_history",))
    bundle = response_bundle(ruleset, screening, AT)
    validate(bundle)
    [_, assessment] = [entry["resource"] for entry in bundle["entry"]]
    assert any("cancer_history" in n["text"] and "clinician cleared" in n["text"] for n in assessment["note"])
