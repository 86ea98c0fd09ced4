"""The guided, timed session. The page asks the journey to tick and draws what it returns.

It reads nothing from the engine: each `Running` step carries a snapshot (phase, time left,
plan, when the next second starts) and each transition the cues to present: words on the cue
line (`CueLine`), a rhythm of bells (`sound.bells`), colour, and the terminal's title.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.timer import Timer
from textual.widgets import ProgressBar, Static

from triage_tui.core.journey import events as ev
from triage_tui.core.journey.steps import Running
from triage_tui.core.session.snapshot import CueEvent, Snapshot
from triage_tui.core.session.plan import Phase, drop_instruction, phase_words
from triage_tui.core.session.words import END_WORDS, FINISHED, adjust_words, clock_text, instruction
from triage_tui.sound.bells import BellPlayer
from triage_tui.ui.screens.base import PAGE_KEYS, Respond, StepScreen
from triage_tui.ui.terminal_title import TerminalTitle
from triage_tui.ui.widgets.big_digits import BigDigits
from triage_tui.ui.widgets.breathing import BreathingBar
from triage_tui.ui.widgets.cue_line import CueLine
from triage_tui.ui.widgets.keybar import KeyBar
from triage_tui.ui.widgets.more_below import MoreBelow
from triage_tui.ui.widgets.session_head import SessionHead

LATE = 0.002  # wake this long after a second starts, so the countdown surely shows the new second
LONGEST_SLEEP = 0.5
"""The most the screen sleeps between ticks: keeps the gap check (2 s) and knee drops alive."""
STATUS = {"warn": "10 seconds left", "t3": "Ending in 3", "t2": "Ending in 2", "t1": "Ending in 1"}


class SessionScreen(StepScreen):
    """Big countdown, phase and side in words, what to do, breathing pace, and what comes next."""

    CSS_PATH = "../styles/session.tcss"
    BINDINGS = [  # in order of priority: the key bar shows as many as fit, from the first
        Binding("space", "pause", "Pause", id="session.pause"),
        Binding("space", "resume", "Resume", id="session.resume"),
        Binding("p", "pain", "Pain", id="session.pain"),
        Binding("q", "quit_session", "Stop", id="session.quit"),
        Binding("s", "skip", "Skip", id="session.skip"),
        Binding("plus,equals_sign", "adjust(15)", "More", key_display="+", id="session.more"),
        Binding("minus", "adjust(-15)", "Less", key_display="-", id="session.less"),
        Binding("b", "breathing", "Breathe", id="session.breathing"),
        Binding("m", "mute", "Mute", id="session.mute"),
        *PAGE_KEYS,
    ]

    def __init__(self, step: Running, respond: Respond | None = None, muted: bool = False,
                 breathing: bool = True) -> None:
        super().__init__(step, respond)
        self.muted = muted
        self.show_breathing = breathing  # the bar at the start (a remembered setting); `b` toggles it
        self.shown: Snapshot | None = None
        self.timer: Timer | None = None
        self.title_bar: TerminalTitle | None = None
        self.bells = BellPlayer(lambda: self.app.bell(), self.set_timer, muted)
        self.finished = False  # the session is over: its end stays on screen until a key is pressed
        self._drawn = False  # set once mounted: a step that comes before is drawn by on_mount

    @property
    def snap(self) -> Snapshot:
        return self.step.snapshot

    @property
    def flash_timer(self) -> Timer | None:  # the timer that takes a countdown cue down, if one flashes
        return self.status_line.flash_timer

    def compose(self) -> ComposeResult:
        # Kept as attributes: the screen redraws them often, without queries.
        self.phase_label = Static("", id="phase")
        self.whole = ProgressBar(total=100, show_eta=False, show_percentage=True, id="whole")
        self.clock_digits = BigDigits("", id="clock")
        self.status_line = CueLine(id="status")
        self.instruction = Static("", id="instruction")
        self.breathing = BreathingBar(id="breathing", classes="" if self.show_breathing else "-hidden")
        self.next_line = Static("", id="next", classes="muted")
        with VerticalScroll(id="session") as page:
            yield SessionHead(self.phase_label, self.whole, id="session-head")
            yield self.clock_digits
            yield self.status_line
            yield self.instruction
            yield Container(id="pose-area")  # the picture of the pose for this side, when there is one
            yield self.breathing
            yield self.next_line
        yield MoreBelow(page)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title_bar = TerminalTitle(enabled=not self.app.is_headless)
        self._drawn = True
        self.clock_digits.fit(self.app.size)
        self.show_step(self.step)

    def on_resize(self) -> None:
        super().on_resize()
        self.clock_digits.fit(self.app.size)  # the big digits, or the normal ones on a small terminal

    def on_unmount(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        self.status_line.stop(show=False)
        if self.title_bar is not None:
            self.title_bar.close()

    def accepts(self, step: object) -> bool:
        return isinstance(step, Running) and not self.finished

    def tick(self) -> None:
        """Called when something on screen is due to change (nothing is, once the session is over)."""
        if not self.finished:
            self.choose(ev.Tick())

    def next_tick_in(self) -> float:
        """Seconds until the next tick: the next whole second or breathing step, whichever is
        first, capped so the clock keeps being watched (a paused screen still checks in)."""
        wait = LONGEST_SLEEP
        snap = self.shown
        if snap is not None and snap.next_second_in is not None:
            wait = min(wait, snap.next_second_in + LATE)
            if snap.phase is not None and snap.phase.kind in ("hold", "drops") and self._breathing_on():
                wait = min(wait, self.breathing.next_change(snap.active) + LATE)
        return max(wait, LATE)

    def _breathing_on(self) -> bool:
        return bool(self.breathing.display) and not self.breathing.has_class("-hidden")

    # --- drawing ------------------------------------------------------------------------------

    def show_step(self, step: Running, cues: Sequence[CueEvent] = ()) -> None:
        self.step = step
        if not self._drawn or self.finished:
            return
        snap, previous = step.snapshot, self.shown
        self.shown = snap
        phase = snap.phase
        if phase is None:
            return
        new_state = previous is None or previous.state != snap.state
        new_phase = new_state or previous is None or previous.index != snap.index
        if new_state:
            self.status_line.stop(show=False)  # pausing or going on says so at once, over any cue
        self.status_line.seen(snap.index, snap.display)
        if new_phase:
            self._draw_phase(snap, phase)
        self.status_line.rest(self._resting_status())  # e.g. advice after a pause stays in view
        if new_phase or previous is None or previous.display != snap.display:
            self._draw_second(snap, phase)
        if phase.kind == "drops":
            self._update(self.instruction, drop_instruction(snap.elapsed_in_phase)[1])
        if phase.kind in ("hold", "drops"):
            self.breathing.set_elapsed(snap.active)
        from triage_tui.ui.widgets.pose import show_pose  # the pose picture for this phase and side
        show_pose(self.query_one("#pose-area"), snap)
        for cue in cues:
            if cue.kind == "end":  # stays until the next part has shown its first second
                self.status_line.hold(END_WORDS[cue.phase.kind], snap.index, snap.display)
            elif cue.kind in STATUS:
                self.status_line.flash(STATUS[cue.kind])
        self.bells.play(cues, len(snap.plan.phases) - 1)
        if previous is None or previous.state != snap.state:
            self.refresh_bindings()
        self._schedule()

    def _schedule(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        self.timer = self.set_timer(self.next_tick_in(), self.tick)

    def _draw_second(self, snap: Snapshot, phase: Phase) -> None:
        """What changes once a second: the countdown, its colour, the progress and the title."""
        self.clock_digits.update(clock_text(snap.display))
        self.whole.update(progress=round(snap.progress * 100))
        running = snap.state == "running"
        warn = running and phase.kind == "hold" and snap.display <= (snap.warn_at or 0)
        self.clock_digits.set_class(warn, "-warn")
        self.clock_digits.set_class(running and snap.display <= 3, "-countdown")
        if self.title_bar is not None:
            state = " (paused)" if snap.state == "paused" else ""
            self.title_bar.set(f"{phase_words(snap.plan, phase).split(' · round')[0]} "
                               f"{clock_text(snap.display)}{state} · triage-tui")

    @staticmethod
    def _update(widget: Static, text: str) -> None:
        """Update a Static only when its words change (an update costs a layout pass)."""
        if str(widget.content) != text:
            widget.update(text)

    def _draw_phase(self, snap: Snapshot, phase: Phase) -> None:
        plan = snap.plan
        paused = "Paused · " if snap.state == "paused" else ""
        self.query_one(SessionHead).say(paused + phase_words(plan, phase))  # the state in words, too
        self.instruction.update(instruction(plan, phase))
        self.breathing.set_class(phase.kind not in ("hold", "drops"), "-off")
        nxt = snap.next_phase
        self.next_line.update(
            f"Next: {phase_words(plan, nxt)} ({nxt.seconds} s)" if nxt else "Next: the end of the session"
        )
        self.set_class(snap.state == "paused", "-paused")

    def _resting_status(self) -> str:
        """The cue line when no cue is up."""
        snap = self.snap
        if snap.state != "paused":
            return ""
        if self.step.notice:
            return f"Paused. {self.step.notice} Press space to go on, or s to skip this side."
        reason = "Paused: the timer was interrupted" if snap.pause_reason == "gap" else "Paused"
        return f"{reason}. Press space to go on."

    # --- the end of the session ------------------------------------------------------------------

    def holds_end(self, step: object, cues: Sequence[CueEvent]) -> bool:
        """The session has just ended (the journey has moved on): keep its end on screen, with
        its bells, until a key is pressed, then ask for the next page. It decides nothing: the
        session is already saved, and the journey already says what comes next."""
        last = len(self.snap.plan.phases) - 1
        if self.finished or not any(c.kind == "end" and c.index >= last for c in cues):
            return False
        self.finished = True
        if self.timer is not None:
            self.timer.stop()
        self.clock_digits.update("0")
        self.clock_digits.remove_class("-warn", "-countdown")
        self.whole.update(progress=100)
        self.query_one(SessionHead).say("The session is over")
        self.status_line.pin(f"{FINISHED} Press any key to go on.")
        self.next_line.update("")
        self.breathing.set_class(True, "-off")
        if self.title_bar is not None:
            self.title_bar.set(f"{FINISHED} · triage-tui")
        self.bells.play(cues, last)
        self.refresh_bindings()
        return True

    def on_key(self, event: events.Key) -> None:
        if self.finished:
            event.stop()
            event.prevent_default()
            self.choose(ev.Done())  # the journey is already past the timer: this shows what is next

    # --- keys ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.finished:
            return action == "scroll_page"  # any other key goes on (see `on_key`)
        state = self.snap.state
        if action == "pause":
            return state == "running"
        if action == "resume":
            return state == "paused"
        if action == "adjust":
            return self.snap.plan.style != "drops"  # knee drops have no hold to lengthen: hidden
        return True

    def action_pause(self) -> None:
        self.choose(ev.TogglePause())

    action_resume = action_pause

    def action_skip(self) -> None:
        self.choose(ev.SkipPhase())

    def action_adjust(self, delta: int) -> None:
        if self.snap.plan.style != "drops":
            before = self.snap.plan.hold_seconds
            self.choose(ev.Adjust(delta))
            self.notify(adjust_words(before, self.snap.plan, delta), timeout=2)

    def action_breathing(self) -> None:
        self.breathing.set_class(not self.breathing.has_class("-hidden"), "-hidden")

    def action_mute(self) -> None:
        """`m`: no bell and no voice (what is being said stops at once), or sound again."""
        self.muted = self.bells.muted = not self.muted
        driver = getattr(self.app, "driver", None)  # absent on a test's host app
        if driver is not None:
            driver.mute(self.muted)
        self.notify("Sound off: cues still show on screen." if self.muted else "Sound on.", timeout=2)

    def action_pain(self) -> None:
        """Stop the hold at once, then ask what happened."""
        self.choose(ev.PainStop())

    def action_quit_session(self) -> None:
        self.choose(ev.StopSession())

    def on_screen_resume(self) -> None:
        if self.shown is not None and not self.finished:
            self.tick()
