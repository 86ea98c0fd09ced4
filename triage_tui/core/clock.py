"""Clocks: a monotonic one for timing, a wall one for dates. Tests inject fakes of both
(`tests/fakes.py`)."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Protocol


class Clock(Protocol):
    """Seconds from an arbitrary start that never go backwards (like time.monotonic)."""

    def now(self) -> float: ...


class MonotonicClock:
    """The real clock: `time.monotonic`, unaffected by changes to the wall-clock time."""

    def now(self) -> float:
        return time.monotonic()


def utc_now() -> datetime:
    """The wall-clock time in UTC, timezone-aware (what records store)."""
    return datetime.now(timezone.utc)


EARLIEST = datetime(2020, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(2200, 1, 1, tzinfo=timezone.utc)


def implausible(now: datetime) -> str | None:
    """Why the computer's clock cannot be right (a date before this app existed, or centuries
    ahead), in words; None when it may be. Dates decide when checks are due, so the app will
    not run on a clock like that."""
    if EARLIEST <= now < LATEST:
        return None
    return (f"The computer's clock says {now:%Y-%m-%d}, which cannot be right. Set the date and time, "
            "then start triage-tui again.")
