"""Carry out a journey's saves on the store, and open a journey on what the store holds.

The only part of the journey package that does I/O; every face uses it, so what one face
saves for the same answers and events is exactly what another saves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo
from typing import Literal

from triage_tui.core.clock import Clock, utc_now
from triage_tui.core.errors import DataFileError
from triage_tui.core.history.store import Store
from triage_tui.core.journey.machine import Journey
from triage_tui.core.journey.saves import Save, SaveClinicianSeen, SaveScreening, SaveSession
from triage_tui.core.rules.ruleset import RuleSet


class Persister:
    """Applies saves to one store; remembers where each session key was stored."""

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
        elif isinstance(save, SaveClinicianSeen):
            self.store.save_state(escalations_cleared_at=save.at)


def open_journey(ruleset: RuleSet, store: Store, clock: Clock, *, wall: Callable[[], datetime] = utc_now,
                 tz: tzinfo | None = None, start: Literal["home", "session"] = "home") -> Journey:
    """A journey on the saved screening, sessions and state (unreadable files are set aside by
    the store, which keeps a notice for the face to show)."""
    cleared = store.load_state().get("escalations_cleared_at")
    return Journey(ruleset, screening=store.load_screening(), sessions=store.load_sessions(),
                   cleared_at=cleared, clock=clock, wall=wall, tz=tz, start=start)
