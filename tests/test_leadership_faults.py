"""A frozen leader: instance a leads the due-scan with its database connections behind a TCP
proxy; the proxy freezes (forwards nothing, closes nothing, like a partition or a stopped
process). Instance b must take the scan over within 90 s of the freeze, a must stop counting
itself leader, and a's stop must not hang.

Every duration is production's times FACTOR (1/30): the lease's 45 s ttl and 15 s renewal,
the scan's 30 s tick, the 90 s bound. One fault, one freeze, no messages (the scan is what
moves); the takeover time is measured."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import pytest

from bot.base.clock import FakeClock
from bot.reminders.scheduler import ReminderScheduler
from storage.db import Database
from storage.leases import LeaseTimes
from storage.testing.faults import PausableProxy

pytestmark = pytest.mark.postgres

FACTOR = 1 / 30
TIMES = LeaseTimes().scaled(FACTOR)  # ttl 1.5 s, renewed every 0.5 s
EVERY = 30 * FACTOR  # the scan's tick: 1 s
TAKEOVER_BOUND = 90 * FACTOR  # the 90 s: 3 s


async def wait_until(condition: object, limit: float) -> float:
    """Seconds until ``condition()`` holds, polling every 20 ms; fails after ``limit``."""
    began = time.monotonic()
    while not condition():  # type: ignore[operator]
        if time.monotonic() - began > limit:
            pytest.fail(f"not within {limit:.1f} s")
        await asyncio.sleep(0.02)
    return time.monotonic() - began


async def test_a_frozen_leader_is_replaced_within_90_s_and_stops_without_hanging(
    behind_proxy: tuple[Database, Database, PausableProxy],
) -> None:
    a_db, b_db, proxy = behind_proxy
    clock = FakeClock(datetime(2028, 5, 25, 9, 0, tzinfo=UTC))
    a = ReminderScheduler(a_db, clock, every=EVERY, lease=TIMES)
    b = ReminderScheduler(b_db, clock, every=EVERY, lease=TIMES)
    await a.start()
    await wait_until(lambda: a.last is not None, 10)  # a leads and has scanned
    await b.start()
    await asyncio.sleep(2 * EVERY)
    assert b.last is None and a.leadership is not None and a.leadership.is_leader

    proxy.pause()
    took = await wait_until(lambda: b.last is not None, 2 * TAKEOVER_BOUND)
    print(f"takeover after {took / FACTOR:.0f} s (production seconds)")
    assert took <= TAKEOVER_BOUND
    # a counts itself leader no longer than its lease lasts on its own clock
    assert not a.leadership.is_leader

    began = time.monotonic()
    await asyncio.wait_for(a.stop(), 3 * EVERY + 4 * TIMES.renew_every + 1)
    stop_took = time.monotonic() - began
    print(f"the frozen instance stopped in {stop_took / FACTOR:.0f} s (production seconds)")
    await b.stop()
