"""Reminder fan-out and delivery speed.

The due-scan at 100,000 subscriptions (1,000,000 with ``--million``) on SQLite and on
   PostgreSQL: a tick with nothing due (target < 20 ms), the tick that queues one reminder
   for each subscription, and the longest event-loop stall during each (target: none over
   50 ms), measured by a task that sleeps 1 ms at a time and records how late it wakes.

The delivery worker's speed is ``bench/delivery.py``'s: the real Telegram sender against a
fake that enforces Telegram's limits (the sender this file used declared a rate the real
senders do not have).

Run: .venv/bin/python bench/reminders.py [--subs 100000 | --million] [--no-postgres]
PostgreSQL: TEST_POSTGRES_URL, default postgresql+asyncpg://postgres@127.0.0.1:5432/test
(a schema of its own, dropped afterwards).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Generic, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func
from sqlmodel import select

from bot.reminders import scan, store
from storage.db import Database, create_schema, drop_schema
from storage.models import OutboxMessage, Subscription

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
ZONES = ("UTC", "Europe/Vienna", "Europe/London", "Africa/Nairobi", "Asia/Dubai")
TIMES = ("06:00", "07:30", "08:00", "09:00")
SCAN_AT = datetime(2028, 5, 1, 9, 30, tzinfo=UTC)  # the one-month reminders of June 2028
T = TypeVar("T")


async def open_db(kind: str, tmp: Path) -> tuple[Database, str | None]:
    if kind == "sqlite":
        db = Database(f"sqlite+aiosqlite:///{tmp / f'bench-{uuid.uuid4().hex[:6]}.db'}")
        await db.start()
        return db, None
    schema = await create_schema(POSTGRES_URL, "bench")
    db = Database(POSTGRES_URL, schema=schema)
    await db.start()
    return db, schema


async def drop(schema: str | None) -> None:
    if schema:
        await drop_schema(POSTGRES_URL, schema)


async def fill(db: Database, n: int) -> None:
    """``n`` subscriptions in 5 zones at 4 times of day, with the default lead times, all
    subscribed 90 days before the scan (so every one has the one-month reminder of the June
    2028 review due on 1 May)."""
    t = Subscription.__table__  # type: ignore[attr-defined]
    since = SCAN_AT - timedelta(days=90)
    async with db.session() as s:
        for start in range(0, n, 5000):
            rows = [
                {
                    "platform": ("telegram", "slack")[i % 2],
                    "chat_id": f"chat{i}",
                    "lead_days": "30,7,1,0",
                    "tz": ZONES[i % len(ZONES)],
                    "at_time": TIMES[i % len(TIMES)],
                    "since": since,
                    "created_at": since,
                }
                for i in range(start, min(n, start + 5000))
            ]
            await s.exec(t.insert(), params=rows)  # type: ignore[call-overload]
        await s.commit()


class LagProbe:
    """The event loop's longest stall: a task that sleeps 1 ms at a time and records how late
    it wakes (``worst``, wall clock), and how much of the loop thread's CPU time went to
    others meanwhile (``worst_cpu``). Anything that holds the loop (row conversion, planning,
    encoding) shows in both; on a loaded machine the wall clock also counts the time the
    process waited for a core, which the CPU figure leaves out. The database's own work, in
    its thread or its server, shows in neither."""

    def __init__(self, period: float = 0.001) -> None:
        self.period = period
        self.worst = 0.0
        self.worst_cpu = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            started, cpu = time.perf_counter(), time.thread_time()
            await asyncio.sleep(self.period)
            self.worst = max(self.worst, time.perf_counter() - started - self.period)
            self.worst_cpu = max(self.worst_cpu, time.thread_time() - cpu)

    def __enter__(self) -> LagProbe:
        self.worst = self.worst_cpu = 0.0
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()


@dataclass
class Measured(Generic[T]):
    result: T
    took: float
    stall: float
    stall_cpu: float

    def stalls(self) -> str:
        return f"longest stall {ms(self.stall)} (CPU {ms(self.stall_cpu)})"


async def measured(call: Awaitable[T]) -> Measured[T]:
    """The call's result, its wall time and the longest loop stall while it ran."""
    probe = LagProbe()
    with probe:
        await asyncio.sleep(0.002)  # the probe's first sleep starts before the call
        started = time.perf_counter()
        result = await call
        took = time.perf_counter() - started
        await asyncio.sleep(0.002)
    return Measured(result, took, probe.worst, probe.worst_cpu)


