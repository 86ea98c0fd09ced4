"""Each journey step as plain lines of text: no cursor movement, no escape codes.

Lines are returned, not printed (`plain.output` prints them), so every page can be tested as
text. The keys each step takes are listed by `plain.reading`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from triage_tui.core.history.report import LISTED, history_text
from triage_tui.core.journey import steps as st
from triage_tui.core.journey.quick import HEADING as QUICK_HEADING, HINT as QUICK_HINT
from triage_tui.core.journey.home_words import ABOUT, CARD_HEADINGS, DISCLAIMER, NO_MORE_TODAY, TITLE, where_you_stand
from triage_tui.core.rules.ruleset import RuleSet
from triage_tui.core.screening import clearance_form as form
from triage_tui.core.screening.decision import Decision
from triage_tui.core.screening.typed import choice_keys
from triage_tui.core.screening.wording import answer_label, headline, outcome_message
from triage_tui.core.session.exercise import POSITION_WORDS, build_steps, chosen, position
from triage_tui.core.session.poses import step_picture
from triage_tui.core.session.words import elapsed_text, summary_headline

Lines = list[str]


def home(step: st.Home, notices: Sequence[str], rules_label: str) -> Lines:
    today = step.today
    lines = [TITLE, ""]
    if today.screening is None:
        lines += [*ABOUT, ""]
    lines += [DISCLAIMER, ""]
    lines += [f"Note: {notice}" for notice in notices]
    cards = ([today.refer] if today.refer is not None else []) + [e for e in today.escalated if e.rule.action != "refer"]
    for card in cards:
        lines += [f"! {CARD_HEADINGS[card.rule.action]} {card.rule.message}", f"  Why: {card.detail}."]
    lines += [where_you_stand(today), f"Rules: {rules_label}"]
    return lines


def ask(step: st.Ask) -> Lines:
    p, q = step.progress, step.question
    lines = [""]
    if step.intro:
        lines += [step.intro, ""]
    lines.append(f"{p.section_title} · question {p.number_in_section} of {p.section_total}")
    lines.append(q.text)
    if q.help:
        lines.append(q.help)
    keys = choice_keys(q)
    if q.type == "number":
        lines.append(f"Type a number from {q.min} to {q.max}" + (f" ({q.unit})." if q.unit else "."))
        lines += [f"  {key} = {label}" for key, label in keys]
    else:
        if q.type == "multi":
            lines.append("Choose one or more: type their keys, separated by commas or spaces.")
        lines += [f"  {key}  {label}" for key, label in keys]
    if step.given is not None:
        lines.append(f"Your answer before: {answer_label(q, step.given)}.")
    return lines


def quick_list(step: st.QuickList) -> Lines:
    lines = ["", "Today's check of the warning signs.", QUICK_HEADING]
    for number, question in enumerate(step.items, start=1):
        mark = "[x]" if question.id in step.ticked else "[ ]"
        lines.append(f"  {number}  {mark} {question.text}")
    lines.append("  0  None of these")
    lines.append(QUICK_HINT)
    return lines


def _reasons(ruleset: RuleSet, decision: Decision, sources: bool = False) -> Lines:
    lines: Lines = []
    for reason in decision.reasons:
        lines.append(f"- {reason.message}")
        for qid, answer in reason.answers.items():
            question = ruleset.question_by_id[qid]
            lines.append(f"  You answered: {question.short}: {answer_label(question, answer)}")
        if sources and reason.why:
            lines.append(f"  Why this rule: {reason.why}")
        if sources and reason.source:
            lines.append(f"  Source: {reason.source}")
    return lines


def urgent(ruleset: RuleSet, step: st.Urgent) -> Lines:
    d = step.decision
    return ["", f"!! {headline(d)}", outcome_message(ruleset, d), "", "Why we say this:", *_reasons(ruleset, d)]


def result(ruleset: RuleSet, step: st.Result) -> Lines:
    d = step.decision
    lines = ["", f"Result: {headline(d)}", outcome_message(ruleset, d)]
    if step.clearance is not None:
        lines += ["", f"{step.clearance.headline}.", *[f"- {line}" for line in step.clearance.lines]]
    if d.reasons:
        lines += ["", "Why:", *_reasons(ruleset, d, sources=True)]
    if d.notes:
        lines += ["", "Also worth knowing:", *[f"- {note}" for note in d.notes]]
    if d.allows_session and step.blocked:
        lines += ["", f"No session now. {step.blocked}"]
    if d.allows_session:
        mods = d.modifications
        version = "a gentler version" if mods else "the standard version"
        lines += ["", f"{ruleset.exercise_title}: {version}, {POSITION_WORDS[position(ruleset, mods)]}."]
        lines += [f"- {m.title}: {m.summary} {m.why}".rstrip() for m in chosen(ruleset, mods)]
        lines += ["", "What you will do:"]
        titles = {m.id: m.title for m in ruleset.modifications}
        for number, s in enumerate(build_steps(ruleset, mods), start=1):
            tag = f" (changed: {', '.join(titles[m] for m in s.changed_by)})" if s.changed_by else ""
            lines.append(f"{number}. {s.title}{tag}: {s.text}")
            lines += [f"   + {note}" for note in s.notes]
            drawn = step_picture(ruleset, s, mods)
            lines += [f"   Picture: {drawn.says}"] if drawn is not None else []
        lines += ["", "Stop at once if you notice:", *[f"- {cue.label}" for cue in step.cues]]
    return lines


def setup(step: st.Setup, warn: bool) -> Lines:
    plan = step.plan
    version = "gentler version" if plan.mods else "standard version"
    lines = ["", f"Your session: {version}, {POSITION_WORDS[plan.position]}."]
    if step.blocked:
        lines.append(f"No session now. {step.blocked}")
    lines += [f"- {line}" for line in step.why]
    if plan.style == "drops":
        lines.append(f"Knee drops: {plan.tips} per round, {plan.rounds} rounds.")
    else:
        lines.append(f"Hold each side: {plan.hold_seconds} s (from {plan.limits.hold_min} to {plan.limits.hold_max}).")
        lines.append(f"Rounds per side: {plan.rounds} (from {plan.limits.rounds_min} to {plan.limits.rounds_max}).")
    lines.append(f"Get-ready countdown: {plan.prep_seconds} s (from {plan.limits.prep_min} to {plan.limits.prep_max}).")
    lines.append(f"Warning 10 seconds before the end of each hold: {'on' if warn else 'off'}.")
    minutes, seconds = divmod(plan.active_seconds, 60)
    lines.append(f"About {minutes} min {seconds:02d} s in all, with the switches and rests.")
    return lines


def session_keys(step: st.Running) -> Lines:
    """Said once as the timer starts: a screen reader user has no key bar to look at."""
    change = "" if step.snapshot.plan.style == "drops" else " + or - = longer or shorter holds."
    return ["Keys while the timer runs (type one, then Enter): p = pain or a warning sign, it stops at once."
            f" Enter = pause or go on. s = skip this part.{change} q = stop the session. ? = help."]


def advice(step: st.Advice) -> Lines:
    banner = "!! URGENT: stop and get help now" if step.urgent else "The session has stopped."
    return ["", banner, step.cue.message, f"You reported: {step.cue.label}", "What you did so far is saved."]


def rate_pain() -> Lines:
    return ["", "How bad is your back pain now, from 0 to 10?",
            "0 means no pain at all, 10 the worst pain you can imagine. You can skip this."]


def summary(step: st.Summary) -> Lines:
    record, cue = step.record, step.cue
    kind, words = summary_headline(record, cue)
    lines = ["", "!! " + words if kind == "urgent" else words if words.endswith(".") else f"{words}."]
    if cue is not None:
        lines += [f"You reported: {cue.label}", cue.message]
    if step.next_time:
        lines.append(f"Next time the session will be gentler: {', '.join(t.lower() for t in step.next_time)}.")
    if step.rest_today:
        lines.append(NO_MORE_TODAY)
    for hold in record.holds:
        side = {"left": "LEFT", "right": "RIGHT", None: "knee drops (both)"}[hold.side]
        partial = "" if hold.done >= hold.planned else " (partial)"
        lines.append(f"Round {hold.round}, {side}: {hold.done:.0f} s of {hold.planned} s{partial}.")
    lines.append(f"In all: {record.held_seconds:.0f} s of {record.planned_seconds} s planned "
                 f"({elapsed_text(record.held_seconds)}).")
    return lines


def history(step: st.History, now: datetime, ruleset: RuleSet | None = None) -> Lines:
    """`now` is local time (its offset shows the dates)."""
    records = [r for r, _ in step.sessions[-LISTED:]]
    text = history_text(records, step.today, now, total=len(step.sessions), ruleset=ruleset, chart=False)
    return ["", "Your history", *text.splitlines()]


def ask_pain(step: st.AskPain) -> Lines:
    lines = ["", "The timer is paused. What is happening?"]
    lines += [f"  {n}  {cue.label}" for n, cue in enumerate(step.cues, start=1)]
    lines.append("  0  None of these: back to the timer")
    return lines


def ask_gap() -> Lines:
    return ["", "The timer was interrupted for a while (the computer may have gone to sleep). "
                "It has paused where it was.",
            "  r  Resume", "  a  Start this part again", "  x  Stop the session"]


def confirm(step: st.ConfirmStep) -> Lines:
    return ["", step.question, f"  y  {step.yes}", f"  n  {step.no}"]


def clearance_form(step: st.ClearanceForm) -> Lines:
    lines = ["", form.TITLE, form.INTRO, form.what_it_does(step.days)]
    if step.escalation:
        lines += [form.ESCALATION, f"  {step.escalation}"]
    if step.offered:
        lines.append("The reasons the app gave:")
        lines += [f"  {n}  {reason.message}" for n, reason in enumerate(step.offered, start=1)]
    lines += [f"! {problem}" for problem in step.problems]
    return lines
