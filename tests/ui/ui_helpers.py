"""Build the real app for tests, and answer questions through real key presses."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

import triage_tui.ui

from support import RULES_DIR
from fakes import FakeClock
from triage_tui.core.screening.evaluator import decide
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.history.records import SavedScreening
from triage_tui.core.history.store import Store
from triage_tui.ui.app import TriageApp
from triage_tui.ui.screens.base import StepScreen
from triage_tui.ui.screens.question import LETTER_KEYS, QuestionScreen
from triage_tui.ui.screens.quick_list import QuickListScreen
from triage_tui.ui.screens.session import SessionScreen
from triage_tui.ui.screens.session_setup import SessionSetupScreen

FIXED_NOW = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)
RULESET = load_rules(RULES_DIR, use_cache=False)


def seed_screening(tmp_path: Path, answers: Mapping[str, Any], days_ago: float = 1) -> SavedScreening:
    """Save a full screening, as if done `days_ago` days before FIXED_NOW, for daily-use tests."""
    decision = decide(RULESET, answers)
    assert decision.outcome not in ("incomplete",), decision.missing
    saved = SavedScreening.from_decision(decision, answers, FIXED_NOW - timedelta(days=days_ago))
    Store(tmp_path / "data").save_screening(saved)
    return saved


def make_app(tmp_path: Path, clock: FakeClock | None = None, start: str = "home") -> TriageApp:
    """The app as `triage-tui` builds it, with fixed clocks, UTC days and private folders."""
    store = Store(tmp_path / "data", wall=lambda: FIXED_NOW)
    return TriageApp(RULESET, store, summary_dir=tmp_path, clock=clock or FakeClock(),
                     wall=lambda: FIXED_NOW, tz=timezone.utc, start=start)  # type: ignore[arg-type]


class Host(App[None]):
    """A small app that shows one page or dialog, with the app's styles, and keeps what the
    page chose: screens are tested alone, without walking the journey to them."""

    CSS_PATH = str(Path(triage_tui.ui.__file__).parent / "styles" / "app.tcss")

    def __init__(self, make: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make = make
        self.chosen: list[Any] = []
        """Events a page chose, or the result a dialog was dismissed with."""

    def on_mount(self) -> None:
        screen = self.make()
        if isinstance(screen, StepScreen):
            screen.respond = lambda _screen, event: self.chosen.append(event)
            self.push_screen(screen)
        else:
            self.push_screen(screen, self.chosen.append)


def keys_for(question_id: str, value: Any) -> list[str]:
    """The key presses that give `value` to a question, ending with Enter."""
    question = RULESET.question_by_id[question_id]

    def key(choice_id: str) -> str:
        return LETTER_KEYS.get(choice_id) or str(question.choice_ids.index(choice_id) + 1)

    if question.type == "number" and isinstance(value, int):
        return [*str(value), "enter"]
    if question.type == "number":
        return [key(value)]  # a special choice answers at once
    if question.type == "multi":
        chosen = [value] if isinstance(value, str) else list(value)
        return [*(key(c) for c in chosen), "enter"]
    return [key(value), "enter"]


def ticked(items: Any, answers: Mapping[str, Any]) -> tuple[str, ...]:
    """The daily list's items to tick for `answers`: those not answered "does not apply"."""
    return tuple(q.id for q in items if answers[q.id] != q.none_choice)


def quick_list_keys(items: Any, answers: Mapping[str, Any]) -> list[str]:
    """The key presses that answer the daily list: `n`, or the items' numbers then Enter."""
    chosen = set(ticked(items, answers))
    numbers = [str(i + 1) for i, q in enumerate(items) if q.id in chosen]
    return [*numbers, "enter"] if numbers else ["n"]


async def answer(pilot: Pilot, answers: Mapping[str, Any], stop_at: str | None = None) -> list[str]:
    """Answer questions as they come, from `answers`, until a non-question screen (or `stop_at`).

    Returns the ids of the questions asked, in order.
    """
    asked: list[str] = []
    while isinstance(pilot.app.screen, (QuestionScreen, QuickListScreen)):
        if isinstance(pilot.app.screen, QuickListScreen):
            asked += [q.id for q in pilot.app.screen.step.items]
            await pilot.press(*quick_list_keys(pilot.app.screen.step.items, answers))
            await pilot.pause()
            continue
        qid = pilot.app.screen.question.id
        if qid == stop_at:
            break
        asked.append(qid)
        if qid not in answers:
            raise AssertionError(f"asked {qid!r}, which the test did not expect")
        value = answers[qid]
        if value is None:
            await pilot.press("s")
        else:
            await pilot.press(*keys_for(qid, value))
        await pilot.pause()
    return asked


