"""The history as data, as text for the terminal, and as Markdown for a clinician."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from triage_tui.core.history import chart
from triage_tui.core.journey.due import Daily, ruleset_cue
from triage_tui.core.session.exercise import chosen
from triage_tui.core.rules.ruleset import RuleSet, StopCue
from triage_tui.core.rules.sources import source_of
from triage_tui.core.session.record import CUT_SHORT, ENDED_SHORT, ENDED_WORDS, SessionRecord
from triage_tui.core.screening.wording import URGENCY_WORDS, answer_label, count

LISTED = 60
"""Sessions listed one per line by every face (the most recent): decades of daily use are tens of
thousands, which no one reads line by line and which would take seconds to lay out. The count,
the streak, the escalations and the clinician's summary always cover every session."""

def sparkline(values: Sequence[int | None]) -> str:
    """0-10 ratings as a two-row sparkline in which every level looks different (a `·` where a
    rating was skipped); see `core.history.chart`."""
    return "\n".join(chart.sparkline(values))


def chart_lines(sessions: Sequence[SessionRecord], tz: Any, width: int = 72) -> list[str]:
    """The pain chart (0-10 axis, b before, a after, dates) of the rated sessions."""
    points = [(s.started_at, s.pain_before, s.pain_after) for s in sessions
              if s.started_at is not None and (s.pain_before is not None or s.pain_after is not None)]
    return chart.pain_chart(points, tz, width) if points else []


def history_json(ruleset: RuleSet, sessions: Sequence[SessionRecord], today: Daily,
                 now: datetime | None = None) -> dict[str, Any]:
    return {
        "sessions": [
            {
                "started_at": s.started_at.isoformat() if s.started_at else None,
                "ended_at": s.ended_at.isoformat() if s.ended_at else None,
                "position": s.position,
                "style": s.style,
                "modifications": list(s.mods),
                "hold_seconds": s.hold_seconds,
                "rounds": s.rounds,
                "ended": s.ended,
                "partial": s.partial,
                "stop_cue": s.stop_cue,
                "planned_seconds": s.planned_seconds,
                "held_seconds": round(s.held_seconds, 1),
                "pain_before": s.pain_before,
                "pain_after": s.pain_after,
                "holds": [h._asdict() for h in s.holds],
            }
            for s in sessions
        ],
        "streak_days": today.streak,
        "escalations": [
            {"rule": e.rule.id, "action": e.rule.action, "message": e.rule.message, "detail": e.detail}
            for e in today.escalated
        ],
        "full_screening_due": today.why_full,
        "clearance": _clearance_json(ruleset, today, (now or datetime.now().astimezone()).date()),
        "rules_version": ruleset.version,
        "rules_hash": ruleset.hash,
    }


def _clearance_json(ruleset: RuleSet, today: Daily, day: date) -> dict[str, Any] | None:
    """The clinician's clearance, if any, with its status on the day `today` was worked out for."""
    from triage_tui.core.history.clearance_record import clearance_json
    from triage_tui.core.screening.clearance import days_of, status

    c = today.clearance
    if c is None:
        return None
    return {**clearance_json(c), "status": status(ruleset, c, day),
            "lapses_on": c.lapses_on(days_of(ruleset)).isoformat() if c.reasons else None}


def clearance_lines(ruleset: RuleSet | None, today: Daily, now: datetime) -> list[str]:
    """The clinician's clearance in words (who, when, what it cleared, until when), or nothing."""
    from triage_tui.core.screening.clearance import describe

    if ruleset is None or today.clearance is None:
        return []
    return describe(ruleset, today.clearance, now.date())


def _when(s: SessionRecord, tz: Any) -> str:
    return s.started_at.astimezone(tz).strftime("%Y-%m-%d %H:%M") if s.started_at else "?"


def _pain(value: int | None) -> str:
    return "-" if value is None else str(value)


