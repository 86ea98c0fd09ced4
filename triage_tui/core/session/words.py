"""The session in words: what to do in each phase and what each cue says.

Shared by every face (the full-screen timer, plain mode's lines, spoken cues), so a cue says
the same thing wherever it is shown or heard. Positions and sides are always in words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from triage_tui.core.session.plan import Phase, SessionPlan, drop_instruction, phase_words
from triage_tui.core.session.record import CUT_SHORT, ENDED_WORDS, SessionRecord

if TYPE_CHECKING:
    from triage_tui.core.rules.ruleset import StopCue

STATUS = {"warn": "10 seconds left", "t3": "3…", "t2": "2…", "t1": "1…"}
END_WORDS = {"prep": "Go! Start the stretch", "hold": "Time! Come out slowly", "switch": "Go! Other side",
             "rest": "Go! Next round", "drops": "Time! Rest your legs"}
FINISHED = "Time. Well done."


def summary_headline(record: SessionRecord, cue: StopCue | None) -> tuple[Literal["urgent", "stopped", "done"], str]:
    """How the end of a session is headed, in every face: an urgent sign first, then an early
    stop, then holds skipped or cut short, else a finished session."""
    if cue is not None and cue.action == "urgent":
        return "urgent", "URGENT: stop and get help now"
    if record.partial:
        return "stopped", ENDED_WORDS[record.ended]
    if not record.complete:
        return "stopped", CUT_SHORT
    return "done", "Session finished. Well done."


def adjust_words(before: int, plan: SessionPlan, delta: int) -> str:
    """What `+` or `-` did to the holds (`before`: the hold before it), and why when nothing
    changed: the longest for this version, a clinician's limit, or the shortest."""
    now = plan.hold_seconds
    if now != before:
        return f"Holds are now {now} s on each side."
    if delta < 0:
        return f"Holds stay at {now} s: the shortest for this version of the stretch."
    if plan.clinician_cap is not None and now >= plan.clinician_cap:
        return f"Holds stay at {now} s: the longest your clinician allows."
    return f"Holds stay at {now} s: the longest for this version of the stretch."


def clock_text(seconds: int) -> str:
    """"1:05", or "45" under a minute."""
    minutes, secs = divmod(max(seconds, 0), 60)
    return f"{minutes}:{secs:02d}" if minutes else str(secs)


def elapsed_text(seconds: float) -> str:
    """"00:40", "01:05", "1:02:03": time since the session started."""
    whole = max(int(seconds), 0)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def instruction(plan: SessionPlan, phase: Phase) -> str:
    """What to do in this phase, in words."""
    steps = plan.steps
    if phase.kind == "prep":
        return f"Get ready. {steps[0].text}" if steps else "Get ready."
    if phase.kind == "switch":
        if plan.position == "lying":
            return "Bring your knees back to the middle, then get ready for the other side."
        return "Come out of the stretch slowly, using your hands. Set up with the other leg in front."
    if phase.kind == "rest":
        return "Rest and breathe slowly. The next round starts soon."
    if phase.kind == "drops":
        return drop_instruction(0)[1]
    middle = " → ".join(s.title for s in steps[1:-1])
    last = steps[-1].text if steps else ""
    if plan.clinician_cap is not None:  # the step's own words give the version's range: say the limit too
        last = f"{last} Your clinician's limit: hold no longer than {plan.clinician_cap} s.".strip()
    return f"{middle}. {last}" if middle else last


def phase_start(plan: SessionPlan, phase: Phase) -> str:
    """One line for the start of a phase: what it is, how long, and what to do."""
    seconds = f"{phase.seconds} s"
    if phase.kind == "prep":
        first = plan.steps[0].text if plan.steps else ""
        return f"Get ready ({seconds}). {first}".rstrip()
    if phase.kind == "hold":
        return f"{phase_words(plan, phase)}. Hold {seconds}. {instruction(plan, phase)}"
    return f"{phase_words(plan, phase)} ({seconds}). {instruction(plan, phase)}"


def cue_words(kind: str, phase: Phase, last: bool) -> str:
    """What a cue says: "10 seconds left.", "3", "Time! Come out slowly.", "Time. Well done."."""
    if kind == "end":
        return FINISHED if last else f"{END_WORDS[phase.kind]}."
    if kind == "warn":
        return "10 seconds left."
    return STATUS.get(kind, kind).rstrip("…")
