"""Pictures of every screen, at 100x32 and 80x24, and the check and session pages at 40x12.

Each picture is one screen on a small host app, built from a real journey step: the pure
journey (`journey_helpers.Run`) is driven to the step, on a fixed wall clock (NOW, 23 Nov 2026
09:30 UTC) with UTC days and a fake monotonic clock, and only that screen is drawn. Nothing
walks the app through the questions, so each picture takes a fraction of a second.

Each test's docstring says what the picture should show. Update after a deliberate change with
`pytest tests/ui/test_snapshots.py --snapshot-update`, then look at every changed SVG.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import timedelta, timezone
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen

from journey_helpers import NOW, Run, saved_screening
from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.session.record import HoldRecord, SessionRecord
from triage_tui.ui.app import TriageApp
from triage_tui.ui.screens.advice import AdviceScreen
from triage_tui.ui.screens.history import HistoryScreen
from triage_tui.ui.screens.pain_rating import PainRatingScreen
from triage_tui.ui.screens.question import QuestionScreen
from triage_tui.ui.screens.result import ResultScreen
from triage_tui.ui.screens.session import SessionScreen
from triage_tui.ui.screens.session_dialogs import PainStopModal
from triage_tui.ui.screens.session_setup import SessionSetupScreen
from triage_tui.ui.screens.session_summary import SessionSummaryScreen
from triage_tui.ui.screens.urgent import UrgentScreen
from triage_tui.ui.screens.welcome import WelcomeScreen
from ui_helpers import Host

SIZES = [pytest.param((100, 32), id="100x32"), pytest.param((80, 24), id="80x24")]
TINY = (40, 12)
ALL_SIZES = [*SIZES, pytest.param(TINY, id="40x12")]
"""The pages of a check and a session (issue 13): nothing cut at any of these."""


class AppHost(Host):
    """`Host` with the real app's title, app-wide keys (shown in the key bar) and size
    breakpoints, so narrow and short terminals get the app's compact styles.

    A page is pushed onto the running host, as the driver pushes it onto the running app; only
    the home page (`first=True`) is there from the start, as the app's default screen. (Pushed
    while the host itself mounts, a question page can end up scrolled to its answers at 40x12,
    which the real app does not do.)
    """

    TITLE = TriageApp.TITLE
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS = TriageApp.HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = TriageApp.VERTICAL_BREAKPOINTS
    BINDINGS = [b for b in TriageApp.BINDINGS if b.action != "interrupt"]

    def __init__(self, make: Callable[[], Screen[Any]], first: bool = False) -> None:
        super().__init__(make)
        self.first = first

    def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # instead of Host.on_mount, which would push at once
        if self.first:
            Host.on_mount(self)
        else:
            self.call_after_refresh(Host.on_mount, self)

    def action_help(self) -> None:
        """The real app opens the help here; pictures never press it."""


def snap(snap_compare, make: Callable[[], Screen[Any]], size: tuple[int, int], *, press: Iterable[str] = (),
         run_before: Callable[[Pilot], Awaitable[None]] | None = None, first: bool = False) -> bool:
    """A picture of the screen `make` builds, alone on a host app of the given size; keys are
    pressed and `run_before` runs once that screen is up."""

    async def shown(pilot: Pilot) -> None:
        for _ in range(100):
            if len(pilot.app.screen_stack) > 1:
                break
            await pilot.pause()
        assert len(pilot.app.screen_stack) == 2, pilot.app.screen_stack
        await pilot.pause()
        if run_before is not None:
            await run_before(pilot)

    return snap_compare(AppHost(make, first), terminal_size=size, press=list(press), run_before=shown)


def journey(ruleset: RuleSet, **kwargs: Any) -> Run:
    """A journey on the fixed clocks, with days counted in UTC (on NOW, London is UTC anyway)."""
    run = Run(ruleset, **kwargs)
    run.journey.tz = timezone.utc
    return run


def past_session(ruleset: RuleSet, days_ago: float, before: int | None = 4, after: int | None = 4):
    """A finished session of two 60 s holds, saved `days_ago` days before NOW."""
    start = NOW - timedelta(days=days_ago)
    record = SessionRecord(start, start + timedelta(minutes=5), "floor", "hold", (), 60, 2,
                           (HoldRecord(1, "left", "hold", 60, 60.0), HoldRecord(1, "right", "hold", 60, 60.0)),
                           "finished", None, before, after)
    return record, ruleset.hash


def home(ruleset: RuleSet, run: Run) -> Callable[[], Screen[Any]]:
    step = run.step
    assert isinstance(step, st.Home)
    label = f"{ruleset.name} {ruleset.version} ({ruleset.short_hash})"
    return lambda: WelcomeScreen(step, label)


def ask(ruleset: RuleSet, answers: Mapping[str, Any], stop_at: str | None = None) -> st.Ask:
    """The question `stop_at` (the first when None) of a full screening, after `answers`."""
    run = journey(ruleset)
    run.send(ev.Start())
    while isinstance(run.step, st.Ask) and run.step.question.id != stop_at and stop_at is not None:
        run.send(ev.Answered(answers[run.step.question.id]))
    assert isinstance(run.step, st.Ask), run.step
    return run.step


def result(ruleset: RuleSet, answers: Mapping[str, Any], outcome: str) -> Callable[[], Screen[Any]]:
    run = journey(ruleset)
    run.send(ev.Start())
    run.answer(answers)
    step = run.step
    assert isinstance(step, st.Result) and step.decision.outcome == outcome, step
    return lambda: ResultScreen(ruleset, step, now=lambda: NOW)


def running(ruleset: RuleSet, answers: Mapping[str, Any], seconds: float) -> Run:
    """A saved screening from two days ago, then today's quick check and `seconds` of the timer
    with the plan's own settings (get ready 10 s, then 60 s holds, 2 rounds)."""
    run = journey(ruleset, screening=saved_screening(ruleset, answers, days_ago=2))
    run.to_session(answers)
    run.run_for(seconds)
    assert isinstance(run.step, st.Running), run.step
    return run


