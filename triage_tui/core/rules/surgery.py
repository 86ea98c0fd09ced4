"""Expand the surgery table into its follow-up questions and rules.

For each operation chosen in the surgery question the app asks `weeks_since_<id>` (a number, or
"don't know", which counts as 0 weeks) and, only when the weeks fall inside the window where
clearance matters, `cleared_<id>`. The generated rules implement the table row:

- fewer than `refer_below_weeks` weeks: refer (routine);
- weeks not known: refer (routine), counted as recent, with its own reason (the person did not
  say the operation was recent, so the reason must not say so either);
- inside the window and not cleared (no / unsure): refer (routine);
- inside the window and cleared: the row's modifications;
- from `no_effect_from_weeks` on: nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from triage_tui.core.rules.conditions import All, Condition, Test
from triage_tui.core.rules.ruleset import Choice, Origin, Question, Rule, Surgery

CLEARED_YES = "yes"
CLEARED_NOT = ("no", "unsure")
DONT_KNOW = "dont_know"


def weeks_id(surgery_id: str) -> str:
    return f"weeks_since_{surgery_id}"


def cleared_id(surgery_id: str) -> str:
    return f"cleared_{surgery_id}"


def expand_surgery(
    surgery_file: Mapping[str, Any],
    surgeries: Sequence[Surgery],
    questions: list[Question],
    rules: list[Rule],
) -> tuple[list[Question], list[Rule]]:
    """Return the questions with follow-ups inserted after the surgery question, and the rules
    with the generated surgery rules appended."""
    parent_id = surgery_file["question"]
    parent = next((q for q in questions if q.id == parent_id), None)
    section = parent.section if parent is not None else ""
    weeks_q = surgery_file["weeks_question"]
    cleared_q = surgery_file["cleared_question"]
    messages = surgery_file["messages"]
    cleared_choices = tuple(
        Choice(id=c["id"], label=c["label"]) for c in cleared_q["choices"]
    )

    follow_ups: list[Question] = []
    generated: list[Rule] = []
    for index, surgery in enumerate(surgeries):
        origin = Origin("surgery.toml", f"surgery[{index}]")
        fill = {
            "label": surgery.label,
            "clearance": surgery.clearance,
            "weeks": surgery.refer_below_weeks if surgery.refer_below_weeks is not None else "",
        }
        chosen = Test(item=parent_id, contains=frozenset({surgery.id}))

        def rule(suffix: str, when: Condition, message: str, **kwargs: Any) -> Rule:
            rule_id = f"surgery_{surgery.id}" + (f"_{suffix}" if suffix else "")
            return Rule(
                id=rule_id, when=when, message=message.format(**fill), origin=origin,
                item="21" if not suffix else "22-23", source=surgery.source, why=surgery.why, **kwargs,
            )

        if surgery.always_refer:
            generated.append(
                rule("", chosen, messages["always"], outcome="refer", refer_urgency="routine")
            )
            continue
        assert surgery.refer_below_weeks is not None  # schema guarantees it
        weeks = weeks_id(surgery.id)
        window = [Test(item=weeks, gte=surgery.refer_below_weeks)]
        if surgery.no_effect_from_weeks is not None:
            window.append(Test(item=weeks, lt=surgery.no_effect_from_weeks))
        follow_ups.append(
            Question(
                id=weeks,
                section=section,
                text=weeks_q["text"].format(**fill),
                short=weeks_q["short"].format(**fill),
                help=weeks_q.get("help", "").format(**fill),
                type="number",
                choices=(Choice(id=DONT_KNOW, label=weeks_q["dont_know_label"], number=0),),
                origin=origin,
                item="22",
                min=0,
                max=weeks_q["max"],
                unit="weeks",
                ask_when=chosen,
            )
        )
        follow_ups.append(
            Question(
                id=cleared_id(surgery.id),
                section=section,
                text=cleared_q["text"].format(**fill),
                short=cleared_q["short"].format(**fill),
                help=cleared_q.get("help", "").format(**fill),
                type="choice",
                choices=cleared_choices,
                origin=origin,
                item="23",
                ask_when=All((chosen, *window)),
            )
        )
        cleared = cleared_id(surgery.id)
        generated += [
            rule(
                "recent",
                All((chosen, Test(item=weeks, lt=surgery.refer_below_weeks, not_in=frozenset({DONT_KNOW})))),
                messages["recent"],
                outcome="refer",
                refer_urgency="routine",
            ),
            rule(
                "weeks_unknown",
                All((chosen, Test(item=weeks, in_=frozenset({DONT_KNOW})))),
                messages["weeks_unknown"],
                outcome="refer",
                refer_urgency="routine",
            ),
            rule(
                "not_cleared",
                All((chosen, *window, Test(item=cleared, in_=frozenset(CLEARED_NOT)))),
                messages["not_cleared"],
                outcome="refer",
                refer_urgency="routine",
            ),
            rule(
                "cleared",
                All((chosen, *window, Test(item=cleared, in_=frozenset({CLEARED_YES})))),
                messages["cleared"],
                outcome="modify",
                mods=surgery.mods_if_cleared,
            ),
        ]

    at = next((i + 1 for i, q in enumerate(questions) if q.id == parent_id), len(questions))
    return questions[:at] + follow_ups + questions[at:], rules + generated
