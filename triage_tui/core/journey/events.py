"""What a face tells the journey: the person's choices, and the ticks of a running session.

A face turns a key, a click or a typed line into one of these and
sends it; it never decides what happens next.

They are NamedTuples (cheap to define, which start-up needs): tell them apart by type, never
with `==`, since two of them with equal fields compare equal as tuples.
"""

from __future__ import annotations

from typing import Literal, NamedTuple, TYPE_CHECKING

if TYPE_CHECKING:
    from triage_tui.core.screening.resolve import Answer



class Start(NamedTuple):
    """Home: begin today's check (quick when it is enough), or a full screening."""

    full: bool = False


class ShowHistory(NamedTuple):
    """Home: look at the history."""


class ClinicianSeen(NamedTuple):
    """Home or a refer result: "a doctor or physio has seen me": opens the clearance form."""


class ClearanceGiven(NamedTuple):
    """The clearance form, as typed (the journey checks it): the day of the visit (empty: today),
    the clinician's name (may be empty), the ids of the reasons cleared, a hold limit in seconds
    (empty: none)."""

    seen_on: str = ""
    name: str = ""
    reasons: tuple[str, ...] = ()
    hold_limit: str = ""


class Answered(NamedTuple):
    """A question's answer, already read as the question's type (see `core.screening.answers`)."""

    value: Answer


class Ticked(NamedTuple):
    """The daily check's list: the ids of the items that apply (empty: none of these)."""

    ids: tuple[str, ...] = ()


class Back(NamedTuple):
    """The previous question; from the first one, or from setup or history, the step before."""


class SkipQuestion(NamedTuple):
    """Leave an optional question unanswered."""


class Undo(NamedTuple):
    """Urgent stop: "I answered by mistake"; back to that question, its answer forgotten."""


class ChangeAnswers(NamedTuple):
    """Result: back to the last question to change answers."""


class StartSession(NamedTuple):
    """Result: on to the session setup (only when the decision allows a session)."""


class Begin(NamedTuple):
    """Setup: start the timer with these settings (checked against the plan's limits)."""

    hold: int
    prep: int
    rounds: int
    warn: bool = True
    style: Literal["hold", "drops"] | None = None
    tips: int | None = None
    voice: bool | None = None
    """Cues said aloud (remembered for next time); None: as a flag set it, so not remembered."""
    breathing: bool | None = None
    """The breathing bar shown (remembered for next time); None: not remembered."""


class Tick(NamedTuple):
    """Running: time has passed; advance the timer."""


class TogglePause(NamedTuple):
    """Running: pause, or go on."""


class Pause(NamedTuple):
    """Running: pause (a face does this before it covers the timer, e.g. with help)."""


class SkipPhase(NamedTuple):
    """Running: end this phase now and go on to the next."""


class Adjust(NamedTuple):
    """Running: make the holds longer or shorter, within the plan's limits."""

    seconds: int


class PainStop(NamedTuple):
    """Running: stop the hold at once and ask what is happening."""


class CueChosen(NamedTuple):
    """Pain stop: what is happening (a stop cue id), or None for "none of these"."""

    cue: str | None


class GapChoice(NamedTuple):
    """After the timer was interrupted (the computer slept): go on, start the part again, or stop."""

    choice: Literal["resume", "restart", "stop"]


class StopSession(NamedTuple):
    """Running: "stop the session" (asked to confirm first)."""


class Rated(NamedTuple):
    """Pain after the session, 0 to 10, or None when skipped."""

    pain: int | None


class Confirm(NamedTuple):
    """The answer to a confirm step (leave the screening, stop, quit, clinician seen)."""

    yes: bool


class Done(NamedTuple):
    """Result, advice, summary or history: back to the home screen."""


class Quit(NamedTuple):
    """Leave the app (asked to confirm first when something would be lost)."""


class Interrupt(NamedTuple):
    """Leave at once (Ctrl+C, a signal, the terminal or tab closed): a running session is saved
    as interrupted; `code` is the exit status."""

    code: int


Event = (Start | ShowHistory | ClinicianSeen | ClearanceGiven | Answered | Ticked | Back | SkipQuestion | Undo | ChangeAnswers
         | StartSession | Begin | Tick | TogglePause | Pause | SkipPhase | Adjust | PainStop | CueChosen
         | GapChoice | StopSession | Rated | Confirm | Done | Quit | Interrupt)