def stopped_for(ruleset: RuleSet, answers: Mapping[str, Any], cue: str) -> Run:
    """15 s into the session (5 s into the first hold), p, then the stop cue `cue`."""
    run = running(ruleset, answers, 15)
    run.send(ev.PainStop(), ev.CueChosen(cue))
    assert isinstance(run.step, st.Advice), run.step
    return run


# --- home -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_home_first_run(snap_compare, ruleset, size) -> None:
    """First run: the bold title "triage-tui · a safe start for the 90/90 hip stretch", what
    the app does (the 90/90 hip stretch in bold) and three numbered steps, "Start with the
    screening. It takes about 5 minutes.", the amber-bordered disclaimer (not medical advice;
    call your local emergency number), the focused "Start the screening (Enter)" button and
    "Quit (q)", the rules name, version and hash, and the key bar Enter Start, ^q Quit, ? Help."""
    assert snap(snap_compare, home(ruleset, journey(ruleset)), size, first=True)


@pytest.mark.parametrize("size", SIZES)
def test_home_with_a_saved_screening(snap_compare, ruleset, benign, size) -> None:
    """A later day (screening yesterday, sessions the last two days): no "what the app does";
    "Welcome back. Your screening is saved: a quick check of the warning signs and your pain
    today, then the session. You have stretched 2 days in a row.", the disclaimer, and the
    buttons "Quick check and start (Enter)", "Full screening (f)" and "History (h)". The key
    bar "Enter Start  f Full screening  h History  ^q Quit  ? Help" (Start has the focus, and
    Enter on it is the page's Start)."""
    run = journey(ruleset, screening=saved_screening(ruleset, benign, days_ago=1),
                  sessions=[past_session(ruleset, 2), past_session(ruleset, 1)])
    assert run.step.today.streak == 2 and run.step.today.quick_check  # type: ignore[union-attr]
    assert snap(snap_compare, home(ruleset, run), size, first=True)


