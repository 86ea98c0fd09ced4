"""Session settings remembered per version of the stretch, offered again next time.

Kept in `settings.toml` in the data folder, one table per version ("standard", or the ids of
its modifications joined with "+"): hold, get-ready countdown, rounds, voice and breathing bar.
Written atomically and private (0600) when a session begins; read once at start. A file that
cannot be read is moved aside under a name of its own (never one that `history --recover`
reads) with a notice, and the defaults are used: it never stops the app.

    [standard]
    hold = 60
    prep = 10
    rounds = 2
    voice = true
    breathing = true
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from triage_tui.core.rules.ruleset import Timing
    from triage_tui.core.session.progression import Proposal
    from triage_tui.core.session.settings import Settings

FILE_NAME = "settings.toml"
ASIDE = ".unreadable-"
"""Set-aside names: settings.toml.unreadable-1, -2, ... (no ".corrupt-": not a history file)."""
NUMBERS = ("hold", "prep", "rounds")
SWITCHES = ("voice", "breathing")


class Remembered(NamedTuple):
    """The settings of one version of the stretch (None: not remembered)."""

    hold: int | None = None
    prep: int | None = None
    rounds: int | None = None
    voice: bool | None = None
    breathing: bool | None = None


class SaveSettings(NamedTuple):
    """A journey save: remember these settings for this version of the stretch."""

    variant: str
    settings: Remembered
    table: Mapping[str, Remembered]
    """Everything remembered after this save (the file is written whole)."""


def variant_key(mods: Sequence[str]) -> str:
    """The table a version of the stretch is remembered under."""
    return "+".join(mods) if mods else "standard"


def parse(text: str) -> dict[str, Remembered]:
    """The remembered settings in a file's text; ValueError (with a reason) when any is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"it is not valid TOML ({error})") from None
    table: dict[str, Remembered] = {}
    for variant, values in data.items():
        if not isinstance(values, dict):
            raise ValueError(f"[{variant}] is not a table")
        unknown = set(values) - set(Remembered._fields)
        if unknown:
            raise ValueError(f"[{variant}] has an unknown setting: {', '.join(sorted(unknown))}")
        for name, value in values.items():
            wanted = bool if name in SWITCHES else int
            if type(value) is not wanted or (wanted is int and not 0 <= value <= 3600):
                raise ValueError(f"[{variant}] {name} = {value!r} is not a {'yes/no' if wanted is bool else 'number'}")
        table[variant] = Remembered(**values)
    return table


def dump(table: Mapping[str, Remembered]) -> str:
    import tomli_w  # deferred: only a session's start writes

    return tomli_w.dumps({variant: {k: v for k, v in values._asdict().items() if v is not None}
                          for variant, values in sorted(table.items())})


def load(folder: Path) -> tuple[dict[str, Remembered], str | None]:
    """What `folder` remembers, and a notice when its file could not be read (then set aside)."""
    path = Path(folder) / FILE_NAME
    try:
        return parse(path.read_text(encoding="utf-8")), None
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        why = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        if isinstance(error, UnicodeDecodeError):
            why = "it is not text"
        aside = _set_aside(path)
        where = f"It was moved to {aside.name}" if aside else "It could not be moved aside"
        return {}, (f"Your saved session settings could not be read ({why}). {where}; the usual settings "
                    "are used, and new ones are saved when a session starts.")


def save(folder: Path, table: Mapping[str, Remembered]) -> None:
    """Write every remembered setting at once (atomic, 0600). Raises OSError if it cannot."""
    from triage_tui.core.atomic import write_atomic

    write_atomic(Path(folder) / FILE_NAME, dump(table))


def merged(table: Mapping[str, Remembered], variant: str, settings: Remembered) -> dict[str, Remembered]:
    """`table` with one version's settings replaced (a None value keeps what was remembered)."""
    old = table.get(variant, Remembered())
    new = Remembered(*(n if n is not None else o for n, o in zip(settings, old, strict=True)))
    return {**table, variant: new}


def starting_values(flags: Settings, proposal: Proposal, mine: Remembered,
                    limits: Timing) -> tuple[dict[str, int], tuple[str, ...]]:
    """The hold, prep and rounds a setup offers, and why, one line each: a flag wins for its
    run; else progression proposes the hold and rounds (from the last session of this version);
    else what was remembered for this version; else the rules' defaults."""
    from triage_tui.core.session.settings import fit

    values = {"hold": proposal.hold, "rounds": proposal.rounds}
    if mine.prep is not None:
        values["prep"] = min(max(mine.prep, limits.prep_min), limits.prep_max)
    why = (proposal.why,) if proposal.why and flags.hold is None else ()
    given, notes = fit(flags, limits)
    return {**values, **given}, why + notes


def remembered_now(flags: Settings, hold: int, prep: int, rounds: int, voice: bool | None,
                   breathing: bool | None) -> Remembered:
    """What a session that begins with these settings leaves remembered: values a flag set are
    for that run only (None keeps what was remembered before)."""
    return Remembered(None if flags.hold is not None else hold, None if flags.prep is not None else prep,
                      None if flags.rounds is not None else rounds, voice, breathing)


def _set_aside(path: Path) -> Path | None:
    for number in range(1, 1000):
        aside = path.with_name(f"{path.name}{ASIDE}{number}")
        if aside.exists():
            continue
        try:
            os.rename(path, aside)
        except OSError:
            return None
        return aside
    return None
