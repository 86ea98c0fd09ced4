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