def test_home_no_color(snap_compare, ruleset, monkeypatch) -> None:
    """NO_COLOR=1, first run, 80x24: the same page as test_home_first_run in shades of grey
    only: no blue title, no amber disclaimer border, a grey Start button."""
    monkeypatch.setenv("NO_COLOR", "1")
    host = AppHost(home(ruleset, journey(ruleset)), first=True)
    assert host.no_color  # Textual reads NO_COLOR when the app is created
    assert snap_compare(host, terminal_size=(80, 24))


# --- questions ----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ALL_SIZES)
def test_yes_no_question(snap_compare, ruleset, size) -> None:
    """"Warning signs · 1 of 15" and, in grey at the right (under it at 40 columns), "Question 1
    · about 27 left", the section intro in grey, the saddle-numbness question, its grey help
    text, the choices "y  Yes", "n  No", "u  Not sure" with nothing highlighted, and the hint
    "Choose an answer first..." (Enter was pressed with nothing chosen), then Back (Esc) / Next
    (Enter). At 40x12 the top of the page, and "↓ More below: scroll down, or PgDn" above the
    key bar "Enter Next  y Yes  ^q Quit  ? Help" (no "…")."""
    step = ask(ruleset, {})
    assert snap(snap_compare, lambda: QuestionScreen(step), size, press=["enter"])


@pytest.mark.parametrize("size", ALL_SIZES)
def test_daily_list_of_warning_signs(snap_compare, ruleset, size) -> None:
    """"Today's check · warning signs", "Would you answer yes to any of these today?", the hint, the seven urgent items in full, each "N  [ ] <question>" with item 2 ticked
    ("[x]", pressed 2), then Back (Esc) / None of these (n) / Go on with the ticked (Enter); the
    key bar "Enter Go on  n None  1-9 Tick ... ^q Quit  ? Help". At 40x12 the top of the
    list and "↓ More below"."""
    from triage_tui.core.journey.quick import listed
    from triage_tui.core.journey.steps import QuickList
    from triage_tui.core.journey.due import quick_check_ids
    from triage_tui.core.screening.questionnaire import Questionnaire
    from triage_tui.ui.screens.quick_list import QuickListScreen

    step = QuickList(listed(Questionnaire.start(ruleset, {}, scope=quick_check_ids(ruleset))))
    assert snap(snap_compare, lambda: QuickListScreen(step), size, press=["2"])


@pytest.mark.parametrize("size", ALL_SIZES)
def test_multi_choice_question(snap_compare, ruleset, benign, size) -> None:
    """"Warning signs · 8 of 15", "Question 8 · about 20 left": the bone health checklist with
    its number keys, "[x]" on choices 1 and 3 (pressed 1 then 3) and "[ ]" on the others; the
    steroid label wraps under itself at 80 columns and less (no "…"), and Back / Next buttons.
    At 40x12 the top of the page and "More below"."""
    step = ask(ruleset, benign, stop_at="bone_risk")
    assert step.question.type == "multi"
    assert snap(snap_compare, lambda: QuestionScreen(step), size, press=["1", "3"])


@pytest.mark.parametrize("size", ALL_SIZES)
def test_number_question_with_error(snap_compare, ruleset, benign, size) -> None:
    """"You and your pain · 1 of 5" (a new section: its intro shows): the age question with
    130 typed in the box, "years" after it, and the inline error in red saying 130 is out of
    range (a whole number 0 to 120)."""
    step = ask(ruleset, benign, stop_at="age_years")
    assert step.question.type == "number"
    assert snap(snap_compare, lambda: QuestionScreen(step), size, press=["1", "3", "0", "enter"])


# --- the decision ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ALL_SIZES)
def test_urgent_screen(snap_compare, ruleset, size) -> None:
    """Saddle numbness answered "Not sure" on the first question: the red-bordered "⚠ URGENT"
    banner, what to do now (emergency department or local emergency number; no stretch), why
    (the saddle numbness answer: Not sure), and the buttons "I answered by mistake: undo (z)",
    "Home (h)" and a red "Quit (q)". No Start, no way on to the stretch."""
    run = journey(ruleset)
    run.send(ev.Start(), ev.Answered("unsure"))
    step = run.step
    assert isinstance(step, st.Urgent)
    assert snap(snap_compare, lambda: UrgentScreen(ruleset, step), size)


