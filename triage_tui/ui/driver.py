"""The TUI's journey driver: journey steps become screens, and what the person chose goes back.

One place turns a step into a page or a dialog; pages replace each other in one go
(`switch_screen`), so nothing underneath flashes between two questions. Saves are carried out
here, through the core's `Persister`, and a failed save is shown, never lost silently.
Screens are imported when first needed: the home screen must appear fast.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triage_tui.core.journey import steps as st
from triage_tui.core.journey.persist import Persister
from triage_tui.ui.screens.base import StepScreen

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from triage_tui.core.journey import events as ev
    from triage_tui.core.journey.machine import Journey
    from triage_tui.core.rules.ruleset import RuleSet
    from triage_tui.core.session.snapshot import CueEvent
    from triage_tui.sound.speaker import Speaker


class Driver:
    """Sends events to the journey, saves what it asks, and shows the step it gives back."""

    def __init__(self, app: App[Any], ruleset: RuleSet, open_journey: Callable[[], Journey], persister: Persister,
                 summary_dir: Path | None = None, voice: bool | None = False) -> None:
        self.app = app
        self.ruleset = ruleset
        self.summary_dir = summary_dir
        self.welcome: StepScreen | None = None
        """The home page, at the bottom of the stack; set by the app once it exists."""
        self._open_journey = open_journey
        self._journey: Journey | None = None
        self.persister = persister
        self.page: StepScreen | None = None
        """The page on screen now (dialogs may cover it)."""
        self.dialog: st.Step | None = None
        """The dialog step on screen now, if any (a tick under it must not open it twice)."""
        self.voice = voice
        """Say the session's cues aloud: True, False, or None (when a speech command exists)."""
        self.voice_flag = voice
        """As `--voice` / `--no-voice` said (None: not given); wins over what was remembered."""
        self._speaker: Speaker | None = None
        self.no_voice: str | None = None
        """Why there is no voice although it was wanted, in words (for the setup page)."""
        self.no_voice_shown = False
        self.muted = False
        """`m` in the session: no sound at all, voice included."""
        self.breathing = True
        """Show the breathing bar when a session starts (a remembered setting)."""

    @property
    def journey(self) -> Journey:
        """The journey, opened when first needed: the home screen is drawn before it exists."""
        if self._journey is None:
            self._journey = self._open_journey()
        return self._journey

    @property
    def speaker(self) -> Speaker | None:
        """The voice, found when a session first needs it (not at start-up: it costs time)."""
        if self.voice is False or self._speaker is not None or self.no_voice is not None:
            return self._speaker
        if not isinstance(self.journey.step, (st.Setup, st.Running)):
            return None
        from triage_tui.sound.speaker import Speaker, find_command

        command = find_command()
        if command is None:
            self.no_voice = "No speech command was found (espeak-ng, spd-say or say), so the cues use the bell."
            return None
        self._speaker = Speaker(command, self.journey.clock.now)
        return self._speaker

    def mute(self, muted: bool) -> None:
        """No voice while muted; what is being said stops at once."""
        self.muted = muted
        if muted and self._speaker is not None:
            self._speaker.hush()

    def voice_at_setup(self, step: st.Setup) -> bool:
        """The setup's voice switch: as a flag said, else as remembered, else on when a speech
        command exists."""
        if self.voice_flag is not None:
            return self.voice_flag
        if step.voice is not None:
            return step.voice
        return self.speaker is not None

    def voice_note(self) -> str | None:
        """Once: why there is no voice although it was wanted (the setup page shows it)."""
        note, self.no_voice_shown = (self.no_voice, True) if not self.no_voice_shown else (None, True)
        return note

    def close(self) -> None:
        """Stop speaking (the app is leaving)."""
        if self._speaker is not None:
            self._speaker.close()

    @property
    def opened(self) -> bool:
        return self._journey is not None

    def respond(self, screen: StepScreen, event: ev.Event) -> None:
        """A page's choice. A page that was already replaced (a key pressed twice) is ignored."""
        if screen is self.page:
            self.send(event)

    def send(self, event: ev.Event) -> None:
        before = self.journey.step
        done = self.journey.send(event)
        if isinstance(before, st.Setup) and isinstance(self.journey.step, st.Running):
            begin: Any = event  # the settings it began with, for this face: voice and the breathing bar
            self.voice = self.voice if begin.voice is None else begin.voice
            self.breathing = begin.breathing is not False
        speaker = self.speaker
        if speaker is not None and not self.muted and self.voice is not False:
            from triage_tui.core.session.spoken import utterance

            words = utterance(before, self.journey.step, done.cues)
            if words:
                speaker.say(words)
        for problem in self.persister.apply(done.saves):
            self.app.notify(problem, title="Could not save", severity="error", timeout=20, markup=False)
        self.present(self.journey.step, done.cues)

    def present(self, step: st.Step, cues: Sequence[CueEvent] = ()) -> None:
        app = self.app
        if isinstance(step, st.End):
            app.exit(step.code, return_code=step.code)
            return
        page = self.page
        if isinstance(step, st.OVER):
            covered = self.journey.covered
            if page is not None and covered is not None and page.accepts(covered):
                page.show_step(covered, cues)  # e.g. the timer, paused, under the pain question
            if step is not self.dialog:
                self._dialog(step)
            return
        if page is not None and page.accepts(step):
            page.show_step(step, cues)
            return
        holds_end = getattr(page, "holds_end", None)  # the session page, when the session just ended
        if holds_end is not None and holds_end(step, cues):
            return  # its end stays on screen until a key is pressed; that key brings `step`
        home = self.welcome
        assert home is not None, "the app sets the home page before the journey moves"
        if isinstance(step, st.Home):
            self._back_to(home)
            self.page = home
            home.show_step(step)
            return
        new = self._page(step)
        new.respond = self.respond
        if page is not None and page is not home:
            self._back_to(page)
            app.switch_screen(new)
        else:
            self._back_to(home)
            app.push_screen(new)
        self.page = new

    def _back_to(self, screen: Screen[Any]) -> None:
        """Close whatever covers `screen` (help, a save dialog) before the page changes."""
        while len(self.app.screen_stack) > 1 and self.app.screen is not screen:
            self.app.pop_screen()

    def _page(self, step: st.Step) -> StepScreen:
        ruleset = self.ruleset
        if isinstance(step, st.Ask):
            from triage_tui.ui.screens.question import QuestionScreen
            return QuestionScreen(step)
        if isinstance(step, st.QuickList):
            from triage_tui.ui.screens.quick_list import QuickListScreen
            return QuickListScreen(step)
        if isinstance(step, st.Urgent):
            from triage_tui.ui.screens.urgent import UrgentScreen
            return UrgentScreen(ruleset, step)
        if isinstance(step, st.Result):
            from triage_tui.ui.screens.result import ResultScreen
            return ResultScreen(ruleset, step, now=self.journey.local_now, summary_dir=self.summary_dir)
        if isinstance(step, st.Setup):
            from triage_tui.ui.screens.session_setup import SessionSetupScreen
            return SessionSetupScreen(ruleset, step)
        if isinstance(step, st.Running):
            from triage_tui.ui.screens.session import SessionScreen
            return SessionScreen(step, muted=self.muted, breathing=self.breathing)
        if isinstance(step, st.Advice):
            from triage_tui.ui.screens.advice import AdviceScreen
            return AdviceScreen(step)
        if isinstance(step, st.RatePain):
            from triage_tui.ui.screens.pain_rating import PainRatingScreen
            return PainRatingScreen(step)
        if isinstance(step, st.Summary):
            from triage_tui.ui.screens.session_summary import SessionSummaryScreen
            return SessionSummaryScreen(step)
        if isinstance(step, st.ClearanceForm):
            from triage_tui.ui.screens.clearance import ClearanceScreen
            return ClearanceScreen(step)
        assert isinstance(step, st.History), step
        from triage_tui.ui.screens.history import HistoryScreen
        return HistoryScreen(ruleset, step, self.journey.local_now(), tz=self.journey.tz)

    def _dialog(self, step: st.AskPain | st.AskGap | st.ConfirmStep) -> None:
        from triage_tui.core.journey import events as ev
        from triage_tui.ui.screens.confirm import ConfirmModal
        from triage_tui.ui.screens.session_dialogs import GapModal, PainStopModal

        dialog: Any
        to_event: Callable[[Any], ev.Event]
        if isinstance(step, st.AskPain):
            dialog = PainStopModal(step.cues)
            to_event = lambda cue: ev.CueChosen(cue.id if cue is not None else None)  # noqa: E731
        elif isinstance(step, st.AskGap):
            dialog = GapModal()
            to_event = lambda choice: ev.GapChoice(choice or "resume")  # noqa: E731
        else:
            dialog = ConfirmModal(step.question, step.yes, step.no)
            to_event = lambda yes: ev.Confirm(bool(yes))  # noqa: E731

        def answered(result: Any) -> None:
            if self.dialog is step:
                self.dialog = None
            if self.journey.step is step:  # still the question on screen
                self.send(to_event(result))

        self.dialog = step
        self.app.push_screen(dialog, answered)
