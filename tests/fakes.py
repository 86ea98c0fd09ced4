"""Test doubles shared by tests and benchmarks: a clock that moves only when told to."""

from __future__ import annotations


class FakeClock:
    """A clock that moves only when told to (for tests and simulations)."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start

    def now(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a monotonic clock cannot go backwards")
        self.t += seconds
