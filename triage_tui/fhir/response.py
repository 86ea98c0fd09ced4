"""The latest saved screening as a FHIR R4 `Bundle` (type `collection`): its
`QuestionnaireResponse` and the decision as a `RiskAssessment` (`assessment.py` says why).

The response answers the Questionnaire of `questionnaire.py`, named by its canonical URL and
the version of the rules that decided (`version+hash`), with that hash in an extension as well.
Only answers the rules counted are included: those of questions enabled by the other answers
(`core.screening.resolve`), laid out by the rules in use. A number question answered with a
choice ("I don't know") carries the choice in its companion item and, in the integer item, the
number the rules count it as, exactly what `enableWhen` and the rules test.

Ids are stable (uuid5 of the rules hash and the screening's time): exporting the same screening
twice gives the same ids.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from triage_tui.core.history.records import SavedScreening
from triage_tui.core.rules.ruleset import Question, RuleSet
from triage_tui.core.screening.resolve import Answer, resolve
from triage_tui.fhir import codes
from triage_tui.fhir.assessment import risk_assessment


def response_bundle(ruleset: RuleSet, saved: SavedScreening, now: datetime) -> dict[str, Any]:
    """A collection Bundle: the QuestionnaireResponse, then the RiskAssessment based on it."""
    key = (saved.rules_hash, saved.at.isoformat())
    response_id = codes.stable_uuid("QuestionnaireResponse", *key)
    assessment_id = codes.stable_uuid("RiskAssessment", *key)
    response_url = f"urn:uuid:{response_id}"
    return {
        "resourceType": "Bundle",
        "id": codes.stable_uuid("Bundle", *key),
        "type": "collection",
        "timestamp": now.isoformat(timespec="seconds"),
        "entry": [
            {"fullUrl": response_url, "resource": questionnaire_response(ruleset, saved, response_id)},
            {"fullUrl": f"urn:uuid:{assessment_id}",
             "resource": risk_assessment(ruleset, saved, assessment_id, response_url)},
        ],
    }


def questionnaire_response(ruleset: RuleSet, saved: SavedScreening, response_id: str) -> dict[str, Any]:
    version = codes.canonical_version(saved.rules_version, saved.rules_hash)
    resolution = resolve(ruleset, saved.answers)
    groups: dict[str, list[dict[str, Any]]] = {}
    for question in resolution.enabled:
        answer = resolution.given.get(question.id)
        if answer is not None:
            groups.setdefault(question.section, []).extend(_answer_items(question, answer))
    items = []
    for section_id, answered in groups.items():
        section = ruleset.section_by_id.get(section_id)
        items.append({"linkId": section_id, "text": section.title if section else section_id, "item": answered})
    return {
        "resourceType": "QuestionnaireResponse",
        "id": response_id,
        "extension": [{"url": codes.RULES_HASH, "valueString": saved.rules_hash}],
        "questionnaire": f"{codes.questionnaire_url(ruleset)}|{version}",
        "status": "in-progress" if saved.outcome == "incomplete" else "completed",
        "authored": saved.at.isoformat(timespec="seconds"),
        "item": items,
    }


def export_notes(ruleset: RuleSet, saved: SavedScreening) -> list[str]:
    """What a person exporting should know: other rules decided, answers left out."""
    notes = []
    if saved.rules_hash != ruleset.hash:
        notes.append(f"this screening was decided by other rules ({saved.rules_version}, "
                     f"{saved.rules_hash[:12]}) than those in use ({ruleset.version}, {ruleset.short_hash}); "
                     "its answers are laid out by the rules in use")
    ignored = resolve(ruleset, saved.answers).ignored
    if ignored:
        notes.append("answers not counted by the rules in use are left out: " + ", ".join(ignored))
    return notes


def _answer_items(question: Question, answer: Answer) -> list[dict[str, Any]]:
    """The item (and companion item) answering one question."""
    def item(link_id: str, answers: list[dict[str, Any]]) -> dict[str, Any]:
        text = question.text if link_id == question.id else codes.COMPANION_TEXT
        return {"linkId": link_id, "text": text, "answer": answers}

    if isinstance(answer, tuple):
        return [item(question.id, [{"valueCoding": codes.choice_coding(question, c)} for c in answer])]
    if isinstance(answer, int):
        return [item(question.id, [{"valueInteger": answer}])]
    coding = [{"valueCoding": codes.choice_coding(question, answer)}]
    if not codes.has_number_choices(question):
        return [item(question.id, coding)]
    choice = question.choice(answer)
    number = [] if choice is None or choice.number is None else [item(question.id, [{"valueInteger": choice.number}])]
    return number + [item(codes.choice_link(question), coding)]
