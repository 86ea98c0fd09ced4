"""The reasons behind a decision: each rule's message, the answers that fired it, and (except on
the urgent screen, which must stay short) why the rule exists and where it comes from."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from triage_tui.core.screening.decision import Reason
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.screening.wording import answer_label
from triage_tui.ui.widgets.bullet import Bullet


class ReasonList(Vertical):
    """A bulleted list of reasons; under each, what the person answered."""

    DEFAULT_CSS = """
    ReasonList { height: auto; }
    ReasonList .reason-source { padding-left: 2; color: $text-muted; }
    """

    def __init__(self, ruleset: RuleSet, reasons: Iterable[Reason], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.ruleset = ruleset
        self.reasons = tuple(reasons)

    def compose(self) -> ComposeResult:
        for reason in self.reasons:
            yield Bullet(reason.message, classes="reason")
            for qid, answer in reason.answers.items():
                question = self.ruleset.question_by_id[qid]
                yield Static(
                    Content.from_markup("[dim]You answered:[/dim] $q: [b]$a[/b]",
                                        q=question.short, a=answer_label(question, answer)),
                    classes="reason-answer",
                )
            if reason.kind != "urgent" and (reason.why or reason.source):
                yield Static(Content.from_markup("Why this rule: $why Source: $source",
                                                 why=reason.why, source=reason.source), classes="reason-source")
