"""What is said aloud during a session: one short utterance per moment, built from the cues.

Pure: given what a transition brought (its cues, the step before and after), it returns the
words to speak, or None. Cues of one moment are joined ("Time! Come out slowly. Switch sides."),
so a newer utterance never cuts off the end of a phase before it was heard.
"""

from __future__ import annotations

from collections.abc import Sequence

from triage_tui.core.journey import steps as st
from triage_tui.core.session.plan import Phase, SessionPlan
from triage_tui.core.session.snapshot import CueEvent
from triage_tui.core.session.words import END_WORDS, FINISHED

SIDE_SAID = {"floor": "{Side} leg in front.", "raised": "{Side} leg in front.", "lying": "Knees to the {side}."}


def phase_said(plan: SessionPlan, phase: Phase) -> str:
    """A phase start, said: "Left leg in front. Hold 60 seconds."."""
    if phase.kind == "hold" and phase.side:
        side = SIDE_SAID[plan.position].format(Side=phase.side.capitalize(), side=phase.side)
        return f"{side} Hold {phase.seconds} seconds."
    if phase.kind == "prep":
        return f"Get ready. {phase.seconds} seconds."
    if phase.kind == "switch":
        return "Switch sides."
    if phase.kind == "rest":
        return f"Rest. {phase.seconds} seconds."
    return "Knee drops. Slowly tip both knees from side to side."


def cue_said(cue: CueEvent, last: bool) -> str:
    if cue.kind == "end":
        return FINISHED if last else END_WORDS[cue.phase.kind].replace("!", ".") + "."
    if cue.kind == "warn":
        return "10 seconds left."
    return {"t3": "3.", "t2": "2.", "t1": "1."}.get(cue.kind, "")


def utterance(before: st.Step | None, after: st.Step, cues: Sequence[CueEvent]) -> str | None:
    """The words for one transition of the journey, or None when there is nothing to say."""
    parts: list[str] = []
    plan = _plan(after) or _plan(before)
    if plan is not None:
        last = len(plan.phases) - 1
        parts += [cue_said(c, c.index >= last) for c in cues if c.kind != "gap"]
    if isinstance(after, st.Running):
        snap = after.snapshot
        was = before.snapshot if isinstance(before, st.Running) else None
        if snap.phase is not None and snap.state == "running" and (was is None or was.index != snap.index):
            parts.append(phase_said(snap.plan, snap.phase))
        if was is not None and was.state != snap.state:
            if snap.state == "paused":
                parts.append("Paused.")
            elif snap.state == "running" and was.state == "paused":
                parts.append("Going on.")
    elif isinstance(after, st.Advice) and not isinstance(before, st.Advice):
        parts.append("Stop now and get help." if after.urgent else "The session has stopped.")
    text = " ".join(p for p in parts if p)
    return text or None


def _plan(step: st.Step | None) -> SessionPlan | None:
    return step.snapshot.plan if isinstance(step, st.Running) else None
