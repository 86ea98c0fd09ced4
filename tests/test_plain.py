"""Plain mode, in-process: the whole journey as lines, on scripted input and a fake clock."""

from __future__ import annotations

import tomllib

import pytest

from plain_helpers import Wait, answer_lines, plain, typed
from support import DATA
from triage_tui.core.history.store import Store
from triage_tui.core.session.settings import Settings
from ui.ui_helpers import RULESET

BASELINE = tomllib.loads((DATA / "answers" / "all_no.toml").read_text())["answers"]
SHORT = Settings(hold=30, prep=0, rounds=1)


def baseline_lines() -> list[str]:
    return answer_lines(RULESET, {k: tuple(v) if isinstance(v, list) else v for k, v in BASELINE.items()})


def test_the_baseline_person_gets_the_standard_stretch_and_a_saved_session(tmp_path):
    script = ["", *baseline_lines(), "", Wait(200), "3", ""]
    code, out, err = plain(tmp_path, script, settings=SHORT)
    assert code == 0, err
    assert "Result: OK: the standard stretch" in out
    assert "[00:00] Hold · LEFT leg in front · round 1 of 1. Hold 30 s." in out
    keys = next(line for line in out.splitlines() if line.startswith("Keys while the timer runs"))
    assert "p = pain or a warning sign" in keys and "+ or - = longer or shorter holds" in keys
    assert out.index(keys) < out.index("[00:00]")  # said once, before the timer's first line
    assert "[00:30] Time! Come out slowly." in out
    assert "[00:40] Hold · RIGHT leg in front · round 1 of 1. Hold 30 s." in out
    assert "[01:07] 3" in out and "[01:10] Time. Well done." in out
    assert "\x1b" not in out + err
    (record, _), = Store(tmp_path / "data").load_sessions()
    assert record.ended == "finished" and record.pain_after == 3 and record.held_seconds == 60
    assert Store(tmp_path / "data").load_screening().outcome == "standard"


def test_each_phase_and_cue_is_one_line_in_order(tmp_path):
    script = ["", *baseline_lines(), "", Wait(200), "s", ""]
    _, out, _ = plain(tmp_path, script, settings=Settings(hold=30, prep=5, rounds=2))
    timed = [line for line in out.splitlines() if line.startswith("[")]
    stamps = [line[1:6] for line in timed]
    assert stamps == sorted(stamps)  # elapsed time never goes back
    assert timed[0].startswith("[00:00] Get ready (5 s).")
    assert sum("10 seconds left." in line for line in timed) == 4  # two rounds, two sides
    assert timed[-1] == "[02:40] Time. Well done."


def test_an_urgent_answer_stops_at_once_with_the_urgent_advice(tmp_path):
    first = RULESET.questions[0]
    code, out, err = plain(tmp_path, ["", typed(RULESET, first.id, "yes")])
    assert code == 0, err
    assert "!! URGENT" in out
    assert "Warning signs · question 2" not in out  # nothing else is asked
    assert Store(tmp_path / "data").load_screening().outcome == "urgent"


def test_end_of_input_before_a_decision_saves_nothing(tmp_path):
    code, out, err = plain(tmp_path, ["", *baseline_lines()[:5]])
    assert code == 3
    assert "Stopped before the end: nothing was decided." in err
    assert Store(tmp_path / "data").load_screening() is None


@pytest.mark.parametrize("lines", [[], ["x"], ["quit"]], ids=["nothing", "a wrong key", "quit"])
def test_a_first_run_that_ends_on_the_welcome_page_decided_nothing(tmp_path, lines):
    code, _, err = plain(tmp_path, lines)
    assert code == 3 and "Stopped before the end: nothing was decided." in err


def test_bad_input_says_what_is_expected_and_asks_again(tmp_path):
    code, out, _ = plain(tmp_path, ["", "maybe", "7"])
    assert code == 3
    question = RULESET.questions[0].text
    assert out.count(question) == 3
    assert "'maybe' is not one of the keys. Type one of y / n / u." in out


def test_back_help_and_quit(tmp_path):
    lines = baseline_lines()
    code, out, err = plain(tmp_path, ["", lines[0], "back", "?", "quit", "y"])
    assert "back: the question before" in out
    assert out.count(RULESET.questions[0].text) == 2
    assert "Quit now? Your answers so far will not be kept." in out
    assert code == 3 and "nothing was decided" in err


