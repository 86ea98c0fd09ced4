"""What a face tells the journey: the person's choices, and the ticks of a running session.

Plain frozen dataclasses. A face turns a key, a click or a typed line into one of these and
sends it; it never decides what happens next.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from triage_tui.core.screening.resolve import Answer


@dataclass(frozen=True, slots=True)
class Start:
    """Home: begin today's check (quick when it is enough), or a full screening."""

    full: bool = False


@dataclass(frozen=True, slots=True)
class ShowHistory:
    """Home: look at the history."""


@dataclass(frozen=True, slots=True)
class ClinicianSeen:
    """Home: "a doctor or physio has checked me" (asked to confirm first)."""


@dataclass(frozen=True, slots=True)
class Answered:
    """A question's answer, already read as the question's type (see `core.screening.answers`)."""

    value: Answer


@dataclass(frozen=True, slots=True)
class Back:
    """The previous question; from the first one, or from setup or history, the step before."""


@dataclass(frozen=True, slots=True)
class SkipQuestion:
    """Leave an optional question unanswered."""


@dataclass(frozen=True, slots=True)
class Undo:
    """Urgent stop: "I answered by mistake"; back to that question, its answer forgotten."""


@dataclass(frozen=True, slots=True)
class ChangeAnswers:
    """Result: back to the last question to change answers."""


@dataclass(frozen=True, slots=True)
class StartSession:
    """Result: on to the session setup (only when the decision allows a session)."""


@dataclass(frozen=True, slots=True)
class Begin:
    """Setup: start the timer with these settings (checked against the plan's limits)."""

    hold: int
    prep: int
    rounds: int
    warn: bool = True
    style: Literal["hold", "drops"] | None = None
    tips: int | None = None


@dataclass(frozen=True, slots=True)
class Tick:
    """Running: time has passed; advance the timer."""


@dataclass(frozen=True, slots=True)
class TogglePause:
    """Running: pause, or go on."""


@dataclass(frozen=True, slots=True)
class Pause:
    """Running: pause (a face does this before it covers the timer, e.g. with help)."""


@dataclass(frozen=True, slots=True)
class SkipPhase:
    """Running: end this phase now and go on to the next."""


@dataclass(frozen=True, slots=True)
class Adjust:
    """Running: make the holds longer or shorter, within the plan's limits."""

    seconds: int


@dataclass(frozen=True, slots=True)
class PainStop:
    """Running: stop the hold at once and ask what is happening."""


@dataclass(frozen=True, slots=True)
class CueChosen:
    """Pain stop: what is happening (a stop cue id), or None for "none of these"."""

    cue: str | None


@dataclass(frozen=True, slots=True)
class GapChoice:
    """After the timer was interrupted (the computer slept): go on, start the part again, or stop."""

    choice: Literal["resume", "restart", "stop"]


@dataclass(frozen=True, slots=True)
class StopSession:
    """Running: "stop the session" (asked to confirm first)."""


@dataclass(frozen=True, slots=True)
class Rated:
    """Pain after the session, 0 to 10, or None when skipped."""

    pain: int | None


@dataclass(frozen=True, slots=True)
class Confirm:
    """The answer to a confirm step (leave the screening, stop, quit, clinician seen)."""

    yes: bool


@dataclass(frozen=True, slots=True)
class Done:
    """Result, advice, summary or history: back to the home screen."""


@dataclass(frozen=True, slots=True)
class Quit:
    """Leave the app (asked to confirm first when something would be lost)."""


@dataclass(frozen=True, slots=True)
class Interrupt:
    """Leave at once (Ctrl+C, a signal, the terminal or tab closed): a running session is saved
    as interrupted; `code` is the exit status."""

    code: int


Event = (Start | ShowHistory | ClinicianSeen | Answered | Back | SkipQuestion | Undo | ChangeAnswers
         | StartSession | Begin | Tick | TogglePause | Pause | SkipPhase | Adjust | PainStop | CueChosen
         | GapChoice | StopSession | Rated | Confirm | Done | Quit | Interrupt)
