"""Turn validated rule files (normalized dicts) into a checked `RuleSet`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from triage_tui.core.rules.conditions import Condition, compile_condition
from triage_tui.core.rules.ruleset import (
    CLEARANCE_DAYS,
    Adjustment,
    Change,
    Choice,
    Escalation,
    Modification,
    Origin,
    Pose,
    Progression,
    Question,
    Rule,
    RuleSet,
    Section,
    Step,
    StopCue,
    Surgery,
    Timing,
)
from triage_tui.core.rules.surgery import expand_surgery

Files = Mapping[str, Mapping[str, Any]]


def compile_ruleset(files: Files, content_hash: str, *, check: bool = True) -> RuleSet:
    """Build a RuleSet from normalized rule-file dicts. Raises RulesError on broken references.

    Args:
        files: each rule file's table, as dumped by its `core.schema` model (no None values).
        content_hash: the rule files' content hash, quoted by every decision.
        check: cross-check every reference (skipped only for a cache entry, which was written
            after these same files passed the same checks).
    """
    questions_file = files["questions.toml"]
    decisions = files["decisions.toml"]
    exercise = files["exercise.toml"]
    info = files["ruleset.toml"]["ruleset"]

    surgeries = tuple(_surgery(s) for s in files["surgery.toml"]["surgery"])
    questions, rules = expand_surgery(
        files["surgery.toml"], surgeries, _questions(questions_file), _rules(decisions)
    )
    modifications = tuple(_modification(i, m) for i, m in enumerate(exercise["modification"]))
    sections = tuple(Section(**s) for s in questions_file["section"])
    ruleset = RuleSet(
        name=info["name"],
        version=info["version"],
        hash=content_hash,
        description=info.get("description", ""),
        sections=sections,
        questions=tuple(questions),
        rules=tuple(rules),
        adjustments=tuple(_adjustment(i, a) for i, a in enumerate(decisions.get("adjustment", []))),
        messages=dict(decisions["messages"]),
        exercise_title=exercise["exercise"]["title"],
        steps=tuple(Step(**s) for s in exercise["step"]),
        timing=Timing(**exercise["timing"]),
        modifications=modifications,
        stop_cues=tuple(_stop_cue(i, c) for i, c in enumerate(files["stop_cues.toml"]["cue"])),
        surgeries=surgeries,
        surgery_question=files["surgery.toml"]["question"],
        escalations=tuple(_escalation(i, e) for i, e in enumerate(files["escalation.toml"].get("escalation", []))),
        question_by_id={q.id: q for q in questions},
        modification_by_id={m.id: m for m in modifications},
        section_by_id={s.id: s for s in sections},
        exercise_intro=exercise["exercise"]["intro"],
        tier_words={tier: tuple(words) for tier, words in decisions["tier_words"].items()},
        progression=Progression(**exercise["progression"]) if exercise.get("progression") else None,
        clearance_days=decisions.get("clearance", {}).get("days", CLEARANCE_DAYS),
        poses=tuple(_pose(i, p) for i, p in enumerate(exercise.get("pose", ()))),
    )
    if check:
        from triage_tui.core.rules.crosscheck import check_references  # not needed on a cache hit

        check_references(ruleset, files)
    return ruleset


def _questions(questions_file: Mapping[str, Any]) -> list[Question]:
    choice_sets = {
        cs["id"]: tuple(choice_from(c) for c in cs["choices"])
        for cs in questions_file.get("choice_set", [])
    }
    questions = []
    for index, q in enumerate(questions_file["question"]):
        if q.get("choice_set") is not None:
            choices = choice_sets.get(q["choice_set"], ())
        else:
            choices = tuple(choice_from(c) for c in q.get("choices") or ())
        questions.append(
            Question(
                id=q["id"],
                section=q["section"],
                text=q["text"],
                short=q["short"],
                help=q.get("help", ""),
                type=q["type"],
                choices=choices,
                origin=Origin("questions.toml", f"question[{index}]"),
                item=q.get("item", ""),
                min=q.get("min"),
                max=q.get("max"),
                unit=q.get("unit", ""),
                ask_when=_maybe_condition(q.get("ask_when")),
                optional=q.get("optional", False),
                recheck=q.get("recheck", False),
                none_choice=q.get("none_choice") or "",
            )
        )
    return questions


def _rules(decisions: Mapping[str, Any]) -> list[Rule]:
    return [
        Rule(
            id=r["id"],
            when=compile_condition(r["when"]),
            outcome=r["outcome"],
            message=r["message"],
            origin=Origin("decisions.toml", f"rule[{index}]"),
            item=r.get("item", ""),
            refer_urgency=r.get("refer_urgency"),
            mods=tuple(r.get("mods", ())),
            call_first=r.get("call_first", False),
            source=r.get("source") or "",
            why=r.get("why") or "",
        )
        for index, r in enumerate(decisions["rule"])
    ]


def _adjustment(index: int, a: Mapping[str, Any]) -> Adjustment:
    return Adjustment(
        id=a["id"],
        if_mods=tuple(a["if_mods"]),
        remove=tuple(a.get("remove", ())),
        add=tuple(a.get("add", ())),
        message=a["message"],
        origin=Origin("decisions.toml", f"adjustment[{index}]"),
        item=a.get("item", ""),
        when=_maybe_condition(a.get("when")),
        instead=dict(a.get("instead", {})),
        source=a.get("source") or "",
        why=a.get("why") or "",
    )


def _modification(index: int, m: Mapping[str, Any]) -> Modification:
    return Modification(
        id=m["id"],
        title=m["title"],
        summary=m["summary"],
        why=m["why"],
        origin=Origin("exercise.toml", f"modification[{index}]"),
        timing={k: v for k, v in (m.get("timing") or {}).items() if v is not None},
        position=m.get("position"),
        changes=tuple(Change(**c) for c in m.get("changes", ())),
        source=m.get("source") or "",
    )


def _pose(index: int, p: Mapping[str, Any]) -> Pose:
    return Pose(step=p["step"], mods=tuple(p.get("mods", ())), lines=tuple(art_lines(p.get("art", ""))),
                says=p.get("says", ""), origin=Origin("exercise.toml", f"pose[{index}]"),
                unchanged=p.get("unchanged", False))


def art_lines(art: str) -> list[str]:
    """A picture's lines: trailing spaces and trailing blank lines dropped."""
    lines = [line.rstrip() for line in art.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _escalation(index: int, e: Mapping[str, Any]) -> Escalation:
    fields = {k: v for k, v in e.items() if k not in ("mods",)}
    return Escalation(**fields, mods=tuple(e.get("mods", ())), origin=Origin("escalation.toml", f"escalation[{index}]"))


def _stop_cue(index: int, c: Mapping[str, Any]) -> StopCue:
    return StopCue(
        id=c["id"],
        label=c["label"],
        action=c["action"],
        message=c["message"],
        origin=Origin("stop_cues.toml", f"cue[{index}]"),
        next_time_mods=tuple(c.get("next_time_mods", ())),
        shown_when=_maybe_condition(c.get("shown_when")),
        source=c.get("source") or "",
        why=c.get("why") or "",
    )


def choice_from(data: Mapping[str, Any]) -> Choice:
    """A Choice from its normalized table."""
    return Choice(
        id=data["id"],
        label=data["label"],
        exclusive=data.get("exclusive", False),
        number=data.get("number"),
    )


def _maybe_condition(data: Mapping[str, Any] | None) -> Condition | None:
    return None if data is None else compile_condition(data)


def _surgery(data: Mapping[str, Any]) -> Surgery:
    return Surgery(
        id=data["id"],
        label=data["label"],
        always_refer=data.get("always_refer", False),
        refer_below_weeks=data.get("refer_below_weeks"),
        no_effect_from_weeks=data.get("no_effect_from_weeks"),
        clearance=data.get("clearance", ""),
        mods_if_cleared=tuple(data.get("mods_if_cleared", ())),
        source=data.get("source") or "",
        why=data.get("why") or "",
    )
