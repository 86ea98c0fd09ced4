"""Urgency words as data: `[tier_words]` in decisions.toml, checked by `rules check`.

A text must not sound less urgent than what it belongs to. A question's tier is the most urgent
tier among the rules that test it (see `core.rules.texts`).
"""

from __future__ import annotations

import pytest

from support import RULES_DIR, copy_rules, edit
from triage_tui.cli import main
from triage_tui.core.errors import RulesError
from triage_tui.core.rules.lint import lint
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.rules.texts import TIERS, question_tiers, tier_word_findings, user_texts

SADDLE_HELP_END = "This is rare, but it is an emergency that needs help now."


def test_the_shipped_rules_use_no_word_below_their_tier(ruleset) -> None:
    assert tier_word_findings(ruleset) == []
    assert set(ruleset.tier_words) == set(TIERS)
    assert {"today", "soon"} <= set(ruleset.tier_words["urgent"])
    assert "soon" in ruleset.tier_words["same_day"]


def test_rules_check_rejects_saddle_numbness_help_that_says_soon(tmp_path, capsys) -> None:
    folder = copy_rules(tmp_path)
    edit(folder, "questions.toml", SADDLE_HELP_END, "That is rare, but a doctor should check it soon.")
    assert main(["rules", "check", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    [line] = [line for line in err.splitlines() if "'soon'" in line]
    assert "questions.toml:" in line and "question[0].help" in line and "'urgent'" in line


def test_a_question_takes_the_most_urgent_tier_of_the_rules_that_test_it(ruleset) -> None:
    tiers = question_tiers(ruleset)
    assert tiers["leg_weakness"] == "urgent"  # both legs urgent, one leg same day
    assert tiers["sexual_function_change"] == "urgent"  # prefer not to say is same day
    assert tiers["bone_risk"] == "same_day"  # fracture after a small fall; also a modify rule
    assert tiers["age_years"] == "same_day"
    assert tiers["cancer_history"] == "soon"
    assert tiers["pain_trend"] == "soon"
    assert tiers["surgery_types"] == "routine"
    assert tiers["weeks_since_hip_replacement"] == "routine"
    assert "floor_transfer" not in tiers and "inflammatory_pattern" not in tiers


@pytest.mark.parametrize(("file", "old", "new", "key", "word"), [
    ("decisions.toml", "Go to an emergency department now", "Go to an emergency department today", "messages.urgent", "today"),
    ("decisions.toml", "Call your local emergency number now.", "Call your local emergency number tonight.",
     "messages.urgent_call_first", "tonight"),
    ("decisions.toml", "It should be checked today.", "It should be checked soon.", "rule[10].message", "soon"),
    ("decisions.toml", "in the next few days, before", "whenever you can, before", "messages.refer_soon", "whenever"),
    ("stop_cues.toml", "Stop now and call your local emergency number.",
     "Stop now and see a doctor in the next few days.", "cue[2].message", "few days"),
    ("questions.toml", "If both legs are getting weaker, it is an emergency.",
     "If both legs are getting weaker, see a doctor the same-day.", "question[4].help", "same day"),
    ("surgery.toml", "To be safe, we treat it as recent.", "There is no need to worry.", "messages.weeks_unknown",
     "no need"),
    ("escalation.toml", "in the next few days before", "at some point before", "escalation[1].message", "at some point"),
], ids=["urgent message", "call-first message", "same-day rule", "soon message", "urgent stop cue",
        "urgent question help", "surgery template", "escalation"])
def test_each_kind_of_text_is_checked_against_its_tier(tmp_path, file, old, new, key, word) -> None:
    folder = copy_rules(tmp_path)
    edit(folder, file, old, new)
    findings = [f for f in lint(load_rules(folder, use_cache=False)) if f"'{word}'" in f.message]
    assert findings, f"no finding for {word!r}"
    assert {(f.file, f.key) for f in findings} == {(file, key)}


def test_words_match_whole_words_and_ignore_case(tmp_path) -> None:
    folder = copy_rules(tmp_path)
    edit(folder, "questions.toml", SADDLE_HELP_END, "SOON-ish? Soonest? It can't wait: act when you can't delay.")
    assert tier_word_findings(load_rules(folder, use_cache=False)) == []
    edit(folder, "questions.toml", "SOON-ish?", "Soon,")
    [found] = tier_word_findings(load_rules(folder, use_cache=False))
    assert found.word == "soon" and found.text.key == "question[0].help"


def test_a_calmer_word_in_a_less_urgent_text_is_fine(tmp_path) -> None:
    # "today" is forbidden on urgent texts, not on same-day ones
    folder = copy_rules(tmp_path)
    edit(folder, "questions.toml", "A high temperature with back pain should be checked today.",
         "A high temperature with back pain should be checked today, not tomorrow.")
    [found] = tier_word_findings(load_rules(folder, use_cache=False))
    assert found.word == "tomorrow" and found.text.tier == "same_day"


def test_the_tier_words_table_is_required(tmp_path) -> None:
    folder = copy_rules(tmp_path)
    edit(folder, "decisions.toml", "[tier_words]", "[tier_word]")
    with pytest.raises(RulesError) as caught:
        load_rules(folder, use_cache=False)
    messages = " ".join(p.message for p in caught.value.problems)
    assert "tier_word" in messages


@pytest.mark.parametrize(("file", "old", "new", "words"), [
    ("decisions.toml", 'outcome = "refer"\nrefer_urgency = "soon"\nmessage = "Long',
     'outcome = "refer"\ncall_first = true\nrefer_urgency = "soon"\nmessage = "Long', "call_first is only for outcome 'urgent'"),
    ("decisions.toml", "instead.floor_cannot =", "instead.floor_canot =", "unknown rule 'floor_canot'"),
    ("decisions.toml", "instead.floor_cannot =", "instead.twisting_hurts =",
     "rule 'twisting_hurts' asks for none of the modifications this adjustment removes"),
], ids=["call_first on a refer rule", "instead for an unknown rule", "instead for a rule it cannot change"])
def test_new_rule_fields_are_checked(tmp_path, file, old, new, words) -> None:
    folder = copy_rules(tmp_path)
    edit(folder, file, old, new)
    with pytest.raises(RulesError) as caught:
        load_rules(folder, use_cache=False)
    assert any(words in p.message and p.line for p in caught.value.problems), caught.value.problems


def test_generated_surgery_texts_are_listed_as_read(ruleset) -> None:
    texts = [t for t in user_texts(ruleset) if t.key == "messages.not_cleared"]
    assert {t.shown_for for t in texts} == {s.id for s in ruleset.surgeries if not s.always_refer}
    assert all("{" not in t.text and t.tier == "routine" for t in texts)
    assert load_rules(RULES_DIR, use_cache=False) == ruleset