@pytest.mark.parametrize("size", ALL_SIZES)
def test_refer_result(snap_compare, ruleset, benign, size) -> None:
    """Fever, and a small fall at 70: the amber "➜ SEE SOMEONE FIRST (today)" banner, the
    same-day message (GP or urgent care today), "Why" with two reasons (a small fall with weaker
    bones; fever) each with the answers behind it, and Save summary / Edit answers / Quit
    below. No Start button and no stretch."""
    answers = {**benign, "fever_unwell": "yes", "injury_start": "small_fall_or_strain", "age_years": 70}
    assert snap(snap_compare, result(ruleset, answers, "refer"), size)


@pytest.mark.parametrize("size", ALL_SIZES)
def test_modified_result(snap_compare, ruleset, benign, size) -> None:
    """Kneeling discomfort and pain on twisting: the green "✓ OK WITH CHANGES" banner, the
    reasons (knees, twisting), then "The 90/90 hip stretch: a gentler version, on the floor",
    the two changes with why (dim), and the numbered steps, with changed steps tagged
    "[changed: ...]". "Start session (Enter)" sits with the other actions below the page."""
    answers = {**benign, "knee_pain": "kneeling_discomfort", "movement_pain": ("twisting",)}
    assert snap(snap_compare, result(ruleset, answers, "modified"), size)


@pytest.mark.parametrize("size", ALL_SIZES)
def test_standard_result(snap_compare, ruleset, benign, size) -> None:
    """Every answer benign: the green "✓ OK: the standard stretch" banner, no "Why", then "The
    90/90 hip stretch: the standard version, on the floor", the five numbered steps with no
    "[changed]" tags, and "Stop at once if you notice" (scrolled below at 80x24); Start session
    (Enter), Save summary, Edit answers and Quit below."""
    assert snap(snap_compare, result(ruleset, benign, "standard"), size)


# --- before the timer -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ALL_SIZES)
def test_session_setup(snap_compare, ruleset, benign, size) -> None:
    """A 70-year-old (shorter holds): "Your session: gentler version, on the floor", the settings
    with their limits (hold each side 30 s of 20 to 30, focused; rounds 1 of 1 to 2; get-ready
    10 s of 0 to 15; the knee-drops stepper hidden), the early-warning switch on, "About 1 min
    ..." in all, "What you will do" with the steps, and Start the timer (Enter) / Back (Esc)."""
    run = journey(ruleset)
    run.send(ev.Start())
    run.answer({**benign, "age_years": 70})
    run.send(ev.StartSession())
    step = run.step
    assert isinstance(step, st.Setup) and step.blocked is None and step.plan.mods == ("short_holds",)
    assert snap(snap_compare, lambda: SessionSetupScreen(ruleset, step), size)


@pytest.mark.parametrize("size", ALL_SIZES)
def test_session_setup_blocked(snap_compare, ruleset, benign, size) -> None:
    """Earlier today a session stopped for sharp pain; then a full screening: the setup shows
    the amber card "No session now. No more sessions today: a session stopped earlier today for
    sharp, shooting, stabbing or electric pain. Rest, and try again tomorrow.", a bullet "Shorter
    holds this time. Your last session stopped for: sharp...", the plan (gentler version, hold
    20 to 30 s), and only Back (Esc) below: no Start button, no Enter Start in the key bar."""
    run = stopped_for(ruleset, benign, "sharp_pain")
    run.send(ev.Done(), ev.Rated(7), ev.Done(), ev.Start(full=True))
    run.answer(benign)
    run.send(ev.StartSession())
    step = run.step
    assert isinstance(step, st.Setup) and step.blocked and step.why
    assert snap(snap_compare, lambda: SessionSetupScreen(ruleset, step), size)


# --- the session ------------------------------------------------------------------------------------
#
# The timer page is drawn as the driver draws it: the page is made for one running step, then
# shown the next step with the cues that came with it (`show_step`), as after each tick.