def history_text(sessions: Sequence[SessionRecord], today: Daily, now: datetime, total: int | None = None,
                 ruleset: RuleSet | None = None, chart: bool = True) -> str:
    """`sessions` listed (perhaps only the latest of `total`), the trend, and what is due. With
    `chart=False` (plain mode, read aloud) the trend is said in words instead of drawn."""
    total = len(sessions) if total is None else total
    lines = [f"{count(total, 'session')}; {count(today.streak, 'day')} in a row."]
    if total > len(sessions):
        lines.append(f"The last {len(sessions)} are shown; to see every one: triage-tui history --all")
    if sessions:
        # In words, as the TUI's table says them ("60 of 60 s", "4 to 3"): a screen reader reads
        # "4>3" as "4 greater than 3".
        lines += ["", f"{'Started':<17} {'Held':>12}  {'Pain':<8}  How it ended"]
        for s in sessions:
            held = f"{s.held_seconds:.0f} of {s.planned_seconds} s"
            pain = f"{_pain(s.pain_before)} to {_pain(s.pain_after)}"
            lines.append(f"{_when(s, now.tzinfo):<17} {held:>12}  {pain:<8}  {how_it_ended(ruleset, s)}")
        drawn = chart_lines(sessions, now.tzinfo) if chart else []
        if drawn:
            lines += ["", "Pain before and after, 0 to 10:", *drawn]
        elif not chart:
            lines += trend_words(sessions)
    for e in today.escalated:
        lines += ["", f"! {e.rule.message}", f"  ({e.detail})"]
    cleared = clearance_lines(ruleset, today, now)
    if cleared:
        lines += ["", "Seen by a clinician:", *(f"  {line}" for line in cleared)]
    if today.why_full:
        lines += ["", f"Full screening due: {today.why_full}"]
    return "\n".join(lines)


def trend_span(values: Sequence[int | None]) -> str:
    """"4 at first, 2 at the last (12 rated)", from the ratings given; "not rated" when none were."""
    given = [v for v in values if v is not None]
    return f"{given[0]} at first, {given[-1]} at the last ({len(given)} rated)" if given else "not rated"


def trend_words(sessions: Sequence[SessionRecord]) -> list[str]:
    """The pain trend of these sessions in words: the first and last rating given, before and after."""
    lines = [f"Pain {label} sessions, 0 to 10: {trend_span(values)}."
             for label, values in (("before", [s.pain_before for s in sessions]), ("after", [s.pain_after for s in sessions]))
             if any(v is not None for v in values)]
    return ["", *lines] if lines else []


def how_it_ended(ruleset: RuleSet | None, session: SessionRecord, *, short: bool = True) -> str:
    """How a session ended in words; a pain stop names what the person reported ("Pain stop:
    chest pain or feeling faint (urgent)"), so the record says it, not only the database."""
    if session.ended == "finished" and not session.complete:
        return "Finished, holds skipped" if short else CUT_SHORT
    cue = ruleset_cue(ruleset, session.stop_cue) if ruleset is not None and session.ended == "pain" else None
    if cue is None:
        return (ENDED_SHORT if short else ENDED_WORDS)[session.ended]
    return f"{ENDED_SHORT['pain']}: {_cue_words(cue)}"


def _cue_words(cue: StopCue) -> str:
    return f"{cue.label[0].lower()}{cue.label[1:]}" + (" (urgent)" if cue.action == "urgent" else "")


def _flags(ruleset: RuleSet, sessions: Sequence[SessionRecord], today: Daily, now: datetime) -> list[str]:
    """What a clinician should see first: the escalation rules that fire on the history (in their
    terms: what was seen, the rule and what the app did) and every session stopped for an urgent
    warning sign."""
    cues = ((s, ruleset_cue(ruleset, s.stop_cue)) for s in sessions if s.ended == "pain")
    urgent = [(s, cue) for s, cue in cues if cue is not None and cue.action == "urgent"]
    if not today.escalated and not urgent:
        return []
    lines = ["## Flags", ""]
    lines += [f"- {e.detail[0].upper()}{e.detail[1:]} (rule `{e.rule.id}`; the app {_ACTED[e.rule.action]})"
              for e in today.escalated]
    lines += [f"- {_when(s, now.tzinfo)}: a session was stopped for a warning sign: {_cue_words(cue)}"
              for s, cue in urgent[-10:]]
    if len(urgent) > 10:
        lines.append(f"- ... and {len(urgent) - 10} earlier sessions stopped for an urgent warning sign.")
    return [*lines, ""]


