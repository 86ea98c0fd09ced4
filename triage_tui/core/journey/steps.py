"""What the journey asks a face to show next. Each step carries everything needed to draw it.

Faces draw a step and send back an event (`core.journey.events`); they never look anything up
in the rules or the history themselves. Steps marked *over* are shown on top of the one before
(a dialog in the TUI); the step they cover comes back when they close.

They are NamedTuples (cheap to define, which start-up needs): tell them apart by type, never
with `==`, since two of them with equal fields compare equal as tuples.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Literal, NamedTuple, TYPE_CHECKING

if TYPE_CHECKING:
    from triage_tui.core.history.records import SavedScreening
    from triage_tui.core.history.store import StoredSession
    from triage_tui.core.journey.due import Daily
    from triage_tui.core.journey.events import ClearanceGiven
    from triage_tui.core.rules.conditions import Value
    from triage_tui.core.rules.ruleset import Question, StopCue
    from triage_tui.core.screening.clearance import Note
    from triage_tui.core.screening.decision import Decision, Reason
    from triage_tui.core.screening.questionnaire import Progress
    from triage_tui.core.screening.resolve import Answer
    from triage_tui.core.session.snapshot import Snapshot
    from triage_tui.core.session.plan import SessionPlan
    from triage_tui.core.session.record import SessionRecord


CheckKind = Literal["full", "quick"]


class Home(NamedTuple):
    """Where the person stands today: the check that is due and why, cards, streak."""

    today: Daily


class Ask(NamedTuple):
    """One question."""

    question: Question
    progress: Progress
    given: Answer | None
    """The answer given before (when coming back to it), to show chosen."""
    intro: str
    """The section's introduction, on its first question; else empty."""
    check: CheckKind


class QuickList(NamedTuple):
    """The daily check's urgent items together: "none of these", or tick the ones that apply."""

    items: tuple[Question, ...]
    ticked: frozenset[str] = frozenset()
    """Ticked before (when coming back to the list)."""


class Urgent(NamedTuple):
    """An urgent rule fired: the urgent advice, now, before anything else."""

    decision: Decision
    can_undo: bool = True


class Result(NamedTuple):
    """The decision, its reasons, and (when allowed) the stretch and its stop cues."""

    decision: Decision
    answers: Mapping[str, Answer]
    values: Mapping[str, Value]
    cues: tuple[StopCue, ...]
    check: CheckKind
    blocked: str | None = None
    """Why no session may start now even though the decision allows one (rest today, paused)."""
    clearance: Note | None = None
    """What a clinician's clearance did to this decision (cleared, voided or lapsed), in words."""
    can_clear: bool = False
    """A refer result: the person may record that a clinician has seen them (never for urgent)."""


class Setup(NamedTuple):
    """Before the timer: the plan, what may change within limits, and why it is as it is."""

    plan: SessionPlan
    warn: bool
    why: tuple[str, ...]
    """Why the plan differs from the decision's (gentler next time, an escalation), one line each."""
    blocked: str | None
    """Why no session may start now (rest today, sessions paused); None when one may."""
    hold_cap: int | None = None
    """The longest hold a clinician allows (plans built on this setup must keep it)."""
    voice: bool | None = None
    """Cues said aloud, as remembered for this version of the stretch (None: never chosen)."""
    breathing: bool = True
    """Show the breathing bar, as remembered for this version of the stretch."""


class Running(NamedTuple):
    """The timer runs (or is paused). Cues come with each transition, not here."""

    snapshot: Snapshot
    notice: str | None = None
    """Advice to keep on screen while paused (after a "pause" stop cue)."""


class AskPain(NamedTuple):
    """*Over* Running: the timer is paused; which of these stop cues is happening?"""

    cues: tuple[StopCue, ...]


class AskGap(NamedTuple):
    """*Over* Running: the timer was interrupted for a while; resume, restart the part, or stop."""


class Advice(NamedTuple):
    """What to do about the stop cue just reported. For an urgent cue this is the emergency
    advice, shown before anything else is asked; the journey then offers only home or quit."""

    cue: StopCue
    record: SessionRecord
    urgent: bool


class RatePain(NamedTuple):
    """How bad is the back pain now, 0 to 10 (may be skipped)."""


class Summary(NamedTuple):
    """How the session went: planned against done, and what happens next time."""

    record: SessionRecord
    cue: StopCue | None
    next_time: tuple[str, ...]
    """Titles of the gentler modifications the next session will use."""
    rest_today: bool


class History(NamedTuple):
    """The saved sessions, the trend and any escalation card."""

    sessions: Sequence[StoredSession]
    today: Daily
    screening: SavedScreening | None


class ClearanceForm(NamedTuple):
    """Record that a clinician has seen the person: the day, a name, which of the `offered`
    reasons they cleared, a hold limit. Back returns to the step it was opened from."""

    offered: tuple[Reason, ...]
    today: date
    earliest: date | None
    """The visit may not be before this day (the check that said to see someone)."""
    hold_range: tuple[int, int]
    days: int
    """How long a clearance counts, in days."""
    escalation: str | None = None
    """Sessions paused by the history, in words: this record restarts that count too."""
    problems: tuple[str, ...] = ()
    """What was wrong with the last entry, in words."""
    given: ClearanceGiven | None = None
    """The last entry (to show it again with its problems)."""


Purpose = Literal["discard", "stop", "quit", "seen"]


class ConfirmStep(NamedTuple):
    """*Over* the step before: a yes/no question before something that cannot be undone."""

    purpose: Purpose
    question: str
    yes: str
    no: str


class End(NamedTuple):
    """The journey is over: leave with this exit status."""

    code: int


Step = (Home | Ask | QuickList | Urgent | Result | Setup | Running | AskPain | AskGap | Advice | RatePain | Summary
        | History | ConfirmStep | ClearanceForm | End)
OVER = (AskPain, AskGap, ConfirmStep)
"""Steps shown on top of the one before."""