def ticked(run: Run, seconds: float) -> tuple[st.Running, st.Running, tuple]:
    """Run the timer for `seconds`: the step half a second before the end, the step at the end,
    and the cues of that last tick."""
    run.run_for(seconds - 0.5)
    before, cues = run.step, len(run.cues)
    run.run_for(0.5)
    assert isinstance(before, st.Running) and isinstance(run.step, st.Running), run.step
    return before, run.step, tuple(run.cues[cues:])


def session_snap(snap_compare, size: tuple[int, int], before: st.Running, after: st.Running, cues: tuple = (),
                 dialog: Callable[[], Screen[Any]] | None = None) -> bool:
    """The timer page made for `before`, then shown `after` with its cues, and maybe a dialog
    over it. A cue's flash (normally 1.5 s) is kept, so the picture does not depend on timing."""

    async def show(pilot: Pilot) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, SessionScreen)
        screen.show_step(after, cues)
        if screen.flash_timer is not None:
            screen.flash_timer.stop()
        if dialog is not None:
            await pilot.app.push_screen(dialog())
        await pilot.pause()

    return snap(snap_compare, lambda: SessionScreen(before), size, run_before=show)


@pytest.mark.parametrize("size", ALL_SIZES)
def test_session_prep(snap_compare, ruleset, benign, size) -> None:
    """3 s in: "Get ready" with the session progress bar, the big countdown at 7, "Get ready.
    Sit on the floor..." as the instruction, no breathing bar, and "Next: Hold · LEFT leg in
    front · round 1 of 2 (60 s)". The key bar, by priority: space Pause, p Pain, q Stop, s Skip,
    + More, - Less (b Breathe and m Mute too at 100 columns), always ending ^q Quit, ? Help; at
    40x12 only space Pause, p Pain, ^q Quit, ? Help, and "More below" under the page."""
    before, after, cues = ticked(running(ruleset, benign, 0), 3)
    assert after.snapshot.phase.kind == "prep" and after.snapshot.display == 7  # type: ignore[union-attr]
    assert session_snap(snap_compare, size, before, after, cues)


def _hold(ruleset: RuleSet, answers: Mapping[str, Any]) -> tuple[st.Running, st.Running, tuple]:
    """The tick that ends the get-ready countdown (10 s) and starts the first hold."""
    before, after, cues = ticked(running(ruleset, answers, 0), 10)
    assert after.snapshot.phase.kind == "hold" and [c.kind for c in cues] == ["end"]  # type: ignore[union-attr]
    return before, after, cues


@pytest.mark.parametrize("size", ALL_SIZES)
def test_session_hold(snap_compare, ruleset, benign, size) -> None:
    """Just after the get-ready countdown: "Hold · LEFT leg in front · round 1 of 2", the
    countdown at 1:00, the green flash "Go! Start the stretch", the steps to follow ("Sit tall →
    Turn towards the front knee → Lean forward from the hips. Hold for 30 to 60 seconds..."),
    the breathing bar ("Breathe in" and an empty bar: the first breath starts) and "Next: Switch
    sides · round 1 of 2 (10 s)". At 40x12 the phase line wraps ("... round 1 / of 2"), and
    "More below" shows under the instruction; the key bar keeps Pause, Pain, Quit and Help."""
    assert session_snap(snap_compare, size, *_hold(ruleset, benign))


@pytest.mark.parametrize("size", ALL_SIZES)
def test_session_paused(snap_compare, ruleset, benign, size) -> None:
    """Paused (space) 20 s into the LEFT hold: "Paused · Hold · LEFT leg in front · round 1 of
    2" whole on one line (at 80x24 the progress bar goes under it; at 40x12 the bar is left
    out and the words break at " · ", "round 1 of 2" kept together) and the countdown greyed at 40,
    "Paused. Press space to go on.", the instruction and breathing bar still shown, and the
    key bar showing space Resume instead of Pause."""
    run = running(ruleset, benign, 30)
    before = run.step
    after = run.send(ev.TogglePause())
    assert isinstance(before, st.Running) and isinstance(after, st.Running)
    assert after.snapshot.state == "paused" and after.snapshot.display == 40
    assert session_snap(snap_compare, size, before, after)


