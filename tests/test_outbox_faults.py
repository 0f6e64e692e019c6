"""Fault injection at production defaults: the delivery worker with its default settings
(2-minute lease, a send waited for up to 10 minutes, 8 sends in flight per lane, batches of
50, a 48-hour retry window, back-off from 5 s capped at 5 minutes) on a ``ScaledClock`` that
runs every duration, the faults' too, ``FACTOR`` times faster, so the ratios between them
hold.

Each test names the fault, how long it lasts, how many messages are queued, and counts at the
fake platform what was lost, duplicated and dead-lettered. Each runs in seconds, on SQLite and
PostgreSQL; the longer runs against the real ``coalition-bot run`` are ``bench/faults.py``.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import select

from bot.app.assembly import assemble, build_core
from bot.base.clock import ScaledClock
from bot.base.settings import Settings
from bot.core.runtime import Runtime
from bot.outbox.worker import DeliveryWorker
from storage.db import Database
from storage.models import OutboxMessage
from tests.conftest import POSTGRES_URL
from tests.faults import (
    FaultyPlatform,
    FlakyDatabase,
    queue_messages,
    statuses,
    tally,
    wait_until_delivered,
)

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
REAL_TIMEOUT = 60.0  # seconds on the wall: every wait below is bounded by this


async def run_worker(worker: DeliveryWorker) -> DeliveryWorker:
    await worker.start()
    return worker


async def test_a_90_second_429_storm_loses_and_kills_nothing(db: Database) -> None:
    """Fault: every send answered 429 with Retry-After 1 s, for 90 s. 350 messages."""
    clock = ScaledClock(START, factor=30)
    platform = FaultyPlatform("telegram", clock)
    chats = await queue_messages(db, clock, "telegram", 350)
    platform.inject("429", 90, retry_after=1.0)
    worker = await run_worker(DeliveryWorker(db, {"telegram": platform}, clock))
    try:
        await wait_until_delivered([platform], chats, REAL_TIMEOUT)
    finally:
        await worker.stop()
    t = tally("429 storm 90 s", [platform], chats, (await statuses(db))["dead"], START)
    print(t)
    assert platform.refused >= 8  # the storm was real: a lane's worth of sends refused
    assert (t.lost, t.duplicated, t.dead) == (0, 0, 0), t
    assert t.drain_seconds >= 90  # nothing got through the storm
    assert await statuses(db) == {"sent": 350}


async def test_a_30_minute_outage_ends_with_everything_delivered_once(db: Database) -> None:
    """Fault: connection refused on every send for 30 minutes. 60 messages."""
    clock = ScaledClock(START, factor=300)
    platform = FaultyPlatform("slack", clock)
    chats = await queue_messages(db, clock, "slack", 60)
    platform.inject("down", 30 * 60)
    assert platform.fault_until is not None
    worker = await run_worker(DeliveryWorker(db, {"slack": platform}, clock))
    try:
        while clock.now() < platform.fault_until:  # bounded: 6 s on the wall
            await asyncio.sleep(0.01)
        # As the outage ends, every row waiting is due again within the 5-minute cap.
        looked_at = clock.now()
        async with db.session() as s:
            due = (
                await s.exec(
                    select(OutboxMessage.next_attempt_at).where(OutboxMessage.status == "pending")
                )
            ).all()
        await wait_until_delivered([platform], chats, REAL_TIMEOUT)
    finally:
        await worker.stop()
    t = tally("outage 30 min", [platform], chats, (await statuses(db))["dead"], START)
    print(t)
    assert platform.refused >= 60 * 2  # each message was tried again and again
    assert (t.lost, t.duplicated, t.dead) == (0, 0, 0), t
    assert t.drain_seconds >= 30 * 60  # nothing got through the outage
    latest = max(due, default=looked_at)
    assert latest <= looked_at + timedelta(minutes=5), (latest, looked_at)


async def test_a_database_error_while_marking_duplicates_nothing(db: Database) -> None:
    """Fault: the database refuses every session for 30 s, starting the moment the platform
    accepts the 20th message (its row, and those in flight beside it, cannot be marked).
    100 messages, each taking the platform 0.5 s."""
    clock = ScaledClock(START, factor=30)
    flaky = FlakyDatabase(db, clock)
    platform = FaultyPlatform("telegram", clock, latency=0.5)
    chats = await queue_messages(db, clock, "telegram", 100)

    def stop_the_database(p: FaultyPlatform) -> None:
        if sum(p.accepted.values()) == 20:
            flaky.go_down(30)

    platform.on_accept = stop_the_database
    worker = DeliveryWorker(flaky, {"telegram": platform}, clock)  # type: ignore[arg-type]
    await worker.start()
    try:
        await wait_until_delivered([platform], chats, REAL_TIMEOUT)
    finally:
        await worker.stop()
    t = tally("database down 30 s mid-batch", [platform], chats, 0, START)
    found = await statuses(db)
    t.dead = found["dead"]
    print(t)
    assert flaky.refusals > 0  # the fault hit the bookkeeping
    assert (t.lost, t.duplicated, t.dead) == (0, 0, 0), t
    assert found == {"sent": 100}


async def test_a_hanging_platform_delays_only_itself_and_repeats_nothing(db: Database) -> None:
    """Fault: Telegram's sends hang for 2 minutes, and Telegram then takes every message it was
    sent meanwhile, whether or not the worker still waits for the answer. 20 messages to
    Telegram (8 in flight when it hangs, 12 behind them), 20 to Slack. Before the worker waited
    for the outcome, it gave up on each hung send after 45 s and sent it again, some of them
    twice within the 2 minutes: 14 duplicates.

    The hang lasts 2 minutes and, beyond that, until Slack has all 20 and a lane's worth of
    Telegram's sends are caught in it: on a loaded machine Slack's 20 took up to 246 of the
    clock's seconds (a starved process stretches each one it works), and a hang of exactly 2
    minutes then ended first (5 runs in 8 under load). A Slack lane held up by Telegram's
    would never get its 20 out, the hang would never end, and the wait for Telegram's fail."""
    clock = ScaledClock(START, factor=60)
    telegram = FaultyPlatform("telegram", clock)
    slack = FaultyPlatform("slack", clock)
    tg_chats = await queue_messages(db, clock, "telegram", 20, prefix="t")
    slack_chats = await queue_messages(db, clock, "slack", 20, prefix="s")

    def slack_out_and_a_lane_caught() -> bool:
        return all(slack.accepted[c] for c in slack_chats) and telegram.refused >= 8

    telegram.inject("hang", 120, until=slack_out_and_a_lane_caught)
    worker = await run_worker(DeliveryWorker(db, {"telegram": telegram, "slack": slack}, clock))
    try:
        await wait_until_delivered([slack], slack_chats, REAL_TIMEOUT)
        await wait_until_delivered([telegram], tg_chats, REAL_TIMEOUT)
        # Long enough for a send given up on to have been tried again (back-off 2.5-5 s).
        await asyncio.sleep(clock.real(10))
    finally:
        await worker.stop()
    s = tally("Slack while Telegram hangs 2 min", [slack], slack_chats, 0, START)
    t = tally("Telegram hanging 2 min", [telegram], tg_chats, (await statuses(db))["dead"], START)
    print(s)
    print(t)
    assert telegram.refused >= 8  # the hang was real: a lane's worth of sends caught in it
    # Every Slack message went out while Telegram was still hanging.
    assert telegram.fault_until is not None
    slack_last = max(slack.accepted_at.values())
    assert s.delivered == 20 and slack_last <= telegram.fault_until, s
    assert (s.lost, s.duplicated, t.lost, t.duplicated, t.dead) == (0, 0, 0, 0, 0), (s, t)
    assert t.drain_seconds >= 120
    assert await statuses(db) == {"sent": 40}


