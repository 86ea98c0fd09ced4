"""Cleared by my clinician: the decision with a clearance applied, voiding, lapsing, the journey
steps that record it, and the store, history and export that keep and show it."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest

from journey_helpers import NOW, ZONE, Run, Wall, saved_screening
from triage_tui.core.history.records import SavedScreening
from triage_tui.core.session.plan import build_plan
from triage_tui.core.session.words import instruction
from triage_tui.core.history.clearance_record import clearance_json, from_state
from triage_tui.core.history.report import clinician_markdown, history_json, history_text
from triage_tui.core.history.database import CORRUPT_MARK, DB_FILE
from triage_tui.core.history.store import Store
from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from triage_tui.core.journey.due import daily
from triage_tui.core.journey.machine import Journey
from triage_tui.core.journey.persist import load_history
from triage_tui.core.journey.saves import SaveClearance, SaveScreening
from triage_tui.core.screening.clearance import Clearance, apply_clearance, clearable
from triage_tui.core.screening.clearance_form import Entry, read_entry
from triage_tui.core.screening.evaluator import decide
from fakes import FakeClock

TODAY = NOW.astimezone(ZONE).date()


def cleared(ruleset, answers, *, seen_on: date = TODAY, hold_limit: int | None = None, **kw) -> Clearance:
    """A clearance of every refer reason `answers` give, on the answers they fired on."""
    reasons = clearable(decide(ruleset, answers))
    assert reasons, "the answers must give a refer"
    evidence = {k: v for r in reasons for k, v in r.answers.items()}
    return Clearance(seen_on, NOW, tuple(r.rule for r in reasons), evidence, "Dr Lee", hold_limit, 0, **kw)


def journey(ruleset, clearance=None, screening=None, sessions=()) -> Run:
    run = Run(ruleset, screening=screening, sessions=list(sessions))
    run.journey = Journey(ruleset, screening=screening, sessions=list(sessions), cleared_at=None,
                          clock=FakeClock(), wall=Wall(), tz=ZONE, clearance=clearance)
    return run


# --- the decision ------------------------------------------------------------------------------


@pytest.mark.parametrize(("refer", "extra", "outcome", "mods"), [
    ({"cancer_history": "yes"}, {}, "standard", ()),
    ({"cancer_history": "yes"}, {"floor_transfer": "with_support"}, "modified", ("hands_supported",)),
    ({"infection_risk": ("recent_infection",), "night_pain": "yes"}, {}, "standard", ()),
    ({"pain_today": 9}, {"age_years": 70}, "modified", ("short_holds",)),
])
def test_a_cleared_refer_becomes_the_variant(ruleset, benign, refer, extra, outcome, mods) -> None:
    """The cleared refer rules are taken as answered by the clinician; every other rule decides."""
    answers = {**benign, **refer, **extra}
    assert decide(ruleset, answers).outcome == "refer"
    applied = apply_clearance(ruleset, answers, cleared(ruleset, {**benign, **refer}), TODAY)
    assert (applied.decision.outcome, applied.decision.modifications) == (outcome, mods)
    assert applied.decision == decide(ruleset._replace(rules=tuple(
        r for r in ruleset.rules if r.id not in {c.rule for c in applied.cleared})), answers)
    assert applied.void is None
    assert [r.rule for r in applied.cleared] == [r.rule for r in clearable(decide(ruleset, answers))]


@pytest.mark.parametrize(("at_clearance", "later", "outcome"), [
    ({"cancer_history": "yes"}, {"weight_loss": "yes"}, "refer"),             # a new refer rule
    ({"cancer_history": "yes"}, {"saddle_numbness": "unsure"}, "urgent"),     # any urgent
    ({"leg_weakness": "unsure"}, {"leg_weakness": "one_leg"}, "refer"),       # another choice, same rule
    ({"infection_risk": ("recent_infection",)}, {"infection_risk": ("recent_infection", "injects_drugs")},
     "refer"),                                                                # a choice added
    ({"pain_today": 9}, {"pain_today": 10}, "refer"),                         # a daily number, further
])
def test_a_new_or_worse_red_flag_answer_voids_it(ruleset, benign, at_clearance, later, outcome) -> None:
    clearance = cleared(ruleset, {**benign, **at_clearance})
    applied = apply_clearance(ruleset, {**benign, **at_clearance, **later}, clearance, TODAY)
    assert applied.decision.outcome == outcome and applied.void and not applied.cleared


@pytest.mark.parametrize(("at_clearance", "later"), [
    ({"infection_risk": ("recent_infection", "injects_drugs")}, {"infection_risk": ("recent_infection",)}),
    ({"pain_today": 10}, {"pain_today": 9}),                                  # better is not worse
    ({"age_years": 55, "pain_duration_weeks": 8, "pain_trend": "same"},       # numbers that grow with
     {"age_years": 56, "pain_duration_weeks": 12}),                           # the calendar
])
def test_the_same_or_a_better_answer_keeps_it(ruleset, benign, at_clearance, later) -> None:
    clearance = cleared(ruleset, {**benign, **at_clearance})
    applied = apply_clearance(ruleset, {**benign, **at_clearance, **later}, clearance, TODAY)
    assert applied.decision.allows_session and applied.cleared and applied.void is None


@pytest.mark.parametrize(("days", "ago", "outcome"), [(180, 179, "standard"), (180, 180, "refer"),
                                                       (30, 29, "standard"), (30, 30, "refer")])
def test_a_clearance_older_than_clearance_days_lapses(ruleset, benign, days, ago, outcome) -> None:
    rules = ruleset._replace(clearance_days=days)
    answers = {**benign, "cancer_history": "yes"}
    applied = apply_clearance(rules, answers, cleared(rules, answers, seen_on=TODAY - timedelta(days=ago)), TODAY)
    assert applied.decision.outcome == outcome
    assert (applied.lapsed_on is not None) == (outcome == "refer")


def test_urgent_offers_no_clearance(ruleset, benign) -> None:
    answers = {**benign, "saddle_numbness": "yes", "cancer_history": "yes"}
    assert decide(ruleset, answers).outcome == "urgent" and clearable(decide(ruleset, answers)) == ()
    run = journey(ruleset)
    run.send(ev.Start(full=True))
    run.answer({**answers})
    assert isinstance(run.step, st.Urgent)
    run.send(ev.ClinicianSeen())
    assert isinstance(run.step, st.Urgent) and not any(isinstance(s, SaveClearance) for s in run.saves)


def test_the_rules_set_how_long_it_lasts(ruleset) -> None:
    assert ruleset.clearance_days == 180


# --- what the person types ----------------------------------------------------------------------


@pytest.mark.parametrize(("seen_on", "reasons", "hold", "problem"), [
    ("", ("cancer_history",), "", None),
    ("2026-11-24", ("cancer_history",), "", "future"),
    ("2026-11-01", ("cancer_history",), "", "before the check"),
    ("14/03/2026", ("cancer_history",), "", "like 2026-03-14"),
    ("yesterday", (), "", "at least one reason"),
    ("", ("cancer_history",), "5", "from 20 to 120"),
    ("", ("cancer_history",), "abc", "whole number"),
    ("", ("cancer_history",), "45", None),
])
def test_the_form_is_checked_in_the_core(seen_on, reasons, hold, problem) -> None:
    read, problems = read_entry(Entry(seen_on, "  Dr   Lee ", reasons, hold), today=TODAY,
                                earliest=date(2026, 11, 20), offered=("cancer_history",), hold_range=(20, 120),
                                days=180, needs_reason=True)
    if problem is None:
        assert problems == () and read is not None and read[1] == "Dr Lee"
    else:
        assert read is None and any(problem in p for p in problems)


# --- the journey --------------------------------------------------------------------------------


def test_from_a_refer_result_the_form_records_it_and_the_result_becomes_the_variant(ruleset, benign) -> None:
    run = journey(ruleset)
    run.send(ev.Start(full=True))
    run.answer({**benign, "cancer_history": "yes", "floor_transfer": "with_support"})
    result = run.step
    assert isinstance(result, st.Result) and result.decision.outcome == "refer" and result.can_clear
    form = run.send(ev.ClinicianSeen())
    assert isinstance(form, st.ClearanceForm) and [r.rule for r in form.offered] == ["cancer_history"]
    assert form.earliest == TODAY and form.hold_range == (20, 120)
    assert isinstance(run.send(ev.Back()), st.Result)  # back to the result, nothing saved
    run.send(ev.ClinicianSeen())
    again = run.send(ev.ClearanceGiven("2026-12-01", "", ("cancer_history",), ""))
    assert isinstance(again, st.ClearanceForm) and again.problems and again.given is not None
    run.saves.clear()
    after = run.send(ev.ClearanceGiven("", "Dr Lee", ("cancer_history",), "40"))
    assert isinstance(after, st.Result) and after.decision.modifications == ("hands_supported",)
    assert after.clearance is not None and after.clearance.kind == "cleared"
    assert after.clearance.headline == "Cleared by your clinician (Dr Lee) on 23 November 2026"
    assert not after.can_clear
    kinds = [type(s) for s in run.saves]
    assert kinds == [SaveClearance, SaveScreening]
    assert run.saves[1].screening.cleared == ("cancer_history",)  # type: ignore[union-attr]
    setup = run.send(ev.StartSession())
    assert isinstance(setup, st.Setup) and setup.hold_cap == 40 and setup.plan.limits.hold_max == 40
    assert setup.plan.hold_seconds <= 40 and any("40 seconds" in line for line in setup.why)


def test_home_c_after_a_refer_screening_records_it_and_decides_again(ruleset, benign) -> None:
    answers = {**benign, "cancer_history": "yes"}
    run = journey(ruleset, screening=saved_screening(ruleset, answers, days_ago=2))
    assert run.step.today.clearable  # type: ignore[union-attr]
    form = run.send(ev.ClinicianSeen())
    assert isinstance(form, st.ClearanceForm) and form.earliest == TODAY - timedelta(days=2)
    result = run.send(ev.ClearanceGiven("yesterday", "", ("cancer_history",), ""))
    assert isinstance(result, st.Result) and result.decision.outcome == "standard"
    saved = [s for s in run.saves if isinstance(s, SaveScreening)][-1].screening
    assert saved.at == NOW - timedelta(days=2) and saved.checked_at == NOW and saved.cleared == ("cancer_history",)
    assert run.send(ev.Done()).today.quick_check  # type: ignore[union-attr]


def test_a_new_red_flag_in_the_daily_check_voids_it_for_good(ruleset, benign) -> None:
    answers = {**benign, "cancer_history": "yes"}
    clearance = cleared(ruleset, answers)
    screening = saved_screening(ruleset, answers, days_ago=1)._replace(
        outcome="standard", urgency=None, reasons=(), cleared=("cancer_history",))
    run = journey(ruleset, clearance, screening)
    assert run.step.today.quick_check  # type: ignore[union-attr]
    run.send(ev.Start())
    run.answer({**answers, "leg_weakness": "one_leg"})
    assert isinstance(run.step, st.Result) and run.step.decision.outcome == "refer"
    assert run.step.clearance is not None and run.step.clearance.kind == "voided"
    voided = [s.clearance for s in run.saves if isinstance(s, SaveClearance)]
    assert len(voided) == 1 and voided[0].voided_at == NOW
    # Even with the answer taken back, the clearance stays void: the rules refer again.
    assert apply_clearance(ruleset, answers, voided[0], TODAY).decision.outcome == "refer"


def test_a_lapsed_clearance_asks_the_full_screening_again(ruleset, benign) -> None:
    answers = {**benign, "cancer_history": "yes"}
    old = cleared(ruleset, answers, seen_on=TODAY - timedelta(days=181))
    screening = saved_screening(ruleset, answers, days_ago=1)._replace(outcome="standard", cleared=("cancer_history",))
    today = daily(ruleset, screening, [], NOW, tz=ZONE, clearance=old)
    assert not today.quick_check and "no longer counts" in (today.why_full or "")
    assert daily(ruleset, screening, [], NOW, tz=ZONE, clearance=old._replace(seen_on=TODAY)).quick_check


# --- kept and shown -----------------------------------------------------------------------------


def test_the_store_keeps_it_and_still_reads_an_old_bare_seen_date(tmp_path, ruleset, benign) -> None:
    record = cleared(ruleset, {**benign, "infection_risk": ("recent_infection",)}, hold_limit=30)
    store = Store(tmp_path / "a")
    store.save_state(clearance=clearance_json(record))
    assert from_state(Store(tmp_path / "a").load_state()) == record
    assert (tmp_path / "a").stat().st_mode & 0o777 == 0o700
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in (tmp_path / "a").iterdir() if p.is_file())
    store.close()  # a copy set aside (as a damaged file would be) gives the record back on --recover
    (tmp_path / "c").mkdir(mode=0o700)
    for end in ("", "-wal"):
        if (tmp_path / "a" / f"{DB_FILE}{end}").exists():
            shutil.copyfile(tmp_path / "a" / f"{DB_FILE}{end}", tmp_path / "c" / f"history{CORRUPT_MARK}1.sqlite3{end}")
    again = Store(tmp_path / "c")
    again.recover()
    assert from_state(again.load_state()) == record
    old = Store(tmp_path / "b")
    old.save_state(escalations_cleared_at=NOW)  # what earlier versions saved
    history = load_history(Store(tmp_path / "b"))
    assert history.cleared_at == NOW and history.clearance is not None and history.clearance.reasons == ()


def test_history_and_export_show_it(ruleset, benign) -> None:
    record = cleared(ruleset, {**benign, "cancer_history": "yes"}, hold_limit=30)
    today = daily(ruleset, None, [], NOW, tz=ZONE, clearance=record)
    now = NOW.astimezone(ZONE)
    text = history_text([], today, now, ruleset=ruleset)
    assert "Seen by a clinician:\n  Visit on 2026-11-23 with Dr Lee." in text and "Longest hold allowed: 30" in text
    data = history_json(ruleset, [], today, now)["clearance"]
    assert data["status"] == "active" and data["reasons"] == ["cancer_history"] and data["lapses_on"] == "2027-05-22"
    markdown = clinician_markdown(ruleset, [], today, now)
    assert "## Seen by a clinician" in markdown and "Cleared: After any cancer" in markdown


def test_the_export_says_which_reasons_were_left_out_of_the_decision(ruleset, benign) -> None:
    """A screening decided with a clearance: the export lists the cleared rule under the outcome,
    so a reader sees why "cancer: yes" did not give "see someone first"."""
    answers = {**benign, "cancer_history": "yes"}
    record = cleared(ruleset, answers)
    applied = apply_clearance(ruleset, answers, record, TODAY)
    screening = SavedScreening.from_decision(applied.decision, answers, NOW)._replace(cleared=record.reasons)
    today = daily(ruleset, screening, [], NOW, tz=ZONE, clearance=record)
    markdown = clinician_markdown(ruleset, [], today, NOW.astimezone(ZONE))
    assert "Left out of this decision because a clinician cleared them" in markdown
    assert "- cancer_history: After any cancer" in markdown


def test_the_hold_words_say_the_clinicians_limit(ruleset) -> None:
    """The step's own words give the version's range ("30 to 60 seconds"); with a clinician's
    lower limit the session's instruction says that limit too, in both faces (core words)."""
    capped = build_plan(ruleset, (), hold_cap=45)
    hold = next(p for p in capped.phases if p.kind == "hold")
    assert capped.clinician_cap == 45 and capped.hold_seconds <= 45
    assert "Your clinician's limit: hold no longer than 45 s." in instruction(capped, hold)
    free = build_plan(ruleset, ())
    assert free.clinician_cap is None and "clinician" not in instruction(free, hold)
    assert build_plan(ruleset, (), hold_cap=500).clinician_cap is None  # a limit above the version's says nothing
