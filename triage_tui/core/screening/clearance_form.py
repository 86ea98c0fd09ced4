"""The clearance form (`core.screening.clearance`): what it asks, in words both faces use, and
the reading of what the person typed. Nothing is saved here; the journey decides what follows.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from triage_tui.core.screening.clearance import NAME_MAX, long_date

TITLE = "I have seen a doctor or physio"
INTRO = ("If a doctor or physio has checked you since the app said to see someone, you can note it here. "
         "Only do this if they said the stretch is fine for you.")
ASK_DATE = "Day of the visit, like 2026-03-14 (press Enter for today):"
ASK_NAME = "Their name, if you want to keep it (press Enter to leave it out):"
ASK_REASONS = "Which of these did they check? Type the numbers, with commas (for example: 1, 2):"
ASK_HOLD = "Did they set a longest hold, in seconds? Type it, or press Enter for no limit:"
ESCALATION = "This note also restarts the count of sessions that paused them:"


def what_it_does(days: int) -> str:
    return (f"The reasons they checked will not stop the stretch for {days} days after the visit. "
            "If a warning sign is new or gets worse, the app asks you to see someone again.")


class Entry(NamedTuple):
    """What a face read from the person, as text (checked by `read_entry`)."""

    seen_on: str
    name: str
    reasons: tuple[str, ...]
    hold_limit: str


def read_date(text: str, today: date) -> date:
    """`YYYY-MM-DD`, or empty for today, or "today"/"yesterday". ValueError in words."""
    text = text.strip().lower()
    if text in ("", "today"):
        return today
    if text == "yesterday":
        return today - timedelta(days=1)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError("Type the date like 2026-03-14 (year, month, day), or leave it empty for today.") from None


def read_entry(entry: Entry, *, today: date, earliest: date | None, offered: tuple[str, ...],
               hold_range: tuple[int, int], days: int, needs_reason: bool
               ) -> tuple[tuple[date, str, tuple[str, ...], int | None] | None, tuple[str, ...]]:
    """The entry checked: (date, name, reasons, hold limit) and no problems, or None and the
    problems in words. The date may not be in the future, nor before the screening it clears
    (a clinician seen before it could not have weighed its answers), nor so old it has lapsed."""
    problems: list[str] = []
    seen: date | None = None
    try:
        seen = read_date(entry.seen_on, today)
    except ValueError as error:
        problems.append(str(error))
    if seen is not None:
        if seen > today:
            problems.append("The date cannot be in the future.")
        elif earliest is not None and seen < earliest:
            problems.append(f"The date cannot be before the check that said to see someone "
                            f"({long_date(earliest)}).")
        elif seen + timedelta(days=days) <= today:
            problems.append(f"That visit was {days} days ago or more, so it no longer counts. "
                            "Please see a doctor or physio again.")
    name = " ".join(entry.name.split())
    if len(name) > NAME_MAX or not name.isprintable():
        problems.append(f"Keep the name short (up to {NAME_MAX} letters) and on one line.")
    reasons = tuple(r for r in offered if r in entry.reasons)
    if needs_reason and not reasons:
        problems.append("Choose at least one reason your clinician checked.")
    limit: int | None = None
    if entry.hold_limit.strip():
        low, high = hold_range
        try:
            limit = int(entry.hold_limit.strip())
        except ValueError:
            problems.append(f"The hold limit is a whole number of seconds, from {low} to {high}.")
        else:
            if not low <= limit <= high:
                problems.append(f"The hold limit must be from {low} to {high} seconds.")
    if problems:
        return None, tuple(problems)
    assert seen is not None
    return (seen, name, reasons, limit), ()
