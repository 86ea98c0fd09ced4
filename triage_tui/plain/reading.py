"""What a typed line means at each step: an event for the journey, or a line to say back.

The same keys as the full-screen app. Words that work everywhere: `help` or `?` lists the
keys, `quit` leaves (asking first when something would be lost), `back` goes back one step.
Nothing here decides anything clinical: answers are read by `core.screening.typed`, and the
journey decides what they mean.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from triage_tui.core.journey import events as ev
from triage_tui.core.journey import steps as st
from triage_tui.core.journey.home_words import start_words
from triage_tui.core.screening import clearance_form as form
from triage_tui.core.screening.typed import keys_hint, parse_typed


class Say(NamedTuple):
    """Not understood, or not possible now: one line, then the same step again."""

    text: str


class ShowHelp(NamedTuple):
    """List the keys of this step."""


Reply = ev.Event | Say | ShowHelp
KeyList = list[tuple[str, str]]

EVERYWHERE = [("help or ?", "list the keys"), ("quit", "leave (asks first if something would be lost)")]
SETTINGS_KEYS = [("hold N", "seconds to hold each side"), ("rounds N", "rounds per side"),
                 ("prep N", "seconds to get ready"), ("warn on / warn off", "the 10-seconds-left warning")]


def keys(step: st.Step) -> KeyList:
    """The keys this step takes, each with what it does (the help and the prompt show them)."""
    if isinstance(step, st.Home):
        today = step.today
        listed = [] if today.rest_today is not None else [("Enter", start_words(today).lower())]
        if today.quick_check or today.rest_today is not None:
            listed.append(("f", "full screening"))
        if today.screening is not None:
            listed.append(("h", "history"))
        if today.clearable:
            listed.append(("c", "I have seen a doctor or physio"))
        return listed + [("q", "quit")]
    if isinstance(step, st.Ask):
        listed = [("back", "the question before")]
        return listed + ([("s", "skip this question")] if step.question.optional else [])
    if isinstance(step, st.QuickList):
        return [("0", "none of these"), (f"1-{len(step.items)}", "the ones that apply, with commas (for example: 2, 5)"),
                ("back", "home")]
    if isinstance(step, st.Urgent):
        return ([("z", "I answered by mistake: undo")] if step.can_undo else []) + [("h", "home"), ("q", "quit")]
    if isinstance(step, st.Result):
        start = [("Enter", "see the plan" if step.blocked else "start the session")] if step.decision.allows_session else []
        seen = [("c", "I have seen a doctor or physio")] if step.can_clear else []
        return start + seen + [("back", "change answers"), ("h", "home"), ("q", "quit")]
    if isinstance(step, st.Setup):
        start = [] if step.blocked else [("Enter", "start the timer")]
        return start + ([] if step.blocked else SETTINGS_KEYS) + [("back", "the result"), ("h", "home")]
    if isinstance(step, st.Running):
        pause = "go on" if step.snapshot.state == "paused" else "pause"
        return [("Enter", pause), ("p", "pain or a warning sign: stop now"), ("s", "skip to the next part"),
                ("+ / -", "hold 15 s longer / shorter"), ("q", "stop the session")]
    if isinstance(step, st.AskPain):
        return [("1-9", "what is happening"), ("0", "none of these: back to the timer")]
    if isinstance(step, st.AskGap):
        return [("r or Enter", "resume"), ("a", "start this part again"), ("x", "stop the session")]
    if isinstance(step, st.Advice):
        return [("Enter", "home" if step.urgent else "go on"), ("q", "quit")]
    if isinstance(step, st.RatePain):
        return [("0-10", "your pain now"), ("s", "skip")]
    if isinstance(step, (st.Summary, st.History)):
        return [("Enter", "done"), ("q", "quit")]
    if isinstance(step, st.ConfirmStep):
        return [("y", step.yes), ("n", step.no)]
    if isinstance(step, st.ClearanceForm):
        return [("back", "leave without saving")]
    return []


def prompt_hint(step: st.Step) -> str:
    """The keys in one short line, shown above the prompt."""
    if isinstance(step, st.Ask):
        hint = keys_hint(step.question)
        skip = "s to skip, " if step.question.optional else ""
        return f"{hint} ({skip}back, help, quit)"
    if isinstance(step, st.ClearanceForm):
        return FORM_ASKS["seen_on"]
    return "Keys: " + ", ".join(f"{key} = {what}" for key, what in keys(step)) + "."


def read(step: st.Step, line: str) -> Reply:
    """The reply to one typed line at `step`."""
    text = line.strip()
    word = text.lower()
    if word in ("help", "?", "h?"):
        return ShowHelp()
    if word in ("quit", "exit") and not isinstance(step, st.ConfirmStep):
        return ev.StopSession() if isinstance(step, st.Running) else ev.Quit()
    if isinstance(step, st.Ask):
        return _answer(step, text, word)
    if isinstance(step, st.QuickList):
        return _ticks(step, word)
    table = _table(step)
    reply = table.get(word)
    if reply is not None:
        return reply
    if isinstance(step, st.RatePain) and word.isdigit():
        value = int(word)
        return ev.Rated(value) if 0 <= value <= 10 else Say("Type a number from 0 to 10, or s to skip.")
    if isinstance(step, st.AskPain) and word.isdigit():
        n = int(word)
        if 1 <= n <= len(step.cues):
            return ev.CueChosen(step.cues[n - 1].id)
        return Say(f"Type a number from 1 to {len(step.cues)}, or 0 for none of these.")
    return Say(f"Not understood: '{text[:20]}'. {prompt_hint(step)}" if text else prompt_hint(step))


def _answer(step: st.Ask, text: str, word: str) -> Reply:
    if word == "back":
        return ev.Back()
    if word in ("s", "skip") and step.question.optional and step.question.choice(word) is None:
        return ev.SkipQuestion()
    try:
        return ev.Answered(parse_typed(step.question, text))
    except ValueError as error:
        return Say(str(error))


def _ticks(step: st.QuickList, word: str) -> Reply:
    if word == "back":
        return ev.Back()
    if word in ("0", "none", "n"):
        return ev.Ticked(())
    parts = [p for p in re.split(r"[,\s]+", word) if p]
    if not parts or not all(p.isdigit() and 1 <= int(p) <= len(step.items) for p in parts):
        return Say(f"Type 0 if none of these apply, or the numbers of the ones that do (1 to {len(step.items)}), "
                   "for example: 2, 5.")
    chosen = {step.items[int(p) - 1].id for p in parts}
    return ev.Ticked(tuple(q.id for q in step.items if q.id in chosen))


def _table(step: st.Step) -> dict[str, Reply]:
    if isinstance(step, st.Home):
        today = step.today
        table: dict[str, Reply] = {"q": ev.Quit(), "f": ev.Start(full=True), "h": ev.ShowHistory(),
                                   "c": ev.ClinicianSeen()}
        if today.rest_today is None:
            table[""] = ev.Start()
        return table
    if isinstance(step, st.Urgent):
        return {"z": ev.Undo(), "undo": ev.Undo(), "h": ev.Done(), "home": ev.Done(), "q": ev.Quit()}
    if isinstance(step, st.Result):
        return {"": ev.StartSession(), "back": ev.ChangeAnswers(), "h": ev.Done(), "home": ev.Done(), "q": ev.Quit(),
                **({"c": ev.ClinicianSeen()} if step.can_clear else {})}
    if isinstance(step, st.Setup):
        return {"back": ev.Back(), "h": ev.Done(), "home": ev.Done(), "q": ev.Quit()}
    if isinstance(step, st.Running):
        return {"": ev.TogglePause(), "p": ev.PainStop(), "s": ev.SkipPhase(), "q": ev.StopSession(),
                "+": ev.Adjust(15), "-": ev.Adjust(-15)}
    if isinstance(step, st.AskPain):
        return {"0": ev.CueChosen(None)}
    if isinstance(step, st.AskGap):
        return {"": ev.GapChoice("resume"), "r": ev.GapChoice("resume"), "a": ev.GapChoice("restart"),
                "x": ev.GapChoice("stop")}
    if isinstance(step, st.Advice):
        return {"": ev.Done(), "q": ev.Quit()}
    if isinstance(step, st.RatePain):
        return {"s": ev.Rated(None), "skip": ev.Rated(None), "": Say("Type a number from 0 to 10, or s to skip.")}
    if isinstance(step, (st.Summary, st.History)):
        return {"": ev.Done(), "back": ev.Done(), "q": ev.Quit()}
    if isinstance(step, st.ConfirmStep):
        return {"y": ev.Confirm(True), "yes": ev.Confirm(True), "n": ev.Confirm(False), "no": ev.Confirm(False)}
    return {}


# --- the clearance form, one field a line ---------------------------------------------------------

FORM_ASKS = {"seen_on": form.ASK_DATE, "name": form.ASK_NAME, "reasons": form.ASK_REASONS,
             "hold_limit": form.ASK_HOLD}


def form_fields(step: st.ClearanceForm) -> tuple[str, ...]:
    """The fields asked, in order (no reasons to choose: that one is not asked)."""
    return tuple(f for f in FORM_ASKS if f != "reasons" or step.offered)


def read_form(step: st.ClearanceForm, typed: dict[str, str], line: str) -> Reply | None:
    """Fill the next field of `typed` from `line`; the event once every field is in (the journey
    checks them), a reply for a word that works everywhere, or None to ask the next field."""
    text = line.strip()
    word = text.lower()
    if word in ("help", "?"):
        return ShowHelp()
    if word in ("back", "quit", "exit"):
        return ev.Back() if word == "back" else ev.Quit()
    field = next(f for f in form_fields(step) if f not in typed)
    if field == "reasons":
        parts = [p for p in re.split(r"[,\s]+", word) if p]
        if not all(p.isdigit() and 1 <= int(p) <= len(step.offered) for p in parts):
            return Say(f"Type the numbers of the reasons they checked (1 to {len(step.offered)}), for example: 1, 2.")
        text = ",".join(step.offered[int(p) - 1].rule for p in parts)
    typed[field] = text
    if any(f not in typed for f in form_fields(step)):
        return None
    reasons = tuple(r for r in typed.get("reasons", "").split(",") if r)
    return ev.ClearanceGiven(typed["seen_on"], typed["name"], reasons, typed["hold_limit"])
