"""The rule set as a FHIR R4 `Questionnaire`, from the compiled rules (`core.rules.ruleset`).

- Each section is a `group` item, its intro a `display` item; questions keep the asking order.
- `choice` questions are `choice` items with `answerOption` codings (one code system per
  question, `codes.choice_system`); `multi` ones also `repeats: true`, and a choice that rules
  out the others ("None of these") carries the standard `questionnaire-optionExclusive`.
- `number` questions are `integer` items with the standard `minValue` / `maxValue` extensions
  and `questionnaire-unit`. Their choices ("Not sure", counted as 6 weeks) go in a companion
  `choice` item (`<id>.choice`); neither of the two is then `required` on its own, since either
  one answers the question (FHIR R4 has no "one of these two" in the core).
- `required` is `not optional`; FHIR applies it only while the item is enabled, as the app does.
- `ask_when` becomes `enableWhen` / `enableBehavior` (`enable_when.py`). A condition FHIR
  cannot say keeps no `enableWhen` (the item is then always asked: the safe side) and carries the
  rule file's condition in the `ask-when-not-expressed` extension; `unexpressed` lists them.
- The help text is a `display` child with the standard `help` item control.
"""

from __future__ import annotations

from typing import Any

from triage_tui.core.rules.ruleset import Question, RuleSet
from triage_tui.fhir import codes
from triage_tui.fhir.enable_when import describe, enable_when


def questionnaire(ruleset: RuleSet) -> dict[str, Any]:
    """The whole rule set's questions as one Questionnaire resource (JSON-ready dict)."""
    resource: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "id": codes.slug(ruleset.name),
        "url": codes.questionnaire_url(ruleset),
        "identifier": [{"system": codes.RULES_HASH_SYSTEM, "value": ruleset.hash}],
        "version": codes.canonical_version(ruleset.version, ruleset.hash),
        "name": codes.computable_name(ruleset.name),
        "title": ruleset.name,
        "status": "active",
        "subjectType": ["Patient"],
    }
    if ruleset.description:
        resource["description"] = ruleset.description
    resource["item"] = [_group(ruleset, section_id, questions) for section_id, questions in _sections(ruleset)]
    return resource


def unexpressed(ruleset: RuleSet) -> list[tuple[str, str]]:
    """(question id, condition in words) for each `ask_when` FHIR `enableWhen` cannot express."""
    return [(q.id, describe(q.ask_when)) for q in ruleset.questions
            if q.ask_when is not None and enable_when(q.ask_when, ruleset.question_by_id) is None]


def _sections(ruleset: RuleSet) -> list[tuple[str, list[Question]]]:
    """Questions by section, sections in the order their first question is asked."""
    grouped: dict[str, list[Question]] = {}
    for question in ruleset.questions:
        grouped.setdefault(question.section, []).append(question)
    return list(grouped.items())


def _group(ruleset: RuleSet, section_id: str, questions: list[Question]) -> dict[str, Any]:
    section = ruleset.section_by_id.get(section_id)
    group: dict[str, Any] = {"linkId": section_id, "type": "group", "text": section.title if section else section_id}
    items: list[dict[str, Any]] = []
    if section is not None and section.intro:
        items.append({"linkId": f"{section_id}.intro", "type": "display", "text": section.intro})
    for question in questions:
        items.extend(_question_items(ruleset, question))
    group["item"] = items
    return group


def _question_items(ruleset: RuleSet, q: Question) -> list[dict[str, Any]]:
    """The item of one question, and its companion choice item for a number with choices."""
    companion = codes.has_number_choices(q)
    item: dict[str, Any] = {"linkId": q.id}
    extensions: list[dict[str, Any]] = []
    if q.item:
        item["code"] = [{"system": codes.TABLE_ITEM_SYSTEM, "code": q.item, "display": q.short or q.id}]
    item["text"] = q.text
    if q.type == "number":
        item["type"] = "integer"
        if q.min is not None:
            extensions.append({"url": codes.MIN_VALUE, "valueInteger": q.min})
        if q.max is not None:
            extensions.append({"url": codes.MAX_VALUE, "valueInteger": q.max})
        if q.unit:
            extensions.append({"url": codes.UNIT, "valueCoding": {"display": q.unit}})
    else:
        item["type"] = "choice"
    conditions = _conditions(ruleset, q)
    extensions.extend(conditions.pop("extension", []))
    if extensions:
        item["extension"] = extensions
    item.update(conditions)
    item["required"] = not q.optional and not companion
    if q.type == "multi":
        item["repeats"] = True
    if q.type != "number":
        item["answerOption"] = [_option(q, c.id) for c in q.choices]
    if q.help:
        item["item"] = [{
            "linkId": f"{q.id}.help",
            "type": "display",
            "text": q.help,
            "extension": [{"url": codes.ITEM_CONTROL, "valueCodeableConcept": {
                "coding": [{"system": codes.ITEM_CONTROL_SYSTEM, "code": "help", "display": "Help-Button"}]}}],
        }]
    if not companion:
        return [item]
    choices: dict[str, Any] = {
        "linkId": codes.choice_link(q),
        "text": codes.COMPANION_TEXT,
        "type": "choice",
        **_conditions(ruleset, q),
        "required": False,
        "answerOption": [_option(q, c.id) for c in q.choices],
    }
    return [item, choices]


def _conditions(ruleset: RuleSet, q: Question) -> dict[str, Any]:
    """`enableWhen` and `enableBehavior`, or the `ask-when-not-expressed` extension."""
    if q.ask_when is None:
        return {}
    mapped = enable_when(q.ask_when, ruleset.question_by_id)
    if mapped is None:
        return {"extension": [{"url": codes.ASK_WHEN_NOT_EXPRESSED, "valueString":
                               "Ask only when (FHIR enableWhen cannot express this; the item is always "
                               f"enabled here): {describe(q.ask_when)}"}]}
    found: dict[str, Any] = {"enableWhen": list(mapped.tests)}
    if mapped.behavior is not None:
        found["enableBehavior"] = mapped.behavior
    return found


def _option(q: Question, choice_id: str) -> dict[str, Any]:
    choice = q.choice(choice_id)
    coding = codes.choice_coding(q, choice_id)
    option: dict[str, Any] = {}
    extensions = []
    if choice is not None and choice.exclusive:
        extensions.append({"url": codes.OPTION_EXCLUSIVE, "valueBoolean": True})
    if choice is not None and choice.number is not None:
        extensions.append({"url": codes.COUNTS_AS, "valueInteger": choice.number})
    if extensions:
        option["extension"] = extensions
    option["valueCoding"] = coding
    return option