def test_pain_stop_shows_the_advice_before_asking_for_the_pain_score(tmp_path):
    urgent_cue = next(c for c in RULESET.stop_cues if c.action == "urgent")
    script = ["", *baseline_lines(), "", Wait(5), "p"]
    code, out, _ = plain(tmp_path, script, settings=SHORT)
    listed = out.split("The timer is paused. What is happening?")[1]
    number = next(line.split()[0] for line in listed.splitlines() if line.strip().endswith(urgent_cue.label))
    code, out, _ = plain(tmp_path / "again", [*script, number, ""], settings=SHORT)
    after = out.split("The timer is paused.")[1]
    assert "!! URGENT: stop and get help now" in after
    assert "How bad is your back pain now" not in after
    (record, _), = Store(tmp_path / "again" / "data").load_sessions()
    assert record.ended == "pain" and record.stop_cue == urgent_cue.id


def test_settings_as_flags_skip_the_setup_questions_and_bad_ones_exit_2(tmp_path):
    code, _, err = plain(tmp_path, [], settings=Settings(hold=500))
    assert code == 2 and err.strip() == "--hold 500: the hold each side must be from 20 to 120 seconds."  # 20: the shortest any version allows


def test_setup_can_change_a_setting_within_the_limits(tmp_path):
    script = ["", *baseline_lines(), "", "hold 500", "hold 45", "rounds 1", "prep 0", "", Wait(200), "s", ""]
    code, out, _ = plain(tmp_path, script)
    assert "Not changed: hold must be from 30 to 120, not 500." in out
    assert "Hold each side: 45 s" in out
    (record, _), = Store(tmp_path / "data").load_sessions()
    assert [h.planned for h in record.holds] == [45, 45]


def test_colour_only_when_asked(tmp_path):
    first = RULESET.questions[0]
    _, out, _ = plain(tmp_path, ["", typed(RULESET, first.id, "yes")], color=True)
    assert "\x1b[1;31m!! URGENT" in out


@pytest.mark.parametrize("hostile", ["\x1b]0;owned\x07", "[bold red]x[/]", "\x00\x01"])
def test_typed_control_characters_are_never_echoed_raw(tmp_path, hostile):
    _, out, _ = plain(tmp_path, ["", hostile])
    assert "\x1b" not in out and "\x00" not in out and "\x07" not in out



def test_the_daily_check_is_one_list_then_todays_pain(tmp_path):
    script = ["", *baseline_lines(), "", Wait(200), "s", "", "", "0", "3", "", Wait(200), "s", ""]
    code, out, _ = plain(tmp_path, script, settings=SHORT)
    assert code == 0
    daily = out.split("Today's check of the warning signs.")[1]
    assert "  0  None of these" in daily and "[x]" not in daily.split("None of these")[0]
    assert "How bad is your back pain right now?" in daily
    sessions = Store(tmp_path / "data").load_sessions()
    assert len(sessions) == 2 and sessions[1][0].pain_before == 3


def test_a_ticked_item_in_the_daily_list_is_asked_in_full(tmp_path):
    script = ["", *baseline_lines(), "", Wait(200), "s", "", "", "nope", "2", "n", "3"]
    _, out, _ = plain(tmp_path, script, settings=SHORT)
    daily = out.split("Today's check of the warning signs.", 1)[1]
    assert "Type 0 if none of these apply" in daily
    assert daily.count("has anything new happened with your wee or poo") == 3  # listed (twice), asked in full


def test_plus_and_minus_say_what_they_did_and_which_limit_held(tmp_path):
    """`+` and `-` during a hold answer in the core's words, limit included (never silently)."""
    script = ["", *baseline_lines(), "", Wait(3), "+", "+", *["+"] * 8, "-", Wait(400), "3", ""]
    code, out, err = plain(tmp_path, script, settings=Settings(hold=90, prep=0, rounds=1))
    assert code == 0, err
    assert "Holds are now 105 s on each side." in out and "Holds are now 120 s on each side." in out
    assert "Holds stay at 120 s: the longest for this version of the stretch." in out
    assert "Holds are now 105 s on each side." in out.split("the longest for this version")[-1]  # then `-`


def test_a_session_skipped_to_its_end_is_not_called_finished(tmp_path):
    """Every part skipped: the summary says holds were skipped, never "Well done"."""
    script = ["", *baseline_lines(), "", Wait(1), "s", "s", "s", Wait(30), "3", ""]
    code, out, err = plain(tmp_path, script, settings=SHORT)
    assert code == 0, err
    after = out.split("How bad is your back pain now")[-1]  # the summary, after the pain question
    assert "Session over, but some holds were skipped or cut short." in after and "Session finished" not in after
    (record, _), = Store(tmp_path / "data").load_sessions()
    assert record.ended == "finished" and not record.complete
