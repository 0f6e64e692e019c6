"""Reminder fan-out and delivery speed.

1. The due-scan and enqueue for 100,000 subscriptions, each with one reminder due in the
   window, on SQLite and on PostgreSQL (target: under 5 s each).
2. The delivery worker's throughput against a sender that allows 30 messages per second
   (at most 30 in any one-second window; faster gets a 429 with Retry-After), both when the
   sender declares its rate and when the worker only has the Retry-After to go by (target: at
   least 95% of 30/s, nothing lost, nothing duplicated).

Run: .venv/bin/python bench/reminders.py [--subs 100000] [--messages 300] [--no-postgres]
PostgreSQL: TEST_POSTGRES_URL, default postgresql+asyncpg://postgres@127.0.0.1:5432/test
(a schema of its own, dropped afterwards).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func
from sqlmodel import select

from bot.clock import SystemClock
from bot.outbox.queue import enqueue
from bot.outbox.sender import RetryLater
from bot.outbox.worker import DeliveryWorker, WorkerConfig
from bot.reminders import scan
from messages.model import Heading, Paragraph, Reply
from messages.model import text as spans
from storage.db import Database, create_schema, drop_schema
from storage.models import OutboxMessage, Subscription

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
ZONES = ("UTC", "Europe/Vienna", "Europe/London", "Africa/Nairobi", "Asia/Dubai")
TIMES = ("06:00", "07:30", "08:00", "09:00")
SCAN_AT = datetime(2028, 5, 1, 9, 30, tzinfo=UTC)  # the one-month reminders of June 2028


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
    t = Subscription.__table__  # type: ignore[attr-defined]
    since = SCAN_AT - timedelta(days=90)
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
        for i in range(n)
    ]
    async with db.session() as s:
        for i in range(0, n, 5000):
            await s.exec(t.insert(), params=rows[i : i + 5000])  # type: ignore[call-overload]
        await s.commit()


async def bench_scan(kind: str, n: int, tmp: Path) -> None:
    try:
        db, schema = await open_db(kind, tmp)
    except Exception as e:
        print(f"due-scan  {kind:<10} skipped: {type(e).__name__}: {e}")
        return
    try:
        await fill(db, n)
        await scan.scan(db, SCAN_AT - timedelta(days=1))  # the previous day's scan
        started = time.perf_counter()
        result = await scan.scan(db, SCAN_AT)
        took = time.perf_counter() - started
        again = time.perf_counter()
        quiet = await scan.scan(db, SCAN_AT + timedelta(minutes=1))
        quiet_took = time.perf_counter() - again
        async with db.session() as s:
            rows = (await s.exec(select(func.count()).select_from(OutboxMessage))).one()
        print(
            f"due-scan  {kind:<10} {n:,} subscriptions: {result.queued:,} reminders queued "
            f"in {took:.2f} s ({result.queued / took:,.0f}/s); outbox rows {rows:,}; "
            f"the next minute's scan: {quiet.queued} queued in {quiet_took * 1000:.0f} ms "
            f"[target < 5 s: {'ok' if took < 5 else 'MISSED'}]"
        )
    finally:
        await db.close()
        await drop(schema)


class LimitedPlatform:
    """At most ``rate`` messages in any one-second window; faster gets RetryLater."""

    platform = "telegram"

    def __init__(self, rate: int, *, declare: bool, latency: float = 0.02) -> None:
        self.rate = rate
        if declare:
            self.max_per_second = rate
        self.latency = latency
        self.window: collections.deque[float] = collections.deque()
        self.received: list[str] = []
        self.rejected = 0

    async def send(self, chat_id: str, reply: Reply) -> str:
        await asyncio.sleep(self.latency)
        now = time.monotonic()
        while self.window and self.window[0] <= now - 1.0:
            self.window.popleft()
        if len(self.window) >= self.rate:
            self.rejected += 1
            raise RetryLater("429 Too Many Requests", retry_after=self.window[0] + 1.0 - now)
        self.window.append(now)
        self.received.append(chat_id)
        return str(len(self.received))

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        raise AssertionError


async def bench_worker(kind: str, messages: int, declare: bool, tmp: Path) -> None:
    try:
        db, schema = await open_db(kind, tmp)
    except Exception as e:
        print(f"worker    {kind:<10} skipped: {type(e).__name__}: {e}")
        return
    clock = SystemClock()
    try:
        async with db.session() as s:
            for i in range(messages):
                await enqueue(
                    s,
                    purpose="reminder",
                    platform="telegram",
                    chat_id=f"chat{i}",
                    occurrence="bench",
                    reply=Reply.of(Heading("Reminder"), Paragraph(spans(f"message {i}"))),
                    now=clock.now(),
                )
            await s.commit()
        platform = LimitedPlatform(30, declare=declare)
        worker = DeliveryWorker(
            db, {"telegram": platform}, clock, config=WorkerConfig(idle_poll=0.05)
        )
        started = time.perf_counter()
        await worker.start()
        deadline = started + messages / 30 * 3
        while len(platform.received) < messages and time.perf_counter() < deadline:
            await asyncio.sleep(0.01)
        took = time.perf_counter() - started
        await worker.stop()
        async with db.session() as s:
            statuses = collections.Counter((await s.exec(select(OutboxMessage.status))).all())
        dupes = len(platform.received) - len(set(platform.received))
        lost = messages - len(set(platform.received))
        rate = len(platform.received) / took
        how = "declared rate" if declare else "Retry-After only"
        print(
            f"worker    {kind:<10} {how:<17} {len(platform.received)} messages in {took:.2f} s: "
            f"{rate:.2f}/s = {rate / 30:.1%} of 30/s; 429s {platform.rejected}; "
            f"lost {lost}, duplicated {dupes}; rows {dict(statuses)} "
            f"[target >= 95%: {'ok' if rate >= 28.5 and not lost and not dupes else 'MISSED'}]"
        )
    finally:
        await db.close()
        await drop(schema)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subs", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    kinds = ["sqlite"] if args.no_postgres else ["sqlite", "postgresql"]
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            await bench_scan(kind, args.subs, Path(tmp))
        for kind in kinds:
            for declare in (True, False):
                await bench_worker(kind, args.messages, declare, Path(tmp))


if __name__ == "__main__":
    asyncio.run(main())
