"""`triage-tui rules check` and `triage-tui rules schema`."""

from __future__ import annotations

import json
from pathlib import Path

from triage_tui.core import paths
from triage_tui.core.errors import Problem, RulesError, did_you_mean
from triage_tui.core.rules.lint import lint
from triage_tui.core.rules.loader import load_rules_with_texts
from triage_tui.core.rules.locate import find_line, parse_key
from triage_tui.core.rules.ruleset import RULE_FILES
from triage_tui.commands.rules_test import print_failures, run_folder
from triage_tui.core.rules.cases import cases_folder


def check(directory: str | None) -> int:
    """Validate and lint; print one line per problem (exit 2), or a summary (exit 0). When the
    folder has cases (DIR/cases/*.toml) they run too: a failing case exits 1, as `rules test` does.

    Lint includes the urgency words: a text whose question, rule, stop cue or message is of a
    more urgent tier than its words (`tier_words` in decisions.toml) is a problem naming the
    file, the key and the word.
    """
    folder = Path(directory) if directory else paths.rules_dir().path
    ruleset, texts = load_rules_with_texts(folder)  # each file read once, as it was checked
    findings = lint(ruleset)
    if findings:
        problems, shown = [], {name: str(folder / name) for name in {f.file for f in findings}}
        for finding in findings:
            line = find_line(texts.get(finding.file, ""), parse_key(finding.key))  # indexed once per file
            problems.append(Problem(shown[finding.file], finding.key, finding.message, line))
        raise RulesError(problems)
    cases = ""
    if cases_folder(folder).is_dir():  # the rule set's own cases (`rules test`) must pass too
        passed, failures = run_folder(folder, ruleset)
        if failures:
            print_failures(failures, passed)
            return 1
        cases = f"; {passed} cases passed"
    print(
        f"OK: {folder} - {ruleset.name} {ruleset.version} ({ruleset.short_hash}): "
        f"{len(ruleset.questions)} questions, {len(ruleset.rules)} rules, "
        f"{len(ruleset.adjustments)} adjustments, {len(ruleset.modifications)} modifications, "
        f"{len(ruleset.stop_cues)} stop cues; every rule can fire, every modification is used, "
        f"and no text uses a word its urgency tier forbids{cases}."
    )
    return 0


def schema(file: str | None) -> int:
    """Print the JSON Schema of one rule file, or of all of them keyed by file name."""
    from triage_tui.core.rules.schema import FILE_MODELS

    if file is not None:
        name = Path(file).name
        if name not in FILE_MODELS:
            raise RulesError([Problem(file, "", f"not a rule file{did_you_mean(name, RULE_FILES)}; expected one of: {', '.join(RULE_FILES)}")])
        document = _schema_for(name)
    else:
        document = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "triage-tui rule set",
            "description": "One schema per rule file; use `rules schema --file NAME` for a single file.",
            "files": {name: _schema_for(name) for name in RULE_FILES},
        }
    print(json.dumps(document, indent=2))
    return 0


def _schema_for(name: str) -> dict:
    from triage_tui.core.rules.schema import FILE_MODELS

    document = FILE_MODELS[name].model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **document, "title": name}
