"""Names the FHIR exports share: canonical URLs, code systems, extension URLs, stable ids.

The app has no web home of its own yet, so its canonical URLs live under `CANONICAL`, a reserved
`.example` name (RFC 2606): they identify, they need not resolve. Change it in one place here.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from triage_tui.core.rules.ruleset import Choice, Question, RuleSet

CANONICAL = "https://triage-tui.example/fhir"

# Standard (FHIR core) extensions.
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
OPTION_EXCLUSIVE = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"

# This app's own extensions and code systems.
ASK_WHEN_NOT_EXPRESSED = f"{CANONICAL}/StructureDefinition/ask-when-not-expressed"
"""On an item whose `ask_when` FHIR `enableWhen` cannot say: the rule file's condition, in text."""
COUNTS_AS = f"{CANONICAL}/StructureDefinition/counts-as"
"""On a number question's choice (e.g. "Not sure"): the number the rules count it as."""
RULES_HASH = f"{CANONICAL}/StructureDefinition/rules-sha256"
"""The sha256 of the rule files that decided (see `core.loader.content_hash`)."""
REFER_URGENCY = f"{CANONICAL}/StructureDefinition/refer-urgency"
RULES_HASH_SYSTEM = f"{CANONICAL}/rules-sha256"
RULE_SET_SYSTEM = f"{CANONICAL}/CodeSystem/rule-set"
OUTCOME_SYSTEM = f"{CANONICAL}/CodeSystem/outcome"
RULE_SYSTEM = f"{CANONICAL}/CodeSystem/rule"
"""A rule's (or adjustment's) id in the rule set, as the code of a RiskAssessment.reasonCode."""
TABLE_ITEM_SYSTEM = f"{CANONICAL}/CodeSystem/decision-table-item"

CHOICE_SUFFIX = ".choice"
"""linkId suffix of the companion item that holds a number question's choice ("Not sure")."""
COMPANION_TEXT = "Or, instead of a number:"


def slug(text: str) -> str:
    """`triage-tui default rules` -> `triage-tui-default-rules` (a valid FHIR id, at most 64)."""
    return (re.sub(r"[^A-Za-z0-9.]+", "-", text).strip("-.") or "rules")[:64]


def computable_name(text: str) -> str:
    """`triage-tui default rules` -> `TriageTuiDefaultRules` (Questionnaire.name)."""
    name = "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", text))
    return name if name[:1].isalpha() else f"Rules{name}"


def questionnaire_url(ruleset: RuleSet) -> str:
    return f"{CANONICAL}/Questionnaire/{slug(ruleset.name)}"


def canonical_version(version: str, rules_hash: str) -> str:
    """The rules' own version plus the start of their hash: a clinic can tell two rule sets
    apart even when someone edited the rules without changing the version."""
    return f"{version}+{rules_hash[:12]}" if rules_hash else version


def choice_system(question_id: str) -> str:
    """Each question's choices are their own small code system (`yes` means something different
    in every question)."""
    return f"{CANONICAL}/CodeSystem/{question_id}"


def choice_coding(question: Question, choice_id: str) -> dict[str, Any]:
    choice = question.choice(choice_id)
    coding: dict[str, Any] = {"system": choice_system(question.id), "code": choice_id}
    if choice is not None:
        coding["display"] = choice_label(choice, question.unit)
    return coding


def has_number_choices(question: Question) -> bool:
    """A number question with choices ("Not sure", "I don't know"): those go in a companion item."""
    return question.type == "number" and bool(question.choices)


def choice_link(question: Question) -> str:
    """The linkId that holds the question's choices: the item itself, or its companion."""
    return question.id + CHOICE_SUFFIX if has_number_choices(question) else question.id


def choice_label(choice: Choice, unit: str) -> str:
    if choice.number is None:
        return choice.label
    return f"{choice.label} (counted as {choice.number} {unit})".replace("  ", " ").replace(" )", ")")


def stable_uuid(*parts: str) -> str:
    """The same export of the same screening gets the same ids (uuid5, not random)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "|".join((CANONICAL, *parts))))
