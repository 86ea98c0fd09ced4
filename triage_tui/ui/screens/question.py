"""One question on its own page. Reports the answer, or that the person went back or skipped."""

from __future__ import annotations

from rich.table import Table
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from triage_tui.core.journey import events as ev
from triage_tui.core.journey.steps import Ask
from triage_tui.core.screening.questionnaire import Progress
from triage_tui.core.screening.answers import parse_answer, parse_number_text
from triage_tui.ui.screens.base import PAGE_KEYS, Respond, StepScreen
from triage_tui.ui.screens.question_keys import which_keys_answer
from triage_tui.ui.widgets.checklist import Checklist
from triage_tui.ui.widgets.choice_prompt import choice_prompt
from triage_tui.ui.widgets.keybar import KeyBar
from triage_tui.ui.widgets.more_below import MoreBelow

LETTER_KEYS = {"yes": "y", "no": "n", "unsure": "u", "dont_know": "d"}
"""Choices that also answer to a letter key, wherever a question offers them."""


class NumberInput(Input):
    """Takes digits only, so letter keys stay free for special answers (u: not sure...)."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and character.isdigit()

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and not self.check_consume_key(event.key, event.character):
            event.prevent_default()  # not typed (and not kept): the page says which keys answer


def progress_words(p: Progress) -> tuple[str, str]:
    """Where this question stands, in words: the section, and the whole screening (an estimate
    from the core: the questions that can still be asked given the answers so far)."""
    if p.section_settled:
        section = f"{p.section_title} · {p.number_in_section} of {p.section_total}"
    else:
        section = f"{p.section_title} · {p.number_in_section}, more may follow"
    overall = f"Question {p.number} · " + (f"about {p.left} left" if p.left else "the last one")
    return section, overall


class QuestionScreen(StepScreen):
    """Shows one question with its help text and progress; keys and mouse both work."""

    CSS_PATH = "../styles/question.tcss"

    BINDINGS = [
        Binding("y", "letter('yes')", "Yes", priority=True, id="question.yes"),
        Binding("n", "letter('no')", "No", priority=True, id="question.no"),
        Binding("u", "letter('unsure')", "Not sure", priority=True, id="question.unsure"),
        Binding("d", "letter('dont_know')", "Don't know", priority=True, id="question.dont_know"),
        # Priority, so "1" then Enter typed in one go are handled in that order; on a number
        # question check_action turns them off and the digits reach the input box.
        Binding("1", "number(1)", "Choose", key_display="1-9", priority=True, id="question.pick"),
        *[Binding(str(n), f"number({n})", show=False, priority=True) for n in range(2, 10)],
        Binding("enter", "next", "Next", key_display="Enter", priority=True, id="question.next"),
        # Enter is handled as it arrives; so are the keys that move or tick, or an arrow typed
        # just before Enter would reach the list after it, and Enter would save the old choice.
        Binding("up", "move(-1)", show=False, priority=True),
        Binding("down", "move(1)", show=False, priority=True),
        Binding("space", "toggle", show=False, priority=True),
        Binding("s", "skip", "Skip", priority=True, id="question.skip"),
        Binding("escape", "back", "Back", id="question.back"),
        *PAGE_KEYS,
    ]

    def __init__(self, step: Ask, respond: Respond | None = None) -> None:
        super().__init__(step, respond)
        self.question = step.question
        self.progress = step.progress
        self.given = step.given
        self.intro = step.intro

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        section, overall = progress_words(self.progress)
        with VerticalScroll(id="page") as page:
            with Horizontal(id="progress-row"):
                yield Static(section, id="section-progress", markup=False)
                yield Static(overall, id="overall", markup=False)
            if self.intro:
                yield Static(self.intro, id="section-intro", markup=False)
            yield Static(self.question.text, id="question-text", markup=False)
            if self.question.help:
                yield Static(self.question.help, id="question-help", markup=False)
            yield from self._answer_widgets()
            yield Static("", id="hint")
            with Horizontal(classes="buttons"):
                yield Button("Back (Esc)", id="back")
                if self.question.optional:
                    yield Button("Skip (s)", id="skip")
                yield Button("Next (Enter)", id="next", variant="primary")
        yield MoreBelow(page)
        yield KeyBar()

    def _answer_widgets(self) -> ComposeResult:
        q = self.question
        if q.type == "choice":
            options = [Option(self._prompt(i, c.id, c.label), id=c.id) for i, c in enumerate(q.choices)]
            yield OptionList(*options, id="choices")
        elif q.type == "multi":
            yield Checklist([(c.id, self._key(i, c.id), c.label) for i, c in enumerate(q.choices)],
                            chosen=self.given if isinstance(self.given, tuple) else (),
                            exclusive=[c.id for c in q.choices if c.exclusive], id="choices")
        else:
            value = str(self.given) if isinstance(self.given, int) else ""
            with Horizontal(id="number-row"):
                yield NumberInput(value=value, placeholder=f"{q.min} to {q.max}", restrict=r"\d{0,5}",
                                  max_length=5, id="number")
                yield Static(q.unit, id="unit")
            for c in q.choices:
                key = LETTER_KEYS.get(c.id)
                text = f"{c.label} ({key})" if key else c.label
                yield Button(Content(text), id=f"special-{c.id}", classes="special")

    @staticmethod
    def _key(index: int, choice_id: str) -> str:
        return LETTER_KEYS.get(choice_id) or (str(index + 1) if index < 9 else " ")

    def _prompt(self, index: int, choice_id: str, label: str) -> Table:
        """The answer given before (when going back) is marked ● and said in words below."""
        return choice_prompt(self._key(index, choice_id), "●" if self.given == choice_id else " ", label)

    def on_mount(self) -> None:
        try:
            self._set_up()
        except NoMatches:
            pass  # the app closed while this page was being built (its widgets are gone): nothing to set up

    def _set_up(self) -> None:
        # Focus scrolls the answers into view; on a small terminal the question matters more.
        self.call_after_refresh(self.query_one("#page").scroll_home, animate=False)
        if self.question.type == "number":
            field = self.query_one("#number", Input)
            field.cursor_blink = False
            field.focus(scroll_visible=False)
            return
        if self.question.type == "choice":
            options = self.query_one("#choices", OptionList)
            ids = list(self.question.choice_ids)
            # Nothing is highlighted on a new question, so Enter cannot answer by accident.
            options.highlighted = ids.index(self.given) if self.given in ids else None
        else:
            self.query_one("#choices", Checklist).highlighted = None  # the arrows start it
        self.query_one("#choices").focus(scroll_visible=False)

    # --- answering ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "letter":
            return str(parameters[0]) in self.question.choice_ids
        if action == "number":
            return self.question.type != "number"
        if action == "skip":
            return self.question.optional
        if action == "move":
            return self.question.type != "number"
        if action == "toggle":
            return self.question.type == "multi"
        return True

    def action_move(self, step: int) -> None:
        options = self.query_one("#choices", OptionList)
        (options.action_cursor_down if step > 0 else options.action_cursor_up)()

    def action_toggle(self) -> None:
        self.query_one("#choices", Checklist).toggle_highlighted()

    def action_letter(self, choice_id: str) -> None:
        self._pick(list(self.question.choice_ids).index(choice_id))

    def action_number(self, n: int) -> None:
        if n <= len(self.question.choices):
            self._pick(n - 1)

    def _pick(self, index: int) -> None:
        """Keys choose; Enter then goes on. On a number question a special choice answers at once."""
        q = self.question
        if q.type == "choice":
            self.query_one("#choices", OptionList).highlighted = index  # the hint follows (below)
        elif q.type == "multi":
            self.query_one("#choices", Checklist).toggle(q.choices[index].id)
        else:
            self._answer(q.choices[index].id)

    def action_next(self) -> None:
        q = self.question
        if q.type == "choice":
            index = self.query_one("#choices", OptionList).highlighted
            if index is None:
                self._hint("Choose an answer first: a letter or number key, the arrow keys, or a click.")
            else:
                self._answer(q.choices[index].id)
        elif q.type == "multi":
            chosen = self.query_one("#choices", Checklist).selected
            if not chosen:
                self._hint("Choose at least one answer (space or a number key), then press Enter.")
            else:
                self._answer(list(chosen))
        else:
            # Digits typed just before Enter may still be queued for the box: read it after them.
            field = self.query_one("#number", Input)
            field.call_later(lambda: self._submit_number(field.value))

    def _submit_number(self, text: str) -> None:
        try:
            value = parse_number_text(self.question, text)
        except ValueError as error:
            self._hint(f"{str(error)[0].upper()}{str(error)[1:]}.", error=True)
            return
        self.choose(ev.Answered(value))

    def _answer(self, raw: object) -> None:
        try:
            value = parse_answer(self.question, raw)
        except ValueError as error:
            self._hint(str(error), error=True)
            return
        self.choose(ev.Answered(value))

    def _hint(self, text: str, error: bool = False) -> None:
        hint = self.query_one("#hint", Static)
        hint.update(text)
        hint.set_class(error, "-error")

    def action_back(self) -> None:
        self.choose(ev.Back())

    def action_skip(self) -> None:
        if self.question.optional:
            self.choose(ev.SkipQuestion())

    def on_key(self, event: events.Key) -> None:
        """A key that reached the page unused (no answer, no other key) says which keys answer."""
        if event.is_printable and event.key not in self.active_bindings:
            keys = [self._key(i, c.id) for i, c in enumerate(self.question.choices)]
            self.app.clear_notifications()  # pressed again: one message, not a pile
            self.notify(which_keys_answer(self.question, keys), timeout=4, markup=False)

    # --- mouse and widget events --------------------------------------------------------------

    @on(OptionList.OptionSelected, "#choices")
    def _option_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._answer(event.option.id)

    @on(OptionList.OptionHighlighted, "#choices")
    def _say_what_enter_answers(self, event: OptionList.OptionHighlighted) -> None:
        """Whatever moved the highlight (a key, the arrows, the mouse), the hint names the answer
        Enter will give: what is said is always what is saved."""
        event.stop()
        # The list highlights its first option when made, before on_mount clears it: only a
        # highlight still there when this arrives is the answer Enter would give.
        if self.question.type == "choice" and event.option_list.highlighted == event.option_index:
            self._hint(f"Press Enter to answer “{self.question.choices[event.option_index].label}”.")

    @on(Checklist.Changed, "#choices")
    def _ticked(self) -> None:
        self._hint("")

    @on(Input.Submitted, "#number")
    def _number_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit_number(event.value)

    @on(Input.Changed, "#number")
    def _number_typed(self) -> None:
        self._hint("")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button.id or ""
        if button.startswith("special-"):
            self._answer(button.removeprefix("special-"))
        elif button == "next":
            self.action_next()
        elif button == "back":
            self.action_back()
        elif button == "skip":
            self.action_skip()
