"""What a journey step asks to be saved, and what a transition hands to the face.

The journey never writes: each transition lists its saves, and `core.journey.persist` (or a
test) carries them out. Session saves carry a key, so a running session's checkpoints update
one record instead of adding copies.
"""

from __future__ import annotations

from typing import NamedTuple, TYPE_CHECKING

if TYPE_CHECKING:
    from triage_tui.core.history.records import SavedScreening
    from triage_tui.core.screening.clearance import Clearance
    from triage_tui.core.session.snapshot import CueEvent
    from triage_tui.core.session.record import SessionRecord



class SaveScreening(NamedTuple):
    """The latest screening (a quick check keeps the date of the full one it rests on)."""

    screening: SavedScreening


class SaveSession(NamedTuple):
    """A session, new or updated: the same `key` means the same session."""

    key: int
    record: SessionRecord
    rules_hash: str


class SaveClearance(NamedTuple):
    """The person says a clinician has seen them (`core.screening.clearance`): the one record,
    new or voided. Escalations count only sessions after it."""

    clearance: Clearance


Save = SaveScreening | SaveSession | SaveClearance


class Transition(NamedTuple):
    """What one event caused, besides the new step: saves to make and cues to present."""

    saves: tuple[Save, ...] = ()
    cues: tuple[CueEvent, ...] = ()
