"""The questionnaire as a pure, immutable state: where we are, what was answered, what comes next.

Every change returns a new `Questionnaire`. Answering a question drops the answers of questions
that are no longer asked (a changed parent hides its follow-ups, and their old answers must not
come back or be shown as given). Going back keeps every answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from triage_tui.core.screening.resolve import Answer, resolve, to_value
from triage_tui.core.rules.conditions import referenced_items
from triage_tui.core.rules.ruleset import Question, RuleSet


@dataclass(frozen=True, slots=True)
class Progress:
    """Where the current question stands, counted over the questions now asked."""

    section_title: str
    number_in_section: int
    section_total: int
    number: int
    total: int
    first_in_section: bool
    left: int = 0
    """About how many questions are still to come after this one (see `still_to_ask`): the
    ones that will be asked, plus one when others may still be asked. 0 only on the last."""
    section_settled: bool = True
    """True when no later answer can add or remove a question of this section, so its total
    is final; False while follow-ups may still come (then a face shows no total)."""


@dataclass(frozen=True, slots=True)
class StillToAsk:
    """The questions after the current one, given the answers so far."""

    certain: tuple[str, ...]
    """Asked whatever the answers still to come (their conditions are already settled)."""
    possible: tuple[str, ...]
    """Asked or not depending on answers not given yet."""

    @property
    def estimate(self) -> int:
        """About how many are left: the certain ones, and one more when any may follow."""
        return len(self.certain) + (1 if self.possible else 0)


@dataclass(frozen=True, slots=True)
class Questionnaire:
    """Questions of `ruleset` (or only those in `scope`), answers so far, and the current one."""

    ruleset: RuleSet
    answers: Mapping[str, Answer] = field(default_factory=dict)
    position: str | None = None
    """Id of the current question; None once every asked question is behind us."""
    scope: frozenset[str] | None = None
    """Limit to these question ids (the short urgent re-check); None for all."""

    @classmethod
    def start(
        cls,
        ruleset: RuleSet,
        answers: Mapping[str, Answer] | None = None,
        scope: frozenset[str] | None = None,
    ) -> Questionnaire:
        """Begin at the first asked question."""
        state = cls(ruleset, dict(answers or {}), None, scope)
        asked = state.asked()
        return replace(state, position=asked[0].id if asked else None)

    def asked(self) -> list[Question]:
        """The questions asked with the current answers, in order."""
        enabled = resolve(self.ruleset, self.answers).enabled
        return [q for q in enabled if self.scope is None or q.id in self.scope]

    @property
    def current(self) -> Question | None:
        return self.ruleset.question_by_id.get(self.position) if self.position else None

    @property
    def finished(self) -> bool:
        return self.position is None

    @property
    def at_start(self) -> bool:
        asked = self.asked()
        return bool(asked) and asked[0].id == self.position

    def answer(self, value: Answer) -> Questionnaire:
        """Record an answer to the current question and move on."""
        question = self._require_current()
        answers = dict(self.answers)
        answers[question.id] = value
        return self._moved_on(question, self._pruned(answers))

    def skip(self) -> Questionnaire:
        """Leave the current (optional) question unanswered and move on."""
        question = self._require_current()
        if not question.optional:
            raise ValueError(f"'{question.id}' must be answered")
        answers = {k: v for k, v in self.answers.items() if k != question.id}
        return self._moved_on(question, self._pruned(answers))

    def back(self) -> Questionnaire:
        """The previous asked question (from the end: the last one). Answers are kept."""
        asked = self.asked()
        if not asked:
            return self
        if self.position is None:
            return replace(self, position=asked[-1].id)
        ids = [q.id for q in asked]
        index = ids.index(self.position) if self.position in ids else 0
        return replace(self, position=ids[max(index - 1, 0)])

    def go_to(self, question_id: str) -> Questionnaire:
        """Jump to a question that is asked (e.g. back to the answer that stopped us)."""
        if question_id not in {q.id for q in self.asked()}:
            raise ValueError(f"'{question_id}' is not asked now")
        return replace(self, position=question_id)

    def without(self, question_id: str) -> Questionnaire:
        """Forget one answer (for "I answered by mistake: undo") and stand on that question."""
        answers = {k: v for k, v in self.answers.items() if k != question_id}
        return replace(self, answers=self._pruned(answers), position=question_id)

    def progress(self) -> Progress:
        question = self._require_current()
        asked = self.asked()
        in_section = [q for q in asked if q.section == question.section]
        section = self.ruleset.section_by_id[question.section]
        number = in_section.index(question) + 1
        still = self.still_to_ask()
        section_of = {q.id: q.section for q in self.ruleset.questions}
        return Progress(
            section_title=section.title,
            number_in_section=number,
            section_total=len(in_section),
            number=asked.index(question) + 1,
            total=len(asked),
            first_in_section=number == 1,
            left=still.estimate,
            section_settled=not any(section_of[qid] == question.section for qid in still.possible),
        )

    def still_to_ask(self) -> StillToAsk:
        """Sort the questions after the current one into certain and possible.

        A question's condition is settled when every question it looks at is answered, is
        behind us, or can no longer be asked; then the condition decides. Otherwise the
        question may or may not be asked. Nothing is asked after a finished questionnaire.
        """
        question = self._require_current() if self.position is not None else None
        if question is None:
            return StillToAsk((), ())
        given = resolve(self.ruleset, self.answers).given
        order = [q.id for q in self.ruleset.questions]
        here = order.index(question.id)
        values = {qid: to_value(self.ruleset.question_by_id[qid], a) for qid, a in given.items()}
        status: dict[str, str] = {}  # "certain", "possible" or "never"
        for q in self.ruleset.questions:
            refs = referenced_items(q.ask_when)
            open_refs = [r for r in refs if r not in given and status.get(r, "never") != "never"
                         and order.index(r) >= here]
            if q.ask_when is None:
                status[q.id] = "certain"
            elif open_refs:
                status[q.id] = "possible"
            else:
                status[q.id] = "certain" if q.ask_when.holds(values) else "never"
        later = [q.id for q in self.ruleset.questions[here + 1:] if self.scope is None or q.id in self.scope]
        return StillToAsk(tuple(qid for qid in later if status[qid] == "certain"),
                          tuple(qid for qid in later if status[qid] == "possible"))

    def _require_current(self) -> Question:
        question = self.current
        if question is None:
            raise ValueError("no current question: the questionnaire is finished")
        return question

    def _pruned(self, answers: dict[str, Answer]) -> dict[str, Answer]:
        given = resolve(self.ruleset, answers).given
        return {k: v for k, v in answers.items() if k in given}

    def _moved_on(self, question: Question, answers: dict[str, Answer]) -> Questionnaire:
        moved = replace(self, answers=answers)
        asked = moved.asked()
        ids = [q.id for q in asked]
        after = ids[ids.index(question.id) + 1:] if question.id in ids else ids
        return replace(moved, position=after[0] if after else moved._first_missing(asked))

    def _first_missing(self, asked: list[Question]) -> str | None:
        for q in asked:
            if q.id not in self.answers and not q.optional:
                return q.id
        return None