async def idle_stall(seconds: float = 2.0) -> Measured[None]:
    """The probe on an idle loop: what the machine's load alone costs."""
    return await measured(asyncio.sleep(seconds))


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


async def bench_scan(kind: str, n: int, tmp: Path) -> None:
    """The ticks of one day around a reminder date, each with the loop's longest stall:
    the first scan of a fresh table, quiet ticks near the date (the old scan loaded every
    subscription for these), the tick that queues one reminder per subscription, a quiet tick
    after it, and an admin moving the milestone."""
    try:
        db, schema = await open_db(kind, tmp)
    except Exception as e:
        print(f"due-scan  {kind:<10} skipped: {type(e).__name__}: {e}")
        return
    label = f"due-scan  {kind:<10} {n:,} subs"
    try:
        started = time.perf_counter()
        await fill(db, n)
        gc.collect()  # as `coalition-bot run` does once started (bot.app.run.settle_heap)
        gc.freeze()
        idle = await idle_stall()
        filled_rss = peak_rss_mb()
        print(
            f"{label}: filled in {time.perf_counter() - started:.1f} s; "
            f"idle loop: {idle.stalls()}; load {load()}"
        )
        first = await measured(scan.scan(db, SCAN_AT - timedelta(days=1)))
        print(f"{label}: first scan of the table: {ms(first.took)}, {first.stalls()}")
        await scan.scan(db, SCAN_AT.replace(hour=0))
        quiet = []
        for k in range(1, 6):  # five ticks 30 s apart, near the date, nothing due
            q = await measured(scan.scan(db, SCAN_AT.replace(hour=0) + timedelta(seconds=30 * k)))
            assert q.result.queued == 0
            quiet.append(q)
        times = sorted(q.took for q in quiet)
        worst = max(quiet, key=lambda q: q.stall)
        print(
            f"{label}: tick with nothing due: median {ms(times[2])}, worst {ms(times[-1])}, "
            f"{worst.stalls()} [target < 20 ms: {'ok' if times[2] < 0.02 else 'MISSED'}]"
        )
        rss = peak_rss_mb()
        big = await measured(scan.scan(db, SCAN_AT))
        grew = peak_rss_mb() - rss
        async with db.session() as s:
            rows = (await s.exec(select(func.count()).select_from(OutboxMessage))).one()
        queued = big.result.queued
        print(
            f"{label}: enqueue tick: {queued:,} queued in {ms(big.took)} "
            f"({queued / big.took:,.0f}/s), {big.stalls()}, peak RSS +{grew:,.0f} MB; "
            f"outbox rows {rows:,} [no stall > 50 ms: {'ok' if big.stall < 0.05 else 'MISSED'}]"
        )
        after = await measured(scan.scan(db, SCAN_AT + timedelta(seconds=30)))
        print(
            f"{label}: the tick after: {after.result.queued} queued in {ms(after.took)}, "
            f"{after.stalls()}"
        )
        m = (await store.milestones(db, SCAN_AT))[0]
        moved = date(m.on_date.year, m.on_date.month + 1, 1)
        change = await measured(
            store.change_milestone(db, m.id, by="bench", now=SCAN_AT, on_date=moved)
        )
        print(f"{label}: admin moves the milestone: {ms(change.took)}, {change.stalls()}")
        after = await measured(scan.scan(db, SCAN_AT + timedelta(seconds=60)))
        print(
            f"{label}: the tick after the move: {after.result.queued} queued in "
            f"{ms(after.took)}, {after.stalls()}; load {load()}"
        )
        print(
            f"{label}: peak RSS of the process {filled_rss:,.0f} MB after the fill, "
            f"{peak_rss_mb():,.0f} MB after the scans"
        )
    finally:
        await db.close()
        await drop(schema)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subs", type=int, default=100_000)
    parser.add_argument("--million", action="store_true", help="the scan at 1,000,000 subs")
    parser.add_argument("--scan-only", action="store_true", help="(the default now)")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    kinds = ["sqlite"] if args.no_postgres else ["sqlite", "postgresql"]
    subs = 1_000_000 if args.million else args.subs
    print(f"load average {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            await bench_scan(kind, subs, Path(tmp))
        print(f"load average {load()}")


if __name__ == "__main__":
    asyncio.run(main())