async def test_two_workers_on_one_database_never_send_a_row_twice(
    db: Database, tmp_path: Path
) -> None:
    """Fault: none but the ratio of issue 10: each send takes 30 s, so a batch of 50 sent 8
    at a time takes 210 s, longer than the 2-minute lease. Two workers (each with its own
    engine) on one database throughout. 120 messages."""
    clock = ScaledClock(START, factor=60)
    if db.dialect == "postgresql":
        other = Database(POSTGRES_URL, schema=db.schema)
    else:
        other = Database(str(db.url))
    platform_a = FaultyPlatform("telegram", clock, latency=30)
    platform_b = FaultyPlatform("telegram", clock, latency=30)
    chats = await queue_messages(db, clock, "telegram", 120)
    a = DeliveryWorker(db, {"telegram": platform_a}, clock, worker_id="a")
    b = DeliveryWorker(other, {"telegram": platform_b}, clock, worker_id="b")
    await a.start()
    await b.start()
    try:
        await wait_until_delivered([platform_a, platform_b], chats, REAL_TIMEOUT)
    finally:
        await asyncio.gather(a.stop(), b.stop())
        await other.close()
    t = tally("two workers, batch 210 s > lease 120 s", [platform_a, platform_b], chats, 0, START)
    found = await statuses(db)
    t.dead = found["dead"]
    print(t)
    assert sum(platform_a.accepted.values()) > 0 and sum(platform_b.accepted.values()) > 0
    assert (t.lost, t.duplicated, t.dead) == (0, 0, 0), t
    assert found == {"sent": 120}


