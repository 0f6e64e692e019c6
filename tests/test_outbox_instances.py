"""Several instances on one database, PostgreSQL and SQLite alike: one due-scan leader through
a lease row, workers that never claim the same row, and a killed instance whose work another
finishes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from bot.base.clock import FakeClock
from bot.outbox.worker import DeliveryWorker, WorkerConfig
from bot.reminders import store
from bot.reminders.scheduler import Leadership, ReminderScheduler
from messages.model import Reply
from storage.db import Database, drop_schema
from storage.leases import LeaseTimes
from storage.models import OutboxMessage, Subscription
from tests.conftest import POSTGRES_URL, make_database

CHATS = 120
# Leases scaled by 1/20 (45 s -> 2.25 s, renewed every 0.75 s): takeovers take moments, and a
# scan on a loaded machine still fits well inside one lease.
FAST = LeaseTimes().scaled(1 / 20)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def pg(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[tuple[Database, Database]]:
    """Two instances' engines on one database: one SQLite file, or one PostgreSQL schema."""
    first, schema = await make_database(request.param, tmp_path)
    second = Database(str(first.url) if schema is None else POSTGRES_URL, schema=schema)
    await second.start()
    try:
        yield first, second
    finally:
        await first.close()
        await second.close()
        if schema:
            await drop_schema(POSTGRES_URL, schema)


class Platform:
    """What the chat platform received, whichever instance sent it."""

    def __init__(self) -> None:
        self.received: list[str] = []


class InstanceSender:
    platform = "telegram"

    def __init__(self, platform: Platform, hang_after: int | None = None) -> None:
        self.shared = platform
        self.hang_after = hang_after
        self.count = 0
        self.hung = asyncio.Event()

    async def send(self, chat_id: str, reply: Reply) -> str:
        await asyncio.sleep(0)  # let the other instance run
        if self.hang_after is not None and self.count >= self.hang_after:
            self.hung.set()
            await asyncio.Event().wait()  # this instance is about to die mid-batch
        self.count += 1
        self.shared.received.append(chat_id)
        return f"{chat_id}-{len(self.shared.received)}"

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        raise AssertionError("no edits here")


async def subscribe_many(db: Database, now: datetime) -> None:
    async with db.session() as s:
        for i in range(CHATS):
            s.add(
                Subscription(
                    platform="telegram",
                    chat_id=f"c{i}",
                    lead_days="30,7,1,0",
                    tz="UTC",
                    at_time="09:00",
                    since=now - timedelta(days=60),
                    created_at=now,
                )
            )
        await s.commit()


async def statuses(db: Database) -> dict[str, int]:
    async with db.session() as s:
        rows = (await s.exec(select(OutboxMessage.status))).all()
    out: dict[str, int] = {}
    for r in rows:
        out[r] = out.get(r, 0) + 1
    return out


def at_the_7_day_reminder() -> FakeClock:
    # A month before the tenth review's expected month (June 2028), just after 09:00 UTC: a
    # milestone known only to the month is reminded on the first of a month.
    return FakeClock(datetime(2028, 5, 1, 9, 0, 30, tzinfo=UTC))


async def test_two_instances_deliver_every_reminder_exactly_once(
    pg: tuple[Database, Database],
) -> None:
    a_db, b_db = pg
    clock = at_the_7_day_reminder()
    await subscribe_many(a_db, clock.now())
    platform = Platform()
    a_sender, b_sender = InstanceSender(platform), InstanceSender(platform)
    config = WorkerConfig(batch=10, concurrency=4)
    a = DeliveryWorker(a_db, {"telegram": a_sender}, clock, config=config, worker_id="a")
    b = DeliveryWorker(b_db, {"telegram": b_sender}, clock, config=config, worker_id="b")
    a_sched = ReminderScheduler(a_db, clock, worker=a)
    b_sched = ReminderScheduler(b_db, clock, worker=b)
    try:
        results = await asyncio.gather(a_sched.tick(), b_sched.tick())
        scanned = [r for r in results if r is not None]
        assert len(scanned) == 1 and scanned[0].queued == CHATS  # one leader scanned
        assert await asyncio.gather(a_sched.tick(), b_sched.tick()) is not None
        await asyncio.gather(a.drain(), b.drain())
    finally:
        await a_sched.stop()
        await b_sched.stop()
    assert sorted(platform.received) == sorted(f"c{i}" for i in range(CHATS))  # once each
    assert a_sender.count > 0 and b_sender.count > 0  # both did part of the work
    assert await statuses(a_db) == {"sent": CHATS}


