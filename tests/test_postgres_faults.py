"""PostgreSQL stopped and crashed under the due-scan and the delivery worker, on a throw-away
cluster of our own (storage/faults.py; never the shared server).

Fault (b) of issue 10, bounded: 120 subscribed chats, two waves of reminders (the 7-day one,
queued by the catch-up scan, and the 1-day one). During the first wave's delivery the server
is stopped cleanly for 1 s (after 25 deliveries) and later crashed ("immediate", recovery on
restart) for 1 s (after 75); the second wave's scan runs into a crash. The scan ticks every
second, leases are production's x 1/30, the worker's 2-minute row lease passes on the
injectable clock. Counted at the platform: expected, delivered, lost, duplicated, dead."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot.clock import FakeClock
from bot.outbox.worker import DeliveryWorker, WorkerConfig
from bot.reminders.scheduler import ReminderScheduler
from messages.model import Reply
from storage.db import Database
from storage.faults import ThrowAwayCluster
from storage.faults import available as cluster_available
from storage.leases import LeaseTimes
from storage.models import OutboxMessage, Subscription

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not cluster_available(), reason="PostgreSQL server binaries needed"),
]

CHATS = 120
SEND = 0.01  # seconds one send takes at the platform


class Platform:
    platform = "telegram"

    def __init__(self) -> None:
        self.wave = 1
        self.received: list[tuple[int, str]] = []

    async def send(self, chat_id: str, reply: Reply) -> str:
        await asyncio.sleep(SEND)
        self.received.append((self.wave, chat_id))
        return str(len(self.received))

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        raise AssertionError("no edits here")


@pytest.fixture
async def cluster() -> AsyncIterator[ThrowAwayCluster]:
    c = ThrowAwayCluster().init()
    await c.astart()
    try:
        yield c
    finally:
        await asyncio.to_thread(c.remove)


async def wait_until(condition: object, limit: float) -> None:
    began = time.monotonic()
    while not condition():  # type: ignore[operator]
        assert time.monotonic() - began < limit, f"not within {limit} s"
        await asyncio.sleep(0.02)


async def statuses(db: Database) -> Counter[str]:
    async with db.session() as s:
        return Counter((await s.exec(select(OutboxMessage.status))).all())


async def test_postgres_stop_and_crash_lose_and_repeat_nothing(
    cluster: ThrowAwayCluster, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.CRITICAL)  # the outage is logged at length; the counts matter
    clock = FakeClock(datetime(2028, 5, 25, 9, 0, 30, tzinfo=UTC))  # the 7-day reminder
    db = Database(cluster.url)
    await db.start()
    async with db.session() as s:
        s.add_all(
            Subscription(
                platform="telegram",
                chat_id=f"c{i}",
                lead_days="7,1",
                tz="UTC",
                at_time="09:00",
                since=clock.now() - timedelta(days=60),
                created_at=clock.now(),
            )
            for i in range(CHATS)
        )
        await s.commit()
    platform = Platform()
    worker = DeliveryWorker(
        db,
        {"telegram": platform},
        clock,
        config=WorkerConfig(batch=10, concurrency=2, idle_poll=0.05, backoff_base=0.0),
    )
    scheduler = ReminderScheduler(
        db, clock, worker=worker, every=1.0, lease=LeaseTimes().scaled(1 / 30)
    )
    began = time.monotonic()
    await worker.start()
    await scheduler.start()
    try:
        await wait_until(lambda: len(platform.received) >= 25, 30)
        await cluster.astop("fast")
        await asyncio.sleep(1)
        await cluster.astart()
        await wait_until(lambda: len(platform.received) >= 75, 30)
        await cluster.astop("immediate")
        await asyncio.sleep(1)
        await cluster.astart()
        await drain(clock, platform, 1, 60)

        platform.wave = 2
        clock.set(datetime(2028, 5, 31, 9, 0, 5, tzinfo=UTC))  # the 1-day reminder is due
        crash = asyncio.create_task(cluster.astop("immediate"))
        await asyncio.sleep(1.5)  # ticks and deliveries fail meanwhile
        await crash
        await cluster.astart()
        await drain(clock, platform, 2, 60)
    finally:
        await scheduler.stop()
        await worker.stop()
    drained = time.monotonic() - began
    counts = Counter(platform.received)
    expected = {(w, f"c{i}") for w in (1, 2) for i in range(CHATS)}
    lost = len(expected - set(counts))
    duplicated = sum(n - 1 for n in counts.values())
    states = await statuses(db)
    await db.close()
    print(
        f"expected {len(expected)}, delivered {len(counts)}, lost {lost}, "
        f"duplicated {duplicated}, dead {states.get('dead', 0)}, drained in {drained:.1f} s"
    )
    assert (lost, states.get("dead", 0)) == (0, 0)
    assert states == {"sent": 2 * CHATS}  # the scans queued each reminder once, outage or not
    # Repeats at the platform come from the delivery worker alone: a batch whose bookkeeping
    # fails in the outage is sent again when its lease runs out (issue 10 item 3, up to one
    # batch per fault today). The worker's rework brings this to 0 and tightens it to == 0.
    assert duplicated <= 3 * 10


async def drain(clock: FakeClock, platform: Platform, wave: int, limit: float) -> None:
    """Until every reminder of the wave arrived; moves the clock on by 30 s every 0.25 s so
    that back-offs and the rows' 2-minute leases (of sends the outage interrupted) run out."""
    began = time.monotonic()
    while len({c for w, c in platform.received if w == wave}) < CHATS:
        assert time.monotonic() - began < limit, "not drained"
        await asyncio.sleep(0.25)
        clock.advance(seconds=30)