_OUTCOME = {"standard": "the standard stretch", "modified": "a gentler version of the stretch",
            "refer": "to be checked by a clinician first", "urgent": "emergency help advised, no stretch",
            "incomplete": "not decided (answers missing)"}
_ACTED = {"gentler": "made the next sessions gentler", "refer": "paused sessions until a clinician has seen them",
          "assessment": "advised a proper assessment"}


def _reason(ruleset: RuleSet, rule_id: str, message: str) -> str:
    """One reason, with why the rule exists and its source (from the rules in use)."""
    source, why = source_of(ruleset, rule_id)
    extra = "".join(f"\n  - {label}: {text}" for label, text in (("Why this rule", why), ("Source", source)) if text)
    return f"- {message} (`{rule_id}`){extra}"


def clinician_markdown(ruleset: RuleSet, sessions: Sequence[SessionRecord], today: Daily, now: datetime) -> str:
    """Screening answers and outcome with reasons, rules version, sessions, pain trend."""
    screening = today.screening
    lines = ["# 90/90 stretch: self-check and session history", "",
             f"Made on {now.strftime('%Y-%m-%d %H:%M %Z').strip()} by triage-tui. This is a record the "
             "person kept; it is not a diagnosis.", ""]
    lines += _flags(ruleset, sessions, today, now)
    if screening is None:
        lines += ["No screening has been saved.", ""]
    else:
        lines += ["## Last screening", "",
                  f"- Date: {screening.at.astimezone(now.tzinfo).strftime('%Y-%m-%d')}",
                  f"- Outcome: {screening.outcome}, {_OUTCOME[screening.outcome]}"
                  + (f" ({URGENCY_WORDS[screening.urgency]})" if screening.urgency in URGENCY_WORDS else ""),
                  f"- Rules: version {screening.rules_version} (hash {screening.rules_hash[:12]})"]
        mods = chosen(ruleset, screening.modifications)
        if mods:
            lines.append("- Changes to the stretch: " + ", ".join(m.title for m in mods))
        if screening.reasons:
            lines += ["", "Reasons:", ""] + [_reason(ruleset, rule, message) for rule, message in screening.reasons]
        if screening.cleared:
            messages = {rule.id: rule.message for rule in ruleset.rules}
            lines += ["", "Left out of this decision because a clinician cleared them (see \"Seen by a "
                      "clinician\" below):", ""] + [f"- {rule}: {messages.get(rule, '')}".rstrip(": ")
                                                    for rule in screening.cleared]
        lines += ["", "| Question | Answer |", "| --- | --- |"]
        for question in ruleset.questions:
            if question.id in screening.answers:
                label = answer_label(question, screening.answers[question.id])
                lines.append(f"| {question.short} | {label.replace('|', '/')} |")
        lines.append("")
    lines += ["## Sessions", ""]
    if not sessions:
        lines += ["None yet.", ""]
    else:
        listed = sessions[-LISTED:]
        if len(sessions) > len(listed):
            first = next((x.started_at for x in sessions if x.started_at is not None), None)
            since = f" since {first.astimezone(now.tzinfo):%Y-%m-%d}" if first else ""
            stops = sum(x.ended == "pain" for x in sessions)
            lines += [f"{len(sessions):,} sessions{since}, {stops:,} of them stopped for pain or a warning sign; "
                      f"the last {len(listed)} are listed (all of them: `triage-tui history --json`).", ""]
        lines += ["| Date | Version | Held / planned | Pain before | Pain after | How it ended |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for s in listed:
            version = ", ".join(m.title for m in chosen(ruleset, s.mods)) or "standard"
            lines.append(f"| {_when(s, now.tzinfo)} | {version} | {s.held_seconds:.0f} / {s.planned_seconds} s "
                         f"| {_pain(s.pain_before)} | {_pain(s.pain_after)} | {how_it_ended(ruleset, s, short=False)} |")
        lines += ["", "## Pain trend (0-10)", "", "```",
                  *chart_lines(listed, now.tzinfo), "```", ""]
    cleared = clearance_lines(ruleset, today, now)
    if cleared:
        lines += ["## Seen by a clinician", "", *(f"- {line}" for line in cleared), ""]
    lines.append(f"Rules in use: {ruleset.name} {ruleset.version} ({ruleset.short_hash}).")
    return "\n".join(lines) + "\n"
