"""Carry out a journey's saves on the store, and open a journey on what the store holds.

The only part of the journey package that does I/O; every face uses it, so what one face
saves for the same answers and events is exactly what another saves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Literal

from triage_tui.core.clock import Clock, utc_now
from triage_tui.core.errors import DataFileError
from triage_tui.core.history.store import Store
from triage_tui.core.journey.due import SavedHistory
from triage_tui.core.journey.saves import Save, SaveClearance, SaveScreening, SaveSession
from triage_tui.core.rules.ruleset import RuleSet

if TYPE_CHECKING:
    from triage_tui.core.journey.machine import Journey
    from triage_tui.core.session.remembered import Remembered
    from triage_tui.core.session.settings import Settings


class Persister:
    """Applies saves to one store; remembers the id each session key was saved under (a session
    saved again at each checkpoint updates its own row, found by id, never by list position)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._where: dict[int, int] = {}

    def apply(self, saves: Iterable[Save]) -> list[str]:
        """Make every save; returns what could not be saved, in words (empty when all went well)."""
        problems: list[str] = []
        for save in saves:
            try:
                self._apply(save)
            except DataFileError as error:
                problems.append(str(error.problems[0]))
        return problems

    def _apply(self, save: Save) -> None:
        if isinstance(save, SaveScreening):
            self.store.save_screening(save.screening)
        elif isinstance(save, SaveSession):
            index = self._where.get(save.key)
            if index is None:
                self._where[save.key] = self.store.add_session(save.record, save.rules_hash)
            else:
                self.store.update_session(index, save.record, save.rules_hash)
        elif isinstance(save, SaveClearance):
            from triage_tui.core.history.clearance_record import clearance_json

            self.store.save_state(clearance=clearance_json(save.clearance))
        elif type(save).__name__ == "SaveSettings":  # `session.remembered`, imported only when saved
            from triage_tui.core.session.remembered import save as save_settings

            try:
                save_settings(self.store.folder, save.table)  # type: ignore[union-attr]
            except OSError as error:
                raise DataFileError([f"Your session settings could not be saved for next time "
                                     f"({error.strerror or error})."]) from None


def load_history(store: Store) -> SavedHistory:
    """What daily use reads from the store (unreadable files are set aside by the store, which
    keeps a notice for the face to show)."""
    from triage_tui.core.history.clearance_record import from_state

    clearance = from_state(store.load_state())
    return SavedHistory(store.load_screening(), store.load_sessions(),
                        clearance.recorded_at if clearance else None,
                        clearance.sessions_before if clearance else None, clearance)


def load_remembered(store: Store) -> dict[str, Remembered]:
    """Session settings remembered in the store's folder; a file that cannot be read is set
    aside, and its notice joins the store's (every face shows those)."""
    from triage_tui.core.session.remembered import load

    table, notice = load(store.folder)
    if notice is not None:
        store.notices.append(notice)
    return table


def open_journey(ruleset: RuleSet, history: SavedHistory, clock: Clock, *, wall: Callable[[], datetime] = utc_now,
                 tz: tzinfo | None = None, start: Literal["home", "session"] = "home",
                 settings: Settings | None = None, remembered: Mapping[str, Remembered] | None = None) -> Journey:
    """A journey on what was saved. The state machine and everything it runs are imported here,
    not before: a face draws its first screen from `daily_from` without them (about 25 ms)."""
    from triage_tui.core.journey.machine import Journey
    from triage_tui.core.session.settings import Settings

    journey = Journey(ruleset, screening=history.screening, sessions=history.sessions,
                   cleared_at=history.cleared_at, cleared_after=history.cleared_after, clock=clock, wall=wall, tz=tz, start=start,
                   settings=settings or Settings(), clearance=history.clearance)
    journey.remembered = dict(remembered or {})
    return journey