async def test_sigterm_mid_delivery_fails_nothing_accepted_and_resends_nothing(
    db: Database, tmp_path: Path
) -> None:
    """Fault: the process is told to stop (what SIGTERM does: ``Runtime.stop``) after the
    platform accepted 30 of 150 messages, each taking it 2 s; the platform's adapter closes
    its client when it stops. Then the process starts again and finishes."""
    clock = ScaledClock(START, factor=30)
    platform = FaultyPlatform("slack", clock, latency=2.0)
    chats = await queue_messages(db, clock, "slack", 150)
    order: list[str] = []

    class Adapter:
        name = "slack adapter"

        async def start(self) -> None:
            platform.closed = False

        async def stop(self) -> None:
            order.append("adapter")
            platform.closed = True  # anything still being sent now is lost in transit

    def install(runtime: Runtime) -> None:
        runtime.add_service(Adapter())
        runtime.add_sender(platform)  # type: ignore[arg-type]

    async def process() -> Runtime:
        runtime = Runtime(build_core(Settings(data_dir=tmp_path), db=db, clock=clock))
        worker, _ = assemble(runtime, [install])
        assert runtime.services[-1] is worker  # added after the platform: stopped before it
        real_stop = worker.stop

        async def stop() -> None:
            await real_stop()
            order.append("worker")

        worker.stop = stop  # type: ignore[method-assign]
        await runtime.start()
        return runtime

    first = await process()
    try:
        for _ in range(int(REAL_TIMEOUT / 0.01)):
            if sum(platform.accepted.values()) >= 30:
                break
            await asyncio.sleep(0.01)
    finally:
        await first.stop()
    assert order == ["worker", "adapter"]  # the worker stops before the client closes
    accepted = set(platform.accepted)
    async with db.session() as s:
        from sqlmodel import select

        from storage.models import OutboxMessage

        rows = {r.chat_id: r for r in (await s.exec(select(OutboxMessage))).all()}
    marked_wrong = [c for c in accepted if rows[c].status != "sent"]
    assert marked_wrong == []  # nothing the platform took is marked failed or pending
    assert not [r for r in rows.values() if r.status in {"dead", "sending"}]
    assert all(r.attempts == 1 for r in rows.values() if r.status == "sent")
    assert all(r.attempts == 0 for r in rows.values() if r.status == "pending")  # none burnt

    second = await process()
    try:
        await wait_until_delivered([platform], chats, REAL_TIMEOUT)
    finally:
        await second.stop()
    t = tally("stop after 30 of 150, then restart", [platform], chats, 0, START)
    t.dead = (await statuses(db))["dead"]
    print(t)
    assert (t.lost, t.duplicated, t.dead) == (0, 0, 0), t
