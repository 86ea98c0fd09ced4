"""The journey of daily use, as a pure state machine: every path, with fixed clocks.

The bugs of issue 9 that lived in the UI's seams are tested here, where the behaviour now lives:
2 (a quick check saved as a full one), 3 (urgent advice after a question), 4 (promises of a
stop cue), 5 (cues lost inside pause/skip/adjust), 7 (answers dropped without a word), 8 (the
timer running behind the quit dialog).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from journey_helpers import NOW, Run, saved_screening
from triage_tui.core.journey import events as ev
from triage_tui.core.journey.home_words import where_you_stand
from triage_tui.core.journey import steps as st
from triage_tui.core.journey.saves import SaveClearance, SaveScreening, SaveSession


def sessions_saved(run: Run) -> dict[int, list]:
    out: dict[int, list] = {}
    for save in run.saves:
        if isinstance(save, SaveSession):
            out.setdefault(save.key, []).append(save.record)
    return out


def test_first_run_to_the_end_of_a_session(ruleset, benign) -> None:
    run = Run(ruleset)
    assert isinstance(run.step, st.Home) and run.step.today.why_full == "There is no saved screening yet."
    run.send(ev.Start())
    asked = run.answer(benign)
    assert len(asked) > 20 and isinstance(run.step, st.Result) and run.step.decision.outcome == "standard"
    assert [type(s) for s in run.saves] == [SaveScreening]  # concluded once, saved once
    run.send(ev.StartSession())
    assert isinstance(run.step, st.Setup) and run.step.blocked is None and run.step.why == ()
    run.send(ev.Begin(hold=30, prep=0, rounds=1))
    run.run_for(30 + 10 + 30 + 1)
    assert isinstance(run.step, st.RatePain)
    run.send(ev.Rated(2))
    assert isinstance(run.step, st.Summary) and run.step.record.ended == "finished"
    records = sessions_saved(run)
    assert len(records) == 1, "every checkpoint updates the same session"
    final = records[next(iter(records))][-1]
    assert (final.pain_before, final.pain_after, final.held_seconds) == (benign["pain_today"], 2, 60)
    assert isinstance(run.send(ev.Done()), st.Home) and run.step.today.quick_check


def test_an_urgent_answer_stops_at_once_and_undo_goes_back(ruleset, benign) -> None:
    run = Run(ruleset)
    run.send(ev.Start())
    run.answer({**benign, "saddle_numbness": "yes"} | {})
    assert isinstance(run.step, st.Urgent) and run.step.decision.outcome == "urgent"
    assert run.send(ev.Undo()).question.id == "saddle_numbness"  # type: ignore[union-attr]
    assert run.step.given is None  # type: ignore[union-attr]


def test_a_refer_result_offers_no_session(ruleset, benign) -> None:
    run = Run(ruleset)
    run.send(ev.Start())
    run.answer({**benign, "weight_loss": "yes"})
    assert isinstance(run.step, st.Result) and run.step.decision.outcome == "refer"
    assert isinstance(run.send(ev.StartSession()), st.Result)  # nothing to start


def test_bug2_back_from_setup_after_a_quick_check_keeps_the_full_date(ruleset, benign) -> None:
    full = saved_screening(ruleset, benign, days_ago=10)
    run = Run(ruleset, screening=full)
    run.send(ev.Start())
    asked = run.answer(benign)
    assert len(asked) == 8 and isinstance(run.step, st.Setup)  # same result: straight to setup
    run.send(ev.Back())
    assert isinstance(run.step, st.Result)
    run.send(ev.Done())
    screenings = [s.screening for s in run.saves if isinstance(s, SaveScreening)]
    assert len(screenings) == 1 and screenings[0].at == full.at and screenings[0].checked_at == NOW
    run.wall.at = full.at + timedelta(days=30)
    assert not run.journey.today().quick_check and "30 days" in run.journey.today().why_full


def test_bug3_urgent_stop_cue_shows_the_advice_first(ruleset, benign) -> None:
    run = Run(ruleset)
    run.to_session(benign)
    run.run_for(12)
    run.send(ev.PainStop())
    assert isinstance(run.step, st.AskPain)
    urgent = [c for c in run.step.cues if c.action == "urgent"]
    assert urgent
    for cue in urgent:
        again = Run(ruleset)
        again.to_session(benign)
        again.run_for(12)
        again.send(ev.PainStop(), ev.CueChosen(cue.id))
        assert isinstance(again.step, st.Advice) and again.step.urgent and again.step.cue == cue
        assert again.journey.unsaved is None  # already saved: nothing is asked before leaving
        assert isinstance(again.send(ev.Rated(3)), st.Advice)  # no pain score is taken here
        assert isinstance(again.send(ev.Done()), st.Home)
        assert again.step.today.rest_today is not None


def test_bug4_a_stop_cue_holds_its_promises(ruleset, benign) -> None:
    run = Run(ruleset, screening=saved_screening(ruleset, benign, days_ago=2))
    run.to_session(benign)
    run.run_for(15)
    run.send(ev.PainStop(), ev.CueChosen("sharp_pain"))
    assert isinstance(run.step, st.Advice) and not run.step.urgent
    run.send(ev.Done(), ev.Rated(4))
    assert isinstance(run.step, st.Summary) and run.step.rest_today and run.step.next_time == ("Shorter holds",)
    home = run.send(ev.Done())
    assert home.today.rest_today and home.today.blocked  # type: ignore[union-attr]
    assert home.today.streak == 1 and "in a row" not in where_you_stand(home.today)  # type: ignore[union-attr]
    assert isinstance(run.send(ev.Start()), st.Home)  # no session today
    # A full screening is allowed, but the setup says why no timer can start.
    run.send(ev.Start(full=True))
    run.answer(benign)
    run.send(ev.StartSession())
    assert isinstance(run.step, st.Setup) and run.step.blocked and "tomorrow" in run.step.blocked
    assert isinstance(run.send(ev.Begin(hold=30, prep=0, rounds=1)), st.Setup)
    # The next local day: the plan is gentler and says why.
    run.send(ev.Done())
    run.wall.at = NOW + timedelta(days=1)
    run.send(ev.Start())
    run.answer(benign)
    assert isinstance(run.step, st.Setup), run.step
    assert "short_holds" in run.step.plan.mods and run.step.blocked is None
    assert any("sharp" in line for line in run.step.why)


def test_rest_today_follows_the_local_day(ruleset, benign) -> None:
    run = Run(ruleset, screening=saved_screening(ruleset, benign, days_ago=2))
    run.wall.at = NOW.replace(hour=23, minute=0)  # 23:00 in London
    run.to_session(benign)
    run.run_for(12)
    run.send(ev.PainStop(), ev.CueChosen("sharp_pain"), ev.Done(), ev.Rated(None), ev.Done())
    run.wall.at = NOW.replace(hour=23, minute=59)
    assert run.journey.today().rest_today
    run.wall.at = NOW.replace(hour=23, minute=59) + timedelta(minutes=2)  # past midnight
    assert run.journey.today().rest_today is None


def test_bug5_a_phase_ending_inside_pause_is_cued_and_saved(ruleset, benign) -> None:
    run = Run(ruleset)
    run.to_session(benign, prep=5)
    before = len(sessions_saved(run)[1])
    run.run_for(4.5)
    run.clock.advance(0.6)  # the prep ended, but no tick saw it
    run.send(ev.TogglePause())
    assert [c.kind for c in run.cues][-1:] == ["end"] and run.cues[-1].phase.kind == "prep"
    assert len(sessions_saved(run)[1]) == before + 1  # the checkpoint of that phase end


def test_bug5_skip_and_adjust_cues_are_not_lost(ruleset, benign) -> None:
    run = Run(ruleset)
    run.to_session(benign, prep=5)
    run.send(ev.SkipPhase())
    assert run.cues[-1].kind == "end" and run.cues[-1].phase.kind == "prep"
    run.run_for(run.step.snapshot.remaining - 0.5)  # type: ignore[union-attr]
    run.clock.advance(0.6)  # the hold ended, but no tick saw it
    run.send(ev.Adjust(15))
    assert run.cues[-1].kind == "end" and run.cues[-1].phase.kind == "hold"


def test_bug7_leaving_the_questions_with_answers_asks_first(ruleset, benign) -> None:
    run = Run(ruleset)
    run.send(ev.Start())
    first = run.step
    assert isinstance(run.send(ev.Back()), st.Home)  # nothing given: nothing to lose
    run.send(ev.Start(), ev.Answered(benign[first.question.id]), ev.Back())  # type: ignore[union-attr]
    assert isinstance(run.send(ev.Back()), st.ConfirmStep)
    assert "1 answer" in run.step.question  # type: ignore[union-attr]
    assert run.send(ev.Confirm(False)) is first or isinstance(run.step, st.Ask)
    assert isinstance(run.send(ev.Back(), ev.Confirm(True)), st.Home)


def test_bug8_quit_pauses_the_timer_behind_the_question(ruleset, benign) -> None:
    run = Run(ruleset)
    run.to_session(benign)
    run.run_for(12)
    run.send(ev.Quit())
    assert isinstance(run.step, st.ConfirmStep) and "stopped early" in run.step.question
    left = run.journey.engine.snapshot().remaining  # type: ignore[union-attr]
    run.clock.advance(30)
    run.send(ev.Confirm(False))
    assert isinstance(run.step, st.Running) and run.step.snapshot.state == "paused"
    assert run.step.snapshot.remaining == pytest.approx(left)
    run.send(ev.Quit(), ev.Confirm(True))
    assert run.step == st.End(0)
    assert sessions_saved(run)[1][-1].ended == "interrupted"


def test_interrupt_saves_a_running_session(ruleset, benign) -> None:
    run = Run(ruleset)
    run.to_session(benign)
    run.run_for(20)
    assert run.send(ev.Interrupt(130)) == st.End(130)
    record = sessions_saved(run)[1][-1]
    assert record.ended == "interrupted" and record.held_seconds == pytest.approx(10)


def test_stop_and_gap(ruleset, benign) -> None:
    run = Run(ruleset)
    run.to_session(benign)
    run.run_for(12)
    run.clock.advance(60)  # the computer slept
    run.send(ev.Tick())
    assert isinstance(run.step, st.AskGap) and run.cues[-1].kind == "gap"
    run.send(ev.GapChoice("resume"))
    assert isinstance(run.step, st.Running) and run.step.snapshot.state == "running"
    run.send(ev.StopSession())
    assert isinstance(run.step, st.ConfirmStep)
    run.send(ev.Confirm(True))
    assert isinstance(run.step, st.RatePain) and sessions_saved(run)[1][-1].ended == "quit"


def test_a_pause_cue_keeps_the_session_paused_with_its_advice(ruleset, benign) -> None:
    run = Run(ruleset)
    run.to_session(benign)
    run.run_for(12)
    run.send(ev.PainStop(), ev.CueChosen("cramp"))
    assert isinstance(run.step, st.Running) and run.step.snapshot.state == "paused"
    assert run.step.notice and "Cramp" not in run.step.notice
    run.send(ev.TogglePause())
    assert run.step.snapshot.state == "running" and run.step.notice is None  # type: ignore[union-attr]


def test_a_clinician_seen_clears_a_refer_escalation(ruleset, benign) -> None:
    from triage_tui.core.session.record import SessionRecord

    stops = [(SessionRecord(NOW - timedelta(days=d), NOW - timedelta(days=d), "floor", "hold", (), 60, 2, (),
                            "pain"), ruleset.hash) for d in (3, 2)]
    run = Run(ruleset, screening=saved_screening(ruleset, benign, days_ago=1), sessions=stops)
    assert run.step.today.refer is not None and run.step.today.blocked  # type: ignore[union-attr]
    run.send(ev.ClinicianSeen(), ev.ClearanceGiven())  # the form: today, no reasons to clear
    assert isinstance(run.step, st.Home) and run.step.today.refer is None
    assert any(isinstance(s, SaveClearance) for s in run.saves)


def test_the_session_command_starts_the_check_at_once(ruleset, benign) -> None:
    run = Run(ruleset, screening=saved_screening(ruleset, benign, days_ago=1), start="session")
    assert isinstance(run.step, st.QuickList) and run.journey.check.kind == "quick"  # type: ignore[union-attr]


def test_section_intros_are_for_the_full_screening_only(ruleset, benign) -> None:
    """The daily check asks a question or two of a section: no intro promising "a few questions"."""
    run = Run(ruleset, screening=saved_screening(ruleset, benign, days_ago=1))
    run.send(ev.Start(), ev.Ticked())
    asked = []
    while isinstance(run.step, st.Ask):
        asked.append(run.step)
        run.send(ev.Answered(benign[run.step.question.id]))
    assert asked and all(step.check == "quick" and step.intro == "" for step in asked)
    full = Run(ruleset)
    first = full.send(ev.Start(full=True))
    assert isinstance(first, st.Ask) and first.intro == ruleset.section_by_id[first.question.section].intro != ""


def test_history_and_back(ruleset) -> None:
    run = Run(ruleset)
    assert isinstance(run.send(ev.ShowHistory()), st.History)
    assert isinstance(run.send(ev.Back()), st.Home)
    assert run.send(ev.Quit()) == st.End(0)


def test_leaving_after_a_saved_result_loses_nothing_and_says_so(ruleset, benign) -> None:
    run = Run(ruleset, screening=saved_screening(ruleset, benign, days_ago=3))
    run.send(ev.Start())
    run.answer(benign)
    run.send(ev.Back(), ev.ChangeAnswers())  # setup -> result -> the last question
    while isinstance(run.step, st.Ask) and not run.journey.check.state.at_start:  # type: ignore[union-attr]
        run.send(ev.Back())
    assert isinstance(run.step, st.QuickList)  # back over the pain question: the list again
    assert run.journey.unsaved is None
    assert isinstance(run.send(ev.Back()), st.Home)  # all of it was saved: nothing to ask
    run.send(ev.Start(full=True))
    run.answer(benign)
    run.send(ev.ChangeAnswers())
    while run.step.question.id != "age_years":  # type: ignore[union-attr]
        run.send(ev.Back())
    run.send(ev.Answered(41))  # a change after the saved result, not yet concluded
    assert run.journey.unsaved is not None
    while not run.journey.check.state.at_start:  # type: ignore[union-attr]
        run.send(ev.Back())
    run.send(ev.Back())
    assert isinstance(run.step, st.ConfirmStep) and "result is saved" in run.step.question


def test_after_an_urgent_stop_cue_home_says_to_get_help_not_to_rest(ruleset, benign) -> None:
    run = Run(ruleset)
    run.to_session(benign)
    run.run_for(12)
    run.send(ev.PainStop(), ev.CueChosen("nerve_emergency"), ev.Done())
    assert isinstance(run.step, st.Home)
    words = run.step.today.rest_today or ""
    assert "emergency number" in words and "tomorrow" not in words


def test_a_result_while_sessions_are_blocked_says_why(ruleset, benign) -> None:
    run = Run(ruleset, screening=saved_screening(ruleset, benign, days_ago=2))
    run.to_session(benign)
    run.run_for(12)
    run.send(ev.PainStop(), ev.CueChosen("sharp_pain"), ev.Done(), ev.Rated(None), ev.Done())
    run.send(ev.Start(full=True))
    run.answer(benign)
    assert isinstance(run.step, st.Result) and run.step.blocked and "tomorrow" in run.step.blocked
