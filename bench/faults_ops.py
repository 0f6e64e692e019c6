"""Fault runs for the operations side of issue 10, longer than the tests; prints one table row
per fault: expected, delivered, lost, duplicated, dead-lettered, time to drain.

(b) PostgreSQL stop and crash, on a throw-away cluster (initdb into a temporary folder as the
    postgres user, another port, removed at the end; never the shared server): two waves of
    reminders to --chats chats; a clean stop for 5 s at 20% of the first wave's deliveries, a
    crash (SIGKILL to every server process) for 5 s at 60%, and a crash (pg_ctl -m immediate)
    for 3 s under the second wave's scan. The worker runs at its production defaults and the
    scan's lease and tick at production's x 1/30, all on a clock running 30 times faster; the
    clock jumps to the second wave's day.
(e) A frozen leader: two instances (scheduler + worker each) on one schema of the shared
    server; the leader's connections go through a TCP proxy on 127.0.0.1 that freezes (no
    bytes, no reset) just before a wave of --chats reminders falls due. Durations are
    production's x 1/10 (lease 45 s -> 4.5 s, renewal 15 s -> 1.5 s, scan tick 30 s -> 3 s);
    the takeover and the frozen instance's stop are reported in production seconds.

Run: .venv/bin/python bench/faults_ops.py [--chats 500] [--only b|e]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy.engine import make_url
from sqlmodel import select

from bot.base.clock import FakeClock, ScaledClock
from bot.outbox.worker import DeliveryWorker, WorkerConfig
from bot.reminders.scheduler import ReminderScheduler
from messages.model import Reply
from storage.db import Database, create_schema, drop_schema
from storage.leases import LeaseTimes
from storage.models import OutboxMessage, Subscription
from storage.testing.faults import PausableProxy, ThrowAwayCluster

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
# The tenth review is expected in "June 2028" (a month-precision milestone): a 30-day lead
# reminds on 1 May, a 7-day lead on 1 June. (The day-precision 7-day and 1-day moments this
# bench used before the milestone's data changed queue nothing now.)
FIRST_WAVE = datetime(2028, 5, 1, 9, 0, 30, tzinfo=UTC)
SECOND_WAVE = datetime(2028, 6, 1, 9, 0, 5, tzinfo=UTC)
LEADS = "30,7"


class JumpingClock(ScaledClock):
    """A ``ScaledClock`` that can be moved on to another day (the second wave)."""

    def set(self, when: datetime) -> None:
        self.start += when - self.now()


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f} (5 min {five:.1f})"


class Platform:
    """Counts what arrives, whichever instance sent it."""

    platform = "telegram"

    def __init__(self, send_time: float = 0.005) -> None:
        self.wave = 1
        self.received: list[tuple[int, str]] = []
        self.send_time = send_time

    async def send(self, chat_id: str, reply: Reply) -> str:
        await asyncio.sleep(self.send_time)
        self.received.append((self.wave, chat_id))
        return str(len(self.received))

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        raise AssertionError("no edits")

    def of(self, wave: int) -> int:
        return len({c for w, c in self.received if w == wave})


async def subscribe(db: Database, chats: int, now: datetime) -> None:
    async with db.session() as s:
        s.add_all(
            Subscription(
                platform="telegram",
                chat_id=f"c{i}",
                lead_days=LEADS,
                tz="UTC",
                at_time="09:00",
                since=now - timedelta(days=60),
                created_at=now,
            )
            for i in range(chats)
        )
        await s.commit()


async def until(condition: object, limit: float, step: float = 0.02) -> None:
    began = time.monotonic()
    while not condition():  # type: ignore[operator]
        if time.monotonic() - began > limit:
            raise TimeoutError(f"not within {limit} s")
        await asyncio.sleep(step)


async def dead(db: Database) -> int:
    async with db.session() as s:
        return Counter((await s.exec(select(OutboxMessage.status))).all())["dead"]


def row(name: str, platform: Platform, waves: int, chats: int, dead_rows: int, took: float) -> str:
    counts = Counter(platform.received)
    expected = {(w, f"c{i}") for w in range(1, waves + 1) for i in range(chats)}
    lost = len(expected - set(counts))
    duplicated = sum(n - 1 for n in counts.values())
    return (
        f"| {name} | {len(expected)} | {len(counts)} | {lost} | {duplicated} | {dead_rows} "
        f"| {took:.1f} s | {load()} |"
    )


async def postgres_stop_and_crash(chats: int) -> str:
    cluster = ThrowAwayCluster().init()
    await cluster.astart()
    try:
        clock = JumpingClock(FIRST_WAVE, factor=30)
        db = Database(cluster.url)
        await db.start()
        await subscribe(db, chats, clock.now())
        platform = Platform()
        worker = DeliveryWorker(db, {"telegram": platform}, clock)  # production defaults
        scheduler = ReminderScheduler(
            db, clock, worker=worker, every=1.0, lease=LeaseTimes().scaled(1 / 30)
        )
        began = time.monotonic()
        await worker.start()
        await scheduler.start()

        async def drain(wave: int) -> None:
            while platform.of(wave) < chats:
                if time.monotonic() - began > 600:
                    raise TimeoutError("not drained in 10 minutes")
                await asyncio.sleep(0.05)

        try:
            await until(lambda: len(platform.received) >= chats // 5, 120)
            await cluster.astop("fast")
            await asyncio.sleep(5)
            await cluster.astart()
            await until(lambda: len(platform.received) >= chats * 3 // 5, 120)
            await cluster.akill()
            await asyncio.sleep(5)
            await cluster.astart()
            await drain(1)
            platform.wave = 2
            clock.set(SECOND_WAVE)
            crash = asyncio.create_task(cluster.astop("immediate"))
            await asyncio.sleep(3)
            await crash
            await cluster.astart()
            await drain(2)
        finally:
            await scheduler.stop()
            await worker.stop()
        took = time.monotonic() - began
        result = row(
            "(b) PostgreSQL stop 5 s + kill -9 5 s + crash under a scan",
            platform,
            2,
            chats,
            await dead(db),
            took,
        )
        await db.close()
        return result
    finally:
        await asyncio.to_thread(cluster.remove)


async def frozen_leader(chats: int) -> str:
    factor = 0.1
    times = LeaseTimes().scaled(factor)
    every = 30 * factor
    schema = await create_schema(POSTGRES_URL, "bench_faults")
    url = make_url(POSTGRES_URL)
    proxy = await PausableProxy(url.host or "127.0.0.1", url.port or 5432).start()
    proxied = url.set(port=proxy.port).render_as_string(hide_password=False)
    a_db, b_db = Database(proxied, schema=schema), Database(POSTGRES_URL, schema=schema)
    try:
        await b_db.start()
        clock = FakeClock(FIRST_WAVE - timedelta(minutes=5))  # 5 minutes before the wave
        await subscribe(b_db, chats, clock.now())
        platform = Platform()
        config = WorkerConfig(
            batch=20,
            concurrency=4,
            idle_poll=0.05,
            send_timeout=600 * factor,
            stop_wait=45 * factor,
            backoff_base=0.0,
        )
        a_worker = DeliveryWorker(a_db, {"telegram": platform}, clock, config=config)
        b_worker = DeliveryWorker(b_db, {"telegram": platform}, clock, config=config)
        a = ReminderScheduler(a_db, clock, worker=a_worker, every=every, lease=times)
        b = ReminderScheduler(b_db, clock, worker=b_worker, every=every, lease=times)
        await a_worker.start()
        await a.start()
        await until(lambda: a.last is not None, 30)
        await b_worker.start()
        await b.start()
        await asyncio.sleep(2 * every)
        assert a.leadership is not None and a.leadership.is_leader and b.last is None
        proxy.pause()
        frozen = time.monotonic()
        clock.set(FIRST_WAVE)  # the wave falls due while the leader is frozen
        await until(lambda: b.last is not None, 600)
        takeover = (time.monotonic() - frozen) / factor
        await until(lambda: platform.of(1) >= chats, 600)
        took = time.monotonic() - frozen
        stopping = time.monotonic()
        await asyncio.gather(a.stop(), a_worker.stop())
        stop_took = (time.monotonic() - stopping) / factor
        await b.stop()
        await b_worker.stop()
        result = row(
            "(e) frozen leader behind a TCP proxy", platform, 1, chats, await dead(b_db), took
        )
        print(
            f"    (e), in production seconds: takeover {takeover:.0f} s after the freeze "
            f"(bound 90 s); the frozen instance's stop returned after {stop_took:.0f} s",
            file=sys.stderr,
        )
        return result
    finally:
        await proxy.stop()
        await asyncio.wait_for(a_db.close(), 30)
        await b_db.close()
        await drop_schema(POSTGRES_URL, schema)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=500)
    parser.add_argument("--only", choices=["b", "e"])
    args = parser.parse_args()
    logging.basicConfig(level=logging.getLevelName(os.environ.get("LOG_LEVEL", "CRITICAL")))
    if args.only is None:
        print(
            "| fault | expected | delivered | lost | duplicated | dead | time to drain "
            "| load at the end |"
        )
        print("|---|---|---|---|---|---|---|---|")
    if args.only is None:  # each fault in a process of its own, as each would be in production
        import subprocess

        for fault in ("b", "e"):
            command = [sys.executable, __file__, "--only", fault, "--chats", str(args.chats)]
            out = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True).stdout
            print(out.splitlines()[-1], flush=True)
    elif args.only == "b":
        print(await postgres_stop_and_crash(args.chats), flush=True)
    else:
        print(await frozen_leader(args.chats), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