@pytest.mark.parametrize("size", ALL_SIZES)
def test_session_pain_stop_dialog(snap_compare, ruleset, benign, size) -> None:
    """p, 10 s into the first hold: over the session page (drawn as last shown, still running:
    the journey pauses the timer but the page is not redrawn before the dialog covers it), the
    dialog "The timer is paused. What is happening?" listing the eight stop cues with number
    keys (numbness between the legs / bladder; chest pain or fainting; sharp pain; spreading
    numbness; pain in an operated joint; dizziness; too much pain; cramp), none highlighted,
    and the button "None: back to the timer (Esc)". No replaced-hip cue: no hip
    operation. At 40x12 the heading is "What is happening? Press its number." and all eight
    cues show at once, one line each with its number, long ones cut with "…"."""
    run = running(ruleset, benign, 0)
    before, after, cues = ticked(run, 20)
    run.send(ev.PainStop())
    dialog = run.step
    assert isinstance(dialog, st.AskPain) and len(dialog.cues) == 8
    assert session_snap(snap_compare, size, before, after, cues, dialog=lambda: PainStopModal(dialog.cues))


@pytest.mark.parametrize("size", ALL_SIZES)
def test_advice_urgent(snap_compare, ruleset, benign, size) -> None:
    """An urgent stop cue (numbness between the legs or bladder change): the red banner
    "⚠  URGENT: stop and get help now", the cue's emergency advice, "You reported: ..." with
    the cue in bold, "What you did so far is saved.", and only "Home (Enter)" and "Quit (q)"."""
    run = stopped_for(ruleset, benign, "nerve_emergency")
    step = run.step
    assert isinstance(step, st.Advice) and step.urgent
    assert snap(snap_compare, lambda: AdviceScreen(step), size)


@pytest.mark.parametrize("size", ALL_SIZES)
def test_advice_not_urgent(snap_compare, ruleset, benign, size) -> None:
    """Sharp pain reported: the amber banner "■  The session has stopped", "Come out of the
    stretch slowly, using your hands. Rest, and don't try it again today.", "You reported:
    Sharp, shooting, stabbing or electric pain", "What you did so far is saved.", and
    "Go on (Enter)" (focused) and "Quit (q)"."""
    run = stopped_for(ruleset, benign, "sharp_pain")
    step = run.step
    assert isinstance(step, st.Advice) and not step.urgent
    assert snap(snap_compare, lambda: AdviceScreen(step), size)


@pytest.mark.parametrize("size", ALL_SIZES)
def test_pain_rating(snap_compare, ruleset, benign, size) -> None:
    """After the advice: "How bad is your back pain now, from 0 to 10?", the grey help (0 no
    pain, 10 the worst; you can skip), an empty focused box with the placeholder "0 to 10" and
    "out of 10" after it, and Save (Enter) / Skip (s)."""
    run = stopped_for(ruleset, benign, "sharp_pain")
    run.send(ev.Done())
    step = run.step
    assert isinstance(step, st.RatePain)
    assert snap(snap_compare, lambda: PainRatingScreen(step), size)


@pytest.mark.parametrize("size", ALL_SIZES)
def test_session_summary(snap_compare, ruleset, benign, size) -> None:
    """After a sharp-pain stop 5 s into the first hold, pain now 7: the amber "Stopped early"
    banner, what was reported and its advice, no more sessions today, the gentler version for
    next time (Shorter holds), a table of rounds and sides, held "5 of 60 s, partial" then
    0 s, the totals, and pain 3 before → 7 after."""
    run = stopped_for(ruleset, benign, "sharp_pain")
    run.send(ev.Done(), ev.Rated(7))
    step = run.step
    assert isinstance(step, st.Summary) and step.rest_today
    assert snap(snap_compare, lambda: SessionSummaryScreen(step), size)


# --- history ----------------------------------------------------------------------------------------


def _history(ruleset: RuleSet, run: Run) -> Callable[[], Screen[Any]]:
    run.send(ev.ShowHistory())
    step = run.step
    assert isinstance(step, st.History)
    return lambda: HistoryScreen(ruleset, step, NOW, tz=timezone.utc)


