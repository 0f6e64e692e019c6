"""Timers: the due-scan every half minute, run by one instance at a time.

APScheduler 3.11's ``AsyncIOScheduler`` with an in-memory interval trigger drives the scan;
the database holds the truth (the outbox, the scan's watermark), so a restart loses nothing and
the first tick, right at start, is the catch-up. The delivery worker has its own loop
(``bot.outbox.worker``); the scan wakes it when it queued something.

With several instances on one PostgreSQL database only the holder of a session-level advisory
lock scans. The lock is taken on a connection of its own that is never handed back to the
pool while it holds the lock; every tick checks that the lock is still held on that
connection. If the holder dies its connection closes, PostgreSQL releases the lock, and the
next tick of another instance (at most ``every`` seconds later, 30 by default) takes it: a
takeover within a minute. Two scans at once would still be harmless (the outbox's dedupe keys
make them idempotent); the lock keeps the work, and the "skipped" counts, from doubling. On
SQLite there is one process, and it is always the leader.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from bot.clock import Clock

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncConnection

    from bot.core.runtime import Runtime
    from bot.outbox.worker import DeliveryWorker
    from bot.reminders.scan import ScanResult
    from storage.db import Database

log = logging.getLogger(__name__)

_HELD = text(
    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' "
    "AND pid = pg_backend_pid() AND granted AND objsubid = 1)"
)


def lock_key(db: Database, name: str) -> int:
    """A signed 64-bit advisory-lock key, distinct per schema so that bots (and test runs)
    in different schemas of one database don't elect each other."""
    digest = hashlib.blake2b(f"coalition-bot:{name}:{db.schema or ''}".encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)


class Leadership:
    """Who runs the due-scan: the holder of a PostgreSQL advisory lock."""

    def __init__(self, db: Database, name: str = "due-scan") -> None:
        self.db = db
        self.key = lock_key(db, name)
        self._conn: AsyncConnection | None = None

    @property
    def is_leader(self) -> bool:
        return self.db.dialect != "postgresql" or self._conn is not None

    async def check(self) -> bool:
        """Still the leader, or the leader now; False while another instance holds the lock."""
        if self.db.dialect != "postgresql":
            return True
        if self._conn is not None:
            try:
                held = (await self._conn.execute(_HELD)).scalar()
                await self._conn.commit()
                if held:
                    return True
                log.warning("leadership lost: the advisory lock is no longer held")
            except Exception as e:
                log.warning("leadership lost: its connection failed (%s)", e)
            await self._drop()
        return await self._acquire()

    async def _acquire(self) -> bool:
        try:
            conn = await self.db.engine.connect()
        except Exception as e:
            log.warning("cannot reach the database to elect a leader: %s", e)
            return False
        try:
            got = (
                await conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key})
            ).scalar()
            await conn.commit()
        except Exception as e:
            log.warning("leader election failed: %s", e)
            await conn.invalidate()
            await conn.close()
            return False
        if got:
            self._conn = conn
            log.info("this instance now runs the due-scan")
            return True
        await conn.close()
        return False

    async def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                await conn.invalidate()  # never back to the pool: it may still hold the lock
            finally:
                await conn.close()

    async def release(self) -> None:
        if self._conn is not None:
            try:
                await self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
            except Exception:
                log.debug("unlock failed; closing the connection releases the lock")
            await self._drop()


class ReminderScheduler:
    name = "scheduler"

    def __init__(
        self,
        db: Database | Callable[[], Awaitable[Database]],
        clock: Clock,
        *,
        worker: DeliveryWorker | None = None,
        every: float = 30.0,
        grace: timedelta | None = None,
        late_after: timedelta | None = None,
    ) -> None:
        from bot.reminders import scan

        self._db_source = db
        self.db: Database | None = None
        self.clock = clock
        self.worker = worker
        self.every = every
        self.grace = grace or scan.GRACE
        self.late_after = late_after or scan.LATE_AFTER
        self.leadership: Leadership | None = None
        self._scheduler: Any = None
        self._tick_lock = asyncio.Lock()
        self._running: set[asyncio.Task[Any]] = set()
        self._catch_up: asyncio.Task[Any] | None = None
        self._stopping = False
        self.last: ScanResult | None = None

    @classmethod
    def for_runtime(cls, runtime: Runtime, worker: DeliveryWorker | None) -> ReminderScheduler:
        from bot.app.config import REMINDER_GRACE_HOURS

        hours = REMINDER_GRACE_HOURS.read(runtime.core.settings.env)
        grace = timedelta(hours=hours)
        return cls(runtime.core.database, runtime.core.clock, worker=worker, grace=grace)

    async def _database(self) -> Database:
        if self.db is None:
            source = self._db_source
            self.db = source if not callable(source) else await source()
        return self.db

    async def start(self) -> None:
        from apscheduler.schedulers.asyncio import AsyncIOScheduler

        db = await self._database()
        self._stopping = False
        self.leadership = Leadership(db)
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        self._scheduler.add_job(
            self.tick,
            "interval",
            seconds=self.every,
            id="due-scan",
            next_run_time=datetime.now(UTC) + timedelta(seconds=self.every),
            coalesce=True,
            max_instances=1,
            misfire_grace_time=int(self.every),
        )
        self._scheduler.start()
        # The catch-up, at once, as a task of our own so that stop() can wait for it.
        self._catch_up = asyncio.create_task(self.tick(), name="due-scan catch-up")

    async def tick(self) -> ScanResult | None:
        """One scan if this instance leads; wakes the worker when something was queued."""
        if self._stopping:
            return None
        task = asyncio.current_task()
        if task is not None:
            self._running.add(task)
        try:
            return await self._tick()
        finally:
            if task is not None:
                self._running.discard(task)

    async def _tick(self) -> ScanResult | None:
        from bot.reminders.scan import scan

        async with self._tick_lock:
            db = await self._database()
            if self.leadership is None:
                self.leadership = Leadership(db)
            try:
                if not await self.leadership.check():
                    return None
                result = await scan(
                    db, self.clock.now(), grace=self.grace, late_after=self.late_after
                )
            except Exception:
                log.exception("the due-scan failed; the next tick tries again")
                return None
            if self.last is None and (result.late or result.skipped):
                log.warning(
                    "catch-up after a pause: %d reminders go out late, %d were skipped",
                    result.late,
                    result.skipped,
                )
            self.last = result
            if result.queued and self.worker is not None:
                self.worker.wake()
            return result

    async def stop(self) -> None:
        self._stopping = True
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.shutdown(wait=False)
            await asyncio.sleep(0)  # AsyncIOScheduler shuts down on the loop's next turn
        self._scheduler = None
        running = {t for t in self._running if t is not asyncio.current_task()}
        if self._catch_up is not None and not self._catch_up.done():
            running.add(self._catch_up)
        if running:  # a scan in progress finishes (it is one transaction either way)
            _done, late = await asyncio.wait(running, timeout=30)
            for t in late:
                t.cancel()
        async with self._tick_lock:
            if self.leadership is not None:
                await self.leadership.release()
