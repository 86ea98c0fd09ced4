"""Before the timer: the plan, and the hold, prep and rounds the person may change within limits;
the voice and the breathing bar, on or off. What the timer starts with is remembered for next time."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static, Switch

from triage_tui.core.journey import events as ev
from triage_tui.core.journey.steps import Setup
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.session.exercise import POSITION_WORDS
from triage_tui.core.session.plan import TIPS_MAX, TIPS_MIN, build_plan
from triage_tui.ui.screens.base import PAGE_KEYS, Respond, StepScreen
from triage_tui.ui.widgets.bullet import Bullet
from triage_tui.ui.widgets.stepper import Stepper
from triage_tui.ui.widgets.keybar import KeyBar
from triage_tui.ui.widgets.more_below import MoreBelow


def on_off(value: bool) -> str:
    """A switch's state in words: its colour alone does not show on every terminal."""
    return "On" if value else "Off"


class SessionSetupScreen(StepScreen):
    """Reports the chosen settings to start, or that the person went back."""

    CSS_PATH = "../styles/session.tcss"
    BINDINGS = [
        Binding("enter", "begin", "Start the timer", key_display="Enter", priority=True, id="setup.start"),
        Binding("escape", "back", "Back", id="setup.back"),
        Binding("up", "app.focus_previous", "Previous", show=False, priority=True),
        Binding("down", "app.focus_next", "Next", show=False, priority=True),
        *PAGE_KEYS,
    ]

    def __init__(self, ruleset: RuleSet, step: Setup, respond: Respond | None = None) -> None:
        super().__init__(step, respond)
        self.ruleset = ruleset
        self.plan = step.plan
        self.warn = step.warn

    def compose(self) -> ComposeResult:
        plan, limits = self.plan, self.plan.limits
        version = "gentler version" if plan.mods else "standard version"
        with VerticalScroll(id="page") as page:
            yield Static(Content.from_markup("[b]Your session[/b]: $version, $where", version=version,
                                             where=POSITION_WORDS[plan.position]), classes="heading")
            if self.step.blocked:
                yield Static(Content.from_markup("[b]No session now.[/b] $why", why=self.step.blocked),
                             id="blocked", classes="card -notice")
            for line in self.step.why:
                yield Bullet(line, classes="setup-why")
            driver = getattr(self.app, "driver", None)  # absent on a test's host app
            note = driver.voice_note() if driver is not None else None
            if note:
                yield Bullet(note, classes="setup-why", id="no-voice")
            yield Static("Settings (↑ ↓ to choose, ← → or - + to change)", classes="heading")
            if plan.position == "lying":
                with Horizontal(id="style-row"):
                    yield Switch(value=plan.style == "drops", id="style")
                    yield Static(on_off(plan.style == "drops"), id="style-state", classes="switch-state")
                    yield Static("Knee drops (on), or an easy hold on each side (off)", id="style-label")
            yield Stepper("Hold each side", plan.hold_seconds, limits.hold_min, limits.hold_max, 5, "s", id="hold")
            yield Stepper("Knee drops per round", plan.tips, TIPS_MIN, TIPS_MAX, 1, "", id="tips")
            yield Stepper("Rounds per side", plan.rounds, limits.rounds_min, limits.rounds_max, 1, "", id="rounds")
            yield Stepper("Get-ready countdown", plan.prep_seconds, limits.prep_min, limits.prep_max, 1, "s",
                          id="prep")
            with Horizontal(id="warn-row"):
                yield Switch(value=self.warn, id="warn")
                yield Static(on_off(self.warn), id="warn-state", classes="switch-state")
                yield Static("Warn me 10 seconds before the end of each hold", id="warn-label")
            voice = driver.voice_at_setup(self.step) if driver is not None else bool(self.step.voice)
            for name, value, label in (("voice", voice, "Say the cues out loud"),
                                       ("breathing", self.step.breathing, "Show the breathing bar")):
                with Horizontal(id=f"{name}-row", classes="switch-row"):
                    yield Switch(value=value, id=name)
                    yield Static(on_off(value), id=f"{name}-state", classes="switch-state")
                    yield Static(label, id=f"{name}-label", classes="switch-label")
            yield Static("", id="plan-total", classes="muted")
            yield Static("What you will do", classes="heading")
            for number, step in enumerate(plan.steps, start=1):
                yield Bullet(Content.from_markup("[b]$title.[/b] $text", title=step.title, text=step.text),
                             mark=f"{number}.", classes="setup-step")
        yield MoreBelow(page)
        with Horizontal(id="actions", classes="buttons"):
            if not self.step.blocked:
                yield Button("Start the timer (Enter)", id="begin", variant="success")
            yield Button("Back (Esc)", id="back")
        yield KeyBar()

    def on_mount(self) -> None:
        self._show_style()
        self._update()
        self.query_one("#tips" if self.plan.style == "drops" else "#hold", Stepper).focus(scroll_visible=False)
        # Focus scrolls the settings into view; on a small terminal the plan's heading comes first.
        self.call_after_refresh(self.query_one("#page").scroll_home, animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "begin":
            return self.step.blocked is None
        return True

    def _show_style(self) -> None:
        drops = self.plan.style == "drops"
        self.query_one("#hold").display = not drops
        self.query_one("#tips").display = drops

    @on(Stepper.Changed)
    @on(Switch.Changed, "#style")
    def _update(self) -> None:
        style = self.plan.style
        if self.plan.position == "lying":
            style = "drops" if self.query_one("#style", Switch).value else "hold"
        self.plan = build_plan(
            self.ruleset, self.plan.mods, style=style,
            hold=self.query_one("#hold", Stepper).value,
            prep=self.query_one("#prep", Stepper).value,
            rounds=self.query_one("#rounds", Stepper).value,
            tips=self.query_one("#tips", Stepper).value,
            hold_cap=self.step.hold_cap,  # a clinician's longest hold, if any
        )
        self._show_style()
        minutes, seconds = divmod(self.plan.active_seconds, 60)
        self.query_one("#plan-total", Static).update(
            f"About {minutes} min {seconds:02d} s in all, with the switches and rests."
        )

    @on(Switch.Changed)
    def _say_on_or_off(self, event: Switch.Changed) -> None:
        self.query_one(f"#{event.switch.id}-state", Static).update(on_off(event.value))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "begin":
            self.action_begin()
        elif event.button.id == "back":
            self.action_back()

    def action_begin(self) -> None:
        if self.step.blocked is None:
            plan, driver = self.plan, getattr(self.app, "driver", None)
            voice: bool | None = self.query_one("#voice", Switch).value
            if driver is not None and driver.voice_flag is not None and voice == driver.voice_flag:
                voice = None  # as --voice / --no-voice said: for this run only, not remembered
            self.choose(ev.Begin(hold=plan.hold_seconds, prep=plan.prep_seconds, rounds=plan.rounds,
                                 warn=self.query_one("#warn", Switch).value, style=plan.style, tips=plan.tips,
                                 voice=voice, breathing=self.query_one("#breathing", Switch).value))

    def action_back(self) -> None:
        self.choose(ev.Back())
