"""Every text a person can read from a rule set: where it is written, and its urgency tier.

Used by `rules check` (words that sound less urgent than the decision, see `tier_word_findings`)
and by the readability tests. Texts generated from the surgery table are listed as a person reads
them (the template filled in for one operation), keyed by the template they come from.

How a text gets its tier (most urgent first: urgent, same_day, soon, routine):
- an outcome message: its outcome (`urgent`, `refer_same_day`, ...);
- a rule's message: `urgent`, or its `refer_urgency`; modify and advisory rules have no tier;
- a question (its text, short name, help and choice labels): the most urgent tier among the
  rules that test it, because the help is read before the answer is known;
- a stop cue: `urgent` when its action is urgent; an escalation: its `refer_urgency`.
Everything else (sections, steps, modifications, adjustments) has no tier.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from triage_tui.core.limits import control_characters, safe_text
from triage_tui.core.rules.conditions import referenced_items
from triage_tui.core.rules.ruleset import Question, Rule, RuleSet

TIERS: tuple[str, ...] = ("urgent", "same_day", "soon", "routine")
"""Most urgent first."""
_RANK = {tier: rank for rank, tier in enumerate(TIERS)}


class UserText(NamedTuple):
    file: str
    key: str
    """Where to edit it (a template's key for generated texts)."""
    text: str
    """As the person reads it."""
    tier: str | None = None
    shown_for: str = ""
    """For a generated text: the operation the template was filled in for."""


class TierWord(NamedTuple):
    text: UserText
    word: str

    @property
    def message(self) -> str:
        where = f" (as shown for {self.text.shown_for})" if self.text.shown_for else ""
        return (f"'{self.word}' sounds less urgent than this text's tier '{self.text.tier}'{where}: "
                f"\"{safe_text(self.text.text)}\"")


def rule_tier(rule: Rule) -> str | None:
    if rule.outcome == "urgent":
        return "urgent"
    return rule.refer_urgency if rule.outcome == "refer" else None


def question_tiers(ruleset: RuleSet) -> dict[str, str]:
    """Question id -> the most urgent tier among the rules that test it (untested: absent)."""
    tiers: dict[str, str] = {}
    for rule in ruleset.rules:
        tier = rule_tier(rule)
        if tier is None:
            continue
        for item in referenced_items(rule.when):
            if item not in tiers or _RANK[tier] < _RANK[tiers[item]]:
                tiers[item] = tier
    return tiers


def user_texts(ruleset: RuleSet) -> list[UserText]:
    """Every person-facing text of the rule set, in file order."""
    return list(_texts(ruleset))


def tier_word_findings(ruleset: RuleSet) -> list[TierWord]:
    """Each text that uses a word its tier's list forbids (`tier_words` in decisions.toml)."""
    patterns = {tier: [(word, _pattern(word)) for word in words] for tier, words in ruleset.tier_words.items()}
    found = []
    for text in user_texts(ruleset):
        for word, pattern in patterns.get(text.tier or "", ()):
            if pattern.search(text.text):
                found.append(TierWord(text, word))
    return found


def control_findings(ruleset: RuleSet) -> list[tuple[str, str, str]]:
    """(file, key, message) for each person-facing text, or rule-set name, holding a control
    character (an ANSI/OSC escape, DEL, C1...; tab and newline are allowed)."""
    texts = [UserText("ruleset.toml", f"ruleset.{field}", getattr(ruleset, field))
             for field in ("name", "version", "description")]
    found = []
    seen: set[tuple[str, str]] = set()
    for text in [*texts, *user_texts(ruleset)]:
        chars = control_characters(text.text)
        if chars and (text.file, text.key) not in seen:
            seen.add((text.file, text.key))
            found.append((text.file, text.key, f"control character {', '.join(chars)} in text "
                                               f"(escape sequences are not allowed): \"{safe_text(text.text)}\""))
    return found


def _pattern(word: str) -> re.Pattern[str]:
    body = r"[\s-]+".join(re.escape(part) for part in re.split(r"[\s-]+", word.strip()))
    return re.compile(rf"(?<![\w'’-]){body}(?![\w-]|['’]t\b)", re.IGNORECASE)  # "can" is not "can't"


def _texts(ruleset: RuleSet) -> Iterator[UserText]:
    q_file = "questions.toml"
    for i, section in enumerate(ruleset.sections):
        yield UserText(q_file, f"section[{i}].title", section.title)
        if section.intro:
            yield UserText(q_file, f"section[{i}].intro", section.intro)
    tiers = question_tiers(ruleset)
    for question in ruleset.questions:
        yield from _question_texts(ruleset, question, tiers.get(question.id))
    for name, message in ruleset.messages.items():
        tier = "urgent" if name.startswith("urgent") else name.removeprefix("refer_") if name.startswith("refer_") else None
        yield UserText("decisions.toml", f"messages.{name}", message, tier)
    for rule in ruleset.rules:
        if rule.origin.file == "surgery.toml":  # generated: surgery_<id>[_recent|_not_cleared|_cleared]
            surgery = _surgery_of(ruleset, rule.origin.key)
            template = rule.id.removeprefix(f"surgery_{surgery}").lstrip("_") or "always"
            yield UserText("surgery.toml", f"messages.{template}", rule.message, rule_tier(rule), surgery)
        else:
            yield UserText(rule.origin.file, f"{rule.origin.key}.message", rule.message, rule_tier(rule))
    for adj in ruleset.adjustments:
        yield UserText(adj.origin.file, f"{adj.origin.key}.message", adj.message)
        for rule_id, text in adj.instead.items():
            yield UserText(adj.origin.file, f"{adj.origin.key}.instead.{rule_id}", text)
    yield UserText("exercise.toml", "exercise.title", ruleset.exercise_title)
    if ruleset.exercise_intro:
        yield UserText("exercise.toml", "exercise.intro", ruleset.exercise_intro)
    for i, step in enumerate(ruleset.steps):
        yield UserText("exercise.toml", f"step[{i}].title", step.title)
        yield UserText("exercise.toml", f"step[{i}].text", step.text)
    for mod in ruleset.modifications:
        for field in ("title", "summary", "why"):
            yield UserText(mod.origin.file, f"{mod.origin.key}.{field}", getattr(mod, field))
        for j, change in enumerate(mod.changes):
            for field in ("title", "text"):
                if getattr(change, field):
                    yield UserText(mod.origin.file, f"{mod.origin.key}.changes[{j}].{field}", getattr(change, field))
    for cue in ruleset.stop_cues:
        tier = "urgent" if cue.action == "urgent" else None
        yield UserText(cue.origin.file, f"{cue.origin.key}.label", cue.label, tier)
        yield UserText(cue.origin.file, f"{cue.origin.key}.message", cue.message, tier)
    for esc in ruleset.escalations:
        tier = esc.refer_urgency if esc.action == "refer" else None
        yield UserText(esc.origin.file, f"{esc.origin.key}.message", esc.message, tier)


def _question_texts(ruleset: RuleSet, question: Question, tier: str | None) -> Iterator[UserText]:
    origin = question.origin
    if origin.file == "surgery.toml":  # generated follow-up: weeks (item 22) or clearance (23)
        table = "weeks_question" if question.item == "22" else "cleared_question"
        shown_for = _surgery_of(ruleset, origin.key)
        fields = [(f"{table}.{f}", getattr(question, f)) for f in ("text", "short", "help")]
        fields += [(f"{table}.{'dont_know_label' if table == 'weeks_question' else 'choices'}", c.label)
                   for c in question.choices]
    else:
        shown_for = ""
        fields = [(f"{origin.key}.{f}", getattr(question, f)) for f in ("text", "short", "help")]
        fields += [(f"{origin.key}.choices", c.label) for c in question.choices]
    for key, text in fields:
        if text:
            yield UserText(origin.file, key, text, tier, shown_for)


def _surgery_of(ruleset: RuleSet, key: str) -> str:
    index = int(key.partition("[")[2].rstrip("]") or 0)
    return ruleset.surgeries[index].id if index < len(ruleset.surgeries) else ""