async def test_a_killed_instance_loses_nothing_and_repeats_nothing(
    pg: tuple[Database, Database],
) -> None:
    a_db, b_db = pg
    clock = at_the_7_day_reminder()
    await subscribe_many(a_db, clock.now())
    platform = Platform()
    a_sender = InstanceSender(platform, hang_after=15)
    b_sender = InstanceSender(platform)
    config = WorkerConfig(batch=10, concurrency=4, lease=timedelta(minutes=2))
    # a sends one at a time, so it dies with claimed rows that no platform has seen; the
    # other hard case (accepted, then killed) is test_outbox_worker's restart test.
    a = DeliveryWorker(
        a_db, {"telegram": a_sender}, clock, config=WorkerConfig(batch=10, concurrency=1)
    )
    b = DeliveryWorker(b_db, {"telegram": b_sender}, clock, config=config, worker_id="b")
    a_sched = ReminderScheduler(a_db, clock, worker=a, lease=FAST)
    b_sched = ReminderScheduler(b_db, clock, worker=b, lease=FAST)
    try:
        assert (await a_sched.tick()) is not None  # a leads and scans
        assert (await b_sched.tick()) is None
        a_task = asyncio.create_task(a.drain())
        b_task = asyncio.create_task(b.drain())
        await asyncio.wait_for(a_sender.hung.wait(), timeout=10)
        # Instance a dies: its delivery stops mid-batch and it renews its lease no more.
        a_task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await a_task
        await asyncio.wait_for(b_task, timeout=30)
        left = await statuses(a_db)
        assert left.get("sending", 0) > 0  # a's claimed rows wait for their lease
        clock.advance(minutes=2, seconds=1)
        assert await b.drain() == left["sending"]
        # b takes over the due-scan once a's lease has run out.
        for _ in range(500):  # bounded: 500 x 10 ms
            if await b_sched.tick() is not None:
                break
            await asyncio.sleep(0.01)
        assert b_sched.leadership is not None and b_sched.leadership.is_leader
    finally:
        await a_sched.stop()
        await b_sched.stop()
    assert sorted(platform.received) == sorted(f"c{i}" for i in range(CHATS))
    assert await statuses(a_db) == {"sent": CHATS}


async def test_leader_election_with_a_lease(pg: tuple[Database, Database]) -> None:
    a_db, b_db = pg
    a, b = Leadership(a_db, times=FAST), Leadership(b_db, times=FAST)
    try:
        assert await a.check() is True
        assert await b.check() is False
        assert await a.check() is True  # renewed
        # The leader's process dies without releasing: the lease runs out by itself.
        began = asyncio.get_running_loop().time()
        for _ in range(500):  # bounded: 500 x 10 ms
            if await b.check():
                break
            await asyncio.sleep(0.01)
        took = asyncio.get_running_loop().time() - began
        assert b.is_leader
        assert took >= FAST.ttl * 0.5  # not before a's lease ran out
        assert not a.is_leader  # a's own count ran out too: never two leaders
        assert await a.check() is False  # the old leader comes back as a follower
        await b.release()
        assert await a.check() is True  # a released lease is free at once
    finally:
        await a.release()
        await b.release()


async def test_leases_are_per_database(pg: tuple[Database, Database], tmp_path: Path) -> None:
    a_db, _ = pg
    other, schema = await make_database(a_db.dialect, tmp_path / "other")
    try:
        assert await Leadership(a_db, times=FAST).check() is True
        assert await Leadership(other, times=FAST).check() is True  # another bot's scan
        milestones = await store.milestones(a_db, datetime.now(UTC))
        assert [m.key for m in milestones] == ["review-10-adoption"]
    finally:
        await other.close()
        if schema:
            await drop_schema(POSTGRES_URL, schema)