async def answer_by_choice(pilot: Pilot, answers: Mapping[str, Any]) -> list[str]:
    """Like `answer`, but each answer goes to the page as its choice (no key presses): for the
    questions a test walks past, not the ones it is about."""
    from triage_tui.core.journey import events as ev

    asked: list[str] = []
    while isinstance(screen := pilot.app.screen, (QuestionScreen, QuickListScreen)):
        if isinstance(screen, QuickListScreen):
            asked += [q.id for q in screen.step.items]
            screen.choose(ev.Ticked(ticked(screen.step.items, answers)))
            await pilot.pause()
            continue
        qid = screen.question.id
        asked.append(qid)
        screen.choose(ev.Answered(answers[qid]) if answers[qid] is not None else ev.SkipQuestion())
        await pilot.pause()
    return asked


async def start(pilot: Pilot) -> None:
    """From the welcome screen to the first question."""
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def to_session(pilot: Pilot, answers: Mapping[str, Any], setup_keys: tuple[str, ...] = ()) -> None:
    """From the welcome screen through the screening and the setup screen to the running timer."""
    await start(pilot)
    await answer(pilot, answers)
    if not isinstance(pilot.app.screen, SessionSetupScreen):
        await pilot.press("enter")  # start the session from the result screen
        await pilot.pause()
    if setup_keys:
        await pilot.press(*setup_keys)
    await pilot.press("enter")  # start the timer
    await pilot.pause()


async def advance(pilot: Pilot, clock: FakeClock, seconds: float, step: float = 0.25) -> None:
    """Move the fake clock on, ticking the session screen as its timer would."""
    for _ in range(round(seconds / step)):
        screen = pilot.app.screen
        if not isinstance(screen, SessionScreen):
            break  # the session ended (or a dialog is up)
        clock.advance(step)
        screen.tick()
    await pilot.pause()


async def rate(pilot: Pilot, pain: int | None) -> None:
    """Answer the "pain now" question after a session (None skips it)."""
    screen = pilot.app.screen
    if isinstance(screen, SessionScreen) and screen.finished:
        await pilot.press("enter")  # the end of the session stays on screen until a key is pressed
        await pilot.pause()
    if pain is None:
        await pilot.press("s")
    else:
        await pilot.press(*str(pain), "enter")
    await pilot.pause()


def drive(app: TriageApp, *events: Any) -> None:
    """Move the app's journey on before the app runs (no screens yet), saving as the app would.
    A test then starts the app at the step it needs instead of walking every screen to it."""
    for event in events:
        done = app.journey.send(event)
        app.driver.persister.apply(done.saves)


def at_question(tmp_path: Path, answers: Mapping[str, Any], stop_at: str | None = None,
                full: bool = True) -> TriageApp:
    """The real app, its journey already started (the full screening by default) and answered
    from `answers` up to the question `stop_at` (or as far as the answers go)."""
    from triage_tui.core.journey import events as ev
    from triage_tui.core.journey import steps as st

    app = make_app(tmp_path)
    drive(app, ev.Start(full=full))
    while isinstance(app.journey.step, (st.Ask, st.QuickList)):
        if isinstance(app.journey.step, st.QuickList):
            drive(app, ev.Ticked(ticked(app.journey.step.items, answers)))
            continue
        qid = app.journey.step.question.id
        if qid == stop_at:
            break
        if qid not in answers:
            break
        drive(app, ev.Answered(answers[qid]))
    return app


def at_setup(tmp_path: Path, answers: Mapping[str, Any], clock: FakeClock | None = None) -> TriageApp:
    """The real app, its journey already through the quick check (on a saved screening) and
    the result, when one is shown, to the session setup."""
    from triage_tui.core.journey import events as ev
    from triage_tui.core.journey import steps as st

    seed_screening(tmp_path, answers)
    app = make_app(tmp_path, clock)
    drive(app, ev.Start())
    while isinstance(app.journey.step, (st.Ask, st.QuickList)):
        step = app.journey.step
        drive(app, ev.Ticked(ticked(step.items, answers)) if isinstance(step, st.QuickList)
              else ev.Answered(answers[step.question.id]))
    if isinstance(app.journey.step, st.Result):
        drive(app, ev.StartSession())
    assert isinstance(app.journey.step, st.Setup), app.journey.step
    return app


def at_session(tmp_path: Path, answers: Mapping[str, Any], clock: FakeClock, **settings: Any) -> TriageApp:
    """The real app, its journey already through the quick check to a running timer (the
    get-ready countdown first), with a saved screening behind it."""
    from triage_tui.core.journey import events as ev
    from triage_tui.core.journey import steps as st

    app = at_setup(tmp_path, answers, clock)
    plan = app.journey.step.plan  # type: ignore[union-attr]
    begin = {"hold": plan.hold_seconds, "prep": plan.prep_seconds, "rounds": plan.rounds, **settings}
    drive(app, ev.Begin(**begin))
    assert isinstance(app.journey.step, st.Running), app.journey.step
    return app


@asynccontextmanager
async def running_session(tmp_path: Path, answers: Mapping[str, Any],
                          size: tuple[int, int] = (100, 32)) -> AsyncIterator[tuple[Pilot, FakeClock]]:
    """The real app on a running session on a fake clock (the get-ready countdown first)."""
    clock = FakeClock()
    app = at_session(tmp_path, answers, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield pilot, clock
