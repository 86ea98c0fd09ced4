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

from triage_tui.core.conditions import Value
from triage_tui.core.ruleset import RuleSet, StopCue
from triage_tui.core.session import SessionEngine, Snapshot
from triage_tui.core.session_plan import Phase, drop_instruction, phase_words
from triage_tui.core.session_record import SessionRecord
from triage_tui.ui.screens.confirm import ConfirmModal
from triage_tui.ui.screens.session_dialogs import GapModal, PainStopModal
from triage_tui.ui.terminal_title import TerminalTitle
from triage_tui.ui.widgets.breathing import BreathingBar
from triage_tui.ui.widgets.keybar import KeyBar

TICK_SECONDS = 0.1
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
        with Vertical(id="session"):
            with Horizontal(id="session-head"):
                yield Static("", id="phase")
                yield ProgressBar(total=100, show_eta=False, show_percentage=True, id="whole")
            yield Digits("", id="clock")
            yield Static("", id="status")
            yield Static("", id="instruction")
            yield BreathingBar(id="breathing")
            yield Static("", id="next", classes="muted")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title_bar = TerminalTitle(enabled=not self.app.is_headless)
        self.show(self.engine.start())
        self._save_progress()
        self.timer = self.set_interval(TICK_SECONDS, self.tick)

    def on_unmount(self) -> None:
        if self.title_bar is not None:
            self.title_bar.close()

    def tick(self) -> None:
        """Called about ten times a second; draws only what changed."""
        self.show(self.engine.tick())

    # --- drawing ------------------------------------------------------------------------------

    def show(self, snap: Snapshot) -> None:
        previous, self.shown = self.shown, snap
        if snap.state in ("done", "stopped"):
            self._finish()
            return
        phase = snap.phase
        assert phase is not None
        if previous is None or previous.display != snap.display:
            self.query_one("#clock", Digits).update(clock_text(snap.display))
        if previous is None or previous.index != snap.index or previous.state != snap.state:
            self._draw_phase(snap, phase)
        if previous is None or round(previous.progress * 100) != round(snap.progress * 100):
            self.query_one("#whole", ProgressBar).update(progress=round(snap.progress * 100))
        in_stretch = phase.kind in ("hold", "drops") and snap.state == "running"
        self.set_class(in_stretch and snap.display <= (self.engine.warn_at or 0) and phase.kind == "hold", "-warn")
        self.set_class(snap.display <= 3 and snap.state == "running", "-countdown")
        if phase.kind == "drops":
            self.query_one("#instruction", Static).update(drop_instruction(snap.elapsed_in_phase)[1])
        breathing = self.query_one("#breathing", BreathingBar)
        if phase.kind in ("hold", "drops"):
            breathing.set_elapsed(snap.active)
        self._cues(snap)
        if self.title_bar is not None:
            state = " (paused)" if snap.state == "paused" else ""
            self.title_bar.set(f"{phase_words(self.engine.plan, phase).split(' · round')[0]} "
                               f"{clock_text(snap.display)}{state} · triage-tui")
        if previous is None or previous.state != snap.state:
            self.refresh_bindings()

    def _draw_phase(self, snap: Snapshot, phase: Phase) -> None:
        plan = self.engine.plan
        self.query_one("#phase", Static).update(phase_words(plan, phase))
        self.query_one("#instruction", Static).update(self._instruction(phase))
        self.query_one("#breathing").set_class(phase.kind not in ("hold", "drops"), "-off")
        nxt = snap.next_phase
        self.query_one("#next", Static).update(
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
        status = self.query_one("#status", Static)
        status.update(text)
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
        bar = self.query_one("#breathing", BreathingBar)
        bar.set_class(not bar.has_class("-hidden"), "-hidden")

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

