"""PostgreSQL stopped and crashed while the delivery worker delivers, on a throw-away cluster of
its own (``storage.testing.faults.ThrowAwayCluster``: another port, a temporary folder; never the
shared server). Fault (b) of issue 10, short; bench/faults_ops.py runs the longer one.

The worker runs at its production defaults (2-minute lease, back-off from 5 s, 8 sends in flight,
batches of 50) on a ``ScaledClock`` running ``FACTOR`` times faster, and the faults last clock
seconds too, so every ratio holds: 100 messages, each taking the platform 1 s; a clean stop
(``pg_ctl -m fast``) for 30 s once the platform has taken 20, then a crash (SIGKILL to every
server process, recovery on restart) for 30 s once it has taken 60. Counted at the fake
platform: lost, duplicated and dead must all be 0."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from bot.base.clock import ScaledClock
from bot.outbox.worker import DeliveryWorker
from storage.db import Database
from storage.testing import faults
from tests.conftest import IN_CI
from tests.faults import FaultyPlatform, queue_messages, statuses, tally, wait_until_delivered

pytestmark = pytest.mark.postgres

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
FACTOR = 120
MESSAGES = 100
OUTAGE = 30.0  # clock seconds each fault lasts
REAL_TIMEOUT = 30.0  # wall seconds any wait below may take


@pytest.fixture
async def cluster() -> AsyncIterator[faults.ThrowAwayCluster]:
    if not faults.available():
        message = "no PostgreSQL server binaries (initdb, pg_ctl) for a throw-away cluster"
        if IN_CI:
            pytest.fail(f"{message}; with CI=true the PostgreSQL tests must run")
        pytest.skip(message)
    c = faults.ThrowAwayCluster()
    await asyncio.to_thread(c.init)
    await c.astart()
    try:
        yield c
    finally:
        await asyncio.to_thread(c.remove)


async def until_taken(platform: FaultyPlatform, count: int) -> None:
    for _ in range(int(REAL_TIMEOUT / 0.005)):  # bounded
        if sum(platform.accepted.values()) >= count:
            return
        await asyncio.sleep(0.005)
    raise AssertionError(f"the platform never took {count} messages")


async def test_postgres_stopped_and_crashed_mid_delivery_loses_and_repeats_nothing(
    cluster: faults.ThrowAwayCluster, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.CRITICAL)  # the outage is logged at length; the counts matter
    clock = ScaledClock(START, factor=FACTOR)
    db = Database(cluster.url)
    await db.start()
    platform = FaultyPlatform("telegram", clock, latency=1.0)
    chats = await queue_messages(db, clock, "telegram", MESSAGES)
    worker = DeliveryWorker(db, {"telegram": platform}, clock)
    began = clock.now()
    await worker.start()
    try:
        await until_taken(platform, 20)
        await cluster.astop("fast")
        stopped_with = sum(platform.accepted.values())
        await asyncio.sleep(clock.real(OUTAGE))
        await cluster.astart()
        await until_taken(platform, 60)
        await cluster.akill()
        killed_with = sum(platform.accepted.values())
        await asyncio.sleep(clock.real(OUTAGE))
        await cluster.astart()
        await wait_until_delivered([platform], chats, REAL_TIMEOUT)
    finally:
        await worker.stop()
    t = tally("PostgreSQL stop 30 s + crash 30 s", [platform], chats, 0, began)
    found = await statuses(db)
    t.dead = found["dead"]
    await db.close()
    print(t, f"(stopped with {stopped_with} taken, killed with {killed_with})")
    assert stopped_with < MESSAGES and killed_with < MESSAGES  # both faults hit mid-delivery
    assert (t.lost, t.duplicated, t.dead) == (0, 0, 0), t
    assert found == {"sent": MESSAGES}
