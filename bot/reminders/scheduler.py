"""Timers: the due-scan every half minute, run by one instance at a time.

APScheduler 3.11's ``AsyncIOScheduler`` with an in-memory interval trigger drives the scan;
the database holds the truth (the outbox, the scan's watermark), so a restart loses nothing and
the first tick, right at start, is the catch-up. The delivery worker has its own loop
(``bot.outbox.worker``); the scan wakes it when it queued something.

With several instances on one database only the holder of the ``due-scan`` lease scans
(``storage.leases``: a row whose expiry the database's clock measures, renewed every 15 s,
lasting 45 s). Every leadership call is bounded by a timeout, so a leader whose database
stops answering (a partition, a frozen connection) stops counting itself leader when its lease
runs out instead of hanging; a standby tries every 15 s, takes the lease at most 60 s after the
leader froze, and scans at once. Two scans at once would still be harmless (the outbox's
dedupe keys make them idempotent); the lease keeps the work, and the "skipped" counts, from
doubling. SQLite instances on one file elect a leader the same way.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.base.clock import Clock
from storage.errors import busy
from storage.leases import Lease, LeaseTimes

if TYPE_CHECKING:
    from bot.core.runtime import Runtime
    from bot.outbox.worker import DeliveryWorker
    from bot.reminders.scan import ScanResult
    from storage.db import Database

log = logging.getLogger(__name__)

SCAN_LEASE = "due-scan"
RETENTION = timedelta(days=90)  # RETENTION_DAYS
PRUNE_EVERY = timedelta(hours=1)


class Leadership:
    """Who runs the due-scan: the holder of the ``due-scan`` lease. ``keep`` runs the
    renewal loop in the background (``ReminderScheduler.start``); without it, ``check``
    takes or renews the lease itself, bounded by the lease's timeout."""

    def __init__(
        self, db: Database, name: str = SCAN_LEASE, times: LeaseTimes | None = None
    ) -> None:
        self.db = db
        self.lease = Lease(db, name, times)
        self._keeper: asyncio.Task[None] | None = None

    @property
    def is_leader(self) -> bool:
        return self.lease.held

    def keep(self, on_gain: Callable[[], Awaitable[None]] | None = None) -> None:
        self._keeper = asyncio.create_task(
            self.lease.keep(on_gain=on_gain), name=f"lease {self.lease.name}"
        )

    async def check(self) -> bool:
        """Still the leader, or the leader now; False while another instance leads."""
        if self._keeper is not None and not self._keeper.done():
            return self.lease.held
        return await self.lease.take()

    async def release(self) -> None:
        """Stops renewing and gives the lease up (both bounded): a stop never hangs here."""
        keeper, self._keeper = self._keeper, None
        if keeper is not None:
            keeper.cancel()
            await asyncio.wait({keeper}, timeout=self.lease.times.renew_every)
        await self.lease.release()


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
        lease: LeaseTimes | None = None,
        retention: timedelta = RETENTION,
    ) -> None:
        from bot.reminders import scan

        self._db_source = db
        self.db: Database | None = None
        self.clock = clock
        self.worker = worker
        self.every = every
        # 0 is a grace period too (no catch-up after downtime), not "unset"
        self.grace = grace if grace is not None else scan.GRACE
        self.late_after = late_after if late_after is not None else scan.LATE_AFTER
        self.lease_times = lease or LeaseTimes()
        self.retention = retention
        self._pruned_at: datetime | None = None
        self.leadership: Leadership | None = None
        self._scheduler: Any = None
        self._tick_lock = asyncio.Lock()
        self._running: set[asyncio.Task[Any]] = set()
        self._catch_up: asyncio.Task[Any] | None = None
        self._stopping = False
        self.last: ScanResult | None = None

    @classmethod
    def for_runtime(cls, runtime: Runtime, worker: DeliveryWorker | None) -> ReminderScheduler:
        from bot.base.settings import REMINDER_GRACE_HOURS, RETENTION_DAYS

        env = runtime.core.settings.env
        grace = timedelta(hours=REMINDER_GRACE_HOURS.read(env))
        retention = timedelta(days=RETENTION_DAYS.read(env))
        return cls(
            runtime.core.database,
            runtime.core.clock,
            worker=worker,
            grace=grace,
            retention=retention,
        )

    async def _database(self) -> Database:
        if self.db is None:
            source = self._db_source
            self.db = source if not callable(source) else await source()
        return self.db

    async def start(self) -> None:
        from apscheduler.schedulers.asyncio import AsyncIOScheduler

        db = await self._database()
        self._stopping = False
        self.leadership = Leadership(db, times=self.lease_times)
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
        # The catch-up, at once, as a task of our own so that stop() can wait for it; and
        # again whenever this instance becomes the leader (a takeover scans at once).
        await self.leadership.check()  # the first take (bounded), so the catch-up needn't wait
        self.leadership.keep(on_gain=self._gained)
        self._catch_up = asyncio.create_task(self.tick(), name="due-scan catch-up")

    async def _gained(self) -> None:
        if not self._stopping and (self._catch_up is None or self._catch_up.done()):
            self._catch_up = asyncio.create_task(self.tick(), name="due-scan takeover")

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
                self.leadership = Leadership(db, times=self.lease_times)
            try:
                if not await self.leadership.check():
                    return None
                # What fell due since the last tick is on time whatever the grace period
                # (a grace of 0 means no catch-up after downtime, not nothing at all).
                grace = max(self.grace, timedelta(seconds=2 * self.every))
                leadership = self.leadership
                result = await scan(
                    db,
                    self.clock.now(),
                    grace=grace,
                    late_after=self.late_after,
                    keep_going=lambda: leadership.is_leader and not self._stopping,
                )
            except Exception as e:
                if busy(e):  # expected under load: one line, no traceback
                    log.warning("the due-scan waited too long for the database; next tick")
                else:
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
            await self._prune(db)
            return result

    async def _prune(self, db: Database) -> None:
        """Retention, on the leader, at most once every ``PRUNE_EVERY``, in bounded batches
        (``storage.retention``). Rows a catch-up scan could queue again (inside the grace
        period, plus a day) are kept whatever the retention age, so pruning never lets a
        reminder go out twice."""
        from storage.retention import prune

        now = self.clock.now()
        if self._pruned_at is not None and now - self._pruned_at < PRUNE_EVERY:
            return
        self._pruned_at = now
        try:
            pruned = await prune(
                db, now, older_than=self.retention, keep_within=self.grace + timedelta(days=1)
            )
        except Exception as e:
            if busy(e):
                log.warning("pruning waited too long for the database; the next hour tries again")
            else:
                log.exception("pruning old rows failed; the next hour tries again")
            return
        if pruned.total:
            log.info("retention: pruned %s", pruned.rows)

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
            _done, late = await asyncio.wait(running, timeout=self.every)
            for t in late:
                t.cancel()
            if late:  # a scan stuck on a database that stopped answering: not for ever
                await asyncio.wait(late, timeout=self.lease_times.renew_every)
        if self.leadership is not None:
            await self.leadership.release()
