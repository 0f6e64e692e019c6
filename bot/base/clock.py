"""Time as a dependency, so tests move it instead of sleeping."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start

    def now(self) -> datetime:
        return self._now

    def set(self, when: datetime) -> None:
        self._now = when

    def advance(self, **delta: float) -> datetime:
        from datetime import timedelta

        self._now += timedelta(**delta)
        return self._now


class ScaledClock:
    """Wall time run ``factor`` times faster, from ``start``: the fault tests run production
    durations (a 2-minute lease, a 30-minute outage, a 48-hour retry window) in seconds while
    every ratio between them holds. ``sleep`` takes clock seconds."""

    def __init__(self, start: datetime, factor: float) -> None:
        import time

        if start.tzinfo is None:
            raise ValueError("ScaledClock needs an aware datetime")
        self.start = start
        self.factor = factor
        self._t0 = time.monotonic()

    def now(self) -> datetime:
        import time
        from datetime import timedelta

        return self.start + timedelta(seconds=(time.monotonic() - self._t0) * self.factor)

    def real(self, seconds: float) -> float:
        """Wall seconds for ``seconds`` of this clock."""
        return seconds / self.factor

    async def sleep(self, seconds: float) -> None:
        import asyncio

        await asyncio.sleep(max(0.0, seconds) / self.factor)


def wall_seconds(clock: Clock, seconds: float) -> float:
    """How long ``seconds`` of ``clock`` last on the wall (the same, but for a ScaledClock)."""
    real = getattr(clock, "real", None)
    return float(real(seconds)) if callable(real) else seconds
