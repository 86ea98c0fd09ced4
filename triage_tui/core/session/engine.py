"""The session engine: a state machine over a plan, driven by an injected monotonic clock.

Timing is deadline based: remaining = deadline - now, never a count of ticks. When a phase ends,
the next deadline is the previous deadline plus the next phase's length, so late ticks never
add drift. Pausing keeps the remaining time; resuming sets a new deadline from it. A gap of more
than `gap_limit` seconds between ticks (the computer slept) pauses at the last tick and asks.

Every cue any call makes (tick, pause, resume, skip, adjust, stop) goes into one queue, with
the phase it belongs to and the clock time it was made; a face drains it with `drain()` and
presents each one, so none is lost, whichever call made it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Literal

from triage_tui.core.clock import Clock, utc_now
from triage_tui.core.session.plan import Phase, SessionPlan
from triage_tui.core.session.record import HoldRecord, SessionRecord
from triage_tui.core.session.snapshot import Cue, CueEvent, Snapshot, State

__all__ = ["COUNTDOWN", "Cue", "CueEvent", "SessionEngine", "Snapshot", "State"]

COUNTDOWN = (3, 2, 1)


class SessionEngine:
    """Runs one session. Every method reads the injected clock; nothing here sleeps or does I/O."""

    def __init__(self, plan: SessionPlan, clock: Clock, *, warn_at: int | None = 10,
                 gap_limit: float = 2.0, wall: Callable[[], datetime] = utc_now) -> None:
        if not plan.phases:
            raise ValueError("a session needs at least one phase")
        self.plan = plan
        self.clock = clock
        self.warn_at = warn_at
        """Seconds before the end of a hold for the early warning cue; None turns it off."""
        self.gap_limit = gap_limit
        self.wall = wall
        self.phases: list[Phase] = list(plan.phases)
        self.done: list[float] = [0.0] * len(self.phases)
        self.state: State = "ready"
        self.pause_reason: Literal["user", "gap"] | None = None
        self.index = 0
        self.deadline = 0.0
        self.frozen = float(self.phases[0].seconds)
        self.last_tick = 0.0
        self.last_display: int | None = None
        self.started_at: datetime | None = None
        self.started_clock = 0.0
        self.ended_at: datetime | None = None
        self.end_reason: str | None = None
        self.end_detail: str | None = None
        self._queue: list[CueEvent] = []

    # --- driving ------------------------------------------------------------------------------

    def start(self) -> Snapshot:
        if self.state != "ready":
            return self.snapshot()
        now = self.clock.now()
        self.started_at = self.wall()
        self.started_clock = now
        self.state = "running"
        self.deadline = now + self.phases[0].seconds
        self.last_tick = now
        return self.snapshot(now)

    def tick(self) -> Snapshot:
        """Advance to now: finish phases whose deadline passed, and report cues."""
        now = self.clock.now()
        if self.state != "running":
            return self.snapshot(now)
        if now - self.last_tick > self.gap_limit:
            # The time since the last tick most likely passed asleep: keep the remaining time
            # as it was then, and ask the person before going on.
            self.frozen = max(self.deadline - self.last_tick, 0.0)
            self.state, self.pause_reason = "paused", "gap"
            self.last_tick = now
            return self.snapshot(now, self._queued(now, "gap"))
        cues: list[Cue] = []
        while now >= self.deadline:
            self.done[self.index] = float(self.phases[self.index].seconds)
            cues += self._queued(now, "end")
            self.index += 1
            self.last_display = None
            if self.index == len(self.phases):
                self._finish("finished")
                self.last_tick = now
                return self.snapshot(now, tuple(cues))
            self.deadline += self.phases[self.index].seconds
        display = math.ceil(self.deadline - now)
        countdown = self._countdown_cues(display)
        if not cues:
            # A phase of 3 s or less starts at its own T-3: the end cue of the phase before
            # stands alone, or its words and double bell would be lost under the countdown's.
            cues += self._queued(now, *countdown)
        self.last_display = display
        self.last_tick = now
        return self.snapshot(now, tuple(cues))

    def _queued(self, now: float, *kinds: Cue) -> tuple[Cue, ...]:
        """Put cues about the current phase in the queue; returns them."""
        phase = self.phases[min(self.index, len(self.phases) - 1)]
        self._queue += [CueEvent(kind, phase, self.index, now) for kind in kinds]
        return kinds

    def drain(self) -> tuple[CueEvent, ...]:
        """Every cue made since the last drain, in order, from whichever call made it."""
        queue, self._queue = tuple(self._queue), []
        return queue

    def until_next_second(self) -> float | None:
        """Seconds until the countdown shows its next whole second; None unless running.

        The screen sleeps until then instead of polling, so it wakes once a second (plus the
        breathing bar's steps) and each second is drawn as it starts.
        """
        if self.state != "running":
            return None
        left = self.deadline - self.clock.now()
        return left - (math.ceil(left) - 1) if left > 0 else 0.0

    def _countdown_cues(self, display: int) -> list[Cue]:
        """T-3, T-2, T-1 in every phase; the early warning in holds longer than it."""
        phase = self.phases[self.index]
        before = phase.seconds + 1 if self.last_display is None else self.last_display
        crossed = [n for n in COUNTDOWN if display <= n < before]
        if crossed:
            return [f"t{min(crossed)}"]  # type: ignore[list-item]
        warn = self.warn_at
        if warn is not None and phase.kind == "hold" and phase.seconds > warn and display <= warn < before:
            return ["warn"]
        return []

    def pause(self) -> Snapshot:
        self.tick()
        if self.state == "running":
            now = self.clock.now()
            self.frozen = max(self.deadline - now, 0.0)
            self.state, self.pause_reason = "paused", "user"
        return self.snapshot()

    def resume(self) -> Snapshot:
        if self.state == "paused":
            now = self.clock.now()
            self.deadline = now + self.frozen
            self.last_tick = now
            self.state, self.pause_reason = "running", None
        return self.tick()

    def toggle_pause(self) -> Snapshot:
        return self.resume() if self.state == "paused" else self.pause()

    def restart_phase(self) -> Snapshot:
        """After a gap: start the current phase again from its full length (paused)."""
        if self.state == "paused":
            self.frozen = float(self.phases[self.index].seconds)
            self.last_display = None
        return self.snapshot()

    def skip(self) -> Snapshot:
        """End the current phase now and go on to the next (keeps a pause if paused)."""
        snap = self.tick()
        if self.state not in ("running", "paused"):
            return snap
        now = self.clock.now()
        self.done[self.index] = self._done_in_current(now)
        cue = self._queued(now, "end")
        self.index += 1
        self.last_display = None
        if self.index == len(self.phases):
            self._finish("finished")
            return self.snapshot(now, cue)
        length = float(self.phases[self.index].seconds)
        if self.state == "paused":
            self.frozen = length
        else:
            self.deadline = now + length
        return self.snapshot(now, cue)

    def adjust(self, delta: int) -> Snapshot:
        """Change the hold length of both sides alike (this hold if one runs, and all to come)."""
        snap = self.tick()
        if self.state not in ("running", "paused", "ready"):
            return snap
        limits = self.plan.limits
        new_hold = min(max(self.plan.hold_seconds + delta, limits.hold_min), limits.hold_max)
        change = new_hold - self.plan.hold_seconds
        if change == 0:
            return snap
        self.plan = self.plan._replace(hold_seconds=new_hold)
        for i in range(self.index, len(self.phases)):
            phase = self.phases[i]
            if phase.kind == "hold":
                self.phases[i] = phase._replace(seconds=phase.seconds + change)
        if self.phases[self.index].kind == "hold" and self.state != "ready":
            if self.state == "paused":
                self.frozen = max(self.frozen + change, 0.0)
            else:
                self.deadline += change
        return self.tick()

    def stop(self, reason: Literal["quit", "pain", "interrupted"], detail: str | None = None) -> SessionRecord:
        """End early (or record a finished session); returns the record."""
        if self.state in ("running", "paused"):
            now = self.clock.now()
            if self.state == "running":
                self.tick()
            if self.state in ("running", "paused"):
                self.done[self.index] = self._done_in_current(now)
                self._finish(reason, detail)
        return self.record()

    # --- reading ------------------------------------------------------------------------------

    def _done_in_current(self, now: float) -> float:
        remaining = self.frozen if self.state == "paused" else max(self.deadline - now, 0.0)
        return max(self.phases[self.index].seconds - remaining, 0.0)

    def _finish(self, reason: str, detail: str | None = None) -> None:
        self.state = "done" if reason == "finished" else "stopped"
        self.end_reason, self.end_detail = reason, detail
        # How long it took comes from the monotonic clock: a wall clock that jumped (set back, or
        # forward by a sync) must not make a session end before it began, or last for days.
        # A finished session ended when its last phase was due to end, not when a tick noticed.
        now = self.clock.now()
        end = min(now, self.deadline) if reason == "finished" and self.deadline is not None else now
        if self.started_at is not None:
            self.ended_at = self.started_at + timedelta(seconds=max(end - self.started_clock, 0.0))
        else:
            self.ended_at = self.wall()

    def snapshot(self, now: float | None = None, cues: tuple[Cue, ...] = ()) -> Snapshot:
        now = self.clock.now() if now is None else now
        finished = self.index >= len(self.phases)
        phase = None if finished else self.phases[self.index]
        if finished or phase is None:
            remaining = 0.0
        elif self.state == "running":
            remaining = max(self.deadline - now, 0.0)
        elif self.state == "paused":
            remaining = self.frozen
        elif self.state == "ready":
            remaining = float(phase.seconds)
        else:
            remaining = max(phase.seconds - self.done[self.index], 0.0)
        elapsed = 0.0 if phase is None else phase.seconds - remaining
        active = sum(self.done[: self.index]) + elapsed
        total = sum(p.seconds for p in self.phases)
        nxt = self.phases[self.index + 1] if self.index + 1 < len(self.phases) else None
        next_second = None
        if self.state == "running":
            left = self.deadline - now
            next_second = left - (math.ceil(left) - 1) if left > 0 else 0.0
        return Snapshot(
            state=self.state,
            pause_reason=self.pause_reason,
            index=self.index,
            phase=phase,
            next_phase=nxt,
            remaining=remaining,
            display=math.ceil(remaining - 1e-9) if remaining > 0 else 0,
            elapsed_in_phase=elapsed,
            active=active,
            progress=min(active / total, 1.0) if total else 1.0,
            cues=cues,
            plan=self.plan,
            warn_at=self.warn_at,
            next_second_in=next_second,
        )

    def record(self) -> SessionRecord:
        """Planned against done, per side and round, and how the session ended."""
        holds = tuple(
            HoldRecord(round=p.round, side=p.side, kind=p.kind, planned=p.seconds, done=round(self.done[i], 1))
            for i, p in enumerate(self.phases)
            if p.kind in ("hold", "drops")
        )
        return SessionRecord(
            started_at=self.started_at,
            ended_at=self.ended_at,
            position=self.plan.position,
            style=self.plan.style,
            mods=self.plan.mods,
            hold_seconds=self.plan.hold_seconds,
            rounds=self.plan.rounds,
            holds=holds,
            ended=self.end_reason or "unfinished",
            stop_cue=self.end_detail,
        )
