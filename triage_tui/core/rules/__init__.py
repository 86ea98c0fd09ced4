"""The rule set: reading the TOML files, validating them, compiling them for use, and linting them.
Owns the rule model (`RuleSet`) and every check `triage-tui rules check` runs.
"""
