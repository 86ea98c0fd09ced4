"""Read a rule-set folder into a checked `RuleSet`.

The files are parsed with `tomllib` and validated by the strict models of `core.schema`. The
normalized result is cached by content hash, so later starts skip pydantic entirely (it costs
more than the whole `decide` command otherwise). The cache is only ever written after a rule set
passed every check, and it is keyed by the files' bytes and by the code that checks them, so a
cached copy can never disagree with a fresh load.
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from triage_tui import __version__
from triage_tui.core import paths
from triage_tui.core.atomic import write_atomic
from triage_tui.core.rules.compile import compile_ruleset
from triage_tui.core.errors import Problem, RulesError, did_you_mean
from triage_tui.core.rules.locate import find_line, parse_key, toml_problem
from triage_tui.core.rules.ruleset import RULE_FILES, RuleSet


def load_rules(directory: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> RuleSet:
    """Load and check the rule set in `directory` (default: `--rules` resolution of `core.paths`).

    Raises:
        RulesError: for every kind of bad rule set; it lists each problem with file, key, line.
    """
    folder = Path(directory) if directory is not None else paths.rules_dir().path
    raw = read_rule_files(folder)
    digest = content_hash(raw)
    cache_file = _cache_file(digest) if use_cache else None
    if cache_file is not None:
        cached = _read_cache(cache_file)
        if cached is not None:
            try:
                return compile_ruleset(cached, digest, check=False)
            except Exception:  # a damaged cache entry: fall back to a full, checked load
                pass
    texts = {name: data.decode("utf-8", errors="replace") for name, data in raw.items()}
    files = validate_files(folder, raw)
    try:
        ruleset = compile_ruleset(files, digest)
    except RulesError as error:
        raise RulesError(_with_lines(folder, texts, error.problems)) from None
    if cache_file is not None:
        _write_cache(cache_file, files)
    return ruleset


def read_rule_files(folder: Path) -> dict[str, bytes]:
    """Read every rule file's bytes; unknown or missing `.toml` files are errors."""
    if not folder.is_dir():
        raise RulesError([Problem(str(folder), "", "no such folder (expected a rule-set folder)")])
    problems: list[Problem] = []
    present = sorted(p.name for p in folder.glob("*.toml"))
    for name in present:
        if name not in RULE_FILES:
            hint = did_you_mean(name, RULE_FILES)
            problems.append(Problem(str(folder / name), "", f"unknown rule file{hint}; expected: {', '.join(RULE_FILES)}"))
    raw: dict[str, bytes] = {}
    for name in RULE_FILES:
        path = folder / name
        try:
            raw[name] = path.read_bytes()
        except FileNotFoundError:
            problems.append(Problem(str(path), "", "missing rule file"))
        except OSError as error:
            problems.append(Problem(str(path), "", f"cannot read: {error.strerror or error}"))
    if problems:
        raise RulesError(problems)
    return raw


def content_hash(raw: Mapping[str, bytes]) -> str:
    """sha256 over each rule file's name and bytes, in `RULE_FILES` order."""
    digest = hashlib.sha256()
    for name in RULE_FILES:
        digest.update(name.encode() + b"\0" + raw[name] + b"\0")
    return digest.hexdigest()


def validate_files(folder: Path, raw: Mapping[str, bytes]) -> dict[str, dict[str, Any]]:
    """Parse and validate each file; return the normalized dicts or raise every problem found."""
    from pydantic import ValidationError  # deferred: only needed when the cache misses

    from triage_tui.core.rules.schema import FILE_MODELS
    from triage_tui.core.rules.schema_errors import problems_from_validation

    problems: list[Problem] = []
    files: dict[str, dict[str, Any]] = {}
    for name in RULE_FILES:
        path = str(folder / name)
        try:
            text = raw[name].decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(Problem(path, "", f"not UTF-8 text (byte {error.start})"))
            continue
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            problems.append(toml_problem(path, error))
            continue
        model = FILE_MODELS[name]
        try:
            files[name] = model.model_validate(data).model_dump(mode="json", by_alias=True, exclude_none=True)
        except ValidationError as error:
            problems.extend(problems_from_validation(path, text, model, error))
    if problems:
        raise RulesError(problems)
    return files


def _with_lines(folder: Path, texts: Mapping[str, str], problems: tuple[Problem, ...]) -> list[Problem]:
    out = []
    for p in problems:
        text = texts.get(p.file, "")
        line = find_line(text, parse_key(p.key)) if text and p.key else None
        out.append(Problem(str(folder / p.file), p.key, p.message, line))
    return out


def _cache_file(digest: str) -> Path | None:
    here = Path(__file__).parent
    code = hashlib.sha256(__version__.encode())
    try:
        for module in sorted(here.glob("*.py")):  # every module that checks or compiles rules
            code.update(module.name.encode())
            code.update(module.read_bytes())
    except OSError:
        return None
    return paths.cache_dir().path / f"rules-{digest[:24]}-{code.hexdigest()[:12]}.json"


def _read_cache(path: Path) -> dict[str, dict[str, Any]] | None:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or set(data) != set(RULE_FILES):
        return None
    return data


def _write_cache(path: Path, files: Mapping[str, Any]) -> None:
    """Best effort: a cache that cannot be written only makes the next start slower."""
    try:
        write_atomic(path, json.dumps(files, separators=(",", ":")))
    except OSError:
        pass
