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
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from triage_tui import __version__
from triage_tui.core import paths
from triage_tui.core.atomic import is_private, make_private_dirs, write_atomic
from triage_tui.core.rules.compile import compile_ruleset
from triage_tui.core.errors import Problem, RulesError, did_you_mean
from triage_tui.core.limits import RULE_FILE_CAP, FileLimitError, check_toml_text, read_capped
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
        cached = _read_cache(cache_file, digest)
        if cached is not None:
            try:
                return compile_ruleset(cached, digest, check=False)
            except Exception:  # a damaged cache entry: fall back to a full, checked load
                pass
    ruleset, files = _checked(folder, raw, digest)
    if cache_file is not None:
        _write_cache(cache_file, files, digest)
    return ruleset


def load_rules_with_texts(directory: str | os.PathLike[str]) -> tuple[RuleSet, dict[str, str]]:
    """A fresh, fully checked load (no cache), and each rule file's text exactly as checked.

    For `rules check`: problems found later (lint) are located in these texts, so each file is
    read once however many problems it has, and the lines given are those of the bytes checked.
    """
    folder = Path(directory)
    raw = read_rule_files(folder)
    ruleset, _ = _checked(folder, raw, content_hash(raw))
    return ruleset, _texts(raw)


def _texts(raw: Mapping[str, bytes]) -> dict[str, str]:
    return {name: data.decode("utf-8", errors="replace") for name, data in raw.items()}


def _checked(folder: Path, raw: Mapping[str, bytes], digest: str) -> tuple[RuleSet, dict[str, dict[str, Any]]]:
    files = validate_files(folder, raw)
    try:
        return compile_ruleset(files, digest), files
    except RulesError as error:
        raise RulesError(_with_lines(folder, _texts(raw), error.problems)) from None


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
            raw[name] = read_capped(path, RULE_FILE_CAP)  # regular files only, never blocks
        except FileLimitError as error:
            reason = "missing rule file" if error.reason == "no such file" else f"could not read: {error.reason}"
            problems.append(Problem(str(path), "", reason))
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
    import tomllib  # deferred with pydantic: only needed when the cache misses

    from pydantic import ValidationError

    from triage_tui.core.rules.locate import toml_problem
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
        refused = check_toml_text(text)
        if refused is not None:
            problems.append(Problem(path, "", f"could not read: {refused}"))
            continue
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            problems.append(toml_problem(path, error))
            continue
        except (RecursionError, ValueError, MemoryError) as error:
            problems.append(Problem(path, "", f"could not read: {type(error).__name__}"))
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
    from triage_tui.core.rules.locate import find_line, parse_key

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


CACHE_FORMAT = 2


def _body_digest(digest: str, files: Any) -> str:
    """sha256 over the rule files' digest and the compiled content, as canonical JSON."""
    body = json.dumps(files, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(f"{CACHE_FORMAT}\0{digest}\0{body}".encode()).hexdigest()


def _read_cache(path: Path, digest: str) -> dict[str, dict[str, Any]] | None:
    """The cached rule files, only if nobody else could have written them and they check out.

    The folder and the file must be the user's own and not writable by group or others (another
    local user must not be able to change a decision), and the entry must carry the digest of these
    rule files' bytes and a matching digest of its content; anything else is a miss.
    """
    try:
        if not is_private(os.stat(path.parent)):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or not is_private(info):
                return None
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = json.loads(handle.read())
        finally:
            os.close(fd)
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or data.get("rules_sha256") != digest:
        return None
    files = data.get("files")
    if not isinstance(files, dict) or set(files) != set(RULE_FILES):
        return None
    if data.get("sha256") != _body_digest(digest, files):
        return None
    return files


def _write_cache(path: Path, files: Mapping[str, Any], digest: str) -> None:
    """Best effort: a cache that cannot be written only makes the next start slower.

    Written 0600 in a 0700 folder; never into a folder that belongs to someone else.
    """
    entry = {"format": CACHE_FORMAT, "rules_sha256": digest, "sha256": _body_digest(digest, files), "files": files}
    try:
        make_private_dirs(path.parent)
        folder = os.stat(path.parent)
        if not is_private(folder):
            if hasattr(os, "getuid") and folder.st_uid != os.getuid():
                return
            os.chmod(path.parent, 0o700)  # ours, but left open (by an older version): close it
        write_atomic(path, json.dumps(entry, separators=(",", ":")), mode=0o600)
    except OSError:
        pass
