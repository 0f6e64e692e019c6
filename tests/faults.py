"""Fault injection for the delivery worker: a platform that can rate-limit, go down or hang
for a while, a database that can refuse for a while, and the tally a fault test reports
(expected, delivered, lost, duplicated, dead), all on a ``ScaledClock`` so production
durations run in seconds with their ratios intact."""

from __future__ import annotations

import asyncio
import collections
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import OperationalError
from sqlmodel import select

from bot.base.clock import ScaledClock
from bot.outbox.queue import enqueue
from bot.outbox.sender import RetryLater
from messages.model import Heading, Reply
from storage.db import Database
from storage.models import OutboxMessage


class FaultyPlatform:
    """A platform's ``Sender``: takes each message after ``latency`` clock seconds and counts
    what it accepted per chat; between ``fault_from`` and ``fault_until`` it answers
    ``fault`` instead: ``"429"`` (Retry-After ``retry_after``), ``"down"`` (connection
    refused), or ``"hang"`` (no answer until the fault ends; the message is taken then, even
    if the caller gave up waiting)."""

    def __init__(self, platform: str, clock: ScaledClock, *, latency: float = 0.05) -> None:
        self.platform = platform
        self.clock = clock
        self.latency = latency
        self.accepted: collections.Counter[str] = collections.Counter()
        self.accepted_at: dict[str, datetime] = {}
        self.fault: str | None = None
        self.fault_from: datetime | None = None
        self.fault_until: datetime | None = None
        self.retry_after = 1.0
        self.refused = 0
        self.closed = False  # a closed client: what it had in flight is lost in transit
        self.on_accept: Any = None
        self._late: set[asyncio.Future[str]] = set()  # hung requests, taken when the hang ends
        self._held: asyncio.Future[None] | None = None  # a fault held on until an event

    def inject(
        self,
        fault: str,
        seconds: float,
        *,
        retry_after: float = 1.0,
        until: Callable[[], bool] | None = None,
    ) -> None:
        """``fault`` from now, for ``seconds`` of the clock; with ``until``, for as long
        again as it takes ``until()`` to hold, ``fault_until`` then set to when it ended.

        ``until`` ends the fault on an event rather than a moment: a test that claims
        something happens *during* the fault (another platform's messages all go out) holds
        at any load, where a fixed length on a ``ScaledClock`` is raced by the machine's speed
        (a starved process stretches every clock second it spends working)."""
        self.fault, self.retry_after = fault, retry_after
        self.fault_from = self.clock.now()
        self.fault_until = self.fault_from + timedelta(seconds=seconds)
        if until is not None:
            self._held = asyncio.ensure_future(self._hold(until))

    async def _hold(self, until: Callable[[], bool]) -> None:
        assert self.fault_until is not None
        await self.clock.sleep((self.fault_until - self.clock.now()).total_seconds())
        while not until():
            await asyncio.sleep(0.01)
        self.fault_until = max(self.fault_until, self.clock.now())
        self._held = None

    def _faulty(self) -> bool:
        return self.fault_until is not None and (
            self._held is not None or self.clock.now() < self.fault_until
        )

    async def send(self, chat_id: str, reply: Reply) -> str:
        if self._faulty():
            self.refused += 1
            if self.fault == "429":
                raise RetryLater("429 Too Many Requests", retry_after=self.retry_after)
            if self.fault == "down":
                raise RetryLater("ClientConnectorError: connection refused")
            if self.fault == "hang":
                # The request has reached the platform: it is taken when the hang ends,
                # whether or not the caller is still waiting for the answer, as a real
                # server would (it does not notice that the client gave up).
                taken = asyncio.ensure_future(self._hang_then_take(chat_id))
                self._late.add(taken)
                taken.add_done_callback(self._late.discard)
                return await asyncio.shield(taken)
        return await self._take(chat_id)

    async def _hang_then_take(self, chat_id: str) -> str:
        assert self.fault_until is not None
        await self.clock.sleep((self.fault_until - self.clock.now()).total_seconds())
        if self._held is not None:  # held on past its length until an event
            await asyncio.shield(self._held)
        return await self._take(chat_id)

    async def _take(self, chat_id: str) -> str:
        await self.clock.sleep(self.latency)
        self.accepted[chat_id] += 1
        self.accepted_at.setdefault(chat_id, self.clock.now())
        if self.on_accept is not None:
            self.on_accept(self)
        if self.closed:  # accepted, but the answer never arrives: the client is gone
            raise RetryLater("ClientConnectionError: Session is closed")
        return f"{chat_id}:{self.accepted[chat_id]}"

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        raise AssertionError("no edits in fault tests")


class FlakyDatabase:
    """A ``Database`` whose sessions fail while it is down, as a stopped server's would."""

    def __init__(self, db: Database, clock: ScaledClock) -> None:
        self.db = db
        self.clock = clock
        self.down_until: datetime | None = None
        self.refusals = 0

    @property
    def dialect(self) -> str:
        return self.db.dialect

    def go_down(self, seconds: float) -> None:
        self.down_until = self.clock.now() + timedelta(seconds=seconds)

    def session(self) -> Any:
        if self.down_until is not None and self.clock.now() < self.down_until:
            self.refusals += 1
            raise OperationalError("SELECT 1", {}, ConnectionRefusedError("database is down"))
        return self.db.session()


@dataclass
class Tally:
    fault: str
    expected: int
    delivered: int
    lost: int
    duplicated: int
    dead: int
    drain_seconds: float  # clock seconds from the start until the last message was taken

    def __str__(self) -> str:
        return (
            f"{self.fault}: expected {self.expected}, delivered {self.delivered}, "
            f"lost {self.lost}, duplicated {self.duplicated}, dead {self.dead}, "
            f"drained in {self.drain_seconds:.0f} s"
        )


async def queue_messages(
    db: Database, clock: ScaledClock, platform: str, count: int, prefix: str = "m"
) -> list[str]:
    """``count`` messages, one per chat; the chat ids (what the platform counts by)."""
    chats = [f"{prefix}{i}" for i in range(count)]
    async with db.session() as s:
        for chat in chats:
            await enqueue(
                s,
                purpose="message",
                platform=platform,
                chat_id=chat,
                occurrence="fault",
                reply=Reply.of(Heading(chat)),
                now=clock.now(),
            )
        await s.commit()
    return chats


async def statuses(db: Database) -> collections.Counter[str]:
    async with db.session() as s:
        return collections.Counter((await s.exec(select(OutboxMessage.status))).all())


async def wait_until_delivered(
    platforms: list[FaultyPlatform], chats: list[str], real_timeout: float
) -> None:
    """Polls (bounded) until every chat has its message, or the timeout passes."""
    wanted = set(chats)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + real_timeout
    while loop.time() < deadline:
        got: set[str] = set()
        for p in platforms:
            got.update(p.accepted)
        if wanted <= got:
            return
        await asyncio.sleep(0.02)


def tally(
    fault: str,
    platforms: list[FaultyPlatform],
    chats: list[str],
    dead: int,
    started: datetime,
) -> Tally:
    counts: collections.Counter[str] = collections.Counter()
    last = started
    for p in platforms:
        counts.update(p.accepted)
        for chat in chats:
            if chat in p.accepted_at:
                last = max(last, p.accepted_at[chat])
    delivered = sum(1 for c in chats if counts[c] > 0)
    return Tally(
        fault=fault,
        expected=len(chats),
        delivered=delivered,
        lost=len(chats) - delivered,
        duplicated=sum(max(0, counts[c] - 1) for c in chats),
        dead=dead,
        drain_seconds=(last - started).total_seconds(),
    )