@pytest.mark.parametrize("size", SIZES)
def test_history_without_escalation(snap_compare, ruleset, benign, size) -> None:
    """History: "4 sessions · 4 days in a row", no card, the pain trend as two lines of bars
    on a 0-10 scale ("Before: 6 at first, 3 at the last (4 rated)", "After: 5 at first, 2 at the
    last (4 rated)"), and the table of sessions newest first
    (Mon 23 Nov 04:42, then 22, 21, 20 Nov at 09:30, UTC): held 120 of 120 s, pain before →
    after, Finished; Back (Esc) and Save for a clinician (e) below."""
    sessions = [past_session(ruleset, d, before=b, after=b - 1) for d, b in ((3, 6), (2, 5), (1, 4), (0.2, 3))]
    run = journey(ruleset, screening=saved_screening(ruleset, benign, days_ago=5), sessions=sessions)
    assert not run.step.today.escalated  # type: ignore[union-attr]
    assert snap(snap_compare, _history(ruleset, run), size)


@pytest.mark.parametrize("size", SIZES)
def test_history_with_escalation(snap_compare, ruleset, benign, size) -> None:
    """Five weeks of sessions with pain before stuck at 5: "5 sessions · 1 day in a row", the
    bordered card "Get a proper assessment..." (4 weeks or more, pain before not getting better:
    book a physio or GP) with "Why: over 4 weeks, pain before sessions went from 5.0 to 5.0 out
    of 10", then the trend bars and the five sessions newest first."""
    sessions = [past_session(ruleset, d, before=5, after=a) for d, a in ((35, 4), (28, 6), (14, 5), (7, 4), (1, 5))]
    run = journey(ruleset, screening=saved_screening(ruleset, benign, days_ago=40), sessions=sessions)
    assert run.step.today.escalated  # type: ignore[union-attr]
    assert snap(snap_compare, _history(ruleset, run), size)


# --- without colour (NO_COLOR=1): every state in words -------------------------------------------


def no_color_snap(snap_compare, monkeypatch, make: Callable[[], Screen[Any]], **kwargs: Any) -> bool:
    monkeypatch.setenv("NO_COLOR", "1")
    return snap(snap_compare, make, (80, 24), **kwargs)


def test_multi_choice_question_no_color(snap_compare, ruleset, benign, monkeypatch) -> None:
    """NO_COLOR, 80x24: the bone health checklist in shades of grey, with choices 1 and 3
    ticked: "[x]" before them and "[ ]" before the others, so the ticks read without colour;
    "Question 8 · about 20 left" at the top right."""
    step = ask(ruleset, benign, stop_at="bone_risk")
    assert no_color_snap(snap_compare, monkeypatch, lambda: QuestionScreen(step), press=["1", "3"])


def test_session_setup_no_color(snap_compare, ruleset, benign, monkeypatch) -> None:
    """NO_COLOR, 80x24, the lying (knee drops) set-up: each switch says "On" or "Off" in words
    beside it (knee drops On; the 10-second warning On, then Off after Tab to it and space)."""
    run = journey(ruleset)
    run.send(ev.Start())
    run.answer({**benign, "knee_pain": "pain_bending_to_90"})
    run.send(ev.StartSession())
    step = run.step
    assert isinstance(step, st.Setup) and step.plan.position == "lying"

    async def warn_off(pilot: Pilot) -> None:
        pilot.app.screen.query_one("#warn").focus()
        await pilot.press("space")

    assert no_color_snap(snap_compare, monkeypatch, lambda: SessionSetupScreen(ruleset, step), run_before=warn_off)


def test_session_paused_no_color(snap_compare, ruleset, benign, monkeypatch) -> None:
    """NO_COLOR, 80x24, paused 20 s into the LEFT hold: the phase line says "Paused · Hold ·
    LEFT leg in front · round 1 of 2" with the progress bar under it, the countdown at 40, "Paused. Press space to go on.",
    and the key bar "space Resume" (not Pause)."""
    monkeypatch.setenv("NO_COLOR", "1")
    run = running(ruleset, benign, 30)
    before = run.step
    after = run.send(ev.TogglePause())
    assert isinstance(before, st.Running) and isinstance(after, st.Running)
    assert session_snap(snap_compare, (80, 24), before, after)
