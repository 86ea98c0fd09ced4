"""One journey, two faces: the full-screen app and plain mode save exactly the same records
for the same answers and the same events (here a full screening, a whole session, pain after)."""

from __future__ import annotations

import io
from datetime import timezone

from fakes import FakeClock
from plain_helpers import ScriptedLines, Wait, answer_lines
from support import RULES_DIR
from triage_tui.core.history.store import Store
from triage_tui.plain.launch import run_plain
from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from ui.ui_helpers import FIXED_NOW, RULESET, advance, drive, make_app, rate


def saved(folder):
    store = Store(folder / "data")
    return store.load_screening(), store.load_sessions(), store.load_state()


async def test_the_tui_and_plain_mode_save_the_same_records(tmp_path, benign) -> None:
    tui, text = tmp_path / "tui", tmp_path / "plain"
    clock = FakeClock()
    app = make_app(tui, clock)
    drive(app, ev.Start())  # the questions through the app's own driver (their pages are tested elsewhere)
    while isinstance(app.journey.step, st.Ask):
        drive(app, ev.Answered(benign[app.journey.step.question.id]))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the result: start the session
        await pilot.pause()
        await pilot.press("enter")  # the setup, as it stands: start the timer
        await pilot.pause()
        await advance(pilot, clock, 300, step=1.0)
        await rate(pilot, 3)

    clock = FakeClock()
    script = ["", *answer_lines(RULESET, benign), "", "", Wait(300), "3", ""]
    code = run_plain(str(RULES_DIR), str(text / "data"), stdout=io.StringIO(), stderr=io.StringIO(),
                     source=ScriptedLines(script, clock), clock=clock, wall=lambda: FIXED_NOW, tz=timezone.utc)
    assert code == 0
    in_tui, in_plain = saved(tui), saved(text)
    assert in_tui[0] is not None and len(in_tui[1]) == 1 and in_tui[1][0][0].pain_after == 3
    assert in_plain == in_tui
