"""Session outlines: when each session was, how it ended and the pain ratings, for all of them.

`triage-tui history` and the home page read every session's outline to count, find the streak
and check the escalation rules, so this is the one read whose cost grows with the history (30,000
sessions are 80 years of daily use). Each row is checked like a full row. The usual case, every
row good, is read in few columns: SQLite checks the ending and both ratings and folds them into
one small number (`CODED_QUERY`), so each row costs three values to hand over instead of six. Any
row that fails goes back through the plain per-field check (`outlines_from_rows`), which names
the row and the field.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from triage_tui.core.history.rows import pain_value, time_value
from triage_tui.core.session.record import ENDED_WORDS, SessionRecord

OUTLINE_COLUMNS = ("started_at", "ended", "stop_cue", "pain_before", "pain_after")
_PAINS = frozenset(range(11))
_fromiso = datetime.fromisoformat
_new = tuple.__new__


def outlines_from_rows(rows: list[tuple[Any, ...]]) -> tuple[list[SessionRecord], list[tuple[Any, str]]]:
    """Session outlines from rows of `id` and the OUTLINE_COLUMNS: when, how it ended, the pain
    ratings; the rest left empty. Each row is checked like a full row, field by field, and a bad
    one is returned as (id, why) instead. The loop is kept tight: 30,000 rows are read at each
    `triage-tui history`, so a good row costs one pass of plain comparisons."""
    outlines: list[SessionRecord] = []
    bad: list[tuple[Any, str]] = []
    keep, endings, pains, fromiso, new = outlines.append, ENDED_WORDS, _PAINS, _fromiso, _new
    for row in rows:
        ident, started, ended, stop_cue, before, after = row
        try:
            if (ended not in endings or (before is not None and (type(before) is not int or before not in pains))
                    or (after is not None and (type(after) is not int or after not in pains))
                    or (stop_cue is not None and type(stop_cue) is not str)):
                raise ValueError
            moment = fromiso(started) if started is not None else None
            if moment is not None and (moment.tzinfo is None or len(started) > 40):
                raise ValueError
        except (TypeError, ValueError):
            bad.append((ident, _outline_problem(row)))
            continue
        keep(new(SessionRecord, (moment, None, "", "", (), 0, 0, (), ended, stop_cue, before, after)))
    return outlines, bad


def _outline_problem(row: tuple[Any, ...]) -> str:
    """Why an outline row is bad, in the words a full row's check would use."""
    ident, started, ended, stop_cue, before, after = row
    where = f"session {ident}"
    try:
        if ended not in ENDED_WORDS:
            raise ValueError(f"{where}.ended: unknown ending {str(ended)[:40]!r}")
        pain_value(before, f"{where}.pain_before")
        pain_value(after, f"{where}.pain_after")
        if stop_cue is not None and type(stop_cue) is not str:
            raise ValueError(f"{where}.stop_cue: expected text")
        time_value(started, f"{where}.started_at")
    except ValueError as error:
        return str(error)
    return f"{where}: could not be read"


_ENDINGS = tuple(ENDED_WORDS)
_NONE = 11
"""A missing pain rating, in the code (ratings are 0 to 10)."""
_RATING = "(CASE WHEN {c} IS NULL THEN 11 WHEN typeof({c}) = 'integer' AND {c} BETWEEN 0 AND 10 THEN {c} END)"
CODED_QUERY = (
    "SELECT started_at, stop_cue, CASE WHEN typeof(stop_cue) IN ('null', 'text') THEN "
    f"(CASE ended COLLATE BINARY {' '.join(f'WHEN {chr(39)}{word}{chr(39)} THEN {i}' for i, word in enumerate(_ENDINGS))} END) * 144"
    f" + {_RATING.format(c='pain_before')} * 12 + {_RATING.format(c='pain_after')} END"
    " FROM sessions ORDER BY seq, id")
"""Each session's start, stop cue, and its ending and ratings as `ending * 144 + before * 12 + after`
(11 for a missing rating), or NULL when any of those does not fit: the checks of
`outlines_from_rows`, done by SQLite, exactly (an ending is one of the words, a rating an integer
0 to 10, a stop cue text or nothing). BINARY: the words compared byte for byte, whatever
collation a foreign or edited file declares for the column."""
_DECODE = [(ending, None if b == _NONE else b, None if a == _NONE else a)
           for ending in _ENDINGS for b in range(12) for a in range(12)]


def outlines_from_coded(rows: list[tuple[Any, ...]]) -> list[SessionRecord] | None:
    """The outlines from rows of CODED_QUERY, or None when any row does not fit (then read them
    with `outlines_from_rows`, which says which and why)."""
    outlines: list[SessionRecord] = []
    keep, decode, fromiso, new = outlines.append, _DECODE, _fromiso, _new
    try:
        for started, stop_cue, code in rows:
            ended, before, after = decode[code]  # TypeError for NULL: a row that does not fit
            if started is None:
                moment = None
            else:
                moment = fromiso(started)
                if moment.tzinfo is None or len(started) > 40:
                    return None
            keep(new(SessionRecord, (moment, None, "", "", (), 0, 0, (), ended, stop_cue, before, after)))
    except (TypeError, ValueError):
        return None
    return outlines

