"""FHIR R4 exports, as plain JSON built with the standard library (no FHIR library at run time).

- `questionnaire.py`: the rule set as a `Questionnaire` (sections as groups, `answerOption`,
  `enableWhen` from each question's `ask_when` (`enable_when.py`), `required`, min and max).
- `response.py`: the latest saved screening as a `Bundle` of its `QuestionnaireResponse` and the
  decision as a `RiskAssessment` (`assessment.py`).
- `codes.py`: canonical URLs, code systems and extension URLs shared by all of them.

Like the core, nothing here imports textual or rich, and nothing here reads or writes files:
`commands/history.py` does that.
"""
