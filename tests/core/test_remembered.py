"""Remembered settings (issue 14): hold, prep, rounds, voice and breathing bar, kept per version
of the stretch in settings.toml in the data folder (atomic, 0600), offered next time; flags win
for their run only; progression still proposes the hold; a broken file is set aside with a
notice and never stops the app. Plain mode honours them too."""

from __future__ import annotations

import stat
from datetime import timedelta

import pytest

from fakes import FakeClock
from journey_helpers import NOW, Run, Wall, saved_screening
from plain_helpers import Wait, plain
from test_plain import baseline_lines
from test_voice import fake_command
from triage_tui.core.history.store import Store
from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from triage_tui.core.journey.persist import Persister, load_history, load_remembered, open_journey
from triage_tui.core.session.record import HoldRecord, SessionRecord as Record
from triage_tui.core.session.remembered import FILE_NAME, Remembered, SaveSettings, load, save
from triage_tui.core.session.settings import Settings


def setup_on(ruleset, benign, folder, settings: Settings = Settings(), sessions=()) -> tuple:
    """A journey opened on `folder` as a face opens it, through the quick check to the setup."""
    store = Store(folder, wall=Wall(NOW))
    if store.load_screening() is None:
        store.save_screening(saved_screening(ruleset, benign, days_ago=2))
    for record in sessions:
        store.add_session(record, ruleset.hash)
    journey = open_journey(ruleset, load_history(store), FakeClock(), wall=Wall(NOW), settings=settings,
                           remembered=load_remembered(store))
    run = Run(ruleset)
    run.journey = journey
    run.send(ev.Start())
    run.answer({**benign, "pain_today": 3})
    if isinstance(run.step, st.Result):
        run.send(ev.StartSession())
    assert isinstance(run.step, st.Setup), run.step
    return run, store


def begin(run, store, **changes) -> list:
    plan = run.step.plan
    event = ev.Begin(**{"hold": plan.hold_seconds, "prep": plan.prep_seconds, "rounds": plan.rounds, **changes})
    done = run.journey.send(event)
    assert isinstance(run.step, st.Running)
    assert Persister(store).apply(done.saves) == []
    return [s for s in done.saves if isinstance(s, SaveSettings)]


def test_saved_when_a_session_begins_private_and_offered_next_time(ruleset, benign, tmp_path) -> None:
    folder = tmp_path / "data"
    run, store = setup_on(ruleset, benign, folder)
    assert run.step.voice is None and run.step.breathing is True  # nothing remembered yet
    saves = begin(run, store, hold=45, prep=4, rounds=3, voice=True, breathing=False)
    assert [s.variant for s in saves] == ["standard"]
    path = folder / FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load(folder) == ({"standard": Remembered(45, 4, 3, True, False)}, None)
    again, _ = setup_on(ruleset, benign, folder)
    step = again.step
    assert (step.plan.prep_seconds, step.voice, step.breathing) == (4, True, False)
    assert (step.plan.hold_seconds, step.plan.rounds) == (45, 3)  # from the session just begun


def test_flags_win_for_their_run_and_are_not_remembered(ruleset, benign, tmp_path) -> None:
    folder = tmp_path / "data"
    save(folder, {"standard": Remembered(60, 4, 2, False, True)})
    run, store = setup_on(ruleset, benign, folder, Settings(prep=7, rounds=1))
    assert (run.step.plan.prep_seconds, run.step.plan.rounds) == (7, 1)
    begin(run, store)
    assert load(folder)[0]["standard"] == Remembered(60, 4, 2, False, True)


def test_each_version_of_the_stretch_is_remembered_on_its_own(ruleset, benign, tmp_path) -> None:
    folder = tmp_path / "data"
    save(folder, {"standard": Remembered(90, 0, 3, True, False)})
    older = {**benign, "age_years": 70}  # gets the gentler version (shorter holds)
    run, _ = setup_on(ruleset, older, folder)
    step = run.step
    assert step.plan.mods and step.voice is None and step.breathing is True
    assert step.plan.prep_seconds == step.plan.limits.prep_default


def test_progression_still_proposes_the_hold(ruleset, benign, tmp_path) -> None:
    folder = tmp_path / "data"
    save(folder, {"standard": Remembered(60, 5, 2, None, None)})
    good = [Record(NOW - timedelta(days=d), NOW - timedelta(days=d) + timedelta(minutes=5), "floor", "hold", (),
                   60, 2, (HoldRecord(1, "left", "hold", 60, 60.0),), "finished", None, 4, 3) for d in (3, 2, 1)]
    run, _ = setup_on(ruleset, benign, folder, sessions=good)
    step = run.step
    assert step.plan.hold_seconds > 60 and any("longer" in line for line in step.why)
    assert step.plan.prep_seconds == 5


BROKEN = [
    pytest.param(b"[standard\nhold = 60\n", id="not TOML"),
    pytest.param(b"[standard]\nhold = 'long'\n", id="a word for a number"),
    pytest.param(b"[standard]\nhod = 60\n", id="an unknown setting"),
    pytest.param(b"[standard]\nvoice = 1\n", id="a number for a switch"),
    pytest.param(b"standard = 3\n", id="not a table"),
    pytest.param(b"\xff\xfe\x00\x01", id="not text"),
]


@pytest.mark.parametrize("content", BROKEN)
def test_a_broken_file_is_set_aside_with_a_notice_and_never_stops_the_app(ruleset, benign, tmp_path, content) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / FILE_NAME).write_bytes(content)
    store = Store(folder, wall=Wall(NOW))
    assert load_remembered(store) == {}
    notice = store.notices[-1]
    assert "could not be read" in notice and f"{FILE_NAME}.unreadable-1" in notice
    assert not (folder / FILE_NAME).exists() and (folder / f"{FILE_NAME}.unreadable-1").read_bytes() == content
    run, store = setup_on(ruleset, benign, folder)  # the defaults, and a new file when a session begins
    assert run.step.plan.prep_seconds == run.step.plan.limits.prep_default
    begin(run, store, prep=2)
    assert load(folder)[0]["standard"].prep == 2


def test_a_second_broken_file_gets_a_name_of_its_own(tmp_path) -> None:
    for number in (1, 2):
        (tmp_path / FILE_NAME).write_text("oops = [")
        table, notice = load(tmp_path)
        assert table == {} and notice and f".unreadable-{number}" in notice
    assert len(list(tmp_path.glob(f"{FILE_NAME}.unreadable-*"))) == 2


def test_plain_mode_honours_the_remembered_prep_and_voice(tmp_path, monkeypatch) -> None:
    fake_command(tmp_path / "bin")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    save(tmp_path / "data", {"standard": Remembered(None, 3, None, True, True)})
    script = ["", *baseline_lines(), "", "", Wait(300), "3", ""]
    code, out, err = plain(tmp_path, script)
    assert code == 0, err
    assert "Get-ready countdown: 3 s" in out and "Cues are said out loud, as last time" in out
    assert load(tmp_path / "data")[0]["standard"] == Remembered(60, 3, 2, True, True)  # voice kept: no flag
