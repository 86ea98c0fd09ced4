"""Plain mode's driver: prints each journey step as lines, reads a line, sends the event.

It decides nothing clinical: the journey says what comes next; this only turns steps into
lines and lines into events. Saves go through the core's `Persister`, as in every face.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from triage_tui.core.journey.machine import Journey
from triage_tui.core.journey.persist import Persister
from triage_tui.core.journey.saves import SaveScreening
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.session.plan import build_plan
from triage_tui.core.session.snapshot import CueEvent
from triage_tui.core.session.spoken import utterance
from triage_tui.core.session.words import adjust_words
from triage_tui.plain import pages
from triage_tui.plain.output import Output
from triage_tui.plain.reading import (FORM_ASKS, SETTINGS_KEYS, Say, ShowHelp, form_fields, keys, prompt_hint,
                                      read, read_form)
from triage_tui.plain.source import EOF
from triage_tui.plain.timeline import Timeline

if TYPE_CHECKING:
    from triage_tui.sound.speaker import Speaker

EXIT_UNDECIDED = 3
UNDECIDED = "Stopped before the end: nothing was decided."
LATE = 0.002
"""Wake this long after a second starts, so the new second has surely begun."""


class Lines(Protocol):
    def get(self, timeout: float | None) -> object: ...


class PlainFace:
    """One journey, driven line by line."""

    def __init__(self, journey: Journey, persister: Persister, ruleset: RuleSet, out: Output, err: Output,
                 source: Lines, *, notices: Callable[[], Sequence[str]] = tuple, rules_label: str = "",
                 auto_begin: bool = False, speaker: Speaker | None = None, voice: bool | None = None,
                 make_speaker: Callable[[], Speaker | None] | None = None) -> None:
        self.journey = journey
        self.persister = persister
        self.ruleset = ruleset
        self.out = out
        self.err = err
        self.source = source
        self.notices = notices
        self.rules_label = rules_label
        self.auto_begin = auto_begin
        """Settings came as flags: start the timer without asking about them."""
        self.decided = False
        """A check reached its decision in this run."""
        self.shown: st.Step | None = None
        self.timeline: Timeline | None = None
        self.draft: dict[str, Any] = {}
        self.form: dict[str, str] = {}
        """The clearance form's fields typed so far."""
        self.speaker = speaker
        """Says the session's cues aloud (`--voice`); None: silent."""
        self.voice_flag = voice
        """As `--voice` / `--no-voice` said (None: not given, so a remembered "on" is honoured)."""
        self.make_speaker = make_speaker

    # --- the loop -----------------------------------------------------------------------------

    def run(self) -> int:
        self.show()
        while True:
            step = self.journey.step
            if isinstance(step, st.End):
                return self._end(step.code)
            running = isinstance(step, st.Running) and step.snapshot.state == "running"
            if running:
                ahead = step.snapshot.next_second_in  # type: ignore[union-attr]
                line = self.source.get(1.0 if ahead is None else ahead + LATE)
            else:
                self.out.prompt()
                line = self.source.get(None)
            if line is None:
                self.send(ev.Tick())
            elif line is EOF:
                self._input_ended(step)
            else:
                self._typed(step, str(line))

    def interrupt(self, code: int) -> int:
        """Ctrl+C or a signal: a running session is saved as interrupted, then leave."""
        self.send(ev.Interrupt(code))
        return code

    def send(self, event: ev.Event) -> None:
        before = self.journey.step
        done = self.journey.send(event)
        if self.speaker is not None:
            words = utterance(before, self.journey.step, done.cues)
            if words:
                self.speaker.say(words)
        if any(isinstance(save, SaveScreening) for save in done.saves):
            self.decided = True
        for problem in self.persister.apply(done.saves):
            self.err.line(f"Could not save: {problem}")
        self.show(done.cues)

    # --- input --------------------------------------------------------------------------------

    def _typed(self, step: st.Step, line: str) -> None:
        if isinstance(step, st.Setup) and self._setup_typed(step, line):
            return
        reply = read_form(step, self.form, line) if isinstance(step, st.ClearanceForm) else read(step, line)
        if reply is None and isinstance(step, st.ClearanceForm):
            self.out.line(FORM_ASKS[next(f for f in form_fields(step) if f not in self.form)])
            return
        if isinstance(reply, ShowHelp):
            self._help(step)
        elif isinstance(reply, Say):
            self.out.line(reply.text)
            if not isinstance(step, (st.Running, st.ClearanceForm)):
                self.shown = None  # the same step again, in full
                self.show()
        elif isinstance(reply, ev.Adjust) and isinstance(step, st.Running):
            plan = step.snapshot.plan
            if plan.style == "drops":
                self.out.line("Knee drops have no hold to change.")
                return
            self.send(reply)
            after = self.journey.step
            if isinstance(after, st.Running):
                self.out.line(adjust_words(plan.hold_seconds, after.snapshot.plan, reply.seconds))
        else:
            self.send(reply)

    def _input_ended(self, step: st.Step) -> None:
        """No more input: before a decision, stop with nothing decided; a running timer goes
        on to its end; anywhere else, leave as `quit` does (confirming what it asks)."""
        covered = self.journey.covered if isinstance(step, st.ConfirmStep) else step
        if isinstance(covered, (st.Ask, st.QuickList)) and not self.decided:
            self.send(ev.Interrupt(EXIT_UNDECIDED))
        elif isinstance(step, st.Running) and step.snapshot.state == "running":
            return
        elif isinstance(step, st.ConfirmStep):
            self.send(ev.Confirm(step.purpose in ("quit", "stop", "discard")))
        elif isinstance(step, st.Running):
            self.send(ev.StopSession())  # paused, and no one left to resume it
        else:
            self.send(ev.Quit())

    def _setup_typed(self, step: st.Setup, line: str) -> bool:
        words = line.strip().lower().split()
        if step.blocked is not None:
            return False
        if not words:
            self.send(ev.Begin(**self.draft))
            return True
        name = words[0]
        if name not in ("hold", "prep", "rounds", "tips", "warn") or len(words) != 2:
            return False
        value: Any = words[1]
        if name == "warn":
            if value not in ("on", "off"):
                self.out.line("Type warn on, or warn off.")
                return True
            self.draft["warn"] = value == "on"
        else:
            try:
                draft = {**self.draft, name: int(value)}
                build_plan(self.ruleset, step.plan.mods, **{k: v for k, v in draft.items() if k != "warn"},
                           hold_cap=step.hold_cap)
            except ValueError as error:
                self.out.line(f"Not changed: {error}.")
                return True
            self.draft = draft
        self._show_setup(step)
        return True

    # --- output -------------------------------------------------------------------------------

    def show(self, cues: Sequence[CueEvent] = ()) -> None:
        step = self.journey.step
        if self.timeline is not None and cues and not isinstance(step, st.Running):
            self.out.lines(self.timeline.closing(cues))
        if isinstance(step, st.Running):
            if self.timeline is None:
                self.timeline = Timeline()
                self.out.lines(pages.session_keys(step))
            self.out.lines(self.timeline.lines(step, cues))
            self.shown = step
            return
        if step is self.shown:
            return
        self.shown = step
        if not isinstance(step, st.OVER):
            self.timeline = None
        self.form = {}
        if isinstance(step, st.Setup):
            plan = step.plan
            self.draft = {"hold": plan.hold_seconds, "prep": plan.prep_seconds, "rounds": plan.rounds,
                          "warn": step.warn, "style": plan.style, "tips": plan.tips}
            self._show_setup(step)
            if step.voice and self.voice_flag is None and self.speaker is None and self.make_speaker is not None:
                self.out.line("Cues are said out loud, as last time (--no-voice turns this off).")
                self.speaker, self.make_speaker = self.make_speaker(), None
            if self.auto_begin and step.blocked is None:
                self.out.line("Starting the timer with the settings you gave.")
                self.send(ev.Begin(**self.draft))
            return
        lines = self._page(step)
        if lines:
            self.out.lines(lines)
            self.out.line(prompt_hint(step))

    def _show_setup(self, step: st.Setup) -> None:
        draft = {k: v for k, v in self.draft.items() if k != "warn"}
        plan = build_plan(self.ruleset, step.plan.mods, **draft, hold_cap=step.hold_cap)
        self.out.lines(pages.setup(step._replace(plan=plan), self.draft["warn"]))
        self.out.line(prompt_hint(step))

    def _page(self, step: st.Step) -> list[str]:
        if isinstance(step, st.Home):
            return pages.home(step, self.notices(), self.rules_label)
        if isinstance(step, st.Ask):
            return pages.ask(step)
        if isinstance(step, st.QuickList):
            return pages.quick_list(step)
        if isinstance(step, st.Urgent):
            return pages.urgent(self.ruleset, step)
        if isinstance(step, st.Result):
            return pages.result(self.ruleset, step)
        if isinstance(step, st.Advice):
            return pages.advice(step)
        if isinstance(step, st.RatePain):
            return pages.rate_pain()
        if isinstance(step, st.Summary):
            return pages.summary(step)
        if isinstance(step, st.History):
            return pages.history(step, self.journey.local_now(), self.ruleset)
        if isinstance(step, st.AskPain):
            return pages.ask_pain(step)
        if isinstance(step, st.AskGap):
            return pages.ask_gap()
        if isinstance(step, st.ConfirmStep):
            return pages.confirm(step)
        if isinstance(step, st.ClearanceForm):
            return pages.clearance_form(step)
        return []

    def _help(self, step: st.Step) -> None:
        listed = keys(step)
        if isinstance(step, st.Ask):
            self.out.line(prompt_hint(step))
        for key, what in listed:
            self.out.line(f"  {key}: {what}")
        if isinstance(step, st.Setup) and step.blocked is None and not any(k == SETTINGS_KEYS[0][0] for k, _ in listed):
            for key, what in SETTINGS_KEYS:
                self.out.line(f"  {key}: {what}")
        self.out.line("  help or ?: these keys;  quit: leave")

    def _end(self, code: int) -> int:
        if code == EXIT_UNDECIDED or (code == 0 and self._undecided_at_end()):
            self.err.line(UNDECIDED)
            return EXIT_UNDECIDED
        return code

    def _undecided_at_end(self) -> bool:
        """Nothing decided: a check left half-way, or a first run that never reached a decision."""
        if self.decided:
            return False
        if self.journey.check is not None:
            return self.journey.check.decision is None
        return self.journey.screening is None
