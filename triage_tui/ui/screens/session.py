"""The guided, timed session. The screen only ticks the engine and draws what it returns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Digits, ProgressBar, Static

from triage_tui.core.rules.conditions import Value
from triage_tui.core.rules.ruleset import RuleSet, StopCue
from triage_tui.core.session.engine import SessionEngine, Snapshot
from triage_tui.core.session.plan import Phase, drop_instruction, phase_words
from triage_tui.core.session.record import SessionRecord
from triage_tui.ui.screens.confirm import ConfirmModal
from triage_tui.ui.screens.session_dialogs import GapModal, PainStopModal
from triage_tui.ui.terminal_title import TerminalTitle
from triage_tui.ui.widgets.breathing import BreathingBar
from triage_tui.ui.widgets.keybar import KeyBar

LATE = 0.002
"""Wake this long after a second starts, so the countdown surely shows the new second."""
LONGEST_SLEEP = 0.5
"""The most the screen sleeps between ticks: keeps the gap check (2 s) and knee drops alive."""
STATUS = {"warn": "10 seconds left", "t3": "3…", "t2": "2…", "t1": "1…", "gap": "Paused: the timer was interrupted"}
END_WORDS = {"prep": "Go! Start the stretch", "hold": "Time! Come out slowly", "switch": "Go! Other side",
             "rest": "Go! Next round", "drops": "Time! Rest your legs"}


class SessionEnd(NamedTuple):
    """How the session screen ended."""

    record: SessionRecord
    cue: StopCue | None = None
    """What the person reported when they stopped for pain, if they did."""


def clock_text(seconds: int) -> str:
    minutes, secs = divmod(max(seconds, 0), 60)
    return f"{minutes}:{secs:02d}" if minutes else str(secs)


class SessionScreen(Screen[SessionEnd]):
    """Big countdown, phase and side in words, what to do, breathing pace, and what comes next."""

    CSS_PATH = "../styles/session.tcss"
    BINDINGS = [
        Binding("space", "pause", "Pause", id="session.pause"),
        Binding("space", "resume", "Resume", id="session.resume"),
        Binding("s", "skip", "Skip", id="session.skip"),
        Binding("plus,equals_sign", "adjust(15)", "More", key_display="+", id="session.more"),
        Binding("minus", "adjust(-15)", "Less", key_display="-", id="session.less"),
        Binding("p", "pain", "Pain", id="session.pain"),
        Binding("b", "breathing", "Breathe", id="session.breathing"),
        Binding("m", "mute", "Mute", id="session.mute"),
        Binding("q", "quit_session", "Quit", id="session.quit"),
    ]

    def __init__(self, engine: SessionEngine, ruleset: RuleSet, values: Mapping[str, Value],
                 muted: bool = False, checkpoint: Callable[[SessionRecord], None] | None = None) -> None:
        super().__init__()
        self.engine = engine
        self.checkpoint = checkpoint
        """Saves the session as it goes (marked interrupted until it ends)."""
        self.ruleset = ruleset
        self.values = values
        self.muted = muted
        self.shown: Snapshot | None = None
        self.timer: Timer | None = None
        self.title_bar: TerminalTitle | None = None
        self.flash_until = 0.0
        self._ended = False

    def compose(self) -> ComposeResult:
        # Kept as attributes: the screen redraws them up to ten times a second, without queries.
        self.phase_label = Static("", id="phase")
        self.whole = ProgressBar(total=100, show_eta=False, show_percentage=True, id="whole")
        self.clock_digits = Digits("", id="clock")
        self.status_line = Static("", id="status")
        self.instruction = Static("", id="instruction")
        self.breathing = BreathingBar(id="breathing")
        self.next_line = Static("", id="next", classes="muted")
        with Vertical(id="session"):
            with Horizontal(id="session-head"):
                yield self.phase_label
                yield self.whole
            yield self.clock_digits
            yield self.status_line
            yield self.instruction
            yield self.breathing
            yield self.next_line
        yield KeyBar()

    def on_mount(self) -> None:
        self.title_bar = TerminalTitle(enabled=not self.app.is_headless)
        self.show(self.engine.start())
        self._save_progress()

    def on_unmount(self) -> None:
        if self.title_bar is not None:
            self.title_bar.close()

    def tick(self) -> None:
        """Called when something on screen is due to change; draws only what changed."""
        self.show(self.engine.tick())

    def next_tick_in(self) -> float:
        """Seconds until the next tick: the next whole second or breathing step, whichever is
        first, capped so the clock keeps being watched (a paused screen still checks in)."""
        wait = LONGEST_SLEEP
        second = self.engine.until_next_second()
        if second is not None:
            wait = min(wait, second + LATE)
            snap = self.shown
            if snap is not None and snap.phase is not None and snap.phase.kind in ("hold", "drops") \
                    and self.breathing.display and not self.breathing.has_class("-hidden"):
                wait = min(wait, self.breathing.next_change(snap.active) + LATE)
        return max(wait, LATE)

    def _schedule(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        self.timer = None if self._ended else self.set_timer(self.next_tick_in(), self.tick)

    # --- drawing ------------------------------------------------------------------------------

    def show(self, snap: Snapshot) -> None:
        previous, self.shown = self.shown, snap
        if snap.state in ("done", "stopped"):
            self._finish()
            return
        phase = snap.phase
        assert phase is not None
        new_phase = previous is None or previous.index != snap.index or previous.state != snap.state
        if new_phase:
            self._draw_phase(snap, phase)
        if new_phase or previous is None or previous.display != snap.display:
            self._draw_second(snap, phase)
        if phase.kind == "drops":
            self._update(self.instruction, drop_instruction(snap.elapsed_in_phase)[1])
        if phase.kind in ("hold", "drops"):
            self.breathing.set_elapsed(snap.active)
        self._cues(snap)
        if previous is None or previous.state != snap.state:
            self.refresh_bindings()
        self._schedule()

    def _draw_second(self, snap: Snapshot, phase: Phase) -> None:
        """What changes once a second: the countdown, its colour, the progress and the title."""
        self.clock_digits.update(clock_text(snap.display))
        self.whole.update(progress=round(snap.progress * 100))
        running = snap.state == "running"
        warn = running and phase.kind == "hold" and snap.display <= (self.engine.warn_at or 0)
        self.clock_digits.set_class(warn, "-warn")
        self.clock_digits.set_class(running and snap.display <= 3, "-countdown")
        if self.title_bar is not None:
            state = " (paused)" if snap.state == "paused" else ""
            self.title_bar.set(f"{phase_words(self.engine.plan, phase).split(' · round')[0]} "
                               f"{clock_text(snap.display)}{state} · triage-tui")

    @staticmethod
    def _update(widget: Static, text: str) -> None:
        """Update a Static only when its words change (an update costs a layout pass)."""
        if str(widget.content) != text:
            widget.update(text)

    def _draw_phase(self, snap: Snapshot, phase: Phase) -> None:
        plan = self.engine.plan
        self.phase_label.update(phase_words(plan, phase), layout=False)  # one line, always
        self.instruction.update(self._instruction(phase))
        self.breathing.set_class(phase.kind not in ("hold", "drops"), "-off")
        nxt = snap.next_phase
        self.next_line.update(
            f"Next: {phase_words(plan, nxt)} ({nxt.seconds} s)" if nxt else "Next: the end of the session"
        )
        paused = snap.state == "paused"
        self.set_class(paused, "-paused")
        if paused:
            reason = "Paused: the timer was interrupted" if snap.pause_reason == "gap" else "Paused"
            self._status(f"{reason}. Press space to go on.")
        elif not self._flashing():
            self._status("")

    def _instruction(self, phase: Phase) -> str:
        steps = self.engine.plan.steps
        if phase.kind == "prep":
            return f"Get ready. {steps[0].text}" if steps else "Get ready."
        if phase.kind == "switch":
            if self.engine.plan.position == "lying":
                return "Bring your knees back to the middle, then get ready for the other side."
            return "Come out of the stretch slowly, using your hands. Set up with the other leg in front."
        if phase.kind == "rest":
            return "Rest and breathe slowly. The next round starts soon."
        if phase.kind == "drops":
            return drop_instruction(0)[1]
        middle = " → ".join(s.title for s in steps[1:-1])
        last = steps[-1].text if steps else ""
        return f"{middle}. {last}" if middle else last

    def _save_progress(self) -> None:
        """Saved at the start and at each phase end: a crash then loses at most one phase."""
        if self.checkpoint is not None and self.engine.state in ("running", "paused"):
            self.checkpoint(self.engine.record()._replace(ended="interrupted", ended_at=self.engine.wall()))

    def _cues(self, snap: Snapshot) -> None:
        if "end" in snap.cues:
            self._save_progress()
        for cue in snap.cues:
            if cue == "end" and snap.phase is not None and snap.index > 0:
                ended = self.engine.phases[snap.index - 1].kind
                self._flash(END_WORDS[ended], "-phase-end")
                self._bell(2)
            elif cue in STATUS and cue != "gap":
                self._flash(STATUS[cue], "-cue")
                self._bell(1)
            elif cue == "gap":
                self._bell(1)
                self.app.push_screen(GapModal(), self._after_gap)

    def _flash(self, text: str, css_class: str) -> None:
        self._status(text, flash=css_class)
        self.flash_until = self.engine.clock.now() + 1.5
        self.set_timer(1.5, self._unflash)

    def _flashing(self) -> bool:
        return self.engine.clock.now() < self.flash_until

    def _unflash(self) -> None:
        if self.is_mounted and not self._flashing() and self.engine.state == "running":
            self._status("")

    def _status(self, text: str, flash: str | None = None) -> None:
        status = self.status_line
        status.update(text, layout=False)  # one line, always: no layout pass needed
        for css_class in ("-cue", "-phase-end"):
            status.set_class(css_class == flash, css_class)

    def _bell(self, times: int) -> None:
        if self.muted:
            return
        self.app.bell()
        if times > 1:
            self.set_timer(0.25, self.app.bell)

    # --- keys ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        state = self.engine.state
        if action == "pause":
            return state == "running"
        if action == "resume":
            return state == "paused"
        if action == "adjust":
            return None if self.engine.plan.style == "drops" else True  # None: shown greyed out
        return True

    def action_pause(self) -> None:
        self.show(self.engine.pause())

    def action_resume(self) -> None:
        self.show(self.engine.resume())

    def action_skip(self) -> None:
        self.show(self.engine.skip())

    def action_adjust(self, delta: int) -> None:
        if self.engine.plan.style != "drops":
            self.show(self.engine.adjust(delta))
            self.notify(f"Holds are now {self.engine.plan.hold_seconds} s on each side.", timeout=2)

    def action_breathing(self) -> None:
        self.breathing.set_class(not self.breathing.has_class("-hidden"), "-hidden")

    def action_mute(self) -> None:
        self.muted = not self.muted
        self.notify("Sound off: cues still show on screen." if self.muted else "Sound on.", timeout=2)

    def action_pain(self) -> None:
        """Stop the hold at once, then ask what happened."""
        self.show(self.engine.pause())
        cues = [c for c in self.ruleset.stop_cues if c.shown_when is None or c.shown_when.holds(self.values)]
        self.app.push_screen(PainStopModal(cues), self._after_pain)

    def _after_pain(self, cue: StopCue | None) -> None:
        if cue is None:
            return  # "not now": stay paused; space goes on
        if cue.action == "pause":
            self._status(f"Paused. {cue.message} Press space to go on, or s to skip this side.")
            return
        self._end(SessionEnd(self.engine.stop("pain", cue.id), cue))

    def action_quit_session(self) -> None:
        def answered(leave: bool | None) -> None:
            if leave:
                self._end(SessionEnd(self.engine.stop("quit")))

        self.app.push_screen(ConfirmModal("Stop the session now? What you did so far is kept.", "Stop", "Go on"),
                             answered)

    def _after_gap(self, choice: str | None) -> None:
        if choice == "restart":
            self.show(self.engine.restart_phase())
        if choice == "stop":
            self._end(SessionEnd(self.engine.stop("interrupted")))
        elif choice in ("resume", "restart"):
            self.show(self.engine.resume())

    def _finish(self) -> None:
        # Under a dialog, wait: the next tick after it closes finishes the session.
        if self.is_current:
            self._end(SessionEnd(self.engine.record()))

    def _end(self, end: SessionEnd) -> None:
        if not self._ended:
            self._ended = True
            if self.timer is not None:
                self.timer.stop()
            self.dismiss(end)

    def on_screen_resume(self) -> None:
        if self.shown is not None:
            self.tick()

