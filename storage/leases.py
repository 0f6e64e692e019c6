"""Named leases in database time: who, of several instances on one database, does a job that
only one may do (the reminders' due-scan, Telegram's long polling).

A lease is a row (``leases``: name, holder, expires_at) taken or renewed by one atomic
upsert that succeeds only if the row is free, expired, or already ours, and that measures
``expires_at`` with the database's own clock, so the instances' clocks never matter. The
holder renews it every ``renew_every`` seconds; it lasts ``ttl`` seconds. Every call is
bounded by a timeout, so a database that stops answering (a partition, a frozen proxy) costs
the holder its lease within ``ttl`` on its own clock rather than hanging it.

The numbers, at the defaults (``ttl`` 45 s, ``renew_every`` 15 s): a holder that freezes has
renewed at most 45 s before its lease runs out, and a standby tries every 15 s, so another
instance takes over at most 60 s after the freeze. A holder counts itself as holding only
until ``ttl`` after it *sent* its last successful renewal, which is never later than the
database's expiry: two holders never both believe they hold, as long as the clocks' rates
agree (they count seconds, not time of day).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from storage.db import Database

log = logging.getLogger(__name__)

TTL = 45.0
RENEW_EVERY = 15.0

_NOW = {
    "postgresql": "CAST(extract(epoch FROM clock_timestamp()) AS double precision)",
    "sqlite": "((julianday('now') - 2440587.5) * 86400.0)",
}


def holder_id() -> str:
    """Host, process and a random part: unique per Lease object, readable in the table."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True, slots=True)
class LeaseTimes:
    ttl: float = TTL
    renew_every: float = RENEW_EVERY

    def scaled(self, factor: float) -> LeaseTimes:
        """Every duration times ``factor``, so the ratios (and the guarantees) hold."""
        return LeaseTimes(self.ttl * factor, self.renew_every * factor)


class Lease:
    """One instance's side of a named lease: ``take`` (take or renew), ``held``, ``release``,
    and ``keep`` (a loop that keeps trying, calling back when holding starts and ends)."""

    def __init__(
        self, db: Database, name: str, times: LeaseTimes | None = None, holder: str | None = None
    ) -> None:
        self.db = db
        self.name = name
        self.times = times or LeaseTimes()
        self.holder = holder or holder_id()
        self._valid_until = 0.0  # time.monotonic() until which we may act as the holder
        self._now = _NOW["postgresql" if db.dialect == "postgresql" else "sqlite"]

    @property
    def held(self) -> bool:
        return time.monotonic() < self._valid_until

    def remaining(self) -> float:
        return max(0.0, self._valid_until - time.monotonic())

    async def take(self) -> bool:
        """Takes the lease if it is free or expired, renews it if it is ours; True if this
        instance holds it now. Never raises and never waits longer than ``renew_every``."""
        sent = time.monotonic()
        sql = text(
            f"INSERT INTO leases (name, holder, expires_at) VALUES (:name, :holder, {self._now} + :ttl) "  # noqa: E501
            "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, "
            "expires_at = excluded.expires_at "
            f"WHERE leases.holder = excluded.holder OR leases.expires_at < {self._now}"
        )
        params = {"name": self.name, "holder": self.holder, "ttl": self.times.ttl}
        try:
            async with asyncio.timeout(self.times.renew_every):
                async with self.db.engine.begin() as conn:
                    got = (await conn.execute(sql, params)).rowcount == 1
        except Exception as e:
            if self.held:
                log.warning("lease %s: could not renew (%s)", self.name, str(e) or type(e).__name__)
            return self.held
        was = self.held
        if got:
            self._valid_until = sent + self.times.ttl
            if not was:
                log.info("lease %s: this instance (%s) holds it now", self.name, self.holder)
        else:
            self._valid_until = 0.0
            if was:
                log.warning("lease %s: another instance holds it now", self.name)
        return got

    async def release(self) -> None:
        """Gives the lease up at once so a standby needn't wait for it to expire; bounded,
        and harmless if it fails (the lease then simply runs out)."""
        if self._valid_until == 0.0:
            return
        self._valid_until = 0.0
        try:
            async with asyncio.timeout(self.times.renew_every):
                async with self.db.engine.begin() as conn:
                    await conn.execute(
                        text(
                            "UPDATE leases SET expires_at = 0 "
                            "WHERE name = :name AND holder = :holder"
                        ),
                        {"name": self.name, "holder": self.holder},
                    )
        except Exception as e:
            log.info("lease %s: release failed (%s); it runs out by itself", self.name, e)

    async def keep(
        self,
        on_gain: Callable[[], Awaitable[None]] | None = None,
        on_loss: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        """Runs until cancelled: takes or renews the lease every ``renew_every`` seconds and
        calls ``on_gain`` / ``on_loss`` when holding starts or ends (also when it runs out
        because the database stopped answering), counted from whether it is held when the
        loop starts. Cancelling releases nothing: call ``release`` after, once the work it
        guarded has stopped."""
        holding = self.held
        while True:
            await self.take()
            if self.held != holding:
                holding = self.held
                callback = on_gain if holding else on_loss
                if callback is not None:
                    try:
                        await callback()
                    except Exception:
                        log.exception("lease %s: a callback failed", self.name)
            wait = self.times.renew_every
            if holding:  # wake up in time to notice the lease running out unrenewed
                wait = min(wait, self.remaining() + 0.01)
            await asyncio.sleep(wait)


async def live(db: Database) -> list[tuple[str, str, float]]:
    """The leases some instance holds now: (name, holder, seconds left), by the database's
    clock; none in a database that has no leases table yet (a new one)."""
    from sqlalchemy import inspect

    now = _NOW["postgresql" if db.dialect == "postgresql" else "sqlite"]
    async with db.engine.connect() as conn:
        if not await conn.run_sync(lambda c: inspect(c).has_table("leases")):
            return []
        rows = await conn.execute(
            text(
                f"SELECT name, holder, expires_at - {now} FROM leases "
                f"WHERE expires_at > {now} ORDER BY name"
            )
        )
        return [(str(n), str(h), float(left)) for n, h, left in rows]


async def expire_all(db: Database) -> None:
    """Every lease run out at once: after a restore, the instances that held them in the copy
    are gone, and the restored bot takes the due-scan and the polling without waiting."""
    async with db.engine.begin() as conn:
        await conn.execute(text("UPDATE leases SET expires_at = 0"))
