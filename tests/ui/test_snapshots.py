"""Pictures of every screen of the screening, at 100x32 and 80x24.

Each test's docstring says what the picture should show. Update after a deliberate change with
`pytest tests/ui/test_snapshots.py --snapshot-update`, then look at every changed SVG.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from ui_helpers import answer, make_app, start

SIZES = [pytest.param((100, 32), id="100x32"), pytest.param((80, 24), id="80x24")]


@pytest.fixture
def benign_answers(benign):
    return benign


@pytest.mark.parametrize("size", SIZES)
def test_welcome(snap_compare, tmp_path, size) -> None:
    """The app's name and purpose naming the 90/90 hip stretch, three numbered steps, the
    boxed disclaimer (not medical advice; call your local emergency number), Start and Quit
    buttons, the rules version, and the Footer with Enter Start, ^q Quit, ? Help."""
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES)
def test_yes_no_question(snap_compare, tmp_path, size) -> None:
    """"Warning signs · 1 of 15" with the progress bar, the section intro, the saddle question
    in bold, its help text, y/n/u choices with their keys, the hint that Enter needs an
    answer (Enter was pressed with nothing chosen), and Back / Next buttons."""

    async def run_before(pilot: Pilot) -> None:
        await start(pilot)
        await pilot.press("enter")

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_multi_choice_question(snap_compare, tmp_path, size, benign_answers) -> None:
    """"Warning signs · 8 of 15": the bone health checklist with osteoporosis and steroid
    tablets ticked, "None of these" unticked, number keys shown next to each choice."""

    async def run_before(pilot: Pilot) -> None:
        await start(pilot)
        await answer(pilot, benign_answers, stop_at="bone_risk")
        await pilot.press("1", "3")

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_number_question_with_error(snap_compare, tmp_path, size, benign_answers) -> None:
    """"You and your pain · 1 of 5": the age question with 130 typed in the box, "years" after
    it, and the inline error in red: 130 is out of range, expected a whole number 0 to 120."""

    async def run_before(pilot: Pilot) -> None:
        await start(pilot)
        await answer(pilot, benign_answers, stop_at="age_years")
        await pilot.press("1", "3", "0", "enter")

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_urgent_screen(snap_compare, tmp_path, size) -> None:
    """The red-bordered "⚠ URGENT: get emergency help now" banner, what to do now (emergency
    department or local emergency number; no stretch), why (saddle numbness answered "Not
    sure"), and only two ways out: "I answered by mistake: undo (z)" and Quit. No Start."""

    async def run_before(pilot: Pilot) -> None:
        await start(pilot)
        await pilot.press("u", "enter")

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_refer_result(snap_compare, tmp_path, size, benign_answers) -> None:
    """The amber "➜ SEE SOMEONE FIRST (today)" banner, the same-day message (GP or urgent care
    today, NHS 111 in the UK), two reasons (fever; small fall at 70) each with the answers
    behind it, and Save summary / Change answers / Quit buttons. No Start button."""

    async def run_before(pilot: Pilot) -> None:
        await start(pilot)
        await answer(pilot, {**benign_answers, "fever_unwell": "yes", "injury_start": "small_fall_or_strain",
                             "age_years": 70})

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_modified_result(snap_compare, tmp_path, size, benign_answers) -> None:
    """The green "✓ OK WITH CHANGES: a gentler version" banner, the reasons (knees, twisting),
    then "The 90/90 hip stretch: a gentler version, on the floor", the two changes with why,
    and the steps: cushions noted under step 1, a smaller turn in step 3 marked as changed.
    A Start the session button sits with the other actions below the page."""

    async def run_before(pilot: Pilot) -> None:
        await start(pilot)
        await answer(pilot, {**benign_answers, "knee_pain": "kneeling_discomfort", "movement_pain": ("twisting",)})

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=run_before)


async def _settle(pilot: Pilot) -> None:
    await pilot.pause()


# --- the session (issue 4) ------------------------------------------------------------------------


