"""The saved decision as a FHIR R4 `RiskAssessment`.

Why a RiskAssessment and not an Observation: the decision is a judgement *derived from* the
answers by a named, versioned method, not something observed of the person. RiskAssessment has a
field for each part of that: `basis` points at the QuestionnaireResponse it was made from,
`method` names the rule set (its version, and its sha256 as the code, so a clinic can tell which
rules decided), `prediction.outcome` / `prediction.rationale` carry the outcome and the rules that
fired, `reasonCode` each rule that fired (its id and message, and as text why the rule exists and
the guideline it comes from), and `mitigation` what the person was told to do and the changes to
the stretch. An
Observation would need a made-up code for "triage outcome", and the method, the reasons and the
advice squeezed into components and notes.

What is deliberately left out: `prediction.qualitativeRisk` and any probability. The rules do not
estimate a risk; mapping "refer" to, say, "moderate" would invent a clinical claim the rules do
not make. The referral urgency (same day, soon, routine) goes in the `refer-urgency` extension.
The app keeps no name or identifier, so `subject` (required by FHIR) is a display-only reference
for the clinic's system to link on import.
"""

from __future__ import annotations

from typing import Any

from triage_tui import __version__
from triage_tui.core.history.records import SavedScreening
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.rules.sources import source_of
from triage_tui.core.screening.wording import HEADLINES, URGENCY_WORDS
from triage_tui.fhir import codes

ASSESSMENT = "Screening for warning signs before the 90/90 hip stretch for low back pain"
SUBJECT = "The person who answered the screening (triage-tui keeps no name or identifier)"


def risk_assessment(ruleset: RuleSet, saved: SavedScreening, assessment_id: str,
                    response_url: str) -> dict[str, Any]:
    """The decision in `saved`, based on the QuestionnaireResponse at `response_url`."""
    resource: dict[str, Any] = {"resourceType": "RiskAssessment", "id": assessment_id}
    extensions: list[dict[str, Any]] = [{"url": codes.RULES_HASH, "valueString": saved.rules_hash}]
    if saved.urgency:
        extensions.append({"url": codes.REFER_URGENCY, "valueCode": saved.urgency})
    resource["extension"] = extensions
    resource["status"] = "preliminary" if saved.outcome == "incomplete" else "final"
    resource["method"] = {
        "coding": [{"system": codes.RULE_SET_SYSTEM, "version": saved.rules_version,
                    "code": saved.rules_hash, "display": ruleset.name}],
        "text": f"{ruleset.name}, version {saved.rules_version} (rule files sha256 {saved.rules_hash})",
    }
    resource["code"] = {"text": ASSESSMENT}
    resource["subject"] = {"display": SUBJECT}
    resource["occurrenceDateTime"] = saved.at.isoformat(timespec="seconds")
    resource["performer"] = {"display": f"triage-tui {__version__}"}
    resource["basis"] = [{"reference": response_url}]
    prediction: dict[str, Any] = {"outcome": {
        "coding": [{"system": codes.OUTCOME_SYSTEM, "code": saved.outcome,
                    "display": HEADLINES.get(saved.outcome, saved.outcome)}],
        "text": headline(saved),
    }}
    if saved.reasons:
        prediction["rationale"] = " ".join(f"[{rule}] {message}" for rule, message in saved.reasons)
    resource["prediction"] = [prediction]
    if saved.reasons:
        resource["reasonCode"] = [reason_code(ruleset, rule, message) for rule, message in saved.reasons]
    resource["mitigation"] = mitigation(ruleset, saved)
    notes = [f"Rule {rule}: {message}" for rule, message in saved.reasons] + list(saved.notes)
    notes += [f"Rule {rule}: a clinician cleared this reason to see someone, so it was left out of this "
              "decision" for rule in saved.cleared]
    if notes:
        resource["note"] = [{"text": note} for note in notes]
    return resource


def reason_code(ruleset: RuleSet, rule_id: str, message: str) -> dict[str, Any]:
    """One rule that fired: its id and message, and why it exists and its source (rules in use)."""
    source, why = source_of(ruleset, rule_id)
    concept: dict[str, Any] = {"coding": [{"system": codes.RULE_SYSTEM, "code": rule_id, "display": message}]}
    text = " ".join(part for part in (why, f"Source: {source}." if source else "") if part)
    if text:
        concept["text"] = text
    return concept


def headline(saved: SavedScreening) -> str:
    text = HEADLINES.get(saved.outcome, saved.outcome)
    if saved.outcome == "refer" and saved.urgency:
        text += f" ({URGENCY_WORDS.get(saved.urgency, saved.urgency)})"
    return text


def mitigation(ruleset: RuleSet, saved: SavedScreening) -> str:
    """What the person was told to do, and the changes to the stretch (as `wording` says it)."""
    key = f"refer_{saved.urgency}" if saved.outcome == "refer" else saved.outcome
    if key == "urgent" and "urgent_call_first" in ruleset.messages:
        call_first = {rule.id for rule in ruleset.rules if rule.call_first}
        if any(rule in call_first for rule, _ in saved.reasons):
            key = "urgent_call_first"
    parts = [ruleset.messages.get(key, headline(saved))]
    if saved.modifications:
        titles = []
        for mod_id in saved.modifications:
            mod = ruleset.modification_by_id.get(mod_id)
            titles.append(f"{mod.title} ({mod_id})" if mod is not None else mod_id)
        parts.append("Changes to the stretch: " + "; ".join(titles) + ".")
    return " ".join(parts)