def _session_snap(snap_compare, tmp_path, size, answers, then) -> bool:
    """From a saved screening: the quick check, then the session (as in daily use)."""
    from fakes import FakeClock
    from ui_helpers import seed_screening, to_session

    seed_screening(tmp_path, answers)
    clock = FakeClock()

    async def run_before(pilot: Pilot) -> None:
        await to_session(pilot, answers)
        await then(pilot, clock)

    return snap_compare(make_app(tmp_path, clock), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_session_setup(snap_compare, tmp_path, size, benign_answers) -> None:
    """The setup screen for a 70-year-old: "Your session: gentler version, on the floor", the
    settings with their limits (hold 30 s of 20 to 30, highlighted as focused; rounds 1 of 1
    to 2; get-ready 10 s of 0 to 15), the early-warning switch on, "About 1 min 20 s in all",
    then "What you will do" with the steps, and Start the timer / Back below."""

    from ui_helpers import seed_screening

    answers = {**benign_answers, "age_years": 70}
    seed_screening(tmp_path, answers)

    async def run_before(pilot: Pilot) -> None:
        await start(pilot)
        await answer(pilot, answers)  # the quick check, then straight to the setup

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_session_prep(snap_compare, tmp_path, size, benign_answers) -> None:
    """Prep: "Get ready" with the session progress bar, the big countdown at 7, the set-up
    step as the instruction, no breathing bar, and "Next: Hold · LEFT leg in front · round 1
    of 2 (60 s)". The Footer offers space Pause, s Skip, + More, - Less, p Pain, b, m, q."""

    async def then(pilot: Pilot, clock) -> None:
        from ui_helpers import advance

        await advance(pilot, clock, 3)

    assert _session_snap(snap_compare, tmp_path, size, benign_answers, then)


@pytest.mark.parametrize("size", SIZES)
def test_session_hold(snap_compare, tmp_path, size, benign_answers) -> None:
    """A hold: "Hold · LEFT leg in front · round 1 of 2", the countdown at 1:00 just after
    prep, the flash "Go! Start the stretch", the steps to follow, the breathing bar ("Breathe
    in" and a partly filled bar) and "Next: Switch sides · round 1 of 2 (10 s)"."""

    async def then(pilot: Pilot, clock) -> None:
        from ui_helpers import advance

        await advance(pilot, clock, 10)

    assert _session_snap(snap_compare, tmp_path, size, benign_answers, then)


@pytest.mark.parametrize("size", SIZES)
def test_session_paused(snap_compare, tmp_path, size, benign_answers) -> None:
    """Paused 20 s into the LEFT hold: the countdown greyed at 40, "Paused. Press space to go
    on." and the Footer showing space Resume instead of Pause."""

    async def then(pilot: Pilot, clock) -> None:
        from ui_helpers import advance

        await advance(pilot, clock, 30)
        await pilot.press("space")
        await pilot.pause()

    assert _session_snap(snap_compare, tmp_path, size, benign_answers, then)


@pytest.mark.parametrize("size", SIZES)
def test_session_pain_stop_questions(snap_compare, tmp_path, size, benign_answers) -> None:
    """After p: a dialog "The timer is paused. What is happening?" listing the stop cues with
    number keys (numbness between the legs / bladder; chest pain or fainting; sharp pain;
    spreading numbness; pain in an operated joint; dizziness; pain above 5; cramp) and a
    "None of these: back to the timer (Esc)" button. No replaced-hip cue: no hip operation."""

    async def then(pilot: Pilot, clock) -> None:
        from ui_helpers import advance

        await advance(pilot, clock, 20)
        await pilot.press("p")
        await pilot.pause()

    assert _session_snap(snap_compare, tmp_path, size, benign_answers, then)


@pytest.mark.parametrize("size", SIZES)
def test_session_summary(snap_compare, tmp_path, size, benign_answers) -> None:
    """After a pain stop with sharp pain 10 s into the first hold: the amber "Stopped early
    (pain or a warning sign)" banner, what was reported and the advice, the gentler version
    suggested for next time (shorter holds), a table of rounds and sides with planned 60 s and
    done 10 s (partial) then 0 s, the totals, and that the session is noted as partial."""

    async def then(pilot: Pilot, clock) -> None:
        from ui_helpers import advance

        await advance(pilot, clock, 20)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("7", "enter")  # pain now
        await pilot.pause()

    assert _session_snap(snap_compare, tmp_path, size, benign_answers, then)


# --- daily use (issue 5) --------------------------------------------------------------------------


def _history_app(tmp_path, benign, escalated: bool):
    from test_daily_use import past_session, seed_sessions
    from ui_helpers import seed_screening

    seed_screening(tmp_path, benign, days_ago=40)
    if escalated:  # pain before stays at 5 over five weeks: the assessment card
        sessions = [past_session(d, before=5, after=a) for d, a in ((35, 4), (28, 6), (14, 5), (7, 4), (1, 5))]
    else:
        sessions = [past_session(d, before=b, after=b - 1) for d, b in ((3, 6), (2, 5), (1, 4), (0.2, 3))]
    seed_sessions(tmp_path, *sessions)
    return make_app(tmp_path)


@pytest.mark.parametrize("size", SIZES)
def test_history_without_escalation(snap_compare, tmp_path, size, benign_answers) -> None:
    """History: "4 sessions · 3 days in a row", the pain trend as two lines of bars on a 0-10
    scale (before falling 6 to 3, after one lower each time), and the table of sessions
    newest first: date, held 120 of 120 s, pain before → after, Finished. No card."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press("h")

    assert snap_compare(_history_app(tmp_path, benign_answers, False), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_history_with_escalation(snap_compare, tmp_path, size, benign_answers) -> None:
    """History after five weeks with pain before stuck at 5: the bordered card "Get a proper
    assessment. You have been doing this stretch for 4 weeks or more..." with "Why: over 4 weeks, pain before sessions
    went from 5.0 to 5.0 out of 10", then the 0-10 trend bars and the five sessions."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press("h")

    assert snap_compare(_history_app(tmp_path, benign_answers, True), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_home_with_a_saved_screening(snap_compare, tmp_path, size, benign_answers) -> None:
    """Home on a later day: "Welcome back. Your screening is saved: a quick check ... then the
    session. You have stretched 1 day in a row.", the disclaimer, and the buttons Quick check
    and start (Enter), Full screening (f) and History (h); Quit is in the key bar."""
    from test_daily_use import past_session, seed_sessions
    from ui_helpers import seed_screening

    seed_screening(tmp_path, benign_answers)
    seed_sessions(tmp_path, past_session(0.5))

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=run_before)
